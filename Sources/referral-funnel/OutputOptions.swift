import ArgumentParser
import Foundation
import Logging

/// `--verbose` and `--quiet`, shared by every command. Progress (one line per file, with
/// rows per second) goes to standard error through swift-log at the notice level, so
/// `--quiet` keeps only warnings and errors and a cron mail stays short.
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
