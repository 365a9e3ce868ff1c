-- Grain: one row per period and source, plus an `(all)` row for every period.
-- The metrics of SPEC section 4. A period is one ISO week (what metrics.csv holds) or a
-- trailing window of weeks for the dashboards; both are grouped by this one model, so a
-- metric has one definition. Web stages count sessions with a page_view, in the week of the
-- session's first event; referral stages count the cohort received in the period.
with periods as (
    select * from report_periods
),

session_counts as (
    select * from int_session_counts_by_week
),

web_values as (
    select * from int_web_values
),

sources as (
    select * from int_sources
),

referrals as (
    select * from fct_referrals
),

session_rows as (
    select periods.period_key, sources.source_name, session_counts.sessions, session_counts.form_starts,
        session_counts.form_submits
    from session_counts
    inner join periods on periods.week = session_counts.session_week
    inner join web_values
        on web_values.utm_source = session_counts.utm_source
        and web_values.referrer_host = session_counts.referrer_host
    inner join sources on sources.source_key = web_values.source_key
),

referral_rows as (
    select periods.period_key, referrals.*
    from referrals
    inner join periods on periods.week = referrals.received_week
),

session_metrics as (
    select
        period_key,
        source_name,
        sum(sessions) as sessions,
        sum(form_starts) as form_starts,
        sum(form_submits) as form_submits
    from (
        select period_key, source_name, sessions, form_starts, form_submits from session_rows
        union all
        select period_key, '(all)', sessions, form_starts, form_submits from session_rows
    )
    group by period_key, source_name
),

referral_metrics as (
    select
        period_key,
        source_name,
        count(*) as referrals,
        sum(is_complete) as complete,
        sum(has_been_returned) as returned,
        sum(has_been_accepted) as accepted,
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
    from (
        select period_key, source_name, is_complete, has_been_returned, has_been_accepted, is_confirmed, is_confirmed_within_sla,
            microseconds_to_confirm, is_scheduled, microseconds_to_first_appointment, is_completed, no_show_appointments,
            attended_appointments, is_closed_loop, is_stalled
        from referral_rows
        union all
        select period_key, '(all)', is_complete, has_been_returned, has_been_accepted, is_confirmed, is_confirmed_within_sla,
            microseconds_to_confirm, is_scheduled, microseconds_to_first_appointment, is_completed, no_show_appointments,
            attended_appointments, is_closed_loop, is_stalled
        from referral_rows
    )
    group by period_key, source_name
),

keys as (
    select period_key, source_name from session_metrics
    union
    select period_key, source_name from referral_metrics
    union
    select distinct period_key, '(all)' from periods
),

combined as (
    select
        periods_by_key.week_count,
        periods_by_key.end_week,
        keys.period_key,
        keys.source_name,
        coalesce(session_metrics.sessions, 0) as sessions,
        coalesce(session_metrics.form_starts, 0) as form_starts,
        coalesce(session_metrics.form_submits, 0) as form_submits,
        coalesce(referral_metrics.referrals, 0) as referrals,
        coalesce(referral_metrics.complete, 0) as complete,
        coalesce(referral_metrics.returned, 0) as returned,
        coalesce(referral_metrics.accepted, 0) as accepted,
        coalesce(referral_metrics.confirmed, 0) as confirmed,
        coalesce(referral_metrics.confirmed_within_sla, 0) as confirmed_within_sla,
        referral_metrics.median_hours_to_confirm,
        coalesce(referral_metrics.scheduled, 0) as scheduled,
        referral_metrics.median_days_to_first_appointment,
        referral_metrics.p90_days_to_first_appointment,
        coalesce(referral_metrics.completed, 0) as completed,
        coalesce(referral_metrics.no_show_appointments, 0) as no_show_appointments,
        coalesce(referral_metrics.attended_appointments, 0) as attended_appointments,
        coalesce(referral_metrics.closed_loop, 0) as closed_loop,
        coalesce(referral_metrics.stalled, 0) as stalled
    from keys
    inner join (select distinct period_key, week_count, end_week from periods) as periods_by_key
        on periods_by_key.period_key = keys.period_key
    left join session_metrics
        on session_metrics.period_key = keys.period_key and session_metrics.source_name = keys.source_name
    left join referral_metrics
        on referral_metrics.period_key = keys.period_key and referral_metrics.source_name = keys.source_name
),

final as (
    select *
    from combined
    -- A source appears in a period where any of its counts is non-zero; (all) always does.
    where source_name = '(all)'
        or sessions + form_starts + form_submits + referrals + complete + returned + accepted + confirmed
            + confirmed_within_sla + scheduled + completed + no_show_appointments + attended_appointments
            + closed_loop + stalled > 0
)

select * from final
