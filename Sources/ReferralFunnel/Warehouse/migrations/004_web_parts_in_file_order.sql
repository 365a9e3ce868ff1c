-- Migration 4: key the reduced web tables by file and line. Keyed by session (or submission)
-- first, every nightly file's rows landed all over the B-tree, so each load rewrote pages
-- across the whole table (measured: 1.8 million page writes for an 80 MB warehouse). Keyed
-- by file and line (a session's first line in the file, a submission's line: both unique
-- within a file), a file's rows are appended together at the end, in an order the loader
-- gets by sorting integers.
create table web_session_parts_by_file (
    file_id integer not null references ingested_files (file_id),
    session_id text not null,
    first_event_at integer not null,
    first_event_line integer not null,
    first_utm_source text,
    first_referrer_host text,
    last_event_at integer not null,
    event_count integer not null,
    has_page_view integer not null,
    has_form_start integer not null,
    has_form_submit integer not null,
    primary key (file_id, first_event_line)
) without rowid;
insert into web_session_parts_by_file (file_id, session_id, first_event_at, first_event_line, first_utm_source,
    first_referrer_host, last_event_at, event_count, has_page_view, has_form_start, has_form_submit)
select file_id, session_id, first_event_at, first_event_line, first_utm_source,
    first_referrer_host, last_event_at, event_count, has_page_view, has_form_start, has_form_submit
from web_session_parts order by file_id, first_event_line;
drop table web_session_parts;
alter table web_session_parts_by_file rename to web_session_parts;

create table web_form_submits_by_file (
    file_id integer not null references ingested_files (file_id),
    submission_id text not null,
    line integer not null,
    session_id text not null,
    submitted_at integer not null,
    primary key (file_id, line)
) without rowid;
insert into web_form_submits_by_file (file_id, submission_id, line, session_id, submitted_at)
select file_id, submission_id, line, session_id, submitted_at from web_form_submits order by file_id, line;
drop table web_form_submits;
alter table web_form_submits_by_file rename to web_form_submits;
