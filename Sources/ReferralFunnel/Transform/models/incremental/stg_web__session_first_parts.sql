-- Grain: one row per merged session with several parts (multi_part_sessions, a temp view of
-- the rows stg_web__sessions just merged with part_count > 1).
-- The part holding the session's first event: earliest ts, then file order, then line
-- (SPEC section 3), which gives the session's web values and campaign; and the part holding
-- its first page_view, ranked the same way among the parts that have one, which gives its
-- landing page (SPEC 4.1). Two parts may share the earliest ts, so they are ranked, not
-- min()ed.
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

parts_in_page_view_order as (
    select
        parts.*,
        row_number() over (
            partition by session_id
            order by first_page_view_at, first_page_view_file_id, first_page_view_line
        ) as page_view_order
    from parts
    where first_page_view_at is not null
),

first_events as (
    select
        session_id,
        file_id as first_event_file_id,
        first_event_line,
        first_utm_source as utm_source,
        first_referrer_host as referrer_host,
        first_utm_medium as utm_medium,
        first_utm_campaign as utm_campaign
    from parts_in_event_order
    where part_order = 1
),

first_page_views as (
    select session_id, first_page_view_at, first_page_view_file_id, first_page_view_line, landing_page
    from parts_in_page_view_order
    where page_view_order = 1
),

final as (
    select
        first_events.*,
        first_page_views.first_page_view_at,
        first_page_views.first_page_view_file_id,
        first_page_views.first_page_view_line,
        first_page_views.landing_page
    from first_events
    left join first_page_views on first_page_views.session_id = first_events.session_id
)

select * from final
