-- Grain: one row per ISO week (period_key) and source key, plus an `(all)` row per week
-- with referrals.
-- The referral metrics of SPEC section 4: every referral stage counts the cohort received in
-- the week. Trailing windows (int_referral_metrics_by_window) add these weeks' counts and
-- take the duration percentiles, defined as here, over the window's referrals.
-- Kept between runs: rebuilt only for the weeks in scope (see IncrementalReferralModels):
-- the weeks whose referrals changed or whose `stalled` can have moved with as_of.
with referral_rows as (
    select * from scoped_referral_weeks
),

final as (
    select
        period_key,
        source_key,
        count(*) as referrals,
        sum(is_complete) as complete,
        sum(has_been_returned) as returned,
        sum(has_been_accepted) as accepted,
        sum(is_confirmed) as confirmed,
        sum(is_confirmed_within_sla) as confirmed_within_sla,
        duration_percentile(microseconds_to_confirm, 0.5, 3600000000)
            filter (where microseconds_to_confirm is not null) as median_hours_to_confirm,
        sum(is_scheduled) as scheduled,
        duration_percentile(microseconds_to_first_appointment, 0.5, 86400000000)
            filter (where microseconds_to_first_appointment is not null) as median_days_to_first_appointment,
        duration_percentile(microseconds_to_first_appointment, 0.9, 86400000000)
            filter (where microseconds_to_first_appointment is not null) as p90_days_to_first_appointment,
        sum(is_completed) as completed,
        sum(no_show_appointments) as no_show_appointments,
        sum(attended_appointments) as attended_appointments,
        sum(is_closed_loop) as closed_loop,
        sum(is_stalled) as stalled
    from (
        select period_key, source_key, is_complete, has_been_returned, has_been_accepted, is_confirmed, is_confirmed_within_sla,
            microseconds_to_confirm, is_scheduled, microseconds_to_first_appointment, is_completed, no_show_appointments,
            attended_appointments, is_closed_loop, is_stalled
        from referral_rows
        union all
        select period_key, '(all)', is_complete, has_been_returned, has_been_accepted, is_confirmed, is_confirmed_within_sla,
            microseconds_to_confirm, is_scheduled, microseconds_to_first_appointment, is_completed, no_show_appointments,
            attended_appointments, is_closed_loop, is_stalled
        from referral_rows
    )
    group by period_key, source_key
)

select * from final
