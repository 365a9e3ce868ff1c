import Foundation

/// What the `status` command shows: recent runs, the files they ingested, feed freshness
/// and the warehouse's size. Times are instants; the CLI formats them.
public struct WarehouseStatus: Sendable {
    public struct RunRecord: Sendable, Equatable {
        public var runID: Int64
        public var startedAt: Instant
        public var finishedAt: Instant?
        /// `running`, `succeeded`, `held_back` or `failed`; a `running` run whose process
        /// is gone (no lock held) reads as `interrupted`.
        public var status: String
        /// The stages it ran; nil for runs recorded before stages could run alone (all).
        public var stages: String?
        public var asOf: Instant?
        public var message: String?
    }

    public struct FileRecord: Sendable, Equatable {
        public var runID: Int64
        public var feed: String
        public var path: String
        public var rowsRead: Int
        public var rowsLoaded: Int
        public var rowsQuarantined: Int
        public var warnings: Int
        public var heldBackReason: String?
    }

    public struct FeedStatus: Sendable, Equatable {
        public var freshness: DataQuality.FeedFreshness
        /// When the feed's newest file was ingested (wall clock), or nil when none was.
        public var lastIngestedAt: Instant?
    }

    /// Newest first.
    public var runs: [RunRecord]
    /// The files the listed runs ingested, in ingest order.
    public var files: [FileRecord]
    public var feeds: [FeedStatus]
    /// The instant freshness is judged against: the last transform's as_of, else now.
    public var freshnessAsOf: Instant
    public var freshnessAsOfIsRecorded: Bool
    /// The database file with its write-ahead log.
    public var warehouseBytes: Int64
    public var isRunInProgress: Bool
}

/// Reads `WarehouseStatus` through a read-only connection, so it works while a run holds
/// the lock and never blocks one.
public struct WarehouseStatusReader {
    let config: PipelineConfig

    public init(config: PipelineConfig) {
        self.config = config
    }

    /// Nil when the warehouse does not exist yet (nothing has run).
    public func read(runLimit: Int) throws -> WarehouseStatus? {
        let path = config.warehouse.path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let isRunInProgress = RunLock.isHeld(warehousePath: path)
        let database = try Database(path: path, readOnly: true)
        // A writer checkpointing can hold the WAL index for a moment; waiting briefly beats
        // failing a status check.
        try database.execute("pragma busy_timeout = 2000")
        guard try database.scalar("select count(*) from sqlite_master where type = 'table' and name = 'runs'")?.int == 1 else {
            return nil
        }
        let runs = try readRuns(database, limit: runLimit, isRunInProgress: isRunInProgress)
        let recorded = try Timeline.recorded(in: database)
        let asOf = recorded?.asOf ?? Instant.now
        let rules = TimeZoneRules(timeZone: config.timeZone)
        let freshness = try DataQualityReader(config: config, database: database, rules: rules).readFreshness(asOf: asOf)
        var feeds: [WarehouseStatus.FeedStatus] = []
        for feed in freshness {
            let last = try database.scalar("select max(ingested_at) from ingested_files where feed = ? and held_back_reason is null",
                                           [.text(feed.feed)])?.int64
            feeds.append(.init(freshness: feed, lastIngestedAt: last.map(Instant.init(microsecondsSinceEpoch:))))
        }
        return WarehouseStatus(
            runs: runs,
            files: try readFiles(database, runIDs: runs.map(\.runID)),
            feeds: feeds,
            freshnessAsOf: asOf,
            freshnessAsOfIsRecorded: recorded != nil,
            warehouseBytes: ["", "-wal"].reduce(Int64(0)) { total, suffix in
                let size = (try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size]) as? NSNumber
                return total + (size?.int64Value ?? 0)
            },
            isRunInProgress: isRunInProgress)
    }

    private func readRuns(_ database: Database, limit: Int, isRunInProgress: Bool) throws -> [WarehouseStatus.RunRecord] {
        let columns = Set(try database.rows("pragma table_info(runs)").compactMap { $0[1].string })
        let stages = columns.contains("stages") ? "stages" : "null"
        let rows = try database.rows("""
            select run_id, started_at, finished_at, status, \(stages), as_of, message
            from runs order by run_id desc limit ?
            """, [.integer(Int64(limit))])
        return rows.enumerated().map { index, row in
            var status = row[3].string ?? ""
            // Only the newest run can still be going, and only while someone holds the lock.
            if status == "running" && !(index == 0 && isRunInProgress) {
                status = "interrupted"
            }
            return WarehouseStatus.RunRecord(
                runID: row[0].int64 ?? 0,
                startedAt: Instant(microsecondsSinceEpoch: row[1].int64 ?? 0),
                finishedAt: row[2].int64.map(Instant.init(microsecondsSinceEpoch:)),
                status: status, stages: row[4].string,
                asOf: row[5].int64.map(Instant.init(microsecondsSinceEpoch:)),
                message: row[6].string)
        }
    }

    private func readFiles(_ database: Database, runIDs: [Int64]) throws -> [WarehouseStatus.FileRecord] {
        guard let oldest = runIDs.min() else { return [] }
        return try database.rows("""
            select run_id, feed, path, rows_read, rows_loaded, rows_quarantined, warnings, held_back_reason
            from ingested_files where run_id >= ? order by file_id
            """, [.integer(oldest)]).map { row in
            WarehouseStatus.FileRecord(runID: row[0].int64 ?? 0, feed: row[1].string ?? "", path: row[2].string ?? "",
                                       rowsRead: row[3].int ?? 0, rowsLoaded: row[4].int ?? 0,
                                       rowsQuarantined: row[5].int ?? 0, warnings: row[6].int ?? 0,
                                       heldBackReason: row[7].string)
        }
    }
}
