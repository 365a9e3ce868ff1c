import Foundation
import XCTest

/// A `referral-funnel run` (or another command) started as a real child process, to be stopped at a test pause
/// point (REFERRAL_FUNNEL_TEST_PAUSE_AFTER, see `TestPause`) or after a delay, and killed
/// with SIGKILL, as a power cut or the OOM killer would.
final class BackgroundRun {
    let process = Process()

    init(_ pipeline: TemporaryPipeline, command: String = "run", pauseAt point: String? = nil) throws {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "REFERRAL_FUNNEL_KEY")
        environment.removeValue(forKey: "REFERRAL_FUNNEL_TEST_PAUSE_AFTER")
        if let point { environment["REFERRAL_FUNNEL_TEST_PAUSE_AFTER"] = point }
        process.executableURL = CommandRunner.productsFolder.appendingPathComponent("referral-funnel")
        process.arguments = [command, pipeline.configPath, "--quiet"]
        process.currentDirectoryURL = pipeline.folder
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Waits until the child has stopped itself at its pause point (state `T` in
    /// /proc/PID/stat); false if it exited first or took over two minutes.
    func waitUntilStopped() -> Bool {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, process.isRunning {
            if Self.state(of: process.processIdentifier) == "T" { return true }
            usleep(10_000)
        }
        return false
    }

    /// SIGKILL, then reaps the child. Works on a stopped process too.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The one-letter state after the command name, which may itself hold spaces or ')'.
    private static func state(of pid: Int32) -> Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[close...].dropFirst().first { $0 != " " }
    }
}
