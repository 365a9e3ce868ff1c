-- Grain: one row per period this run reports, source, landing page and campaign
-- (utm_source, utm_medium, utm_campaign as written, '' for none).
-- SPEC 4.1's counts, defined once for both of its tables: sessions with a page_view by the
-- landing page of their first page_view and the campaign of their first event, in the week of
-- their first event; referrals that came through the web by their session's landing page and
-- campaign, in their received week. The source is the session's web source (SPEC 3), for the
-- referrals too, so that a source's dashboard lists what its sessions led to. The landing-page
-- and campaign marts each add up the keys they do not show.
with periods as (
    select * from report_periods
),

-- Sessions without a page_view have no landing page and are counted in neither table.
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
        session_counts.utm_source,
        session_counts.referrer_host,
        session_counts.landing_page,
        session_counts.utm_medium,
        session_counts.utm_campaign,
        {{ landing_page_session_counts: session_counts.{metric} as {metric} }},
        {{ landing_page_referral_counts: 0 as {metric} }}
    from session_counts
    inner join periods on periods.week = session_counts.session_week
),

referral_rows as (
    select
        periods.period_key,
        web_referrals.utm_source,
        web_referrals.referrer_host,
        web_referrals.landing_page,
        web_referrals.utm_medium,
        web_referrals.utm_campaign,
        {{ landing_page_session_counts: 0 as {metric} }},
        {{ landing_page_referral_counts: web_referrals.{metric} }}
    from web_referrals
    inner join periods on periods.week = web_referrals.received_week
),

final as (
    select
        counted.period_key,
        sources.source_name,
        counted.landing_page,
        counted.utm_source,
        counted.utm_medium,
        counted.utm_campaign,
        {{ landing_page_counts: sum(counted.{metric}) as {metric} }}
    from (select * from session_rows union all select * from referral_rows) as counted
    inner join web_values
        on web_values.utm_source = counted.utm_source
        and web_values.referrer_host = counted.referrer_host
    inner join sources on sources.source_key = web_values.source_key
    group by counted.period_key, sources.source_name, counted.landing_page, counted.utm_source,
        counted.utm_medium, counted.utm_campaign
)

select * from final
