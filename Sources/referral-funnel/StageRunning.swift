import ArgumentParser
import Foundation
import Logging
import ReferralFunnel

/// What `run`, `ingest`, `transform` and `report` share: load the config, run the stages
/// through `PipelineRunner`, print what happened, and exit with the documented code.
enum StageRunning {
    static func run(_ stages: [PipelineStage], pipeline: String, asOf: String?, output: OutputOptions) throws {
        output.bootstrapLogging()
        let logger = Logger(label: "referral-funnel")
        try reportingErrors(verbose: output.verbose) {
            let config = try PipelineConfig.load(from: pipeline)
            let asOfInstant = try instant(asOf, config: config)
            let summary = try PipelineRunner(config: config, logger: logger)
                .run(stages: stages, options: .init(asOf: asOfInstant))
            if !output.quiet {
                printSummary(summary, stages: stages, rules: TimeZoneRules(timeZone: config.timeZone))
            }
            if summary.exitCode != 0 {
                throw ExitCode(summary.exitCode)
            }
        }
    }

    /// The `--as-of` option read in the pipeline's time zone.
    static func instant(_ asOf: String?, config: PipelineConfig) throws -> Instant? {
        try asOf.map { text in
            guard let instant = try TimestampParser(timeZone: config.timeZone).parse(text) else {
                throw PipelineError.invalidAsOf(text)
            }
            return instant
        }
    }

    static func printSummary(_ summary: RunSummary, stages: [PipelineStage], rules: TimeZoneRules) {
        if stages.contains(.ingest) {
            let loaded = summary.files.filter { $0.disposition == .loaded }.count
            let skipped = summary.files.filter { $0.disposition == .skippedAlreadyIngested }.count
            print("Ingested \(loaded) new file(s) (\(skipped) already ingested).")
            printHeldBackFiles(summary)
        }
        if stages.contains(.transform), let timeline = summary.timeline {
            print("Transformed: as of \(rules.localDateTimeText(of: timeline.asOf)), report week \(timeline.reportWeek).")
        }
        if stages.contains(.report) {
            if let timeline = summary.timeline {
                print("Report week \(timeline.reportWeek).")
            }
            print("Reports:")
            for report in summary.reports {
                print("  " + displayPath(report.path))
            }
        }
    }

    static func printHeldBackFiles(_ summary: RunSummary) {
        for file in summary.heldBackFiles {
            if case let .heldBack(reason) = file.disposition {
                print("Held back \(displayPath(file.path)): \(reason)")
            }
        }
    }
}
