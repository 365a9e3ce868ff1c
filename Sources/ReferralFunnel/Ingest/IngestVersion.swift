/// Which version of ingest loaded a warehouse's rows. Ingest keeps only part of each export
/// (web events reduced to per-session parts, patient identifiers hashed), so rows loaded by
/// an older ingest cannot gain what a newer one keeps: they have to be loaded again from the
/// exports, which is what `rebuild` does.
public enum IngestVersion {
    /// Bump this when ingest changes what it keeps, or how, so that rows loaded before and
    /// after the change would differ for the same export: a new kept column (a landing page,
    /// a campaign), a value parsed or normalized differently at load, a reduction that keeps
    /// other facts. Then every existing warehouse is refused by `run`, `ingest`, `transform`
    /// and `report` until `rebuild` reloads it. Do not bump it for changes to the models or
    /// the reports: the transform rebuilds those from the kept rows.
    ///
    /// 2: names lose control characters; reserved source names, referrer hosts that are no
    /// host names, and instants outside 2000-2099 load as empty or are quarantined.
    /// 3: session parts keep their first event's utm_medium and utm_campaign and their first
    /// page_view's masked path (SPEC 4.1).
    public static let current = 3

    /// Checks that `database` holds rows of this version of ingest only. A warehouse that has
    /// read no file yet (a new one) holds nothing an older ingest kept, so it is stamped with
    /// this version instead.
    static func check(_ database: Database, pipeline: String) throws {
        let hasIngestedFiles = try database.scalar("select count(*) from (select 1 from ingested_files limit 1)")?.int == 1
        guard hasIngestedFiles else {
            try database.prepare("update ingest_version set version = ?").run([.integer(Int64(current))])
            return
        }
        // Migration 6 records a version in every warehouse; a missing row would be a
        // warehouse edited by hand, read as this version rather than refused.
        let recorded = try database.scalar("select max(version) from ingest_version")?.int ?? current
        if recorded < current {
            throw PipelineError.loadedByOlderIngest(version: recorded, current: current, pipeline: pipeline)
        }
        if recorded > current {
            throw PipelineError.loadedByNewerIngest(version: recorded, current: current, pipeline: pipeline)
        }
    }
}
