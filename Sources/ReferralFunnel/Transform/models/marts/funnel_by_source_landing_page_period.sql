-- Grain: one row per period, source and landing page, where any count is non-zero.
-- SPEC 4.1's counts (int_landing_funnel_by_period) by landing page, the campaigns added up.
-- The source is the session's web source; funnel_by_landing_page_period adds the sources up.
with landing_funnel as (
    select * from int_landing_funnel_by_period
),

periods as (
    select distinct period_key, week_count, end_week from report_periods
),

by_source as (
    select
        period_key,
        source_name,
        landing_page,
        {{ landing_page_counts: sum({metric}) as {metric} }}
    from landing_funnel
    group by period_key, source_name, landing_page
),

final as (
    select
        periods.week_count,
        periods.end_week,
        by_source.*
    from by_source
    inner join periods on periods.period_key = by_source.period_key
    where {{ landing_page_counts joined by +: by_source.{metric} }} > 0
)

select * from final
