-- Grain: one row per web session. A view: read only when someone traces a number
-- (`referral-funnel explain`).
-- The export file and line of each session's first event (SPEC section 3: by ts, then file
-- order, then line), the event that decides its week and source; and of its first page_view,
-- the event that decides its landing page (SPEC 4.1), null without one.
with sessions as (
    select * from stg_web__sessions
),

files as (
    select * from ingested_files
),

final as (
    select
        sessions.session_id,
        files.path as first_event_file_path,
        sessions.first_event_line,
        page_view_files.path as first_page_view_file_path,
        sessions.first_page_view_line
    from sessions
    inner join files on files.file_id = sessions.first_event_file_id
    left join files as page_view_files on page_view_files.file_id = sessions.first_page_view_file_id
)

select * from final
