-- Grain: one row per ISO week (period_key) and source key with referrals.
-- The durations behind the trailing windows' percentiles (int_referral_metrics_by_window).
-- Percentiles do not add up, but samples do: each week keeps its referrals' durations,
-- sorted (duration_samples skips the nulls of referrals not confirmed or not scheduled), and
-- a window takes its percentiles from its weeks' samples. The weekly percentiles themselves
-- are int_referral_metrics_by_week's.
-- Kept between runs and scoped like int_referral_metrics_by_week.
with referral_rows as not materialized (
    select * from scoped_referral_weeks
),

final as (
    select
        period_key,
        source_key,
        duration_samples(microseconds_to_confirm) as confirm_samples,
        duration_samples(microseconds_to_first_appointment) as first_appointment_samples
    from referral_rows
    group by period_key, source_key
)

select * from final
