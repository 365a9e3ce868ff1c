import ArgumentParser
import Foundation
import ReferralFunnel

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
        throw ExitCode(exitCode(for: error))
    }
}

/// The documented exit code for an error (see `ExitCodes`).
func exitCode(for error: Error) -> Int32 {
    switch error {
    case is ConfigError:
        return RunExitCode.usageOrConfig
    case PipelineError.alreadyRunning:
        return RunExitCode.alreadyRunning
    case PipelineError.registry, PipelineError.noPatientKey, PipelineError.unreadableKeyFile, PipelineError.invalidAsOf,
         PipelineError.patientKeyTooShort, PipelineError.keyFileOpenToOthers:
        return RunExitCode.usageOrConfig
    // Retrying fails the same way until the user runs `rebuild` (or, for no warehouse, `run`).
    case PipelineError.loadedByOlderIngest, PipelineError.loadedByNewerIngest, PipelineError.nothingToRebuild:
        return RunExitCode.usageOrConfig
    // Likewise until the setting is restored or the warehouse rebuilt under the new one.
    case PipelineError.patientKeyChanged, PipelineError.ingestSettingsChanged:
        return RunExitCode.usageOrConfig
    // Files the ledger lists are missing: a failure like an unreadable file (1), not a usage
    // error: once they are restored, the same command finishes the work.
    case PipelineError.ledgerFilesUnavailable:
        return RunExitCode.failure
    case let error as ExplainError where error.isUsageError:
        return RunExitCode.usageOrConfig
    case SampleError.invalidOption, SampleError.wouldOverwrite:
        return RunExitCode.usageOrConfig
    default:
        return RunExitCode.failure
    }
}

/// The exit-status paragraph of each command's help.
enum ExitCodes {
    static let stage = """
        Exit status: 0 success; 1 failure; 2 usage or config error (the message names the \
        file, key and problem); 3 finished, but a file was held back; 75 another run holds \
        the warehouse.
        """
    static let withoutLock = """
        Exit status: 0 success; 1 failure; 2 usage or config error (the message names the \
        file, key and problem).
        """
}
