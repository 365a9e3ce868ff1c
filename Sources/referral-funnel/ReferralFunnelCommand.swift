import ArgumentParser
import Foundation
import ReferralFunnel

@main
struct ReferralFunnelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral-funnel",
        abstract: "Builds the referral funnel from web, intake and scheduling exports, and writes dashboards and the weekly workbook.",
        discussion: ExitCodes.stage,
        subcommands: [
            ExplainCommand.self,
            IngestCommand.self,
            RebuildCommand.self,
            ReportCommand.self,
            RunCommand.self,
            SampleCommand.self,
            StatusCommand.self,
            TransformCommand.self,
            ValidateCommand.self,
        ]
    )

    /// Parses and runs like ArgumentParser's own `main()`, except that a usage error exits
    /// with 2, the code the commands document, rather than the library's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if Self.exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((Self.fullMessage(for: error) + "\n").utf8))
                Foundation.exit(RunExitCode.usageOrConfig)
            }
            Self.exit(withError: error)
        }
    }
}
