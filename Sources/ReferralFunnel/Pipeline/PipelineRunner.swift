import Foundation
import Logging

/// One nightly run, or some of its stages: lock the warehouse, ingest new exports, rebuild
/// the funnel, write the reports, and record the run. Everything the CLI's `run`, `ingest`,
/// `transform` and `report` do, as a library call; the stage commands are this with fewer
/// stages, so a stage behaves the same alone and inside `run`.
public struct PipelineRunner {
    public struct Options: Sendable {
        public var asOf: Instant?
        public init(asOf: Instant? = nil) { self.asOf = asOf }
    }

    public let config: PipelineConfig
    public let logger: Logger
    /// Shown the ingest's progress as it goes (the CLI, on a terminal); nil logs only each
    /// feed's summary line.
    public let progressObserver: IngestProgressObserver?

    public init(config: PipelineConfig, logger: Logger, progressObserver: IngestProgressObserver? = nil) {
        self.config = config
        self.logger = logger
        self.progressObserver = progressObserver
    }

    /// All three stages.
    public func run(options: Options = Options()) throws -> RunSummary {
        try run(stages: PipelineStage.allCases, options: options)
    }

    /// The given stages, in pipeline order, under one lock and one `runs` row.
    public func run(stages requested: [PipelineStage], options: Options = Options()) throws -> RunSummary {
        let stages = PipelineStage.allCases.filter(requested.contains)
        let prerequisites = try Prerequisites(stages: stages, config: config, logger: logger)
        let lock = try RunLock(warehousePath: config.warehouse.path)
        defer { withExtendedLifetime(lock) {} }
        if stages.contains(.ingest) {
            // Before the warehouse is opened: a feed that cannot be read whole ends the run
            // at once with nothing loaded, and the lock goes with the process.
            _ = try config.exportFilesOfEachFeed()
        }
        return try runHoldingLock(stages: stages, prerequisites: prerequisites, exports: .newExports, options: options)
    }

    /// Which exports the ingest stage reads.
    enum ExportSelection {
        /// Every file the feeds' globs match that the warehouse has not ingested: a run.
        case newExports
        /// These files of each feed, in this order: a rebuild replaying a ledger.
        case listed([FeedKind: [ListedExport]])
    }

    /// What the stages need from files beside the config. Loaded before the lock is taken,
    /// so that everything that can fail on configuration fails before data is read.
    struct Prerequisites {
        let registry: SourceRegistry?
        let hasher: PatientIdentifierHasher?
        /// Compared with the key the warehouse's rows were hashed with. Stages that hash
        /// nothing compare it when a key is at hand, so that a lost key is told on any
        /// command, and go on without one otherwise.
        let keyFingerprint: String?

        init(stages: [PipelineStage], config: PipelineConfig, logger: Logger) throws {
            // Read for an ingest too, so that a broken registry stops a night before any file
            // loads rather than after (and `validate` says the same).
            let needsRegistry = stages.contains(.transform) || stages.contains(.ingest)
            let loadedRegistry = needsRegistry ? try SourceRegistry.load(from: config.sourcesFile) : nil
            registry = stages.contains(.transform) ? loadedRegistry : nil
            hasher = stages.contains(.ingest) ? try PatientIdentifierHasher.forPipeline(config) : nil
            keyFingerprint = (hasher ?? (try? PatientIdentifierHasher.forPipeline(config)))?.keyFingerprint
            if let hasher, hasher.isDevelopmentKey {
                logger.warning("hashing patient identifiers with the published development key: fine for the sample data, never for real exports (set \(PatientIdentifierHasher.environmentVariable))")
            }
        }
    }

