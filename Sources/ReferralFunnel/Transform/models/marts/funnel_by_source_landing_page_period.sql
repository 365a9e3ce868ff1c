-- Grain: one row per period, source and landing page, where any count is non-zero.
-- SPEC 4.1's counts for the periods this run reports (every week of metrics.csv and the
-- dashboards' trailing windows): sessions with a page_view by the landing page of their first
-- page_view, in the week of their first event; referrals that came through the web by their
-- session's landing page, in their received week. The source is the session's web source
-- (SPEC 3), for the referrals too, so that a source's dashboard lists what its sessions led
-- to; funnel_by_landing_page_period adds the sources up.
with periods as (
    select * from report_periods
),

-- Sessions with a page_view have a landing page (and count in `sessions`); the others are
-- counted in neither file (SPEC 4.1).
session_counts as (
    select * from int_session_counts_by_week
    where landing_page <> ''
),

web_referrals as (
    select * from int_web_referral_counts_by_week
),

web_values as (
    select * from int_web_values
),

sources as (
    select * from int_sources
),

session_rows as (
    select
        periods.period_key,
        session_counts.landing_page,
        session_counts.utm_source,
        session_counts.referrer_host,
        {{ landing_page_session_counts: session_counts.{metric} as {metric} }},
        {{ landing_page_referral_counts: 0 as {metric} }}
    from session_counts
    inner join periods on periods.week = session_counts.session_week
),

referral_rows as (
    select
        periods.period_key,
        web_referrals.landing_page,
        web_referrals.utm_source,
        web_referrals.referrer_host,
        {{ landing_page_session_counts: 0 as {metric} }},
        {{ landing_page_referral_counts: web_referrals.{metric} }}
    from web_referrals
    inner join periods on periods.week = web_referrals.received_week
),

by_source as (
    select
        counted.period_key,
        sources.source_name,
        counted.landing_page,
        {{ landing_page_counts: sum(counted.{metric}) as {metric} }}
    from (select * from session_rows union all select * from referral_rows) as counted
    inner join web_values
        on web_values.utm_source = counted.utm_source
        and web_values.referrer_host = counted.referrer_host
    inner join sources on sources.source_key = web_values.source_key
    group by counted.period_key, sources.source_name, counted.landing_page
),

final as (
    select
        periods_by_key.week_count,
        periods_by_key.end_week,
        by_source.*
    from by_source
    inner join (select distinct period_key, week_count, end_week from periods) as periods_by_key
        on periods_by_key.period_key = by_source.period_key
    where {{ landing_page_counts joined by +: by_source.{metric} }} > 0
)

select * from final
