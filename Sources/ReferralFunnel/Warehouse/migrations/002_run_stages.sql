-- Migration 2: which stages a run ran, now that `ingest`, `transform` and `report` can run
-- alone. Space-separated stage names; null on runs recorded before this migration, which
-- all ran every stage.
alter table runs add column stages text;
