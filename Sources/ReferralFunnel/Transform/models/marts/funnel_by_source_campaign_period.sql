-- Grain: one row per period, source and campaign (utm_source, utm_medium, utm_campaign as
-- written, '' for none), where any count is non-zero.
-- SPEC 4.1's counts (int_landing_funnel_by_period) by campaign, the landing pages added up.
-- The source is the session's web source; funnel_by_campaign_period adds the sources up.
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
        utm_source,
        utm_medium,
        utm_campaign,
        {{ landing_page_counts: sum({metric}) as {metric} }}
    from landing_funnel
    group by period_key, source_name, utm_source, utm_medium, utm_campaign
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
