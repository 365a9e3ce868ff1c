import ArgumentParser
import Foundation
import Logging

/// `--verbose` and `--quiet`, shared by every command. Progress (a line per feed and per
/// stage; a line per file, with rows per second, under --verbose) goes to standard error
/// through swift-log at the notice level, so `--quiet` keeps only warnings and errors and a
/// cron mail stays short.
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print progress details and full error details.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print only warnings and errors.")
    var quiet = false

    /// Sets up logging. Returns what shows the ingest's progress in place when standard
    /// error is a terminal; to a pipe or a log (and under --verbose, which keeps a line per
    /// file, or --quiet) there is none, and each feed and stage gets one summary line.
    @discardableResult
    func bootstrapLogging() -> TerminalIngestProgress? {
        let level: Logger.Level = verbose ? .debug : (quiet ? .warning : .notice)
        let statusLine = !verbose && !quiet && TerminalStatusLine.isAvailable ? TerminalStatusLine() : nil
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            if let statusLine {
                return StatusLineLogHandler(inner: handler, statusLine: statusLine)
            }
            return handler
        }
        return statusLine.map(TerminalIngestProgress.init(statusLine:))
    }
}
