-- Grain: one row per ISO week and source, plus an `(all)` row for every week.
-- Exactly the columns of SPEC section 4, in order, for every week metrics.csv covers: the
-- single-week rows of funnel_by_source_period, for other tools to read.
with funnel as (
    select * from funnel_by_source_period
),

final as (
    select
        end_week as week,
        source_name as source,
        sessions,
        form_starts,
        form_submits,
        referrals,
        complete,
        returned,
        accepted,
        confirmed,
        confirmed_within_sla,
        median_hours_to_confirm,
        scheduled,
        median_days_to_first_appointment,
        p90_days_to_first_appointment,
        completed,
        no_show_appointments,
        attended_appointments,
        closed_loop,
        stalled
    from funnel
    where week_count = 1
)

select * from final
