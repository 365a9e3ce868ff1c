-- Migration 3: remember each ingested file's modification time, so a nightly run can skip
-- the files it already holds (same path, size and modification time) without hashing them
-- again; its cost then follows the new files, not the history.
alter table ingested_files add column modified_at integer;
create index ingested_files_by_path on ingested_files (feed, path);
