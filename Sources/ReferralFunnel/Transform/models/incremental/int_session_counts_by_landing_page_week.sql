-- Grain: one row per ISO week, landing page (SPEC 4.1) and first-event web value pair
-- (utm_source, referrer_host as in int_session_counts_by_week), so that a source's
-- dashboard can list the landing pages of its sessions. Incremental, like
-- int_session_counts_by_week: kept between runs and adjusted by the sessions a night touched
-- (counted_sessions: sign 1 for a session as it is now, -1 for its earlier version).
-- A session counts in the week of its first event, for the landing page of its first
-- page_view; a session without a page_view has none and is counted in neither `sessions` nor
-- here. form_starts and form_submits are of those sessions, as in SPEC section 4.
with counted as (
    select * from counted_sessions
    where landing_page is not null
),

final as (
    select
        iso_week(first_event_at) as session_week,
        landing_page,
        coalesce(utm_source, '') as utm_source,
        coalesce(referrer_host, '') as referrer_host,
        sum(sign) as sessions,
        sum(sign * has_form_start) as form_starts,
        sum(sign * has_form_submit) as form_submits
    from counted
    group by 1, 2, 3, 4
)

select * from final
