import ArgumentParser
import ReferralFunnel

struct TransformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transform",
        abstract: "Rebuild the funnel models from what the warehouse holds (the second stage of `run`).",
        discussion: ExitCodes.stage
    )

    @Argument(help: "The pipeline config, e.g. pipelines/nightly.yml.")
    var pipeline: String

    @Option(help: "The instant that decides stalled referrals and the report week (default: the latest data).")
    var asOf: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        try StageRunning.run([.transform], pipeline: pipeline, asOf: asOf, output: output)
    }
}
