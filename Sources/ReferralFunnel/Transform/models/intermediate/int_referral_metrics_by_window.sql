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
        {{ referral_counts: sum(weekly.{metric}) as {metric} }}
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

-- In the columns and order of int_referral_metrics_by_week.
final as (
    select
        window_counts.period_key,
        window_counts.source_key,
        {{ referral_columns: {metric} }}
    from window_counts
    left join window_durations
        on window_durations.period_key = window_counts.period_key
        and window_durations.source_key = window_counts.source_key
)

select * from final
