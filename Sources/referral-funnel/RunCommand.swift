import ArgumentParser
import Foundation
import Logging
import ReferralFunnel

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Ingest new exports, rebuild the funnel, and write the reports.",
        discussion: """
            Exit status: 0 success; 1 failure; 2 usage or config error; 3 finished, but a file \
            was held back; 75 another run holds the warehouse.
            """
    )

    @Argument(help: "The pipeline config, e.g. pipelines/nightly.yml.")
    var pipeline: String

    @Option(help: "The instant that decides stalled referrals and the report week (default: the latest data).")
    var asOf: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.bootstrapLogging()
        let logger = Logger(label: "referral-funnel")
        try reportingErrors(verbose: output.verbose) {
            let config = try PipelineConfig.load(from: pipeline)
            let asOfInstant = try asOf.map { text in
                guard let instant = try TimestampParser(timeZone: config.timeZone).parse(text) else {
                    throw PipelineError.invalidAsOf(text)
                }
                return instant
            }
            let summary = try PipelineRunner(config: config, logger: logger).run(options: .init(asOf: asOfInstant))
            let loaded = summary.files.filter { $0.disposition == .loaded }
            if !output.quiet {
                print("Ingested \(loaded.count) new file(s) (\(summary.files.count - loaded.count - summary.heldBackFiles.count) already ingested); report week \(summary.reportWeek).")
                for file in summary.heldBackFiles {
                    if case let .heldBack(reason) = file.disposition {
                        print("Held back \(file.path): \(reason)")
                    }
                }
                print("Reports:")
                let current = FileManager.default.currentDirectoryPath + "/"
                for report in summary.reports {
                    let path = report.path
                    print("  " + (path.hasPrefix(current) ? String(path.dropFirst(current.count)) : path))
                }
            }
            if summary.exitCode != 0 {
                throw ExitCode(summary.exitCode)
            }
        }
    }
}

struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print progress details and full error details.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print only warnings and errors.")
    var quiet = false

    func bootstrapLogging() {
        let level: Logger.Level = verbose ? .debug : (quiet ? .warning : .notice)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// Prints a failure as one clear line (details under --verbose) and exits with the
/// documented code for its kind.
func reportingErrors(verbose: Bool, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        var message = "error: \(error)"
        if verbose {
            message += "\n  (\(String(reflecting: error)))"
        }
        FileHandle.standardError.write(Data((message + "\n").utf8))
        switch error {
        case is ConfigError:
            throw ExitCode(RunExitCode.usageOrConfig)
        case PipelineError.alreadyRunning:
            throw ExitCode(RunExitCode.alreadyRunning)
        case PipelineError.registry, PipelineError.noPatientKey, PipelineError.unreadableKeyFile, PipelineError.invalidAsOf:
            throw ExitCode(RunExitCode.usageOrConfig)
        default:
            throw ExitCode(RunExitCode.failure)
        }
    }
}
