-- The tables the incremental models keep between runs. Created when missing; dropped and
-- rebuilt from the loaded rows when the time zone (which decides weeks) changes.

-- How far the web session parts have been merged, and under which time zone.
create table if not exists web_session_merge_state (
    merged_through_file_id integer not null,
    time_zone text not null
);

-- See stg_web__sessions.sql.
create table if not exists stg_web__sessions (
    session_id text primary key,
    first_event_at integer not null,
    first_event_file_id integer not null,
    first_event_line integer not null,
    utm_source text,
    referrer_host text,
    last_event_at integer not null,
    event_count integer not null,
    has_page_view integer not null,
    has_form_start integer not null,
    has_form_submit integer not null,
    -- How many files the session appears in; its first event is re-ranked when above one.
    part_count integer not null,
    -- The first event's campaign beside its utm_source (SPEC 4.1).
    utm_medium text,
    utm_campaign text,
    -- The first page_view, by ts, then file order, then line, and its masked path: the
    -- landing page (SPEC 4.1). Null for a session without a page_view.
    first_page_view_at integer,
    first_page_view_file_id integer,
    first_page_view_line integer,
    landing_page text
) without rowid;
-- Finds the few sessions whose parts were merged, for stg_web__session_first_parts.
create index if not exists stg_web__sessions_with_several_parts on stg_web__sessions (session_id)
where part_count > 1;

-- See int_session_counts_by_week.sql.
create table if not exists int_session_counts_by_week (
    session_week text not null,
    utm_source text not null,
    referrer_host text not null,
    landing_page text not null,
    utm_medium text not null,
    utm_campaign text not null,
    sessions integer not null,
    form_starts integer not null,
    form_submits integer not null,
    all_sessions integer not null,
    first_event_at integer not null,
    first_event_file_id integer not null,
    first_event_line integer not null,
    primary key (session_week, utm_source, referrer_host, landing_page, utm_medium, utm_campaign)
) without rowid;

-- The span of all web events: only ever widens, as sessions only gain events.
create table if not exists web_event_span (
    earliest integer,
    latest integer
);