    /// The stages (in pipeline order, with the prerequisites loaded for them) on
    /// `config.warehouse`, by a caller that holds the warehouse's run lock.
    func runHoldingLock(stages: [PipelineStage], prerequisites: Prerequisites, exports: ExportSelection,
                        options: Options) throws -> RunSummary {
        let registry = prerequisites.registry
        let hasher = prerequisites.hasher
        let warehouse: Warehouse
        let runID: Int64
        do {
            // The scratch databases are the transform's: a run that transforms removes any a
            // killed one left (an ingest alone starts no build, and leaves them for it).
            if registry != nil {
                try ScratchDatabase.removeLeftOvers(warehousePath: config.warehouse.path)
            }
            warehouse = try Warehouse(path: config.warehouse.path)
            // Before the run is recorded: a refused run changes nothing.
            try IngestVersion.check(warehouse.database, pipeline: displayPath(config.configFile.path))
            try IngestSettings(config: config, keyFingerprint: prerequisites.keyFingerprint)
                .check(warehouse.database, pipeline: displayPath(config.configFile.path), record: true)
            try warehouse.database.prepare("insert into runs (pipeline, started_at, stages) values (?, ?, ?)")
                .run([.text(config.name), .integer(Instant.now.microsecondsSinceEpoch),
                      .text(stages.map(\.rawValue).joined(separator: " "))])
            runID = warehouse.database.lastInsertedRowID
        } catch {
            throw Self.namingTheWarehouse(error, path: config.warehouse.path)
        }
        let database = warehouse.database

        do {
            let stageTimer = StageTimer()
            var summary = RunSummary(files: [], reports: [], timeline: nil, stageSeconds: [])
            let transformer = registry.map { Transformer(config: config, registry: $0, database: database, logger: logger) }
            // A first web session build, started once the web feed is loaded, goes on beside
            // the other feeds' ingest; the transform takes it over (or cancels it).
            var webBuildUnderWay: BackgroundWebSessionBuild?
            // When the intake and scheduling ingest gave that build a head start, it is
            // followed on the second connection by the appointments' staging (see
            // BackgroundStagingBuild). Without one (a rerun after a killed transform) the
            // second connection would be the slower side, and the main one stages them.
            var stagingBuildsUnderWay: [BackgroundStagingBuild] = []
            defer {
                webBuildUnderWay?.cancel()
                stagingBuildsUnderWay.forEach { $0.cancel() }
            }
            if let hasher {
                let ingestor = Ingestor(config: config, database: database, hasher: hasher, runID: runID, logger: logger,
                                        progressObserver: progressObserver)
                let feedLoaded = { (feed: FeedKind) in
                    if feed == .web, let transformer {
                        webBuildUnderWay = try transformer.startWebSessionBuildIfDue()
                    }
                }
                switch exports {
                case .newExports: summary.files = try ingestor.ingestAll(feedLoaded: feedLoaded)
                case let .listed(files): summary.files = try ingestor.ingest(listed: files, feedLoaded: feedLoaded)
                }
                let loadedAfterTheWebFeed = summary.files.contains { $0.feed != .web && $0.disposition == .loaded }
                if let transformer, let webBuildUnderWay, loadedAfterTheWebFeed {
                    stagingBuildsUnderWay = try transformer.startStagingBuilds(after: webBuildUnderWay)
                }
                stageTimer.finish("ingest", logger: logger)
                TestPause.at("ingest")
            }
            // The transform's commit leaves its pages in the WAL; a second connection copies
            // them into the database while the reports are written, rather than the commit on
            // this thread (a night at bench scale: 0.9 s of 1.2 s). Waited for, and the
            // automatic checkpoint restored, once the run is recorded or has failed.
            var transformCheckpoint: BackgroundWork<Void>?
            var loadedRowsToIndex = false
            defer {
                if let transformCheckpoint {
                    let waitStarted = DispatchTime.now()
                    _ = try? transformCheckpoint.wait()
                    logger.debug("waited \(String(format: "%.2f", Double(DispatchTime.now().uptimeNanoseconds - waitStarted.uptimeNanoseconds) / 1e9)) s for the checkpoint after the transform")
                }
                try? database.execute("pragma wal_autocheckpoint = \(Warehouse.autocheckpointPages)")
            }
            if let transformer {
                let build = webBuildUnderWay
                let stagingBuilds = stagingBuildsUnderWay
                webBuildUnderWay = nil
                stagingBuildsUnderWay = []
                try database.execute("pragma wal_autocheckpoint = 0")
                let result = try transformer.run(asOfOverride: options.asOf, webBuildUnderWay: build,
                                                 stagingBuildsUnderWay: stagingBuilds)
                summary.timeline = result.timeline
                loadedRowsToIndex = result.leftLoadedRowsUnindexed
                transformCheckpoint = database.filePath.map(Warehouse.checkpointInBackground(path:))
                stageTimer.finish("transform", logger: logger)
                TestPause.at("transform")
            }
            if stages.contains(.report) {
                guard let timeline = try summary.timeline ?? Timeline.recorded(in: database) else {
                    throw PipelineError.nothingTransformed(warehouse: config.warehouse.path)
                }
                summary.timeline = timeline
                let readStarted = DispatchTime.now()
                let model = try ReportModelBuilder(config: config, database: database).build(timeline: timeline)
                logger.debug("read the report model from the marts in \(String(format: "%.2f", Double(DispatchTime.now().uptimeNanoseconds - readStarted.uptimeNanoseconds) / 1e9)) s")
                summary.reports = try ReportWriter(outputFolder: config.outputFolder, logger: logger).write(model)
                stageTimer.finish("report", logger: logger)
            }
            if let transformer, loadedRowsToIndex {
                // After the reports, beside the checkpoint the process waits for anyway.
                do {
                    try transformer.indexLoadedRowsForTheNextRun()
                } catch {
                    logger.warning("could not index the loaded rows for the next run (it will): \(error)")
                }
            }
            summary.stageSeconds = stageTimer.seconds

            let status = summary.heldBackFiles.isEmpty ? "succeeded" : "held_back"
            try database.prepare("update runs set finished_at = ?, status = ?, as_of = ? where run_id = ?")
                .run([.integer(Instant.now.microsecondsSinceEpoch), .text(status),
                      (stages.contains(.transform) ? summary.timeline?.asOf.microsecondsSinceEpoch : nil).databaseValue,
                      .integer(runID)])
            return summary
        } catch {
            try? database.prepare("update runs set finished_at = ?, status = 'failed', message = ? where run_id = ?")
                .run([.integer(Instant.now.microsecondsSinceEpoch), .text("\(error)"), .integer(runID)])
            throw Self.namingTheWarehouse(error, path: config.warehouse.path)
        }
    }

