import Foundation
import Logging

/// Rebuilds a warehouse from the export files its ledger lists, through the same ingest and
/// transform as a run, into a new file that then replaces the old one: for a change to what
/// ingest keeps (see `IngestVersion`), or to start over from the exports.
///
/// Files are ingested in the ledger's order, feed by feed as every run does (no rule of SPEC
/// section 2 compares files of different feeds), so within a feed the earlier runs' files
/// come first, as they did, and the rebuilt numbers equal the old ones. Files the globs match
/// that the ledger does not list are not part of a rebuild: it reproduces what the warehouse
/// held, and the next `run` ingests what is new, as it would have.
public struct WarehouseRebuilder {
    public struct Options: Sendable {
        /// Leave out (and name) the files the ledger lists that are missing or changed,
        /// rather than refuse.
        public var skipMissing: Bool
        public var asOf: Instant?

        public init(skipMissing: Bool = false, asOf: Instant? = nil) {
            self.skipMissing = skipMissing
            self.asOf = asOf
        }
    }

    public let config: PipelineConfig
    public let logger: Logger

    public init(config: PipelineConfig, logger: Logger) {
        self.config = config
        self.logger = logger
    }

    /// The new warehouse is built at this path, beside the old one, and renamed over it.
    var rebuildPath: String { config.warehouse.path + ".rebuild" }

    public func rebuild(options: Options = Options()) throws -> RebuildSummary {
        let warehousePath = config.warehouse.path
        let buildStages: [PipelineStage] = [.ingest, .transform]
        let prerequisites = try PipelineRunner.Prerequisites(stages: buildStages, config: config, logger: logger)
        // Held from the ledger's first read to the reports, so no run adds to the old
        // warehouse while its copy is built, or opens it while it is replaced.
        let lock = try RunLock(warehousePath: warehousePath)
        defer { withExtendedLifetime(lock) {} }
        guard FileManager.default.fileExists(atPath: warehousePath) else {
            throw PipelineError.nothingToRebuild(warehouse: displayPath(warehousePath))
        }
        try removeLeftOverRebuild()

        let ledger = try LedgerFile.read(warehousePath: warehousePath)
        let verified = try filesToReplay(ledger, skipMissing: options.skipMissing)
        let notInLedger = newExports(ledger: ledger)
        if !notInLedger.isEmpty {
            logger.notice("\(notInLedger.count) file(s) the globs match are not in the ledger: not part of the rebuild; the next run ingests them")
        }

        var rebuildConfig = config
        rebuildConfig.warehouse = URL(fileURLWithPath: rebuildPath)
        var listed: [FeedKind: [ListedExport]] = [:]
        for file in verified where file.problem == nil {
            listed[file.file.feed, default: []].append(ListedExport(path: file.file.path, sha256: file.file.sha256))
        }
        var summary: RunSummary
        do {
            summary = try PipelineRunner(config: rebuildConfig, logger: logger)
                .runHoldingLock(stages: buildStages, prerequisites: prerequisites, exports: .listed(listed),
                                options: .init(asOf: options.asOf))
            try Self.closeWithoutWriteAheadLog(rebuildPath)
            try Self.closeWithoutWriteAheadLog(warehousePath)
            TestPause.at("rebuild-replace")
            try Self.replace(warehousePath, with: rebuildPath)
        } catch {
            // The old warehouse still holds what it held; the copy is of no use.
            try? removeLeftOverRebuild()
            throw error
        }
        logger.notice("replaced \(displayPath(warehousePath)) with the warehouse rebuilt from \(summary.files.count) file(s)")

        let reported = try PipelineRunner(config: config, logger: logger)
            .runHoldingLock(stages: [.report], prerequisites: PipelineRunner.Prerequisites(stages: [.report], config: config, logger: logger),
                            exports: .newExports, options: .init())
        summary.reports = reported.reports
        summary.stageSeconds += reported.stageSeconds
        return RebuildSummary(run: summary,
                              leftOut: verified.filter { $0.problem != nil }.map(\.description),
                              notInLedger: notInLedger)
    }

