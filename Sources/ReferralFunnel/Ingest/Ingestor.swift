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
    /// Rejected rows kept in memory per file for a held-back file's report; past this the
    /// rest are counted only.
    static let quarantineMemoryLimit = 100_000

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
        let fingerprint = try ExportFiles.fingerprint(of: path)
        let alreadyLoaded = try database.scalar(
            "select count(*) from ingested_files where feed = ? and sha256 = ? and held_back_reason is null",
            [.text(feed.kind.rawValue), .text(fingerprint.sha256)])?.int ?? 0
        if alreadyLoaded > 0 {
            logger.debug("skipping \(path): already ingested")
            return FileIngestOutcome(feed: feed.kind, path: path, disposition: .skippedAlreadyIngested, bytes: fingerprint.size)
        }

        var outcome = FileIngestOutcome(feed: feed.kind, path: path, disposition: .loaded, bytes: fingerprint.size)
        var entries: [QuarantineEntry] = []
        var heldBackReason: String?

        try database.execute("BEGIN IMMEDIATE")
        do {
            let fileID = try insertLedgerRow(path: path, feed: feed.kind, fingerprint: fingerprint)
            switch feed.kind {
            case .web:
                try loadWeb(path: path, fileID: fileID, readers: readers, outcome: &outcome, entries: &entries)
            case .intake, .scheduling:
                heldBackReason = try loadCSV(path: path, fileID: fileID, feed: feed, readers: readers,
                                             outcome: &outcome, entries: &entries)
            }
            if heldBackReason == nil, outcome.rowsRead > 0 {
                let rejectRate = Double(outcome.rowsQuarantined) / Double(outcome.rowsRead)
                if rejectRate > config.maxRejectRate {
                    heldBackReason = String(format: "%d of %d rows rejected (%.1f%%), over max_reject_rate %.1f%%",
                                            outcome.rowsQuarantined, outcome.rowsRead, rejectRate * 100, config.maxRejectRate * 100)
                }
            }
            if let heldBackReason {
                // Nothing from a held-back file loads: undo its rows, then record it alone.
                try database.execute("ROLLBACK")
                outcome.disposition = .heldBack(reason: heldBackReason)
                outcome.rowsLoaded = 0
                try database.transaction {
                    let fileID = try insertLedgerRow(path: path, feed: feed.kind, fingerprint: fingerprint)
                    try insertQuarantine(entries.filter { !$0.isWarning }, fileID: fileID)
                    try finishLedgerRow(fileID: fileID, outcome: outcome, heldBackReason: heldBackReason)
                }
                logger.warning("held back \(path): \(heldBackReason)")
            } else {
                try insertQuarantine(entries, fileID: fileID)
                try finishLedgerRow(fileID: fileID, outcome: outcome, heldBackReason: nil)
                try database.execute("COMMIT")
                logger.info("loaded \(path): \(outcome.rowsLoaded) of \(outcome.rowsRead) rows, \(outcome.rowsQuarantined) quarantined, \(outcome.warnings) warnings")
            }
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
        return outcome
    }

    // MARK: - CSV feeds

    /// Loads an intake or scheduling export; returns a reason when the header forces the
    /// whole file back.
    private func loadCSV(path: String, fileID: Int64, feed: FeedConfig, readers: FieldReaders,
                         outcome: inout FileIngestOutcome, entries: inout [QuarantineEntry]) throws -> String? {
        var reader = try CSVReader(path: path)
        var columns: CSVColumnMap?
        let insert = try database.prepare(feed.kind == .intake ? IntakeRowMapper.insertSQL : SchedulingRowMapper.insertSQL)
        let intake = IntakeRowMapper(readers: readers, hasher: hasher)
        let scheduling = SchedulingRowMapper(readers: readers, hasher: hasher)

        while let result = reader.next() {
            guard let columnMap = columns else {
                switch result {
                case let .record(header):
                    do {
                        columns = try CSVColumnMap(header: header.fields, feed: feed)
                    } catch {
                        return error.reason
                    }
                case let .malformed(row):
                    return "the header row is unreadable (line \(row.lineNumber): \(row.reason))"
                }
                continue
            }
            outcome.rowsRead += 1
            switch result {
            case let .malformed(row):
                reject(.rejected(line: row.lineNumber, reason: row.reason, rawText: row.rawText), outcome: &outcome, entries: &entries)
            case let .record(record):
                guard record.fields.count == columnMap.headerCount else {
                    reject(.rejected(line: record.lineNumber,
                                     reason: "row has \(record.fields.count) fields; the header has \(columnMap.headerCount)",
                                     rawText: record.rawText), outcome: &outcome, entries: &entries)
                    continue
                }
                let row = CSVRow(fields: record.fields, columns: columnMap)
                var warnings: [QuarantineEntry] = []
                do {
                    let values = feed.kind == .intake
                        ? try intake.values(of: row, fileID: fileID, line: record.lineNumber, warnings: &warnings)
                        : try scheduling.values(of: row, fileID: fileID, line: record.lineNumber, warnings: &warnings)
                    try insert.run(values)
                    outcome.rowsLoaded += 1
                    outcome.warnings += warnings.count
                    entries.append(contentsOf: warnings)
                } catch let problem as RowProblem {
                    reject(.rejected(line: record.lineNumber, column: problem.column, reason: problem.reason, rawText: record.rawText),
                           outcome: &outcome, entries: &entries)
                }
            }
        }
        if let failure = reader.readFailure {
            throw failure
        }
        if columns == nil {
            return "the file is empty: no header row"
        }
        return nil
    }

    // MARK: - Web feed

    private func loadWeb(path: String, fileID: Int64, readers: FieldReaders,
                         outcome: inout FileIngestOutcome, entries: inout [QuarantineEntry]) throws {
        var reader = try JSONLinesReader(path: path)
        let mapper = WebEventMapper(readers: readers)
        var reducer = WebSessionReducer()
        while let result = reader.next() {
            outcome.rowsRead += 1
            switch result {
            case let .malformed(lineNumber, rawText, reason):
                reject(.rejected(line: lineNumber, reason: reason, rawText: rawText), outcome: &outcome, entries: &entries)
            case let .object(object):
                var warnings: [QuarantineEntry] = []
                do {
                    let event = try mapper.event(from: object, warnings: &warnings)
                    reducer.add(event, line: object.lineNumber)
                    outcome.rowsLoaded += 1
                    outcome.warnings += warnings.count
                    entries.append(contentsOf: warnings)
                } catch {
                    reject(.rejected(line: object.lineNumber, column: error.column, reason: error.reason, rawText: object.rawText),
                           outcome: &outcome, entries: &entries)
                }
            }
        }
        if let failure = reader.readFailure {
            throw failure
        }
        let insertSession = try database.prepare("""
            insert into web_session_parts (session_id, file_id, first_event_at, first_event_line, first_utm_source,
                first_referrer_host, last_event_at, event_count, has_page_view, has_form_start, has_form_submit)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (sessionID, part) in reducer.sessions {
            try insertSession.run([
                .text(sessionID), .integer(fileID), .integer(part.firstEventAt.microsecondsSinceEpoch),
                .integer(Int64(part.firstEventLine)), part.firstUTMSource.databaseValue, part.firstReferrerHost.databaseValue,
                .integer(part.lastEventAt.microsecondsSinceEpoch), .integer(Int64(part.eventCount)),
                .integer(part.hasPageView ? 1 : 0), .integer(part.hasFormStart ? 1 : 0), .integer(part.hasFormSubmit ? 1 : 0),
            ])
        }
        let insertSubmission = try database.prepare(
            "insert into web_form_submits (submission_id, file_id, line, session_id, submitted_at) values (?, ?, ?, ?, ?)")
        for (submissionID, submission) in reducer.submissions {
            try insertSubmission.run([
                .text(submissionID), .integer(fileID), .integer(Int64(submission.line)),
                .text(submission.sessionID), .integer(submission.submittedAt.microsecondsSinceEpoch),
            ])
        }
    }

    // MARK: - Ledger and quarantine

    private func reject(_ entry: QuarantineEntry, outcome: inout FileIngestOutcome, entries: inout [QuarantineEntry]) {
        outcome.rowsQuarantined += 1
        if entries.count < Self.quarantineMemoryLimit {
            entries.append(entry)
        }
    }

    private func insertLedgerRow(path: String, feed: FeedKind, fingerprint: (sha256: String, size: Int64)) throws -> Int64 {
        try database.prepare("""
            insert into ingested_files (run_id, feed, path, size_bytes, sha256, rows_read, rows_loaded,
                rows_quarantined, warnings, ingested_at)
            values (?, ?, ?, ?, ?, 0, 0, 0, 0, ?)
            """).run([.integer(runID), .text(feed.rawValue), .text(path), .integer(fingerprint.size),
                      .text(fingerprint.sha256), .integer(Instant.now.microsecondsSinceEpoch)])
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
