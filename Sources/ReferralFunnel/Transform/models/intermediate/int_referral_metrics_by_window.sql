-- Grain: one row per trailing window of weeks (period_key such as `13w:2026-W47`) and source
-- key, plus an `(all)` row per window with referrals. Rebuilt every run: the windows move
-- with the report week.
-- Counts are sums of the window's weeks in int_referral_metrics_by_week, where each metric
-- is defined. Percentiles do not add up, so the three duration metrics are taken over every
-- duration of the window's referrals, from the weeks' samples (int_referral_durations_by_week).
with windows as (
    select * from report_periods
    where week_count > 1
),

weekly as (
    select * from int_referral_metrics_by_week
),

-- Not materialized: read twice below, SQLite would otherwise copy every week's samples into
-- a temporary table first, a cost that grows with the history (two years at bench scale:
-- 12 MB copied, 0.37 s a night); so each window seeks its own weeks by the period index.
durations as not materialized (
    select * from int_referral_durations_by_week
),

window_counts as (
    select
        windows.period_key,
        weekly.source_key,
        sum(weekly.referrals) as referrals,
        sum(weekly.complete) as complete,
        sum(weekly.returned) as returned,
        sum(weekly.accepted) as accepted,
        sum(weekly.confirmed) as confirmed,
        sum(weekly.confirmed_within_sla) as confirmed_within_sla,
        sum(weekly.scheduled) as scheduled,
        sum(weekly.completed) as completed,
        sum(weekly.no_show_appointments) as no_show_appointments,
        sum(weekly.attended_appointments) as attended_appointments,
        sum(weekly.closed_loop) as closed_loop,
        sum(weekly.stalled) as stalled
    from windows
    inner join weekly on weekly.period_key = windows.week
    group by windows.period_key, weekly.source_key
),

-- The percentiles of every duration in the window's weeks, by source and, over every
-- source, for `(all)`; the same percentiles as int_referral_metrics_by_week takes of a week.
window_durations as (
    select
        windows.period_key,
        durations.source_key,
        duration_percentile_of_samples(durations.confirm_samples, 0.5, 3600000000) as median_hours_to_confirm,
        duration_percentile_of_samples(durations.first_appointment_samples, 0.5, 86400000000)
            as median_days_to_first_appointment,
        duration_percentile_of_samples(durations.first_appointment_samples, 0.9, 86400000000)
            as p90_days_to_first_appointment
    from windows
    inner join durations on durations.period_key = windows.week
    group by windows.period_key, durations.source_key
    union all
    select
        windows.period_key,
        '(all)',
        duration_percentile_of_samples(durations.confirm_samples, 0.5, 3600000000),
        duration_percentile_of_samples(durations.first_appointment_samples, 0.5, 86400000000),
        duration_percentile_of_samples(durations.first_appointment_samples, 0.9, 86400000000)
    from windows
    inner join durations on durations.period_key = windows.week
    group by windows.period_key
),

final as (
    select
        window_counts.period_key,
        window_counts.source_key,
        window_counts.referrals,
        window_counts.complete,
        window_counts.returned,
        window_counts.accepted,
        window_counts.confirmed,
        window_counts.confirmed_within_sla,
        window_durations.median_hours_to_confirm,
        window_counts.scheduled,
        window_durations.median_days_to_first_appointment,
        window_durations.p90_days_to_first_appointment,
        window_counts.completed,
        window_counts.no_show_appointments,
        window_counts.attended_appointments,
        window_counts.closed_loop,
        window_counts.stalled
    from window_counts
    left join window_durations
        on window_durations.period_key = window_counts.period_key
        and window_durations.source_key = window_counts.source_key
)

select * from final
