-- Grain: one row per web session.
-- A session's first event is its earliest across every file it appears in: by ts, then file
-- order, then line (SPEC section 3). Form stages are those reached in any file.
with session_parts as (
    select * from web_session_parts
),

parts_in_event_order as (
    select
        session_id,
        file_id,
        first_event_at,
        first_event_line,
        first_utm_source,
        first_referrer_host,
        row_number() over (
            partition by session_id
            order by first_event_at, file_id, first_event_line
        ) as part_order
    from session_parts
),

stages_reached as (
    select
        session_id,
        max(last_event_at) as last_event_at,
        sum(event_count) as event_count,
        max(has_page_view) as has_page_view,
        max(has_form_start) as has_form_start,
        max(has_form_submit) as has_form_submit
    from session_parts
    group by session_id
),

final as (
    select
        first_part.session_id,
        first_part.first_event_at,
        first_part.file_id as first_event_file_id,
        first_part.first_event_line,
        first_part.first_utm_source as utm_source,
        first_part.first_referrer_host as referrer_host,
        stages_reached.last_event_at,
        stages_reached.event_count,
        stages_reached.has_page_view,
        stages_reached.has_form_start,
        stages_reached.has_form_submit
    from parts_in_event_order as first_part
    inner join stages_reached on stages_reached.session_id = first_part.session_id
    where first_part.part_order = 1
)

select * from final
