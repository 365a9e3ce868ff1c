-- Grain: one row per trailing window of weeks (period_key such as `13w:2026-W47`) and source
-- key, plus an `(all)` row per window with referrals. Rebuilt every run: the windows move
-- with the report week.
-- Counts are sums of the window's weeks in int_referral_metrics_by_week, where each metric
-- is defined. Percentiles do not add up, so the three duration metrics are taken over the
-- window's referrals with the same expressions as there.
with windows as (
    select * from report_periods
    where week_count > 1
),

weekly as (
    select * from int_referral_metrics_by_week
),

-- Not materialized: read a window's weeks through the facts' week index, not copied whole.
facts as not materialized (
    select * from int_referral_facts
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

-- Each window's referrals, read from the facts' covering index by week and source
-- (int_referral_facts_by_week_and_source) rather than from their rows.
window_facts as not materialized (
    select windows.period_key, facts.source_key, facts.microseconds_to_confirm, facts.microseconds_to_first_appointment
    from windows
    inner join facts on facts.received_week = windows.week
),

-- Grouped by source, then for `(all)` by window alone: two small groupings are cheaper than
-- one over every referral twice. duration_percentile skips nulls (referrals not confirmed or
-- not scheduled).
window_durations as (
    select
        period_key,
        source_key,
        duration_percentile(microseconds_to_confirm, 0.5, 3600000000) as median_hours_to_confirm,
        duration_percentile(microseconds_to_first_appointment, 0.5, 86400000000) as median_days_to_first_appointment,
        duration_percentile(microseconds_to_first_appointment, 0.9, 86400000000) as p90_days_to_first_appointment
    from window_facts
    group by period_key, source_key
    union all
    select
        period_key,
        '(all)',
        duration_percentile(microseconds_to_confirm, 0.5, 3600000000),
        duration_percentile(microseconds_to_first_appointment, 0.5, 86400000000),
        duration_percentile(microseconds_to_first_appointment, 0.9, 86400000000)
    from window_facts
    group by period_key
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
