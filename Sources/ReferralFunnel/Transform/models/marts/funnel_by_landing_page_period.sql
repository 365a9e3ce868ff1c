-- Grain: one row per period and landing page, where any count is non-zero.
-- SPEC 4.1's counts for every period this run reports: the sources of
-- funnel_by_source_landing_page_period added up (every session has one web source).
with by_source as (
    select * from funnel_by_source_landing_page_period
),

final as (
    select
        week_count,
        end_week,
        period_key,
        landing_page,
        {{ landing_page_counts: sum({metric}) as {metric} }}
    from by_source
    group by week_count, end_week, period_key, landing_page
)

select * from final
