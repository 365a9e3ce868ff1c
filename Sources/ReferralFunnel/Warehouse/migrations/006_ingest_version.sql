-- Migration 6: which version of ingest loaded the warehouse's rows (IngestVersion.current).
-- Rows loaded by an older ingest lack what a newer one keeps, so a run refuses to add new
-- rows beside them and asks for `rebuild` instead. Every warehouse that existed before this
-- migration was loaded by version 1, the version this migration shipped with; a warehouse
-- that holds no loaded file yet is stamped with the running version when a run opens it.
create table ingest_version (
    version integer not null
);
insert into ingest_version (version) values (1);
