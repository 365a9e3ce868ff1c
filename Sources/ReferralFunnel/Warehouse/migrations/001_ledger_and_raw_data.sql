-- Migration 1: bookkeeping (runs, ingest ledger, quarantine) and the loaded exports.
-- Shipped migrations never change; later changes are new numbered files.

create table runs (
    run_id integer primary key,
    pipeline text not null,
    started_at integer not null,          -- microseconds since epoch, UTC
    finished_at integer,
    status text not null default 'running' check (status in ('running', 'succeeded', 'held_back', 'failed')),
    as_of integer,
    message text
);

-- One row per file read. file_id is the file order of SPEC section 2: files of an earlier
-- run come first, and within a run files are inserted in lexicographic order of their path.
create table ingested_files (
    file_id integer primary key,
    run_id integer not null references runs (run_id),
    feed text not null check (feed in ('web', 'intake', 'scheduling')),
    path text not null,
    size_bytes integer not null,
    sha256 text not null,
    rows_read integer not null,
    rows_loaded integer not null,
    rows_quarantined integer not null,
    warnings integer not null,
    held_back_reason text,                -- null when the file loaded
    ingested_at integer not null
);
create index ingested_files_by_hash on ingested_files (feed, sha256);

-- Rows that could not be used (is_warning = 0) and optional values that were dropped from
-- rows that still loaded (is_warning = 1). raw_text is kept only for unusable rows, for
-- repair; reports never show it.
create table quarantine (
    quarantine_id integer primary key,
    file_id integer not null references ingested_files (file_id),
    line integer not null,
    column_name text,
    reason text not null,
    is_warning integer not null,
    raw_text text
);
create index quarantine_by_file on quarantine (file_id);

-- Web activity reduced to what the funnel needs: one row per session and file, holding the
-- session's first event in that file and which form stages it reached. Raw events are not
-- kept; staging combines a session's parts across files.
create table web_session_parts (
    session_id text not null,
    file_id integer not null references ingested_files (file_id),
    first_event_at integer not null,
    first_event_line integer not null,
    first_utm_source text,                -- field, else the page's query string
    first_referrer_host text,             -- lowercased as written
    last_event_at integer not null,
    event_count integer not null,
    has_page_view integer not null,
    has_form_start integer not null,
    has_form_submit integer not null,
    primary key (session_id, file_id)
) without rowid;

-- The first form_submit per submission id within a file.
create table web_form_submits (
    submission_id text not null,
    file_id integer not null references ingested_files (file_id),
    line integer not null,
    session_id text not null,
    submitted_at integer not null,
    primary key (submission_id, file_id)
) without rowid;

-- Every loaded intake snapshot row. Patient identifiers are HMAC-SHA256 values.
create table intake_rows (
    file_id integer not null references ingested_files (file_id),
    line integer not null,
    referral_id text not null,
    received_at integer not null,
    channel text,
    referring_practice text,
    referring_npi text,
    referring_provider text,
    service_line text,
    patient_key text,
    submission_id text,
    missing_items text not null,
    status text not null,
    confirmed_at integer,
    updated_at integer,
    primary key (file_id, line)
) without rowid;

-- Every loaded scheduling snapshot row.
create table appointment_rows (
    file_id integer not null references ingested_files (file_id),
    line integer not null,
    appointment_id text not null,
    referral_id text,
    patient_key text not null,
    booked_at integer not null,
    starts_at integer not null,
    status text not null,
    department text,
    provider text,
    visit_type text,
    note_sent_at integer,
    updated_at integer,
    primary key (file_id, line)
) without rowid;
