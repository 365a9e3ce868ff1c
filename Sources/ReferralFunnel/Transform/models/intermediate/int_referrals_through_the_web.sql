-- Grain: one row per referral that came through the web (SPEC 4.1): the winning row's
-- submission_id was carried by a form_submit, and the session of the first such event
-- (int_referral_facts.submitting_session_id, by ts, then file order, then line) has a
-- page_view. A view: a session's landing page can move when a later file holds earlier
-- events, and the referral is then counted where its session now lands.
-- The referral counts in its received week for its session's landing page and campaign, and
-- for the session's web values (which give its web source: int_web_values).
with facts as (
    select * from int_referral_facts
    where submitting_session_id is not null
),

sessions as (
    select * from stg_web__sessions
),

final as (
    select
        facts.referral_id,
        facts.received_week,
        facts.is_scheduled,
        facts.is_completed,
        sessions.landing_page,
        coalesce(sessions.utm_source, '') as utm_source,
        coalesce(sessions.utm_medium, '') as utm_medium,
        coalesce(sessions.utm_campaign, '') as utm_campaign,
        coalesce(sessions.referrer_host, '') as referrer_host
    from facts
    inner join sessions on sessions.session_id = facts.submitting_session_id
    where sessions.landing_page is not null
)

select * from final
