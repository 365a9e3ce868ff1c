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
    /// Shown each file's progress; the feed's summary line is logged either way.
    let progressObserver: IngestProgressObserver?

    public init(config: PipelineConfig, database: Database, hasher: PatientIdentifierHasher, runID: Int64, logger: Logger,
                progressObserver: IngestProgressObserver? = nil) {
        self.config = config
        self.database = database
        self.hasher = hasher
        self.runID = runID
        self.logger = logger
        self.progressObserver = progressObserver
    }

    /// Files read ahead of the loader. Parsing is the costly part of ingest and each file
    /// parses on its own, so files are read in parallel, one per core, while one thread loads
    /// them in path order; memory holds at most this many files' rows.
    static var readAhead: Int { max(2, min(ProcessInfo.processInfo.activeProcessorCount, 8)) }

    /// Ingests every feed, web first, each feed's files in path order. `feedLoaded` is
    /// called as each feed's last file has been committed.
    public func ingestAll(feedLoaded: (FeedKind) throws -> Void = { _ in }) throws -> [FileIngestOutcome] {
        let configFile = config.configFile.path
        return try ingest(feedLoaded: feedLoaded) { feed in
            try ExportFiles.exports(of: feed, configFile: configFile).map { ListedExport(path: $0, sha256: nil) }
        }
    }

    /// Ingests the given files of each feed, web first, each feed's in the order given: a
    /// rebuild replays a warehouse's ledger this way, in the order the files were first
    /// ingested. A file whose content is no longer the `sha256` given throws
    /// `PipelineError.changedDuringRebuild` before anything of it loads.
    func ingest(listed: [FeedKind: [ListedExport]],
                feedLoaded: (FeedKind) throws -> Void = { _ in }) throws -> [FileIngestOutcome] {
        try ingest(feedLoaded: feedLoaded) { feed in listed[feed.kind] ?? [] }
    }

    private func ingest(feedLoaded: (FeedKind) throws -> Void,
                        files filesOfFeed: (FeedConfig) throws -> [ListedExport]) throws -> [FileIngestOutcome] {
        var outcomes: [FileIngestOutcome] = []
        for kind in FeedKind.allCases {
            let feed = config.feed(kind)
            let reader = ExportFileReader(feed: feed, readers: try FieldReaders(feed: feed, timeZone: config.timeZone),
                                          hasher: hasher)
            var unchanged: [String: FileIngestOutcome] = [:]
            var toRead: [String] = []
            var bytesToRead: Int64 = 0
            let files = try filesOfFeed(feed)
            let loadedStamps = try loadedFileStamps(feed: kind)
            for file in files {
                let stamp = try ExportFiles.stamp(of: file.path)
                if let skipped = skipIfUnchanged(file.path, stamp: stamp, feed: kind, loadedStamps: loadedStamps) {
                    unchanged[file.path] = skipped
                } else {
                    toRead.append(file.path)
                    bytesToRead += stamp.size
                }
            }
            if !unchanged.isEmpty {
                logger.info("skipping \(unchanged.count) \(kind.rawValue) file(s) already ingested")
            }
            let reads = ReadAhead(toRead, width: Self.readAhead) { path in
                Result { try ParsedExport(path: path, reader: reader) }
            }
            var progress = FeedProgress(feed: kind, filesTotal: toRead.count, bytesTotal: bytesToRead,
                                        alreadyIngested: unchanged.count)
            let feedStarted = DispatchTime.now()
            for file in files {
                if let skipped = unchanged[file.path] {
                    outcomes.append(skipped)
                } else if let parsed = try reads.next()?.get() {
                    if let expected = file.sha256, parsed.sha256 != expected {
                        throw PipelineError.changedDuringRebuild(path: file.path)
                    }
                    // An earlier file of this run may have had the same content: checked now.
                    let outcome = try load(parsed, feed: feed)
                    outcomes.append(outcome)
                    progress.record(outcome, seconds: Double(DispatchTime.now().uptimeNanoseconds - feedStarted.uptimeNanoseconds) / 1e9)
                    progressObserver?.feedProgressed(progress)
                }
            }
            // One line per feed whatever the number of files (a feed the pipeline leaves
            // out has none and says nothing): the per-file lines are --verbose's.
            if !files.isEmpty {
                progressObserver?.feedFinished(progress)
                logger.notice("\(progress.summaryLine)")
            }
            try feedLoaded(kind)
        }
        return outcomes
    }

    /// A file still at its path with the size and modification time it was loaded with is
    /// the file that was loaded: skipped without reading it. (Content changed in place with
    /// both kept would be missed; exports are written anew, which changes the time.)
    private struct FileStamp: Hashable {
        var path: String
        var size: Int64
        var modifiedAt: Int64
    }

    /// Path, size and modification time of every file of the feed that loaded: read once,
    /// so a night with a year of files already loaded asks the ledger once, not per file.
    private func loadedFileStamps(feed: FeedKind) throws -> Set<FileStamp> {
        Set(try database.rows(
            "select path, size_bytes, modified_at from ingested_files where feed = ? and held_back_reason is null",
            [.text(feed.rawValue)]).compactMap { row in
            guard let path = row[0].string, let size = row[1].int64, let modifiedAt = row[2].int64 else { return nil }
            return FileStamp(path: path, size: size, modifiedAt: modifiedAt)
        })
    }

    private func skipIfUnchanged(_ path: String, stamp: (size: Int64, modifiedAt: Int64), feed: FeedKind,
                                 loadedStamps: Set<FileStamp>) -> FileIngestOutcome? {
        guard loadedStamps.contains(FileStamp(path: path, size: stamp.size, modifiedAt: stamp.modifiedAt)) else { return nil }
        return FileIngestOutcome(feed: feed, path: path, disposition: .skippedAlreadyIngested, bytes: stamp.size)
    }

    private func load(_ parsed: ParsedExport, feed: FeedConfig) throws -> FileIngestOutcome {
        let path = parsed.path
        let alreadyLoaded = try database.scalar(
            "select count(*) from ingested_files where feed = ? and sha256 = ? and held_back_reason is null",
            [.text(feed.kind.rawValue), .text(parsed.sha256)])?.int ?? 0
        if alreadyLoaded > 0 {
            logger.info("skipping \(path): already ingested")
            return FileIngestOutcome(feed: feed.kind, path: path, disposition: .skippedAlreadyIngested, bytes: parsed.size)
        }
        let started = DispatchTime.now()
        let reading = parsed.reading
        var outcome = FileIngestOutcome(feed: feed.kind, path: path, disposition: .loaded, bytes: parsed.size)
        outcome.rowsRead = reading.rowsRead
        outcome.rowsQuarantined = reading.rowsQuarantined
        outcome.warnings = reading.warnings
        if let heldBackReason = reading.heldBackReason(maxRejectRate: config.maxRejectRate) {
            // Nothing from a held-back file loads: it is recorded alone, with its rejects.
            outcome.disposition = .heldBack(reason: heldBackReason)
            try database.transaction {
                let fileID = try insertLedgerRow(parsed)
                try insertQuarantine(reading.entries.filter { !$0.isWarning }, fileID: fileID)
                try finishLedgerRow(fileID: fileID, outcome: outcome, heldBackReason: heldBackReason)
            }
            logger.warning("held back \(path): \(heldBackReason)")
            return outcome
        }
        outcome.rowsLoaded = reading.rowsMapped
        try database.transaction {
            let fileID = try insertLedgerRow(parsed)
            try WarehouseRowWriter(database: database).write(parsed.rows, feed: feed.kind, fileID: fileID)
            try insertQuarantine(reading.entries, fileID: fileID)
            try finishLedgerRow(fileID: fileID, outcome: outcome, heldBackReason: nil, latestInstant: reading.latestInstant)
        }
        logger.info("loaded \(path): \(outcome.rowsLoaded) of \(outcome.rowsRead) rows, \(outcome.rowsQuarantined) quarantined, \(outcome.warnings) warnings\(Self.throughput(rows: outcome.rowsRead, since: started, parseSeconds: parsed.parseSeconds))")
        return outcome
    }

    /// ", read in 0.21 s, loaded in 0.02 s (120,000 rows/s)", for the per-file line of
    /// --verbose (which bench/run.sh reads).
    static func throughput(rows: Int, since started: DispatchTime, parseSeconds: Double) -> String {
        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let seconds = loadSeconds + parseSeconds
        guard seconds > 0 else { return "" }
        return String(format: ", read in %.2f s, loaded in %.2f s (%.0f rows/s)", parseSeconds, loadSeconds,
                      Double(rows) / seconds)
    }

    // MARK: - Ledger and quarantine

    private func insertLedgerRow(_ parsed: ParsedExport) throws -> Int64 {
        try database.prepare("""
            insert into ingested_files (run_id, feed, path, size_bytes, sha256, rows_read, rows_loaded,
                rows_quarantined, warnings, ingested_at, modified_at)
            values (?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?)
            """).run([.integer(runID), .text(parsed.feed.rawValue), .text(parsed.path), .integer(parsed.size),
                      .text(parsed.sha256), .integer(Instant.now.microsecondsSinceEpoch), .integer(parsed.modifiedAt)])
        return database.lastInsertedRowID
    }

    private func finishLedgerRow(fileID: Int64, outcome: FileIngestOutcome, heldBackReason: String?,
                                 latestInstant: Instant? = nil) throws {
        try database.prepare("""
            update ingested_files set rows_read = ?, rows_loaded = ?, rows_quarantined = ?, warnings = ?,
                held_back_reason = ?, latest_at = ? where file_id = ?
            """).run([.integer(Int64(outcome.rowsRead)), .integer(Int64(outcome.rowsLoaded)),
                      .integer(Int64(outcome.rowsQuarantined)), .integer(Int64(outcome.warnings)),
                      heldBackReason.databaseValue, latestInstant.map(\.microsecondsSinceEpoch).databaseValue,
                      .integer(fileID)])
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

/// An export to ingest, with the content hash it must have when one is known (a file the
/// ledger lists, read again by a rebuild).
struct ListedExport: Sendable, Equatable {
    var path: String
    var sha256: String?
}

extension Instant {
    /// The current time; only for bookkeeping (ledger and run log), never for metrics.
    public static var now: Instant {
        Instant(microsecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1_000_000))
    }
}
