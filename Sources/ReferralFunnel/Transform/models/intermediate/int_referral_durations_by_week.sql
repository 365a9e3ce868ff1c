-- Grain: one row per ISO week (period_key) and source key with referrals.
-- The durations behind the percentiles of several sources or weeks together: a week's
-- `(all)` row (int_referral_metrics_by_week) and the trailing windows
-- (int_referral_metrics_by_window). Percentiles do not add up, but samples do: each week
-- keeps its referrals' durations, sorted (duration_samples skips the nulls of referrals not
-- confirmed or not scheduled), and the percentiles are taken from the samples merged. A
-- source's own weekly percentiles are int_referral_metrics_by_week's, from its referrals.
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
