-- Grain: one row per ISO week and landing page, where any count is non-zero.
-- Exactly the columns of pages.csv (SPEC 4.1), for every week metrics.csv covers: the
-- single-week rows of funnel_by_landing_page_period.
with funnel as (
    select * from funnel_by_landing_page_period
),

final as (
    select
        end_week as week,
        landing_page,
        {{ landing_page_counts: {metric} }}
    from funnel
    where week_count = 1
)

select * from final
