-- Migration 7: the settings the warehouse's rows were loaded under, beyond the code
-- (IngestVersion) and the models (their own fingerprints): the patient key's fingerprint,
-- the time zone, each feed's mapping and max_reject_rate (IngestSettings). Rows loaded under
-- other settings no longer agree with new ones (hashes that do not link, local times read in
-- another zone), so a run refuses a change and asks for `rebuild`. One row per setting, so
-- that the refusal names what changed. A warehouse from before this migration has no rows:
-- its next run records the settings it runs with, since they cannot be checked.
create table ingest_settings (
    setting text primary key,
    value text not null
);
