import Foundation
import Logging

/// One nightly run: lock the warehouse, ingest new exports, rebuild the funnel, write the
/// reports, and record the run. Everything the CLI's `run` does, as a library call.
public struct PipelineRunner {
    public struct Options: Sendable {
        public var asOf: Instant?
        public init(asOf: Instant? = nil) { self.asOf = asOf }
    }

    public let config: PipelineConfig
    public let logger: Logger

    public init(config: PipelineConfig, logger: Logger) {
        self.config = config
        self.logger = logger
    }

    public func run(options: Options = Options()) throws -> RunSummary {
        // Everything that can fail on configuration fails before data is read.
        let registry = try SourceRegistry.load(from: config.sourcesFile)
        let hasher = try PatientIdentifierHasher.forPipeline(config)
        if hasher.isDevelopmentKey {
            logger.warning("hashing patient identifiers with the published development key: fine for the sample data, never for real exports (set \(PatientIdentifierHasher.environmentVariable))")
        }
        let lock = try RunLock(warehousePath: config.warehouse.path)
        defer { withExtendedLifetime(lock) {} }

        let warehouse = try Warehouse(path: config.warehouse.path)
        let database = warehouse.database
        try database.prepare("insert into runs (pipeline, started_at) values (?, ?)")
            .run([.text(config.name), .integer(Instant.now.microsecondsSinceEpoch)])
        let runID = database.lastInsertedRowID

        do {
            let stageTimer = StageTimer()
            let outcomes = try Ingestor(config: config, database: database, hasher: hasher, runID: runID, logger: logger)
                .ingestAll()
            stageTimer.finish("ingest")

            let result = try Transformer(config: config, registry: registry, database: database).run(asOfOverride: options.asOf)
            stageTimer.finish("transform")

            let model = try ReportModelBuilder(config: config, database: database).build(timeline: result.timeline)
            let reports = try ReportWriter(outputFolder: config.outputFolder).write(model)
            stageTimer.finish("reports")

            let heldBack = outcomes.filter(\.isHeldBack)
            let status = heldBack.isEmpty ? "succeeded" : "held_back"
            try database.prepare("update runs set finished_at = ?, status = ?, as_of = ? where run_id = ?")
                .run([.integer(Instant.now.microsecondsSinceEpoch), .text(status),
                      .integer(result.timeline.asOf.microsecondsSinceEpoch), .integer(runID)])
            return RunSummary(files: outcomes, reports: reports, asOf: result.timeline.asOf,
                              reportWeek: result.timeline.reportWeek, stageSeconds: stageTimer.seconds)
        } catch {
            try? database.prepare("update runs set finished_at = ?, status = 'failed', message = ? where run_id = ?")
                .run([.integer(Instant.now.microsecondsSinceEpoch), .text("\(error)"), .integer(runID)])
            throw error
        }
    }
}

/// What a run did, for the CLI to print and tests to check.
public struct RunSummary: Sendable {
    public var files: [FileIngestOutcome]
    public var reports: [URL]
    public var asOf: Instant
    public var reportWeek: String
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

/// Wall time per stage, for the run log and the benchmark.
final class StageTimer {
    private var last = DispatchTime.now()
    private(set) var seconds: [(stage: String, seconds: Double)] = []

    func finish(_ stage: String) {
        let now = DispatchTime.now()
        seconds.append((stage, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }
}
