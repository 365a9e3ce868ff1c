-- Grain: one row per period and source, plus an `(all)` row for every period.
-- The metrics of SPEC section 4 for every period this run reports: one ISO week (what
-- metrics.csv holds) or a trailing window of weeks for the dashboards. Web stages count
-- sessions with a page_view, in the week of the session's first event (from the weekly
-- session counts); referral stages are defined in int_referral_metrics_by_week.
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

referral_metrics_by_key as (
    select * from int_referral_metrics_by_week
    union all
    select * from int_referral_metrics_by_window
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

-- The referral metrics are defined per source key (int_referral_metrics_by_week, and
-- int_referral_metrics_by_window for trailing windows);
-- here they get the source's display name, for the periods this run reports.
referral_metrics as (
    select
        referral_metrics_by_key.*,
        coalesce(sources.source_name, referral_metrics_by_key.source_key) as source_name
    from referral_metrics_by_key
    left join sources on sources.source_key = referral_metrics_by_key.source_key
    where referral_metrics_by_key.period_key in (select period_key from periods)
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
