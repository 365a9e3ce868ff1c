-- Grain: one row per ISO week and campaign: the first event's utm_source, utm_medium and
-- utm_campaign as written, '' for none (SPEC 4.1), and its referrer host, which with the
-- utm_source decides the session's source (int_web_values). Incremental, like
-- int_session_counts_by_landing_page_week, and over the same sessions: those with a
-- page_view, in the week of their first event.
with counted as (
    select * from counted_sessions
    where has_page_view
),

final as (
    select
        iso_week(first_event_at) as session_week,
        coalesce(utm_source, '') as utm_source,
        coalesce(utm_medium, '') as utm_medium,
        coalesce(utm_campaign, '') as utm_campaign,
        coalesce(referrer_host, '') as referrer_host,
        sum(sign) as sessions,
        sum(sign * has_form_start) as form_starts,
        sum(sign * has_form_submit) as form_submits
    from counted
    group by 1, 2, 3, 4, 5
)

select * from final
