-- Grain: one row per referral that came through the web from a session with a page_view
-- (SPEC 4.1): its received week, its session's landing page and campaign ('' for an absent
-- utm value) and its session's web source. A view: read when someone traces a pages.csv or campaigns.csv cell
-- (`referral-funnel explain --page`).
with web_referrals as (
    select * from int_referrals_through_the_web
),

web_values as (
    select * from int_web_values
),

sources as (
    select * from int_sources
),

final as (
    select
        web_referrals.referral_id,
        web_referrals.received_week,
        web_referrals.landing_page,
        web_referrals.utm_source,
        web_referrals.utm_medium,
        web_referrals.utm_campaign,
        -- The session's web source, which the source pages' landing-page tables go by.
        sources.source_name as session_source_name
    from web_referrals
    inner join web_values
        on web_values.utm_source = web_referrals.utm_source
        and web_values.referrer_host = web_referrals.referrer_host
    inner join sources on sources.source_key = web_values.source_key
)

select * from final
