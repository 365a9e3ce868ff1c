-- Grain: one row per ISO week and campaign, where any count is non-zero.
-- Exactly the columns of campaigns.csv (SPEC 4.1), for every week metrics.csv covers: the
-- single-week rows of funnel_by_campaign_period; an absent utm value is ''.
with funnel as (
    select * from funnel_by_campaign_period
),

final as (
    select
        end_week as week,
        utm_source,
        utm_medium,
        utm_campaign,
        {{ landing_page_counts: {metric} }}
    from funnel
    where week_count = 1
)

select * from final