    /// A full disk reaches us as SQLite's "database or disk is full" with the statement that
    /// hit it; the user needs the file and what to do, in one line. (The failed transaction
    /// was rolled back, so the warehouse is as it was before the file being loaded.)
    static func namingTheWarehouse(_ error: Error, path: String) -> Error {
        guard let databaseError = error as? DatabaseError, databaseError.isDiskFull else { return error }
        return PipelineError.cannotWrite(path: path, reason: "the disk is full (\(databaseError.message)); free space and run again")
    }
}

/// The stages of a run, in the order they run.
public enum PipelineStage: String, CaseIterable, Sendable {
    case ingest
    case transform
    case report
}

/// What a run did, for the CLI to print and tests to check.
public struct RunSummary: Sendable {
    /// Every file the ingest stage looked at; empty when it did not run.
    public var files: [FileIngestOutcome]
    /// The reports written; empty when the report stage did not run.
    public var reports: [URL]
    /// The transform's timeline (or, for a report alone, the last transform's); nil when
    /// only ingest ran.
    public var timeline: Timeline?
    public var stageSeconds: [(stage: String, seconds: Double)]

    public var heldBackFiles: [FileIngestOutcome] { files.filter(\.isHeldBack) }

    /// 0 when everything loaded, 3 when a file was held back (SPEC section 5).
    public var exitCode: Int32 { heldBackFiles.isEmpty ? 0 : RunExitCode.heldBack }
}

/// The process exit codes the CLI documents.
public enum RunExitCode {
    public static let success: Int32 = 0
    public static let failure: Int32 = 1
    public static let usageOrConfig: Int32 = 2
    public static let heldBack: Int32 = 3
    public static let alreadyRunning: Int32 = 75
}

/// Wall time per stage, for the run log and the benchmark: one line per stage at the
/// notice level, so a log of a night shows where its time went without --verbose.
final class StageTimer {
    private var last = DispatchTime.now()
    private(set) var seconds: [(stage: String, seconds: Double)] = []

    func finish(_ stage: String, logger: Logger) {
        let now = DispatchTime.now()
        let elapsed = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9
        seconds.append((stage, elapsed))
        last = now
        logger.notice("\(stage) finished in \(String(format: "%.2f", elapsed)) s")
    }
}
