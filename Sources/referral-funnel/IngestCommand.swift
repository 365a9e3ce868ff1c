import ArgumentParser
import ReferralFunnel

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load new exports into the warehouse (the first stage of `run`).",
        discussion: "Files already ingested are skipped; a file with too many bad rows is held back whole.\n\n"
            + ExitCodes.stage
    )

    @Argument(help: "The pipeline config, e.g. pipelines/nightly.yml.")
    var pipeline: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        try StageRunning.run([.ingest], pipeline: pipeline, asOf: nil, output: output)
    }
}
