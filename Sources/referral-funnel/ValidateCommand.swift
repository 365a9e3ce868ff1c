import ArgumentParser
import Foundation
import ReferralFunnel

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every export against the config's mappings without touching the warehouse.",
        discussion: """
            Reads each file the feeds name, row by row, exactly as `ingest` would, and reports \
            per file the rows that would load, be quarantined (by reason, with line numbers) or \
            load with a warning, and whether the whole file would be held back. Nothing is \
            written: use it to try a new export layout or mapping safely. Files are judged on \
            their own, whether or not a run already ingested them. When the warehouse exists, \
            it is opened read-only to compare the settings its rows were loaded under (the \
            patient key, when one is at hand, the timezone, the feeds' mappings, \
            max_reject_rate) with the config's: a change that `run` would refuse is told here \
            first, with its fix.

            Exit status: 0 nothing would be held back; 1 failure (a file cannot be read, or a \
            glob matches something that is no regular file, such as a FIFO or a dangling link); \
            2 usage or config error (the message names the file, key and problem; also a feed \
            whose files match nothing, or a source registry that contradicts itself); 3 a file \
            would be held back.
            """
    )

    @Argument(help: "The pipeline config, e.g. pipelines/nightly.yml.")
    var pipeline: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.bootstrapLogging()
        try reportingErrors(verbose: output.verbose) {
            let config = try PipelineConfig.load(from: pipeline)
            try IngestSettings.checkExistingWarehouse(of: config)
            let verdicts = try ExportValidator(config: config).validate()
            if !output.quiet || verdicts.contains(where: \.isHeldBack) {
                print(Self.text(of: verdicts), terminator: "")
            }
            if verdicts.contains(where: \.isHeldBack) {
                throw ExitCode(RunExitCode.heldBack)
            }
        }
    }

    static func text(of verdicts: [FileValidation]) -> String {
        var text = ""
        for verdict in verdicts {
            text += "\(verdict.feed.rawValue) \(displayPath(verdict.path)): "
            if let reason = verdict.heldBackReason {
                text += "would be HELD BACK: \(reason)\n"
                text += "  \(verdict.rowsRead) rows read, \(verdict.rowsQuarantined) would be quarantined, \(verdict.warnings) with warnings; none would load\n"
            } else {
                text += "\(verdict.rowsToLoad) of \(verdict.rowsRead) rows would load, \(verdict.rowsQuarantined) would be quarantined, \(verdict.warnings) warnings\n"
            }
            for problem in verdict.problems {
                let kind = problem.isWarning ? "warning" : "quarantined"
                let column = problem.column.map { " [\($0)]" } ?? ""
                var lines = problem.lines.map(String.init).joined(separator: ", ")
                if problem.count > problem.lines.count {
                    lines += " and \(problem.count - problem.lines.count) more"
                }
                text += "  \(kind)\(column) \(problem.reason): \(problem.count) row(s), line \(lines)\n"
            }
        }
        let heldBack = verdicts.filter(\.isHeldBack).count
        text += "\(verdicts.count) file(s) checked: \(verdicts.filter { !$0.isHeldBack }.count) would load"
        text += heldBack > 0 ? ", \(heldBack) would be held back.\n" : ", none would be held back.\n"
        return text
    }
}
