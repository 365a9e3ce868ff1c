import ArgumentParser
import Foundation
import ReferralFunnel

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Ingest new exports, rebuild the funnel, and write the reports."
    )

    @Argument(help: "The pipeline config, e.g. pipelines/nightly.yml.")
    var pipeline: String

    @Option(help: "The instant that decides stalled referrals and the report week (default: the latest data).")
    var asOf: String?

    @Flag(help: "Print error details.")
    var verbose = false

    func run() throws {
        let config = try PipelineConfig.load(from: pipeline)
        print("pipeline \(config.name)")
    }
}
