-- Grain: one row per web session. A view, not a table: the funnel reads the weekly counts
-- (int_session_counts_by_week), so this is computed only when someone asks for sessions one
-- by one (`referral-funnel explain`).
-- A session belongs to the ISO week of its first event and to its web source; its landing
-- page and campaign are those of SPEC 4.1.
with sessions as (
    select * from stg_web__sessions
),

web_values as (
    select * from int_web_values
),

sources as (
    select * from int_sources
),

final as (
    select
        sessions.session_id,
        sources.source_name,
        iso_week(sessions.first_event_at) as session_week,
        sessions.first_event_at,
        sessions.has_page_view,
        sessions.has_form_start,
        sessions.has_form_submit,
        -- SPEC 4.1: null for a session without a page_view.
        sessions.landing_page,
        coalesce(sessions.utm_source, '') as utm_source,
        coalesce(sessions.utm_medium, '') as utm_medium,
        coalesce(sessions.utm_campaign, '') as utm_campaign
    from sessions
    inner join web_values
        on web_values.utm_source = coalesce(sessions.utm_source, '')
        and web_values.referrer_host = coalesce(sessions.referrer_host, '')
    inner join sources on sources.source_key = web_values.source_key
)

select * from final
