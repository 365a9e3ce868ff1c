import Foundation
import XCTest
@testable import ReferralFunnel

/// `rebuild` reloads a warehouse from the exports its ledger lists, through the built
/// binary: the same reports as the runs that built the old warehouse, refusal (changing
/// nothing) when a ledger file is gone, `--skip-missing`, and the ingest version that makes
/// `run` ask for a rebuild.
final class RebuildCommandTests: XCTestCase {
    static let feeds = ["web", "intake", "scheduling"]

    /// A copy of the sample practice holding its first `days` days, with the files of days
    /// from `firstRunDays` on parked outside the globs; `releaseParkedFiles` moves them in.
    struct SampleNights {
        let practice: URL
        var parked: URL { practice.appendingPathComponent("parked") }
        var warehousePath: String { practice.appendingPathComponent("warehouse/nightly.sqlite").path }
        var reports: URL { practice.appendingPathComponent("reports/nightly") }

        init(days: Int, firstRunDays: Int) throws {
            practice = try SamplePracticeTests.copyOfSamplePractice()
            try FileManager.default.removeItem(at: practice.appendingPathComponent("sample-data/vendor"))
            for feed in RebuildCommandTests.feeds {
                let folder = practice.appendingPathComponent("sample-data/\(feed)")
                try FileManager.default.createDirectory(at: parked.appendingPathComponent(feed), withIntermediateDirectories: true)
                for (day, name) in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().enumerated() {
                    let file = folder.appendingPathComponent(name)
                    if day >= days {
                        try FileManager.default.removeItem(at: file)
                    } else if day >= firstRunDays {
                        try FileManager.default.moveItem(at: file, to: parked.appendingPathComponent("\(feed)/\(name)"))
                    }
                }
            }
        }

        func releaseParkedFiles() throws {
            for feed in RebuildCommandTests.feeds {
                let folder = parked.appendingPathComponent(feed)
                for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                    try FileManager.default.moveItem(at: folder.appendingPathComponent(name),
                                                     to: practice.appendingPathComponent("sample-data/\(feed)/\(name)"))
                }
            }
        }

        func run(_ arguments: [String]) throws -> CommandResult {
            try CommandRunner.run(arguments, in: practice)
        }

