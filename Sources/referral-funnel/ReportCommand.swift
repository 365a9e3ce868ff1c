import ArgumentParser
import ReferralFunnel

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the dashboards, workbook and metrics.csv from the last transform (the last stage of `run`).",
        discussion: ExitCodes.stage
    )

    @Argument(help: "The pipeline config, e.g. pipelines/nightly.yml.")
    var pipeline: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        try StageRunning.run([.report], pipeline: pipeline, asOf: nil, output: output)
    }
}
