-- Grain: one row per ISO week and source, plus an `(all)` row for every week.
-- Exactly the columns of SPEC section 4, in order (the catalogue's metrics.csv metrics), for
-- every week metrics.csv covers: the single-week rows of funnel_by_source_period, for other
-- tools to read.
with funnel as (
    select * from funnel_by_source_period
),

final as (
    select
        end_week as week,
        source_name as source,
        {{ metrics_csv: {metric} }}
    from funnel
    where week_count = 1
)

select * from final
