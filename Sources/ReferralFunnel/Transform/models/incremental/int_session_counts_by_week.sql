-- Grain: one row per ISO week, first-event web value pair (utm_source, referrer_host as
-- written; '' for none), landing page ('' for a session without a page_view) and the first
-- event's utm_medium and utm_campaign ('' for none): the keys of SPEC 3's web source and of
-- 4.1's landing pages and campaigns, counted in one pass over the sessions (a cold year at
-- bench scale: one sort of 4 million sessions rather than three, 8.5 s rather than 24 s).
-- Readers sum the rows they need. Incremental: kept between runs and adjusted by the
-- sessions a night touched, so the web side of the funnel never rescans the history.
-- A session counts in the week of its first event (SPEC section 4): `sessions` are those with
-- a page_view; form_starts and form_submits are of those. `all_sessions` counts every session
-- for the data-quality report. first_event_at, first_event_file_id and first_event_line are
-- the group's earliest session, by ts, then file order, then line (SPEC section 3), for
-- naming unregistered sources.
--
-- counted_sessions holds the sessions to add (sign 1) and the earlier versions of merged
-- sessions to take away (sign -1); the writer adds these sums to the stored ones. Only rows
-- being added compete for the earliest session: a removed row's instant is pushed past them
-- and its position left out, and a group with none added keeps its stored earliest (the
-- writer compares (instant, file, line) and the pushed instant never wins).
with counted as (
    select * from counted_sessions
),

groups as (
    select
        iso_week(first_event_at) as session_week,
        coalesce(utm_source, '') as utm_source,
        coalesce(referrer_host, '') as referrer_host,
        coalesce(landing_page, '') as landing_page,
        coalesce(utm_medium, '') as utm_medium,
        coalesce(utm_campaign, '') as utm_campaign,
        sum(sign * has_page_view) as sessions,
        sum(sign * (has_page_view and has_form_start)) as form_starts,
        sum(sign * (has_page_view and has_form_submit)) as form_submits,
        sum(sign) as all_sessions,
        min(case when sign > 0 then first_event_at else 9223372036854775807 end) as first_event_at,
        -- A place in file order as one integer: file_id, then line (below 2^32).
        earliest_position(
            case when sign > 0 then first_event_at end,
            first_event_file_id * 4294967296 + first_event_line
        ) as first_position
    from counted
    group by 1, 2, 3, 4, 5, 6
),

final as (
    select
        session_week,
        utm_source,
        referrer_host,
        landing_page,
        utm_medium,
        utm_campaign,
        sessions,
        form_starts,
        form_submits,
        all_sessions,
        first_event_at,
        coalesce(first_position / 4294967296, 0) as first_event_file_id,
        coalesce(first_position % 4294967296, 0) as first_event_line
    from groups
)

select * from final
