-- Grain: one row per web session. Incremental: kept between runs and merged with the
-- session parts loaded since the last transform, so a night's cost follows its new files.
-- A session's first event is its earliest across every file it appears in: by ts, then file
-- order, then line (SPEC section 3); form stages are those reached in any file.
--
-- This query yields the merged row of every session in web_session_parts_to_merge, in one
-- grouping pass. Its first-event columns are exact for a session with one part (nearly
-- all): SQLite takes bare columns from the row holding the min() when no other min() or
-- max() moves on a later row, which cannot happen with one row. Sessions with several parts
-- (part_count > 1) get their first event from stg_web__session_first_parts, which ranks
-- their parts exactly; the writer applies it.
with parts as (
    select * from web_session_parts_to_merge
),

final as (
    select
        session_id,
        min(first_event_at) as first_event_at,
        file_id as first_event_file_id,
        first_event_line,
        first_utm_source as utm_source,
        first_referrer_host as referrer_host,
        max(last_event_at) as last_event_at,
        sum(event_count) as event_count,
        max(has_page_view) as has_page_view,
        max(has_form_start) as has_form_start,
        max(has_form_submit) as has_form_submit,
        sum(part_count) as part_count
    from parts
    group by session_id
)

select * from final