    /// A killed rebuild's copy (and its journal or scratch files, all named after it). Only
    /// ever removed under the run lock, so never while a rebuild writes it.
    private func removeLeftOverRebuild() throws {
        let folder = (rebuildPath as NSString).deletingLastPathComponent
        let prefix = (rebuildPath as NSString).lastPathComponent
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            try FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    /// The ledger's files to ingest again, each checked against its content hash. Refuses
    /// (naming each) when one that added rows is missing or changed, unless `skipMissing`;
    /// the files left out are named in the log.
    private func filesToReplay(_ ledger: [LedgerFile], skipMissing: Bool) throws -> [VerifiedLedgerFile] {
        let verified = verify(LedgerFile.replayed(ledger))
        let addedRows = verified.filter { !$0.file.wasOnlyHeldBack }
        let unavailable = addedRows.filter { $0.problem != nil }
        // Not even with --skip-missing: an empty warehouse in place of the old one is never
        // what was meant (the exports moved, or the wrong config was named).
        if let first = unavailable.first, unavailable.count == addedRows.count {
            throw PipelineError.noLedgerFileAvailable(files: addedRows.count, first: first.description)
        }
        if !unavailable.isEmpty && !skipMissing {
            throw PipelineError.ledgerFilesUnavailable(unavailable.map(\.description),
                                                       pipeline: displayPath(config.configFile.path))
        }
        for file in verified where file.problem != nil {
            if file.file.wasOnlyHeldBack {
                // It added nothing to the warehouse, and a run would not retry it either.
                logger.notice("not retrying \(file.description) (it was held back)")
            } else {
                logger.warning("left out of the rebuild, \(file.description)")
            }
        }
        return verified
    }

    /// Hashes every file to replay (in parallel, as ingest reads them) against the ledger.
    private func verify(_ files: [LedgerFile]) -> [VerifiedLedgerFile] {
        let hashes = ReadAhead(files.map(\.path), width: Ingestor.readAhead) { path in
            Result { try ExportFiles.sha256(of: path) }
        }
        return files.map { file in
            let problem: VerifiedLedgerFile.Problem?
            switch hashes.next() {
            case let .success(sha256)?:
                problem = sha256 == file.sha256 ? nil : .changed
            case let .failure(error)?:
                problem = FileManager.default.fileExists(atPath: file.path) ? .unreadable(reason: "\(error)") : .missing
            case nil:
                // Not reached: ReadAhead gives one result per file.
                problem = .missing
            }
            return VerifiedLedgerFile(file: file, problem: problem)
        }
    }

    /// Files the feeds' globs match at paths the ledger never held.
    private func newExports(ledger: [LedgerFile]) -> [String] {
        let known = Set(ledger.map(\.path))
        return FeedKind.allCases.flatMap { ExportFiles.matching(config.feed($0).filePatterns) }.filter { !known.contains($0) }
    }

    /// Copies every committed page into the database file and leaves SQLite's rollback
    /// journal mode, which removes the `-wal` and `-shm` files: a renamed database file must
    /// not meet a write-ahead log that belongs to another file, or SQLite would apply that
    /// log's pages to it. Fails while another process has the database open (switching out
    /// of WAL needs the only connection).
    static func closeWithoutWriteAheadLog(_ path: String) throws {
        // A reader (`status`, `explain`) holds its connection for a moment: wait for it a
        // little rather than throw a finished rebuild away.
        for attempt in 1...20 {
            do {
                let database = try Database(path: path)
                try database.execute("pragma busy_timeout = 2000")
                _ = try database.rows("pragma wal_checkpoint(truncate)")
                if try database.scalar("pragma journal_mode = delete")?.string == "delete" { break }
            } catch let error as DatabaseError where attempt == 20 {
                throw PipelineError.cannotReplace(warehouse: displayPath(path), reason: error.message)
            } catch is DatabaseError {}
            guard attempt < 20 else {
                throw PipelineError.cannotReplace(warehouse: displayPath(path), reason: "another process has it open")
            }
            usleep(250_000)
        }
        for sidecar in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + sidecar) {
            throw PipelineError.cannotReplace(warehouse: displayPath(path), reason: "its \(sidecar) file is still there")
        }
    }

    /// One rename: a reader, or a rebuild killed at any moment, sees the old warehouse or the
    /// new one, never part of either. The folder is synced so the rename survives a crash.
    static func replace(_ path: String, with newPath: String) throws {
        guard rename(newPath, path) == 0 else {
            throw PipelineError.cannotReplace(warehouse: displayPath(path), reason: String(cString: strerror(errno)))
        }
        let folder = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }
}

/// What a rebuild did, for the CLI to print and tests to check.
public struct RebuildSummary: Sendable {
    /// The ingest, transform and report of the new warehouse.
    public var run: RunSummary
    /// The ledger's files that were not there as ingested, each "missing: PATH" or the like.
    public var leftOut: [String]
    /// Files the globs match that the ledger does not list: for the next run.
    public var notInLedger: [String]
}

/// One row of the ingest ledger (`ingested_files`), as a rebuild replays it.
struct LedgerFile: Sendable, Equatable {
    var fileID: Int64
    var feed: FeedKind
    var path: String
    var sha256: String
    /// Held back every time it was read, so nothing of it is in the warehouse.
    var wasOnlyHeldBack: Bool

    /// The ledger in file order, read without any right to change the warehouse: a refused
    /// rebuild leaves its file byte for byte as it was.
    static func read(warehousePath: String) throws -> [LedgerFile] {
        let database = try Database(path: warehousePath, readOnly: true)
        return try database.rows("select file_id, feed, path, sha256, held_back_reason from ingested_files order by file_id")
            .compactMap { row in
                guard let fileID = row[0].int64, let feed = row[1].string.flatMap(FeedKind.init(rawValue:)),
                      let path = row[2].string, let sha256 = row[3].string else { return nil }
                return LedgerFile(fileID: fileID, feed: feed, path: path, sha256: sha256, wasOnlyHeldBack: row[4] != .null)
            }
    }

    /// The files a rebuild ingests, in the order they go in. A content is ingested once, as
    /// a run does, at its place in file order: where it loaded, or, for a file held back
    /// every time, where it was last tried, since each run retries a held-back file and a
    /// rebuild keeps that (it loads now if the config was fixed since, or is held back again).
    static func replayed(_ ledger: [LedgerFile]) -> [LedgerFile] {
        struct Content: Hashable {
            var feed: FeedKind
            var sha256: String
        }
        var chosen: [Content: LedgerFile] = [:]
        for file in ledger {
            let content = Content(feed: file.feed, sha256: file.sha256)
            if let earlier = chosen[content], !earlier.wasOnlyHeldBack { continue }
            chosen[content] = file
        }
        return chosen.values.sorted { $0.fileID < $1.fileID }
    }
}

/// A ledger file checked against what is at its path now.
struct VerifiedLedgerFile: Sendable, CustomStringConvertible {
    enum Problem: Sendable, Equatable {
        case missing
        case changed
        case unreadable(reason: String)
    }

    var file: LedgerFile
    var problem: Problem?

    var description: String {
        switch problem {
        case nil: return displayPath(file.path)
        case .missing?: return "missing: \(displayPath(file.path))"
        case .changed?: return "changed since it was ingested: \(displayPath(file.path))"
        // The reason names the file.
        case let .unreadable(reason)?: return "cannot be read: \(reason)"
        }
    }
}
