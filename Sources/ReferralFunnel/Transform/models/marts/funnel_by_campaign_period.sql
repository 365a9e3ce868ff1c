-- Grain: one row per period and campaign (utm_source, utm_medium, utm_campaign; '' for none),
-- where any count is non-zero.
-- SPEC 4.1's counts for every period this run reports: the sources of
-- funnel_by_source_campaign_period added up (every session has one web source).
with by_source as (
    select * from funnel_by_source_campaign_period
),

final as (
    select
        week_count,
        end_week,
        period_key,
        utm_source,
        utm_medium,
        utm_campaign,
        {{ landing_page_counts: sum({metric}) as {metric} }}
    from by_source
    group by week_count, end_week, period_key, utm_source, utm_medium, utm_campaign
)

select * from final
