-- Migration 5: the newest instant each loaded file carries (web: its latest event ts;
-- intake: received_at or updated_at; scheduling: booked_at or updated_at), so feed freshness
-- reads the ledger instead of scanning every loaded row each night. Files loaded before
-- this migration get theirs from their rows here (each file's rows are one key range).
-- Null for a file with no usable row.
alter table ingested_files add column latest_at integer;
update ingested_files set latest_at = case feed
    when 'web' then (
        select max(last_event_at) from web_session_parts where web_session_parts.file_id = ingested_files.file_id)
    when 'intake' then (
        select max(max(received_at, coalesce(updated_at, received_at))) from intake_rows
        where intake_rows.file_id = ingested_files.file_id)
    when 'scheduling' then (
        select max(max(booked_at, coalesce(updated_at, booked_at))) from appointment_rows
        where appointment_rows.file_id = ingested_files.file_id)
    end
where held_back_reason is null;
