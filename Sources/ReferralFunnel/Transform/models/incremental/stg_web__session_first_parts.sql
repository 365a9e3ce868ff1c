-- Grain: one row per merged session with several parts (multi_part_sessions, a temp view of
-- the rows stg_web__sessions just merged with part_count > 1).
-- The part holding the session's first event: earliest ts, then file order, then line
-- (SPEC section 3). Two parts may share the earliest ts, so they are ranked, not min()ed.
with parts as (
    select * from web_session_parts_to_merge
    where session_id in (select session_id from multi_part_sessions)
),

parts_in_event_order as (
    select
        parts.*,
        row_number() over (
            partition by session_id
            order by first_event_at, file_id, first_event_line
        ) as part_order
    from parts
),

final as (
    select
        session_id,
        file_id as first_event_file_id,
        first_event_line,
        first_utm_source as utm_source,
        first_referrer_host as referrer_host
    from parts_in_event_order
    where part_order = 1
)

select * from final
