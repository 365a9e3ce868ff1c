-- Grain: one row per received week, landing page, campaign (utm_source, utm_medium,
-- utm_campaign; '' for none) and referrer host of the referrals that came through the web
-- (SPEC 4.1): the winning row's submission_id was carried by a form_submit, and the session of
-- the first such event (by ts, then file order, then line) has a page_view. A referral counts
-- in its received week for that session's landing page and campaign, and for the session's
-- web values (which give its web source: int_web_values); its referrals, scheduled and
-- completed are section 4's. The facts carry the session's values (attribution re-scopes a
-- referral whose session changes), so this is one pass, in key order, over the facts'
-- partial index: rebuilt every run in a tenth of a second, where each mart reading the
-- referrals one by one took 0.75 s a night at bench scale.
with facts as (
    select * from int_referral_facts
    where web_landing_page is not null
),

final as (
    select
        received_week,
        web_landing_page as landing_page,
        coalesce(web_utm_source, '') as utm_source,
        coalesce(web_utm_medium, '') as utm_medium,
        coalesce(web_utm_campaign, '') as utm_campaign,
        coalesce(web_referrer_host, '') as referrer_host,
        {{ landing_page_referral_counts: sum({condition}) as {metric} }}
    from facts
    group by received_week, web_landing_page, web_utm_source, web_utm_medium, web_utm_campaign, web_referrer_host
)

select * from final
