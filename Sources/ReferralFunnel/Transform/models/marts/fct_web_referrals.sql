-- Grain: one row per referral that came through the web from a session with a page_view
-- (SPEC 4.1): its received week, its session's landing page and campaign ('' for an absent
-- utm value) and its session's web source. A view: read when someone traces a pages.csv or
-- campaigns.csv cell (`referral-funnel explain --page`).
with facts as (
    select * from int_referral_facts
    where web_landing_page is not null
),

web_values as (
    select * from int_web_values
),

sources as (
    select * from int_sources
),

final as (
    select
        facts.referral_id,
        facts.received_week,
        facts.web_landing_page as landing_page,
        coalesce(facts.web_utm_source, '') as utm_source,
        coalesce(facts.web_utm_medium, '') as utm_medium,
        coalesce(facts.web_utm_campaign, '') as utm_campaign,
        -- The session's web source, which the source pages' landing-page tables go by.
        sources.source_name as session_source_name
    from facts
    inner join web_values
        on web_values.utm_source = coalesce(facts.web_utm_source, '')
        and web_values.referrer_host = coalesce(facts.web_referrer_host, '')
    inner join sources on sources.source_key = web_values.source_key
)

select * from final
