import Foundation
import XCTest

/// Real mounts for fault tests (the tests run as root in the sandbox): a small tmpfs for a
/// full disk, a read-only bind mount for a read-only folder. Chmod would not do: root writes
/// through it.
enum TestMount {
    /// Mounts a tmpfs of `size` (mount's syntax: "1m", "64k") on `folder`; skips the test
    /// when the kernel refuses the mount (no privilege in this environment).
    static func tmpfs(at folder: URL, size: String, unmountAfter testCase: XCTestCase) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try mount(["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", folder.path])
        testCase.addTeardownBlock { _ = try? run(["umount", "-l", folder.path]) }
    }

    /// Makes `folder` read-only in place with a bind mount over itself.
    static func readOnlyBind(_ folder: URL, unmountAfter testCase: XCTestCase) throws {
        try mount(["--bind", folder.path, folder.path])
        testCase.addTeardownBlock { _ = try? run(["umount", "-l", folder.path]) }
        try mount(["-o", "remount,ro,bind", folder.path, folder.path])
    }

    static func remount(_ folder: URL, options: String) throws {
        let result = try run(["mount", "-o", "remount,\(options)", folder.path])
        guard result.exitCode == 0 else {
            throw MountFailure(message: "mount -o remount,\(options) \(folder.path): \(result.standardError)")
        }
    }

    private static func mount(_ arguments: [String]) throws {
        let result = try run(["mount"] + arguments)
        guard result.exitCode == 0 else {
            let error = result.standardError.lowercased()
            if error.contains("permission denied") || error.contains("not permitted") || error.contains("must be superuser") {
                throw XCTSkip("the mount syscall is refused here (mount \(arguments.joined(separator: " ")): \(result.standardError.trimmingCharacters(in: .whitespacesAndNewlines))); this fault needs a real mount")
            }
            throw MountFailure(message: "mount \(arguments.joined(separator: " ")): \(result.standardError)")
        }
    }

    private static func run(_ arguments: [String]) throws -> CommandResult {
        try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), arguments)
    }

    struct MountFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
