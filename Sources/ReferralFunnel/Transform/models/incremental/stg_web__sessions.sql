-- Grain: one row per web session. Incremental: kept between runs and merged with the
-- session parts loaded since the last transform, so a night's cost follows its new files.
-- A session's first event is its earliest across every file it appears in: by ts, then file
-- order, then line (SPEC section 3); form stages are those reached in any file.
--
-- This query yields the merged row of every session in web_session_parts_to_merge, in one
-- grouping pass. Its first-event columns (file, line, utm_source, utm_medium, utm_campaign,
-- referrer host) and first-page_view columns (instant, file, line, landing page) are each the
-- min() of the session's parts: exact for a session with one part (nearly all), where each
-- is that part's own value. Sessions with several parts (part_count > 1) get them from
-- stg_web__session_first_parts instead, which ranks their parts by ts, then file order, then
-- line (SPEC 3); the writer applies it (IncrementalWebModels.rankFirstEventsOfMultiPartSessions).
with parts as (
    select * from web_session_parts_to_merge
),

final as (
    select
        session_id,
        min(first_event_at) as first_event_at,
        min(file_id) as first_event_file_id,
        min(first_event_line) as first_event_line,
        min(first_utm_source) as utm_source,
        min(first_referrer_host) as referrer_host,
        max(last_event_at) as last_event_at,
        sum(event_count) as event_count,
        max(has_page_view) as has_page_view,
        max(has_form_start) as has_form_start,
        max(has_form_submit) as has_form_submit,
        sum(part_count) as part_count,
        min(first_utm_medium) as utm_medium,
        min(first_utm_campaign) as utm_campaign,
        min(first_page_view_at) as first_page_view_at,
        min(first_page_view_file_id) as first_page_view_file_id,
        min(first_page_view_line) as first_page_view_line,
        min(landing_page) as landing_page
    from parts
    group by session_id
)

select * from final
