import Foundation
import XCTest
@testable import ReferralFunnel

/// Issue 22, tried as a careless operator would: config numbers out of range, a registry
/// that contradicts itself, feed files that are no files, and weak patient keys. Each is a
/// clear error before any data loads (exit 2 for the config, 1 for a feed file), and none
/// of them can block a night: `validate` says the same as `run`.
final class CarelessConfigAndFeedTests: XCTestCase {
    private static let oneReferral = TemporaryPipeline.intakeHeader + "R1,2026-11-02 10:00,fax,Lakeside,,,,P1,,,accepted,,\n"

    private func pipelineWithOneReferral(extraConfig: String = "") throws -> TemporaryPipeline {
        let pipeline = try TemporaryPipeline(extraConfig: extraConfig)
        try pipeline.write(Self.oneReferral, to: "intake/intake-1.csv")
        return pipeline
    }

    private func validate(_ pipeline: TemporaryPipeline, environment: [String: String] = [:]) throws -> CommandResult {
        try CommandRunner.run(["validate", pipeline.configPath], in: pipeline.folder, environment: environment, timeout: 60)
    }

    /// `validate` and `run` both refuse the pipeline with exit `code`, saying each of `mentions`.
    private func assertValidateAndRunRefuse(_ pipeline: TemporaryPipeline, exitCode code: Int32 = RunExitCode.usageOrConfig,
                                            saying mentions: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        for result in [try validate(pipeline), try pipeline.run()] {
            XCTAssertEqual(result.exitCode, code, result.standardError, file: file, line: line)
            for mention in mentions {
                XCTAssertTrue(result.standardError.contains(mention), result.standardError, file: file, line: line)
            }
        }
    }

