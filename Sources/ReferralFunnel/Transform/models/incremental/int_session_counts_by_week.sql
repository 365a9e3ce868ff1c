-- Grain: one row per ISO week and first-event web value pair (utm_source, referrer_host as
-- written; '' for none). Incremental: kept between runs and adjusted by the sessions a night
-- touched, so the web side of the funnel never rescans the history.
-- A session counts in the week of its first event (SPEC section 4): `sessions` are those with
-- a page_view; form_starts and form_submits are of those. `all_sessions` counts every session
-- for the data-quality report. first_event_at, first_event_file_id and first_event_line are
-- the group's earliest session, for naming unregistered sources.
--
-- counted_sessions holds the sessions to add (sign 1) and the earlier versions of merged
-- sessions to take away (sign -1); the writer adds these sums to the stored ones.
with counted as (
    select * from counted_sessions
),

final as (
    select
        iso_week(first_event_at) as session_week,
        coalesce(utm_source, '') as utm_source,
        coalesce(referrer_host, '') as referrer_host,
        sum(sign * has_page_view) as sessions,
        sum(sign * (has_page_view and has_form_start)) as form_starts,
        sum(sign * (has_page_view and has_form_submit)) as form_submits,
        sum(sign) as all_sessions,
        -- With one min() SQLite takes file and line from a row holding it; only rows being
        -- added compete (a removed row's sign is -1 and its instant is pushed past them).
        min(case when sign > 0 then first_event_at else 9223372036854775807 end) as first_event_at,
        first_event_file_id,
        first_event_line
    from counted
    group by 1, 2, 3
)

select * from final
