-- Grain: one row per referral that came through the web (SPEC 4.1): the winning row's
-- submission_id was carried by a form_submit, and the session of the first such event (by
-- ts, then file order, then line) has a page_view. The referral counts in its received week
-- for that session's landing page and campaign, and for the session's web values (which give
-- its web source: int_web_values). The facts carry the session's values (attribution
-- re-scopes a referral whose session changes); a view over their partial index.
with facts as (
    select * from int_referral_facts
    where web_landing_page is not null
),

final as (
    select
        referral_id,
        received_week,
        is_scheduled,
        is_completed,
        web_landing_page as landing_page,
        coalesce(web_utm_source, '') as utm_source,
        coalesce(web_utm_medium, '') as utm_medium,
        coalesce(web_utm_campaign, '') as utm_campaign,
        coalesce(web_referrer_host, '') as referrer_host
    from facts
)

select * from final