    private func scratchFiles(of pipeline: TemporaryPipeline) -> [String] {
        let folder = (pipeline.warehousePath as NSString).deletingLastPathComponent
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasSuffix(".lock") }
    }

    // MARK: case 8: thresholds

    func testCase8ASLAOf1e300HoursIsAConfigErrorBeforeAnyDataIsRead() throws {
        let pipeline = try pipelineWithOneReferral(extraConfig: "sla_hours: 1e300")
        try assertValidateAndRunRefuse(pipeline, saying: ["pipeline.yml: key 'sla_hours': must be more than 0 and at most 26280 hours"])
        // Refused before the warehouse was made: no database, no scratch copies left behind.
        XCTAssertEqual(scratchFiles(of: pipeline), [])
    }

    func testCase8EveryDayThresholdTooLargeIsAConfigError() throws {
        for key in ["followup_days", "stall_days", "link_window_days", "stale_feed_days"] {
            let pipeline = try pipelineWithOneReferral(extraConfig: "\(key): 1096")
            let result = try pipeline.run()
            XCTAssertEqual(result.exitCode, RunExitCode.usageOrConfig, "\(key): \(result.standardError)")
            XCTAssertTrue(result.standardError.contains("'\(key)': must be more than 0 and at most 1095 days"), result.standardError)
        }
    }

    // MARK: cases 5 and 9: the source registry

    func testCase9ADuplicateSourceNameIsAConfigErrorInValidateAndRun() throws {
        let pipeline = try pipelineWithOneReferral()
        try pipeline.write("""
            sources:
              - name: Lakeside Family Medicine
                aliases: [lakeside-fm]
              - name: Lakeside Family Medicine
                aliases: [Lakeside]
            """, to: "sources.yml")
        try assertValidateAndRunRefuse(pipeline, saying: ["sources.yml: sources[1] (Lakeside Family Medicine): the source name "
                                                          + "'Lakeside Family Medicine' is already the name of sources[0]"])
        XCTAssertEqual(scratchFiles(of: pipeline), [], "refused before anything was ingested")
    }

    func testCase9AnAliasClaimedByTwoSourcesIsAConfigError() throws {
        let pipeline = try pipelineWithOneReferral()
        try pipeline.write("""
            sources:
              - name: Lakeside Family Medicine
                aliases: ["Lakeside, P.C."]
              - name: Lakeside Pediatrics
                aliases: [LAKESIDE]
            """, to: "sources.yml")
        try assertValidateAndRunRefuse(pipeline, saying: ["sources[1] (Lakeside Pediatrics): 'LAKESIDE' normalizes to 'lakeside', "
                                                          + "already claimed by sources[0] (Lakeside Family Medicine)"])
    }

    func testCase5ARegistrySourceNamedAllIsAConfigError() throws {
        for (registry, spelling) in [("- name: (all)", "(all)"), ("- {name: Web, aliases: [\" (Direct) \"]}", " (Direct) "),
                                     ("- {name: Other, aliases: [(unattributed)]}", "(unattributed)")] {
            let pipeline = try pipelineWithOneReferral()
            try pipeline.write("sources:\n  \(registry)\n", to: "sources.yml")
            try assertValidateAndRunRefuse(pipeline, saying: ["sources.yml: sources[0]", "'\(spelling)' is the pipeline's own name"])
        }
    }

    // MARK: case 7: a FIFO in a feed folder

    func testCase7AFIFOInAFeedFolderEndsTheRunWithinSeconds() throws {
        let pipeline = try pipelineWithOneReferral()
        let fifo = pipeline.folder.appendingPathComponent("intake/intake-2.csv").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        for command in ["run", "validate", "ingest", "run"] {
            let started = Date()
            let result = try CommandRunner.run([command, pipeline.configPath], in: pipeline.folder, timeout: 30)
            XCTAssertLessThan(Date().timeIntervalSince(started), 10, "\(command) must not block on the FIFO")
            // Never 75: the run before it held no lock once it had ended.
            XCTAssertEqual(result.exitCode, RunExitCode.failure, "\(command): \(result.standardError)")
            XCTAssertTrue(result.standardError.contains("intake/intake-2.csv: the intake feed's files match it, but it is a FIFO (named pipe)"),
                          result.standardError)
        }
        // Nothing was ingested beside the FIFO: the run stops before any file loads.
        XCTAssertEqual(scratchFiles(of: pipeline).filter { $0.hasSuffix(".sqlite") }.count, 0)

        try FileManager.default.removeItem(atPath: fifo)
        let next = try pipeline.run()
        XCTAssertEqual(next.exitCode, 0, next.standardError)
    }

    func testCase7AFIFOThatAppearsAfterTheCheckIsNotOpenedForReading() throws {
        // The second guard: the readers open without blocking and check what they opened.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("export.csv").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let started = Date()
        XCTAssertThrowsError(try FileDescriptor(openingForReading: fifo)) { error in
            XCTAssertTrue("\(error)".contains("it is a FIFO (named pipe), not a regular file"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    // MARK: case 10: files silently skipped

    func testCase10AGlobThatMatchesNoFileIsExit2NamingTheFeed() throws {
        let pipeline = try pipelineWithOneReferral()
        try pipeline.write(TemporaryPipeline.schedulingHeader + "A1,,P1,2026-11-03 10:00,2026-11-05 10:00,completed,,,,,\n",
                           to: "scheduling/scheduling-1.csv")
        let config = try String(contentsOfFile: pipeline.configPath, encoding: .utf8)
        try config.replacingOccurrences(of: "scheduling/*.csv", with: "scheduling/*.CSV")
            .write(toFile: pipeline.configPath, atomically: true, encoding: .utf8)
        try assertValidateAndRunRefuse(pipeline, saying: ["pipeline.yml: key 'feeds.scheduling.files': '",
                                                          "scheduling/*.CSV' matches no file"])
        XCTAssertEqual(scratchFiles(of: pipeline).filter { $0.hasSuffix(".sqlite") }.count, 0, "nothing was loaded")
    }

    func testAFeedLeftOutOfTheConfigIsNeitherLookedForNorStale() throws {
        // TemporaryPipeline leaves out the empty web and scheduling feeds.
        let pipeline = try pipelineWithOneReferral()
        XCTAssertFalse(try String(contentsOfFile: pipeline.configPath, encoding: .utf8).contains("\n  web: "))
        XCTAssertEqual(try pipeline.run().exitCode, 0)
        let status = try CommandRunner.run(["status", pipeline.configPath], in: pipeline.folder)
        XCTAssertEqual(status.exitCode, 0, status.standardError)
        let feedLines = status.standardOutput.split(separator: "\n").filter { line in
            ["web", "intake", "scheduling"].contains { line.hasPrefix("  \($0): ") }
        }
        XCTAssertEqual(feedLines.count, 1, status.standardOutput)
        XCTAssertTrue(feedLines.first?.hasPrefix("  intake: 1 file(s)") == true, status.standardOutput)
    }

    func testCase10ADanglingSymlinkOrASymlinkLoopInAFeedIsAnError() throws {
        for (name, kind) in [("dangling", "a symbolic link to nothing (dangling)"), ("loop", "a symbolic link loop")] {
            let pipeline = try pipelineWithOneReferral()
            let link = pipeline.folder.appendingPathComponent("intake/intake-0-\(name).csv").path
            let target = name == "loop" ? link : pipeline.folder.appendingPathComponent("gone.csv").path
            XCTAssertEqual(symlink(target, link), 0)
            try assertValidateAndRunRefuse(pipeline, exitCode: RunExitCode.failure,
                                           saying: ["intake/intake-0-\(name).csv: the intake feed's files match it, but it is \(kind)"])
        }
    }

    func testCase10AFeedFolderTheRunCannotReadIsAnError() throws {
        let pipeline = try pipelineWithOneReferral()
        let folder = pipeline.folder.appendingPathComponent("intake").path
        XCTAssertEqual(chmod(folder, 0o300), 0)
        defer { chmod(folder, 0o755) }
        for command in ["validate", "run"] {
            let result = try runAsAnotherUserThanRoot([command, pipeline.configPath], pipeline: pipeline)
            XCTAssertEqual(result.exitCode, RunExitCode.failure, result.standardError)
            XCTAssertTrue(result.standardError.contains("intake: the intake feed's files are looked for in this folder, but it cannot be read"),
                          result.standardError)
        }
    }

    /// Root reads every folder whatever its permissions, so as root the command runs as
    /// `nobody` (owning the pipeline folder) through setpriv.
    private func runAsAnotherUserThanRoot(_ arguments: [String], pipeline: TemporaryPipeline) throws -> CommandResult {
        guard getuid() == 0 else { return try CommandRunner.run(arguments, in: pipeline.folder, timeout: 60) }
        let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: setpriv.path), "setpriv is needed to run as another user")
        let nobody: uid_t = 65_534
        for path in [pipeline.folder.path] + (try FileManager.default.subpathsOfDirectory(atPath: pipeline.folder.path))
            .map({ pipeline.folder.appendingPathComponent($0).path }) {
            XCTAssertEqual(chown(path, nobody, nobody), 0, path)
        }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "REFERRAL_FUNNEL_KEY")
        return try ChildProcess.run(setpriv, ["--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups",
                                              CommandRunner.productsFolder.appendingPathComponent("referral-funnel").path]
                                        + arguments, in: pipeline.folder, environment: environment, timeout: 60)
    }

    // MARK: keys

    func testAPatientKeyShorterThan32BytesIsRefused() throws {
        let pipeline = try pipelineWithOneReferral()
        let result = try pipeline.run(environment: ["REFERRAL_FUNNEL_KEY": "x"])
        XCTAssertEqual(result.exitCode, RunExitCode.usageOrConfig, result.standardError)
        XCTAssertTrue(result.standardError.contains("the patient key in REFERRAL_FUNNEL_KEY is 1 byte(s) long; use at least 32"),
                      result.standardError)

        let keyFile = pipeline.folder.appendingPathComponent("patient.key").path
        XCTAssertTrue(FileManager.default.createFile(atPath: keyFile, contents: Data("short but not 32\n".utf8),
                                                    attributes: [.posixPermissions: 0o600]))
        let withFile = try pipelineWithOneReferral(extraConfig: "patient_key_file: \(keyFile)")
        let fromFile = try withFile.run()
        XCTAssertEqual(fromFile.exitCode, RunExitCode.usageOrConfig, fromFile.standardError)
        XCTAssertTrue(fromFile.standardError.contains("the patient key in \(keyFile) is 16 byte(s) long"), fromFile.standardError)
        let longEnough = try pipelineWithOneReferral()
        XCTAssertEqual(try longEnough.run(environment: ["REFERRAL_FUNNEL_KEY": String(repeating: "k", count: 32)]).exitCode, 0)
    }

    func testAKeyFileReadableByGroupOrOthersIsRefusedAsSSHDoes() throws {
        let keyFolder = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: keyFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: keyFolder) }
        let keyFile = keyFolder.appendingPathComponent("patient.key").path
        XCTAssertTrue(FileManager.default.createFile(atPath: keyFile, contents: Data((String(repeating: "k", count: 40) + "\n").utf8)))
        let pipeline = try pipelineWithOneReferral(extraConfig: "patient_key_file: \(keyFile)")
        for permissions: mode_t in [0o644, 0o640, 0o604] {
            XCTAssertEqual(chmod(keyFile, permissions), 0)
            let result = try pipeline.run()
            XCTAssertEqual(result.exitCode, RunExitCode.usageOrConfig, result.standardError)
            XCTAssertTrue(result.standardError.contains("the patient key file \(keyFile) is open to its group or others "
                                                        + "(permissions \(String(permissions, radix: 8)))"), result.standardError)
            XCTAssertTrue(result.standardError.contains("chmod 600 \(keyFile)"), result.standardError)
        }
        XCTAssertEqual(chmod(keyFile, 0o600), 0)
        let result = try pipeline.run()
        XCTAssertEqual(result.exitCode, 0, result.standardError)
    }
}
