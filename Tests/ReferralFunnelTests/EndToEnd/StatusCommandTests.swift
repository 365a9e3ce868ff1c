import Foundation
import ReferralFunnel
import XCTest

/// `status` through the built binary: runs, files with their counts, freshness, size; it
/// reads while a run holds the lock.
final class StatusCommandTests: XCTestCase {
    /// After one run of Fixtures/golden-basic (as_of 2026-11-20 12:00 CST): the web log's
    /// newest event is 11-10 09:00, 10.125 days before; the intake's newest instant is R9's
    /// 11-10 10:00, 10.08 days; both over stale_feed_days 3. The scheduling export's newest
    /// is A5's updated_at 11-25 09:00, 4.875 days after as_of: fresh.
    func testShowsRunsFilesFreshnessAndSize() throws {
        let fixture = try Fixtures.copy("golden-basic")
        let none = try CommandRunner.run(["status", "pipeline.yml"], in: fixture)
        XCTAssertEqual(none.exitCode, 0, none.standardError)
        XCTAssertEqual(none.standardOutput, "No warehouse yet at warehouse/golden.sqlite: nothing has run.\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.appendingPathComponent("warehouse").path))

        XCTAssertEqual(try CommandRunner.run(["run", "pipeline.yml"], in: fixture).exitCode, 0)
        // A line per run and feed by default: 9 + 4 intake rows read, 8 + 4 loaded, 1 quarantined,
        // 1 warning, in two files.
        let summary = try CommandRunner.run(["status", "pipeline.yml"], in: fixture)
        XCTAssertEqual(summary.exitCode, 0, summary.standardError)
        for line in [
            "  run 1 web: 1 file(s), 14 / 12 / 2 / 0\n",
            "  run 1 intake: 2 file(s), 13 / 12 / 1 / 1\n",
            "  run 1 scheduling: 1 file(s), 8 / 8 / 0 / 0\n",
        ] {
            XCTAssertTrue(summary.standardOutput.contains(line), "missing \(line) in:\n\(summary.standardOutput)")
        }
        XCTAssertFalse(summary.standardOutput.contains("intake-2026-11-05.csv"), summary.standardOutput)

        let result = try CommandRunner.run(["status", "pipeline.yml", "--files"], in: fixture)
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let output = result.standardOutput
        XCTAssertNotNil(output.range(of: #"^Warehouse warehouse/golden.sqlite: [0-9.]+ MB \([0-9]+ bytes\)\.\n"#,
                                     options: .regularExpression), output)
        XCTAssertNotNil(output.range(of: #"run 1: succeeded, ingest transform report; started [-0-9: ]+, finished [-0-9: ]+, as of 2026-11-20 12:00\n"#,
                                     options: .regularExpression), output)
        for line in [
            "  run 1 web web/web-2026-11-02.jsonl: 14 / 12 / 2 / 0\n",
            "  run 1 intake intake/intake-2026-11-05.csv: 9 / 8 / 1 / 1\n",
            "  run 1 intake intake/intake-2026-11-06.csv: 4 / 4 / 0 / 0\n",
            "  run 1 scheduling scheduling/scheduling-2026-11-12.csv: 8 / 8 / 0 / 0\n",
            "Freshness per feed (against the last run's as of 2026-11-20 12:00):\n",
            "  web: 1 file(s); last data 2026-11-10 (10.1 days before); last file ingested ",
            "  intake: 2 file(s); last data 2026-11-10 (10.1 days before); last file ingested ",
            "  scheduling: 1 file(s); last data 2026-11-25 (4.9 days after); last file ingested ",
        ] {
            XCTAssertTrue(output.contains(line), "missing \(line) in:\n\(output)")
        }
        let feedLines = output.split(separator: "\n").filter { $0.hasPrefix("  web:") || $0.hasPrefix("  intake:") || $0.hasPrefix("  scheduling:") }
        XCTAssertEqual(feedLines.map { $0.hasSuffix("; STALE") }, [true, true, false])
    }

    func testReadsWhileARunHoldsTheLockAndNamesInterruptedRuns() throws {
        let fixture = try Fixtures.copy("golden-basic")
        XCTAssertEqual(try CommandRunner.run(["ingest", "pipeline.yml"], in: fixture).exitCode, 0)
        let warehouse = fixture.appendingPathComponent("warehouse/golden.sqlite").path
        // A run that was killed leaves its row `running`.
        try Database(path: warehouse).prepare("insert into runs (pipeline, started_at, stages) values ('golden-basic', 0, 'ingest')").run([])

        let idle = try CommandRunner.run(["status", "pipeline.yml"], in: fixture)
        XCTAssertEqual(idle.exitCode, 0, idle.standardError)
        XCTAssertTrue(idle.standardOutput.contains("run 2: interrupted, ingest"), idle.standardOutput)
        XCTAssertTrue(idle.standardOutput.contains("against now (no transform yet)"), idle.standardOutput)

        let lock = try RunLock(warehousePath: warehouse)
        let busy = try CommandRunner.run(["status", "pipeline.yml"], in: fixture)
        withExtendedLifetime(lock) {}
        XCTAssertEqual(busy.exitCode, 0, busy.standardError)
        XCTAssertTrue(busy.standardOutput.contains("a run is in progress"), busy.standardOutput)
        XCTAssertTrue(busy.standardOutput.contains("run 2: running, ingest"), busy.standardOutput)
    }

    func testHeldBackFilesAreMarked() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write("appointment_id,patient_id,booked_at,status\nA1,P1,2026-11-03 10:00,scheduled\n",
                           to: "scheduling/scheduling-1.csv")
        XCTAssertEqual(try CommandRunner.run(["ingest", pipeline.configPath], in: pipeline.folder).exitCode, RunExitCode.heldBack)
        let result = try CommandRunner.run(["status", pipeline.configPath], in: pipeline.folder)
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("run 1: held_back, ingest"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains(
            "scheduling scheduling/scheduling-1.csv: 0 / 0 / 0 / 0; HELD BACK: the header lacks the required column 'starts_at'"),
            result.standardOutput)
    }
}
