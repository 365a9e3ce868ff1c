import Foundation
import Logging

/// The ingest stage: reads every new export of every feed, maps and validates its rows,
/// quarantines what cannot be used, and loads the rest, one transaction per file together
/// with its ledger row (SPEC sections 2, 5 and 8).
public struct Ingestor {
    let config: PipelineConfig
    let database: Database
    let hasher: PatientIdentifierHasher
    let runID: Int64
    let logger: Logger

    public init(config: PipelineConfig, database: Database, hasher: PatientIdentifierHasher, runID: Int64, logger: Logger) {
        self.config = config
        self.database = database
        self.hasher = hasher
        self.runID = runID
        self.logger = logger
    }

    /// Ingests every feed, web first, each feed's files in path order.
    public func ingestAll() throws -> [FileIngestOutcome] {
        var outcomes: [FileIngestOutcome] = []
        for kind in FeedKind.allCases {
            let feed = config.feed(kind)
            let readers = try FieldReaders(feed: feed, timeZone: config.timeZone)
            for path in ExportFiles.matching(feed.filePatterns) {
                outcomes.append(try ingestFile(path, feed: feed, readers: readers))
            }
        }
        return outcomes
    }

    func ingestFile(_ path: String, feed: FeedConfig, readers: FieldReaders) throws -> FileIngestOutcome {
        // A file still at its path with the size and modification time it was loaded with
        // is the file that was loaded: skipped without reading it. (Content changed in place
        // with both kept would be missed; exports are written anew, which changes the time.)
        let stamp = try ExportFiles.stamp(of: path)
        let unchanged = try database.scalar(
            "select count(*) from ingested_files where feed = ? and path = ? and size_bytes = ? and modified_at = ? and held_back_reason is null",
            [.text(feed.kind.rawValue), .text(path), .integer(stamp.size), .integer(stamp.modifiedAt)])?.int ?? 0
        if unchanged > 0 {
            logger.info("skipping \(path): already ingested")
            return FileIngestOutcome(feed: feed.kind, path: path, disposition: .skippedAlreadyIngested, bytes: stamp.size)
        }
        let fingerprint = try ExportFiles.fingerprint(of: path)
        let alreadyLoaded = try database.scalar(
            "select count(*) from ingested_files where feed = ? and sha256 = ? and held_back_reason is null",
            [.text(feed.kind.rawValue), .text(fingerprint.sha256)])?.int ?? 0
        if alreadyLoaded > 0 {
            logger.info("skipping \(path): already ingested")
            return FileIngestOutcome(feed: feed.kind, path: path, disposition: .skippedAlreadyIngested, bytes: fingerprint.size)
        }
        logger.debug("reading \(path) (\(fingerprint.size) bytes)")
        let started = DispatchTime.now()

        var outcome = FileIngestOutcome(feed: feed.kind, path: path, disposition: .loaded, bytes: fingerprint.size)
        let reader = ExportFileReader(feed: feed, readers: readers, hasher: hasher)
        try database.execute("BEGIN IMMEDIATE")
        do {
            let fileID = try insertLedgerRow(path: path, feed: feed.kind, fingerprint: fingerprint, modifiedAt: stamp.modifiedAt)
            var writer = try WarehouseRowWriter(database: database, feed: feed.kind, fileID: fileID)
            let reading = try reader.read(path, fileID: fileID, into: &writer)
            outcome.rowsRead = reading.rowsRead
            outcome.rowsQuarantined = reading.rowsQuarantined
            outcome.warnings = reading.warnings
            if let heldBackReason = reading.heldBackReason(maxRejectRate: config.maxRejectRate) {
                // Nothing from a held-back file loads: undo its rows, then record it alone.
                try database.execute("ROLLBACK")
                outcome.disposition = .heldBack(reason: heldBackReason)
                try database.transaction {
                    let fileID = try insertLedgerRow(path: path, feed: feed.kind, fingerprint: fingerprint,
                                                     modifiedAt: stamp.modifiedAt)
                    try insertQuarantine(reading.entries.filter { !$0.isWarning }, fileID: fileID)
                    try finishLedgerRow(fileID: fileID, outcome: outcome, heldBackReason: heldBackReason)
                }
                logger.warning("held back \(path): \(heldBackReason)")
            } else {
                try writer.finish()
                outcome.rowsLoaded = reading.rowsMapped
                try insertQuarantine(reading.entries, fileID: fileID)
                try finishLedgerRow(fileID: fileID, outcome: outcome, heldBackReason: nil)
                try database.execute("COMMIT")
                logger.notice("loaded \(path): \(outcome.rowsLoaded) of \(outcome.rowsRead) rows, \(outcome.rowsQuarantined) quarantined, \(outcome.warnings) warnings\(Self.throughput(rows: outcome.rowsRead, since: started))")
            }
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
        return outcome
    }

    /// ", in 1.2 s (52,000 rows/s)", for the per-file progress line.
    static func throughput(rows: Int, since started: DispatchTime) -> String {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        guard seconds > 0 else { return "" }
        return String(format: ", in %.2f s (%.0f rows/s)", seconds, Double(rows) / seconds)
    }

    // MARK: - Ledger and quarantine

    private func insertLedgerRow(path: String, feed: FeedKind, fingerprint: (sha256: String, size: Int64),
                                 modifiedAt: Int64) throws -> Int64 {
        try database.prepare("""
            insert into ingested_files (run_id, feed, path, size_bytes, sha256, rows_read, rows_loaded,
                rows_quarantined, warnings, ingested_at, modified_at)
            values (?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?)
            """).run([.integer(runID), .text(feed.rawValue), .text(path), .integer(fingerprint.size),
                      .text(fingerprint.sha256), .integer(Instant.now.microsecondsSinceEpoch), .integer(modifiedAt)])
        return database.lastInsertedRowID
    }

    private func finishLedgerRow(fileID: Int64, outcome: FileIngestOutcome, heldBackReason: String?) throws {
        try database.prepare("""
            update ingested_files set rows_read = ?, rows_loaded = ?, rows_quarantined = ?, warnings = ?,
                held_back_reason = ? where file_id = ?
            """).run([.integer(Int64(outcome.rowsRead)), .integer(Int64(outcome.rowsLoaded)),
                      .integer(Int64(outcome.rowsQuarantined)), .integer(Int64(outcome.warnings)),
                      heldBackReason.databaseValue, .integer(fileID)])
    }

    private func insertQuarantine(_ entries: [QuarantineEntry], fileID: Int64) throws {
        let insert = try database.prepare(
            "insert into quarantine (file_id, line, column_name, reason, is_warning, raw_text) values (?, ?, ?, ?, ?, ?)")
        for entry in entries {
            try insert.run([.integer(fileID), .integer(Int64(entry.line)), entry.column.databaseValue, .text(entry.reason),
                            .integer(entry.isWarning ? 1 : 0), entry.rawText.databaseValue])
        }
    }
}

extension Instant {
    /// The current time; only for bookkeeping (ledger and run log), never for metrics.
    public static var now: Instant {
        Instant(microsecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1_000_000))
    }
}