        /// Every HTML page and metrics.csv, by path under the report folder. (The workbook
        /// is compared by its cells elsewhere; its bytes are not promised.)
        func reportFiles() throws -> [String: Data] {
            var files: [String: Data] = [:]
            for path in try FileManager.default.subpathsOfDirectory(atPath: reports.path)
            where !path.hasPrefix(".") && (path.hasSuffix(".html") || path.hasSuffix(".csv")) {
                files[path] = try Data(contentsOf: reports.appendingPathComponent(path))
            }
            return files
        }
    }

    /// Two nights of the sample, then a rebuild: every page and metrics.csv byte for byte as
    /// the runs left them, and the rebuilt warehouse is a working one (the next run adds to it).
    func testRebuildAfterTwoNightsGivesTheSameReports() throws {
        let nights = try SampleNights(days: 10, firstRunDays: 6)
        let first = try nights.run(["run", "pipelines/nightly.yml", "--quiet"])
        XCTAssertEqual(first.exitCode, 0, first.standardError)
        try nights.releaseParkedFiles()
        let second = try nights.run(["run", "pipelines/nightly.yml", "--quiet"])
        XCTAssertEqual(second.exitCode, 0, second.standardError)
        let before = try nights.reportFiles()
        XCTAssertGreaterThan(before.count, 5)
        XCTAssertNotNil(before["metrics.csv"])
        let filesBefore = try Database(path: nights.warehousePath, readOnly: true).scalar("select count(*) from ingested_files")?.int
        // Rewritten by the rebuild, so an unchanged report cannot pass for a rebuilt one.
        for path in before.keys {
            try Data("stale".utf8).write(to: nights.reports.appendingPathComponent(path))
        }

        let rebuild = try nights.run(["rebuild", "pipelines/nightly.yml"])
        XCTAssertEqual(rebuild.exitCode, 0, rebuild.standardError)
        XCTAssertTrue(rebuild.standardOutput.contains("Rebuilt warehouse/nightly.sqlite from 30 file(s) of its ledger."),
                      rebuild.standardOutput)
        let after = try nights.reportFiles()
        XCTAssertEqual(after.keys.sorted(), before.keys.sorted())
        for (path, data) in before {
            XCTAssertTrue(after[path] == data, "\(path) differs after the rebuild")
        }
        // One new warehouse file: no write-ahead log of the old one left beside it.
        let warehouseFolder = (nights.warehousePath as NSString).deletingLastPathComponent
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: warehouseFolder).sorted(),
                       ["nightly.sqlite", "nightly.sqlite.lock"])
        let database = try Database(path: nights.warehousePath, readOnly: true)
        XCTAssertEqual(try database.scalar("select count(*) from ingested_files")?.int, filesBefore)

        let next = try nights.run(["run", "pipelines/nightly.yml"])
        XCTAssertEqual(next.exitCode, 0, next.standardError)
        XCTAssertTrue(next.standardOutput.contains("Ingested 0 new file(s) (30 already ingested)."), next.standardOutput)
        XCTAssertTrue(try nights.reportFiles() == before)
    }

    /// File order is ingestion order (SPEC section 2), not path order: R1's two snapshots
    /// carry no updated_at, so the later file wins, and the later file is intake-1.csv,
    /// ingested by the second run. Its row carries confirmed_at; a rebuild that went by path
    /// would let intake-2.csv win and count R1 unconfirmed, as a cold run over both does.
    func testRebuildKeepsTheLedgersOrderRatherThanPathOrder() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(TemporaryPipeline.intakeHeader + "R1,2026-11-02 09:00,fax,Lakeside,,,,P1,,,received,,\n",
                           to: "intake/intake-2.csv")
        XCTAssertEqual(try pipeline.run(["--quiet"]).exitCode, 0)
        try pipeline.write(TemporaryPipeline.intakeHeader
                           + "R1,2026-11-02 09:00,fax,Lakeside,,,,P1,,,received,2026-11-02 10:00,\n",
                           to: "intake/intake-1.csv")
        XCTAssertEqual(try pipeline.run(["--quiet"]).exitCode, 0)
        let metrics = try pipeline.metrics()
        XCTAssertEqual(try Self.cell("confirmed", of: metrics), "1", metrics)

        let rebuild = try CommandRunner.run(["rebuild", pipeline.configPath], in: pipeline.folder)
        XCTAssertEqual(rebuild.exitCode, 0, rebuild.standardError)
        XCTAssertEqual(try pipeline.metrics(), metrics)

        // The scenario depends on file order: one run over both files, in path order, differs.
        let cold = try TemporaryPipeline()
        for name in ["intake-1.csv", "intake-2.csv"] {
            try FileManager.default.copyItem(at: pipeline.folder.appendingPathComponent("intake/\(name)"),
                                             to: cold.folder.appendingPathComponent("intake/\(name)"))
        }
        XCTAssertEqual(try cold.run(["--quiet"]).exitCode, 0)
        XCTAssertEqual(try Self.cell("confirmed", of: try cold.metrics()), "0")
    }

    /// A ledger file deleted: the rebuild names it, exits 1, and leaves the warehouse file,
    /// the reports and the folder as they were.
    func testRebuildRefusesWhenALedgerFileIsMissing() throws {
        let nights = try SampleNights(days: 4, firstRunDays: 2)
        XCTAssertEqual(try nights.run(["run", "pipelines/nightly.yml", "--quiet"]).exitCode, 0)
        try nights.releaseParkedFiles()
        XCTAssertEqual(try nights.run(["run", "pipelines/nightly.yml", "--quiet"]).exitCode, 0)
        let reportsBefore = try nights.reportFiles()
        let warehouseBefore = try ExportFiles.sha256(of: nights.warehousePath)
        try FileManager.default.removeItem(at: nights.practice.appendingPathComponent("sample-data/intake/intake-2026-09-02.csv"))
        try Data("edited".utf8).write(to: nights.practice.appendingPathComponent("sample-data/web/web-2026-09-03.jsonl"))

        let rebuild = try nights.run(["rebuild", "pipelines/nightly.yml", "--quiet"])
        XCTAssertEqual(rebuild.exitCode, RunExitCode.failure, rebuild.standardError)
        XCTAssertTrue(rebuild.standardError.contains("\n  missing: sample-data/intake/intake-2026-09-02.csv"), rebuild.standardError)
        XCTAssertTrue(rebuild.standardError.contains("\n  changed since it was ingested: sample-data/web/web-2026-09-03.jsonl"),
                      rebuild.standardError)
        XCTAssertTrue(rebuild.standardError.contains("error: 2 file(s) the warehouse's ledger lists are missing or changed"),
                      rebuild.standardError)
        XCTAssertEqual(try ExportFiles.sha256(of: nights.warehousePath), warehouseBefore)
        XCTAssertTrue(try nights.reportFiles() == reportsBefore)
        XCTAssertFalse(FileManager.default.fileExists(atPath: nights.warehousePath + ".rebuild"))
    }

    /// `--skip-missing` rebuilds without the deleted file and names it; the rebuilt ledger no
    /// longer lists it. A copy left by a killed rebuild is removed first.
    func testRebuildWithSkipMissingLeavesTheFileOutAndNamesIt() throws {
        let nights = try SampleNights(days: 4, firstRunDays: 2)
        XCTAssertEqual(try nights.run(["run", "pipelines/nightly.yml", "--quiet"]).exitCode, 0)
        try nights.releaseParkedFiles()
        XCTAssertEqual(try nights.run(["run", "pipelines/nightly.yml", "--quiet"]).exitCode, 0)
        let metricsBefore = try String(contentsOf: nights.reports.appendingPathComponent("metrics.csv"), encoding: .utf8)
        let missing = nights.practice.appendingPathComponent("sample-data/intake/intake-2026-09-02.csv")
        try FileManager.default.removeItem(at: missing)
        for leftOver in [".rebuild", ".rebuild-journal"] {
            try Data("left by a killed rebuild".utf8).write(to: URL(fileURLWithPath: nights.warehousePath + leftOver))
        }

        let rebuild = try nights.run(["rebuild", "pipelines/nightly.yml", "--skip-missing"])
        XCTAssertEqual(rebuild.exitCode, 0, rebuild.standardError)
        XCTAssertTrue(rebuild.standardOutput.contains("Left out, missing: sample-data/intake/intake-2026-09-02.csv"),
                      rebuild.standardOutput)
        XCTAssertTrue(rebuild.standardError.contains("left out of the rebuild, missing: sample-data/intake/intake-2026-09-02.csv"),
                      rebuild.standardError)
        // Checked before the test opens the warehouse, which makes SQLite's -wal and -shm files.
        let warehouseFolder = (nights.warehousePath as NSString).deletingLastPathComponent
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: warehouseFolder).sorted(),
                       ["nightly.sqlite", "nightly.sqlite.lock"])
        let database = try Database(path: nights.warehousePath, readOnly: true)
        XCTAssertEqual(try database.scalar("select count(*) from ingested_files where path = ?", [.text(missing.path)])?.int, 0)
        XCTAssertEqual(try database.scalar("select count(*) from ingested_files")?.int, 11)
        let metricsAfter = try String(contentsOf: nights.reports.appendingPathComponent("metrics.csv"), encoding: .utf8)
        XCTAssertNotEqual(metricsAfter, metricsBefore, "the day's referrals should be gone from the counts")
    }

    /// With every ledger file gone (the exports moved), even `--skip-missing` refuses: it
    /// would replace the warehouse with an empty one.
    func testRebuildRefusesWhenNoLedgerFileIsThere() throws {
        let fixture = try Fixtures.copy("golden-basic")
        XCTAssertEqual(try CommandRunner.run(["run", "pipeline.yml", "--quiet"], in: fixture).exitCode, 0)
        let warehousePath = fixture.appendingPathComponent("warehouse/golden.sqlite").path
        let warehouseBefore = try ExportFiles.sha256(of: warehousePath)
        for feed in Self.feeds {
            try FileManager.default.moveItem(at: fixture.appendingPathComponent(feed), to: fixture.appendingPathComponent("moved-\(feed)"))
        }

        let rebuild = try CommandRunner.run(["rebuild", "pipeline.yml", "--skip-missing"], in: fixture)
        XCTAssertEqual(rebuild.exitCode, RunExitCode.failure, rebuild.standardError)
        XCTAssertTrue(rebuild.standardError.contains("error: none of the 4 file(s) the warehouse's ledger lists is there as it was ingested"),
                      rebuild.standardError)
        XCTAssertEqual(try ExportFiles.sha256(of: warehousePath), warehouseBefore)
    }

    /// A warehouse recorded as loaded by an older ingest: every stage that opens it exits 2
    /// with the rebuild command, changing nothing; `rebuild` records the current version, and
    /// `run` works again. A new file beside the ledger's is left for that run.
    func testAnOlderIngestVersionMakesRunAskForRebuild() throws {
        let fixture = try Fixtures.copy("golden-basic")
        XCTAssertEqual(try CommandRunner.run(["run", "pipeline.yml", "--quiet"], in: fixture).exitCode, 0)
        let warehousePath = fixture.appendingPathComponent("warehouse/golden.sqlite").path
        XCTAssertEqual(try Database(path: warehousePath).scalar("select version from ingest_version")?.int, IngestVersion.current)
        try Database(path: warehousePath).execute("update ingest_version set version = \(IngestVersion.current - 1)")
        let runsBefore = try Database(path: warehousePath).scalar("select count(*) from runs")?.int

        let expected = "error: the warehouse was loaded by an older ingest (version \(IngestVersion.current - 1), "
            + "this is \(IngestVersion.current)): run 'referral-funnel rebuild pipeline.yml'\n"
        for command in ["run", "ingest", "transform", "report"] {
            let refused = try CommandRunner.run([command, "pipeline.yml", "--quiet"], in: fixture)
            XCTAssertEqual(refused.exitCode, RunExitCode.usageOrConfig, "\(command): \(refused.standardError)")
            XCTAssertTrue(refused.standardError.hasSuffix(expected), "\(command): \(refused.standardError)")
        }
        XCTAssertEqual(try Database(path: warehousePath).scalar("select count(*) from runs")?.int, runsBefore)

        try """
            {"ts":"2026-11-20T16:00:00Z","event":"page_view","session_id":"late","page":"/"}

            """.write(to: fixture.appendingPathComponent("web/web-2026-11-20.jsonl"), atomically: true, encoding: .utf8)
        let rebuild = try CommandRunner.run(["rebuild", "pipeline.yml"], in: fixture)
        XCTAssertEqual(rebuild.exitCode, 0, rebuild.standardError)
        XCTAssertTrue(rebuild.standardOutput.contains("Not in the ledger, left for the next run: web/web-2026-11-20.jsonl"),
                      rebuild.standardOutput)
        XCTAssertEqual(try String(contentsOf: fixture.appendingPathComponent("reports/metrics.csv"), encoding: .utf8),
                       GoldenPipelineTests.expectedMetrics)
        XCTAssertEqual(try Database(path: warehousePath).scalar("select version from ingest_version")?.int, IngestVersion.current)

        let run = try CommandRunner.run(["run", "pipeline.yml"], in: fixture)
        XCTAssertEqual(run.exitCode, 0, run.standardError)
        XCTAssertTrue(run.standardOutput.contains("Ingested 1 new file(s) (4 already ingested)."), run.standardOutput)
    }

    /// A file held back in a run is retried by a rebuild, as the next run would retry it: held
    /// back again under the same config, so the rebuild exits 3 and names it, like `run`.
    func testRebuildRetriesAHeldBackFile() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(TemporaryPipeline.intakeHeader + "R1,2026-11-02 09:00,fax,Lakeside,,,,P1,,,received,,\n",
                           to: "intake/intake-1.csv")
        try pipeline.write("appointment_id,patient_id,booked_at,status\nA1,P1,2026-11-03 10:00,scheduled\n",
                           to: "scheduling/scheduling-1.csv")
        XCTAssertEqual(try pipeline.run(["--quiet"]).exitCode, RunExitCode.heldBack)
        XCTAssertEqual(try pipeline.run(["--quiet"]).exitCode, RunExitCode.heldBack)

        let rebuild = try CommandRunner.run(["rebuild", pipeline.configPath], in: pipeline.folder)
        XCTAssertEqual(rebuild.exitCode, RunExitCode.heldBack, rebuild.standardError)
        XCTAssertTrue(rebuild.standardOutput.contains("Held back scheduling/scheduling-1.csv: the header lacks the required column 'starts_at'"),
                      rebuild.standardOutput)
        // Tried once, not once per earlier attempt.
        let database = try Database(path: pipeline.warehousePath, readOnly: true)
        XCTAssertEqual(try database.rows("select feed, held_back_reason is not null from ingested_files order by file_id"),
                       [[.text("intake"), .integer(0)], [.text("scheduling"), .integer(1)]])
    }

    /// A rebuild killed (SIGKILL) with its copy built, and again with both files ready for the
    /// rename: the old warehouse is whole and gives the same numbers, and the next rebuild
    /// removes the copy left behind and finishes.
    func testAKilledRebuildLeavesTheOldWarehouse() throws {
        for point in ["transform", "rebuild-replace"] {
            let pipeline = try FaultInjectionTests.makePipeline(webFiles: 0..<3, referrals: 300)
            XCTAssertEqual(try pipeline.run().exitCode, 0)
            let metrics = try pipeline.metrics()
            let warehouseBefore = try ExportFiles.sha256(of: pipeline.warehousePath)

            let rebuild = try BackgroundRun(pipeline, command: "rebuild", pauseAt: point)
            XCTAssertTrue(rebuild.waitUntilStopped(), "\(point): the rebuild never reached its pause point")
            XCTAssertTrue(FileManager.default.fileExists(atPath: pipeline.warehousePath + ".rebuild"), point)
            rebuild.kill9()
            if point == "transform" {
                XCTAssertEqual(try ExportFiles.sha256(of: pipeline.warehousePath), warehouseBefore, point)
            }
            XCTAssertEqual(try FaultInjectionTests.integrityCheck(pipeline.warehousePath), "ok", point)
            let run = try pipeline.run()
            XCTAssertEqual(run.exitCode, 0, "\(point): \(run.standardError)")
            XCTAssertTrue(run.standardOutput.contains("Ingested 0 new file(s) (4 already ingested)."), "\(point): \(run.standardOutput)")
            XCTAssertEqual(try pipeline.metrics(), metrics, point)

            let again = try CommandRunner.run(["rebuild", pipeline.configPath, "--quiet"], in: pipeline.folder)
            XCTAssertEqual(again.exitCode, 0, "\(point): \(again.standardError)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: pipeline.warehousePath + ".rebuild"), point)
            XCTAssertEqual(try pipeline.metrics(), metrics, point)
        }
    }

    static func cell(_ column: String, of metrics: String) throws -> String {
        let table = SamplePracticeTests.MetricsTable(metrics)
        let index = table.column(column)
        let row = try XCTUnwrap(table.rows.first { $0.first == "2026-W45" && $0.dropFirst().first == "(all)" }, metrics)
        return row[index]
    }
}
