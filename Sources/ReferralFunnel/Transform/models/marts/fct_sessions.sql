-- Grain: one row per web session.
-- A session belongs to the ISO week of its first event and to its web source.
with sessions as (
    select * from int_sessions_with_source_key
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
        sessions.has_form_submit
    from sessions
    inner join sources on sources.source_key = sessions.source_key
)

select * from final
