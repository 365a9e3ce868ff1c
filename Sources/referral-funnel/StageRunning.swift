import ArgumentParser
import Foundation
import Logging
import ReferralFunnel

/// What `run`, `ingest`, `transform` and `report` share: load the config, run the stages
/// through `PipelineRunner`, print what happened, and exit with the documented code.
enum StageRunning {
    static func run(_ stages: [PipelineStage], pipeline: String, asOf: String?, output: OutputOptions) throws {
        let progress = output.bootstrapLogging()
        let logger = Logger(label: "referral-funnel")
        try reportingErrors(verbose: output.verbose) {
            // A failure part way through a feed is printed on a line of its own.
            defer { progress?.clear() }
            let config = try PipelineConfig.load(from: pipeline)
            let asOfInstant = try instant(asOf, config: config)
            let summary = try PipelineRunner(config: config, logger: logger, progressObserver: progress)
                .run(stages: stages, options: .init(asOf: asOfInstant))
            if !output.quiet {
                printSummary(summary, stages: stages, rules: TimeZoneRules(timeZone: config.timeZone),
                             everyReport: output.verbose)
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

    /// What a run did, on standard output. The source pages (one per source, dozens for a
    /// large practice) are one line unless `everyReport`.
    static func printSummary(_ summary: RunSummary, stages: [PipelineStage], rules: TimeZoneRules,
                             everyReport: Bool = true) {
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
            // The pages under `sources/` beside metrics.csv (HTMLReportWriter's layout).
            let outputFolder = summary.reports.first { $0.lastPathComponent == "metrics.csv" }?.deletingLastPathComponent().path
            let sourcePages = everyReport ? [] : summary.reports.filter {
                let folder = $0.deletingLastPathComponent()
                return folder.lastPathComponent == "sources" && folder.deletingLastPathComponent().path == outputFolder
            }
            for report in summary.reports where !sourcePages.contains(report) {
                print("  " + displayPath(report.path))
            }
            if let folder = sourcePages.first?.deletingLastPathComponent() {
                print("  \(displayPath(folder.path))/ (\(sourcePages.count) source pages)")
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
