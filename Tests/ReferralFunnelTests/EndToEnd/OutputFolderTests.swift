import Foundation
import XCTest
@testable import ReferralFunnel

/// Issue 22, case 11 and the smaller output items, through the built binary: nothing is
/// written outside a folder of the pipeline's own; the report step removes only files it
/// made; a report set is replaced whole or not at all.
final class OutputFolderTests: XCTestCase {
    static func pipelineWithOneReferral(source: String = "Lakeside") throws -> TemporaryPipeline {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(TemporaryPipeline.intakeHeader + "R1,2026-11-02 09:00,fax,\(source),,,,P1,,,received,,\n",
                           to: "intake/intake-1.csv")
        try pipeline.write(TemporaryPipeline.schedulingHeader, to: "scheduling/scheduling-1.csv")
        return pipeline
    }

    static func editConfig(_ pipeline: TemporaryPipeline, _ old: String, _ new: String) throws {
        try IngestSettingsTests.edit(pipeline.folder, old, new)
    }

    /// `output: /`, an output folder in a feed folder, and names that climb out of the
    /// project: `validate` and `run` exit 2 naming the key, and nothing is written.
    func testCase11AnOutputOutsideAFolderOfItsOwnIsAConfigError() throws {
        // `output: /` and the project root are refused by the same check (OutputSafetyTests);
        // never run here, where a regression would write into those folders.
        let cases = [("output: reports", "output: intake", "key 'output': the output folder intake is in the feed folder intake"),
                     ("output: reports", "output: intake/reports", "is in the feed folder"),
                     ("output: reports", "output: reports\nname: ../../x", "key 'name': '../../x' must be a plain name"),
                     ("output: reports", "output: reports\nname: ..", "key 'name': '..' must be a plain name")]
        for (old, new, expected) in cases {
            let pipeline = try Self.pipelineWithOneReferral()
            try Self.editConfig(pipeline, old, new)
            for command in ["validate", "run"] {
                let result = try CommandRunner.run([command, "pipeline.yml"], in: pipeline.folder)
                XCTAssertEqual(result.exitCode, RunExitCode.usageOrConfig, "\(new) \(command): \(result.standardError)")
                XCTAssertTrue(result.standardError.hasPrefix("error: pipeline.yml: "), "\(new): \(result.standardError)")
                XCTAssertTrue(result.standardError.contains(expected),
                              "\(new): \(result.standardError)")
            }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: pipeline.folder.path).sorted(),
                           ["intake", "pipeline.yml", "scheduling", "sources.yml", "web"], new)
        }
    }

    /// Case 11: the report step deleted every `.tmp-*` file under the output folder. Now it
    /// removes only the temporary files its record lists: a user's files stay, whatever
    /// their names, and a killed run's temporary file is still removed by the next run.
    func testCase11TheReportStepRemovesOnlyTheTemporaryFilesItMade() throws {
        let pipeline = try Self.pipelineWithOneReferral()
        XCTAssertEqual(try pipeline.run(["--quiet"]).exitCode, 0)
        let precious = pipeline.reports.appendingPathComponent("deep/er/.tmp-precious-notes.txt")
        let lookalike = pipeline.reports.appendingPathComponent(".tmp-1-index.html")
        try FileManager.default.createDirectory(at: precious.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: precious)
        try Data("mine".utf8).write(to: lookalike)
        XCTAssertEqual(try pipeline.run(["--quiet"]).exitCode, 0)
        XCTAssertEqual(try? Data(contentsOf: precious), Data("notes".utf8))
        XCTAssertEqual(try? Data(contentsOf: lookalike), Data("mine".utf8))

        // As a run killed while writing index.html leaves it, with its record.
        let killedRunsFile = pipeline.reports.appendingPathComponent(".tmp-424242-index.html")
        try Data("half a page".utf8).write(to: killedRunsFile)
        let manifest = pipeline.reports.appendingPathComponent(ReportManifest.fileName)
        let handle = try FileHandle(forWritingTo: manifest)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("temporary .tmp-424242-index.html\ntemporary ../outside\n".utf8))
        try handle.close()
        XCTAssertEqual(try pipeline.run(["--quiet"]).exitCode, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: killedRunsFile.path))
        XCTAssertEqual(try? Data(contentsOf: precious), Data("notes".utf8))
        let record = try String(contentsOf: manifest, encoding: .utf8)
        XCTAssertFalse(record.contains("temporary"), record)
        XCTAssertTrue(record.contains("report index.html\n") && record.contains("report metrics.csv\n"), record)
    }

    /// A source's page stays with old numbers after the source is gone (here an unregistered
    /// name becomes an alias of a registered source). Now it goes with the old set; a file
    /// the report step did not write stays.
    func testPagesOfSourcesThatNoLongerExistAreRemovedWithTheSet() throws {
        let pipeline = try Self.pipelineWithOneReferral(source: "Foo Clinic")
        XCTAssertEqual(try pipeline.run(["--quiet"]).exitCode, 0)
        let sources = pipeline.reports.appendingPathComponent("sources")
        let pagesBefore = try FileManager.default.contentsOfDirectory(atPath: sources.path)
        let fooPage = try XCTUnwrap(pagesBefore.first { $0.hasPrefix("foo-clinic") }, "\(pagesBefore)")
        let usersFile = sources.appendingPathComponent("notes.html")
        try Data("mine".utf8).write(to: usersFile)

        try pipeline.write("""
            sources:
              - name: Lakeside Family Medicine
                type: practice
                aliases: [lakeside-fm, Foo Clinic]
            """, to: "sources.yml")
        XCTAssertEqual(try pipeline.run(["--quiet"]).exitCode, 0)
        let pagesAfter = try FileManager.default.contentsOfDirectory(atPath: sources.path)
        XCTAssertFalse(pagesAfter.contains(fooPage), "\(pagesAfter)")
        XCTAssertTrue(pagesAfter.contains("notes.html"))
        XCTAssertTrue(pagesAfter.contains { $0.hasPrefix("lakeside-family-medicine") }, "\(pagesAfter)")
    }

    /// A disk filling part way through the report stage left a mixed set (index and metrics
    /// new, workbook and data quality old). Now every file of the old set is as it was, no
    /// temporary file is left, and once there is room the rerun writes the new set.
    func testAFullDiskDuringTheReportStageLeavesTheOldSetWhole() throws {
        let pipeline = try Self.pipelineWithOneReferral()
        try TestMount.tmpfs(at: pipeline.reports, size: "64m", unmountAfter: self)
        XCTAssertEqual(try pipeline.run(["--quiet"]).exitCode, 0)
        let before = try Self.files(under: pipeline.reports)
        XCTAssertGreaterThan(before.count, 4)

        var rows = TemporaryPipeline.intakeHeader
        for number in 2...400 {
            rows += "R\(number),2026-11-0\(number % 7 + 2) 09:00,fax,Practice \(number % 40),,,,P\(number),,,received,,\n"
        }
        try pipeline.write(rows, to: "intake/intake-2.csv")
        // Room for a little more than the old set: the new one, with forty more pages, fails
        // part way.
        let used = before.values.reduce(0) { $0 + ($1.count + 4095) / 4096 * 4096 }
        try TestMount.remount(pipeline.reports, options: "size=\(used / 1024 + 64)k")
        let failed = try pipeline.run(["--quiet"])
        XCTAssertEqual(failed.exitCode, RunExitCode.failure, failed.standardError)
        XCTAssertTrue(failed.standardError.contains("No space left on device"), failed.standardError)
        XCTAssertEqual(try Self.files(under: pipeline.reports), before, "the old set, whole and unchanged")

        try TestMount.remount(pipeline.reports, options: "size=64m")
        XCTAssertEqual(try pipeline.run(["--quiet"]).exitCode, 0)
        let after = try Self.files(under: pipeline.reports)
        XCTAssertNotEqual(after["metrics.csv"], before["metrics.csv"])
        XCTAssertFalse(after.keys.contains { ($0 as NSString).lastPathComponent.hasPrefix(AtomicFile.temporaryPrefix) })
    }

    /// Every regular file under `folder` but the report step's record, and its bytes.
    static func files(under folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where path != ReportManifest.fileName {
            let url = folder.appendingPathComponent(path)
            if ReportManifest.isRegularFile(url) {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }
}
