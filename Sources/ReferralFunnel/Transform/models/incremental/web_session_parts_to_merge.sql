-- Grain: one row per session part to merge this run (a temp view read by stg_web__sessions
-- and stg_web__session_first_parts). The new parts are those loaded since the last
-- transform (file_id past web_session_merge_state.merged_through_file_id); each staged row
-- of a session they touch (touched_sessions_before) is itself a part: the first event of
-- everything merged so far, standing for part_count parts. A part's first page_view has its
-- own file (first_page_view_file_id): a staged session's may differ from its first event's.
-- Names are unqualified: a first build on a scratch database (BackgroundWebSessionBuild)
-- finds its own merge state there and the parts in the attached warehouse.
with new_parts as (
    select
        session_id, file_id, first_event_at, first_event_line, first_utm_source, first_referrer_host,
        last_event_at, event_count, has_page_view, has_form_start, has_form_submit, 1 as part_count,
        first_utm_medium, first_utm_campaign, first_page_view_at,
        case when first_page_view_at is not null then file_id end as first_page_view_file_id,
        first_page_view_line, landing_page
    from web_session_parts
    where file_id > (select merged_through_file_id from web_session_merge_state)
),

staged_parts as (
    select
        session_id, first_event_file_id, first_event_at, first_event_line, utm_source, referrer_host,
        last_event_at, event_count, has_page_view, has_form_start, has_form_submit, part_count,
        utm_medium, utm_campaign, first_page_view_at, first_page_view_file_id, first_page_view_line, landing_page
    from temp.touched_sessions_before
),

final as (
    select * from new_parts
    union all
    select * from staged_parts
)

select * from final
