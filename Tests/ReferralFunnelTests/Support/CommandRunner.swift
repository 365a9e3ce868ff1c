import Foundation
import XCTest

/// Runs the built `referral-funnel` binary, as a user would, and captures what it printed.
struct CommandResult {
    var exitCode: Int32
    var standardOutput: String
    var standardError: String
}

enum CommandRunner {
    /// The folder holding the built products (the test bundle's sibling on Linux).
    static var productsFolder: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        #endif
        return Bundle.main.bundleURL
    }

    /// With a `timeout`, a command still running then is killed (SIGKILL), so a test of
    /// something that must not block fails instead of hanging the suite.
    static func run(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:],
                    timeout: TimeInterval? = nil) throws -> CommandResult {
        var processEnvironment = ProcessInfo.processInfo.environment
        processEnvironment.removeValue(forKey: "REFERRAL_FUNNEL_KEY")
        processEnvironment.merge(environment) { _, new in new }
        return try ChildProcess.run(productsFolder.appendingPathComponent("referral-funnel"), arguments,
                                    in: folder, environment: processEnvironment, timeout: timeout)
    }
}

/// Runs a program to completion. Its output goes to temporary files rather than pipes: a
/// child that fills one pipe while the parent waits on the other would never finish.
enum ChildProcess {
    static func run(_ executable: URL, _ arguments: [String], in folder: URL? = nil,
                    environment: [String: String]? = nil, timeout: TimeInterval? = nil) throws -> CommandResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputURL = scratch.appendingPathComponent("stdout")
        let errorURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        if let environment { process.environment = environment }
        process.standardOutput = output
        process.standardError = error
        try process.run()
        if let timeout {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        try output.close()
        try error.close()
        return CommandResult(exitCode: process.terminationStatus,
                             standardOutput: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
                             standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }
}

/// Fixture folders, copied to a fresh temporary folder so runs can write beside them.
enum Fixtures {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }

    static func copy(_ name: String) throws -> URL {
        let destination = FileManager.default.temporaryDirectory
            .appendingPathComponent("referral-funnel-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        let copied = destination.appendingPathComponent(name)
        try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: copied)
        return copied
    }
}
