import ArgumentParser
import ReferralFunnel

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Ingest new exports, rebuild the funnel, and write the reports.",
        discussion: "The same as `ingest`, `transform` and `report` in turn, under one lock.\n\n" + ExitCodes.stage
    )

    @Argument(help: "The pipeline config, e.g. pipelines/nightly.yml.")
    var pipeline: String

    @Option(help: "The instant that decides stalled referrals and the report week (default: the latest data).")
    var asOf: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        try StageRunning.run(PipelineStage.allCases, pipeline: pipeline, asOf: asOf, output: output)
    }
}
