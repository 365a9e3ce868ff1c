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

    static func run(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> CommandResult {
        let process = Process()
        process.executableURL = productsFolder.appendingPathComponent("referral-funnel")
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        var processEnvironment = ProcessInfo.processInfo.environment
        processEnvironment.removeValue(forKey: "REFERRAL_FUNNEL_KEY")
        processEnvironment.merge(environment) { _, new in new }
        process.environment = processEnvironment
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read before waiting so a full pipe never blocks the child.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(exitCode: process.terminationStatus,
                             standardOutput: String(decoding: outputData, as: UTF8.self),
                             standardError: String(decoding: errorData, as: UTF8.self))
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
