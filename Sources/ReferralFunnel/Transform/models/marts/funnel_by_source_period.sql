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
    select period_key, source_key, {{ referral_columns: {metric} }} from int_referral_metrics_by_week
    union all
    select period_key, source_key, {{ referral_columns: {metric} }} from int_referral_metrics_by_window
),

session_rows as (
    select periods.period_key, sources.source_name, {{ session_counts: session_counts.{metric} }}
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
        {{ session_counts: sum({metric}) as {metric} }}
    from (
        select period_key, source_name, {{ session_counts: {metric} }} from session_rows
        union all
        select period_key, '(all)', {{ session_counts: {metric} }} from session_rows
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
        {{ session_counts: coalesce(session_metrics.{metric}, 0) as {metric} }},
        {{ referral_columns: coalesce(referral_metrics.{metric}, {absent}) as {metric} }}
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
        or {{ counts joined by +: {metric} }} > 0
)

select * from final
