import ArgumentParser
import Foundation
import Logging
import ReferralFunnel

struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild the whole warehouse from the export files its ledger lists, then write the reports.",
        discussion: """
            Needed when a new version of referral-funnel keeps more of each export, or after a \
            change to a setting ingest applies (the patient key, the timezone, a feed's mapping, \
            a lowered max_reject_rate): `run` then says so and exits 2. The rebuilt warehouse \
            records the settings it was loaded under. Every file the ledger lists is checked against the content \
            hash it was ingested with before anything is built; when one is missing or changed, \
            they are listed and the warehouse is left as it was, unless --skip-missing is given. \
            The files are ingested again in the order they first were, into a new file beside \
            the warehouse that then replaces it in one rename; a rebuild killed part way leaves \
            the old warehouse as it was. Files the globs match that the ledger does not list \
            are left for the next `run`. A missing or changed file is a failure (1): once it is \
            restored, the same command finishes the work.

            \(ExitCodes.stage)
            """
    )

    @Argument(help: "The pipeline config, e.g. pipelines/nightly.yml.")
    var pipeline: String

    @Flag(help: "Rebuild without the ledger's files that are missing or changed (they are named), rather than refuse.")
    var skipMissing = false

    @Option(help: "The instant that decides stalled referrals and the report week (default: the latest data).")
    var asOf: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.bootstrapLogging()
        let logger = Logger(label: "referral-funnel")
        try reportingErrors(verbose: output.verbose) {
            let config = try PipelineConfig.load(from: pipeline)
            let options = WarehouseRebuilder.Options(skipMissing: skipMissing,
                                                     asOf: try StageRunning.instant(asOf, config: config))
            let summary = try WarehouseRebuilder(config: config, logger: logger).rebuild(options: options)
            if !output.quiet {
                let loaded = summary.run.files.filter { $0.disposition == .loaded }.count
                print("Rebuilt \(displayPath(config.warehouse.path)) from \(loaded) file(s) of its ledger.")
                StageRunning.printHeldBackFiles(summary.run)
                for file in summary.leftOut {
                    print("Left out, \(file)")
                }
                for path in summary.notInLedger {
                    print("Not in the ledger, left for the next run: \(displayPath(path))")
                }
                StageRunning.printSummary(summary.run, stages: [.transform, .report],
                                          rules: TimeZoneRules(timeZone: config.timeZone))
            }
            if summary.run.exitCode != 0 {
                throw ExitCode(summary.run.exitCode)
            }
        }
    }
}
