-- Grain: one row per ISO week (period_key) and source key, plus an `(all)` row per week
-- with referrals.
-- The referral metrics of SPEC section 4: every referral stage counts the cohort received in
-- the week. Trailing windows (int_referral_metrics_by_window) add these weeks' counts and
-- take the duration percentiles, defined as here, over the window's referrals.
-- Kept between runs: rebuilt only for the weeks in scope (see IncrementalReferralModels):
-- the weeks whose referrals changed or whose `stalled` can have moved with as_of.
with referral_rows as not materialized (
    select * from scoped_referral_weeks
),

-- Streamed in (week, source) order from int_referral_facts_by_week_and_source: no sort.
-- duration_percentile skips nulls (referrals not confirmed or not scheduled).
by_source as (
    select
        period_key,
        source_key,
        count(*) as referrals,
        sum(is_complete) as complete,
        sum(has_been_returned) as returned,
        sum(has_been_accepted) as accepted,
        sum(has_been_declined) as declined,
        sum(is_confirmed) as confirmed,
        sum(is_confirmed_within_sla) as confirmed_within_sla,
        duration_percentile(microseconds_to_confirm, 0.5, 3600000000) as median_hours_to_confirm,
        sum(is_scheduled) as scheduled,
        duration_percentile(microseconds_to_first_appointment, 0.5, 86400000000) as median_days_to_first_appointment,
        duration_percentile(microseconds_to_first_appointment, 0.9, 86400000000) as p90_days_to_first_appointment,
        sum(is_completed) as completed,
        sum(no_show_appointments) as no_show_appointments,
        sum(attended_appointments) as attended_appointments,
        sum(is_closed_loop) as closed_loop,
        sum(is_stalled) as stalled
    from referral_rows
    group by period_key, source_key
),

-- Percentiles do not add up: the `(all)` row's are taken over every duration of the week's
-- sources, from their samples (int_referral_durations_by_week, rebuilt just before for the
-- same weeks), rather than from a second pass over the week's referrals.
all_durations as (
    select
        durations.period_key,
        duration_percentile_of_samples(durations.confirm_samples, 0.5, 3600000000) as median_hours_to_confirm,
        duration_percentile_of_samples(durations.first_appointment_samples, 0.5, 86400000000)
            as median_days_to_first_appointment,
        duration_percentile_of_samples(durations.first_appointment_samples, 0.9, 86400000000)
            as p90_days_to_first_appointment
    from int_referral_durations_by_week as durations
    where durations.period_key in (select period_key from by_source)
    group by durations.period_key
),

-- Counts add up: the `(all)` row's are the sums of the week's sources.
all_sources as (
    select
        by_source.period_key,
        '(all)' as source_key,
        {{ referral_counts: sum(by_source.{metric}) as {metric} }},
        {{ referral_durations: all_durations.{metric} }}
    from by_source
    inner join all_durations on all_durations.period_key = by_source.period_key
    group by by_source.period_key
),

-- Both halves by column name, in the catalogue's order, which the trailing windows share.
final as (
    select
        period_key,
        source_key,
        {{ referral_columns: {metric} }}
    from by_source
    union all
    select
        period_key,
        source_key,
        {{ referral_columns: {metric} }}
    from all_sources
)

select * from final
