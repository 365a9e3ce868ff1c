import Foundation
import ReferralFunnel
import XCTest

/// `ingest`, `transform` and `report` one at a time through the built binary, the exit
/// codes every command documents, and progress output.
final class StageCommandsTests: XCTestCase {
    func testStagesOneAtATimeGiveTheSameMetricsAsRun() throws {
        let fixture = try Fixtures.copy("golden-basic")
        let metricsURL = fixture.appendingPathComponent("reports/metrics.csv")

        let ingest = try CommandRunner.run(["ingest", "pipeline.yml"], in: fixture)
        XCTAssertEqual(ingest.exitCode, 0, ingest.standardError)
        XCTAssertEqual(ingest.standardOutput, "Ingested 4 new file(s) (0 already ingested).\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.appendingPathComponent("reports").path))

        let reportTooEarly = try CommandRunner.run(["report", "pipeline.yml"], in: fixture)
        XCTAssertEqual(reportTooEarly.exitCode, RunExitCode.failure)
        XCTAssertTrue(reportTooEarly.standardError.contains("holds no funnel yet: run `transform`"), reportTooEarly.standardError)

        let transform = try CommandRunner.run(["transform", "pipeline.yml"], in: fixture)
        XCTAssertEqual(transform.exitCode, 0, transform.standardError)
        XCTAssertEqual(transform.standardOutput, "Transformed: as of 2026-11-20 12:00, report week 2026-W46.\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: metricsURL.path))

        let report = try CommandRunner.run(["report", "pipeline.yml"], in: fixture)
        XCTAssertEqual(report.exitCode, 0, report.standardError)
        XCTAssertTrue(report.standardOutput.contains("  reports/weekly-2026-W46.xlsx\n"), report.standardOutput)
        XCTAssertEqual(try String(contentsOf: metricsURL, encoding: .utf8), GoldenPipelineTests.expectedMetrics)

        // Each stage is a run of its own in the run log.
        let database = try Database(path: fixture.appendingPathComponent("warehouse/golden.sqlite").path)
        let runs = try database.rows("select stages, status from runs order by run_id").map { "\($0[0]) \($0[1])" }
        XCTAssertEqual(runs, ["ingest succeeded", "report failed", "transform succeeded", "report succeeded"])
    }

    /// as_of 2026-11-13 falls in W46: the report week becomes W45 and metrics.csv ends at W46.
    func testTransformTakesAsOfAndReportUsesIt() throws {
        let fixture = try Fixtures.copy("golden-basic")
        XCTAssertEqual(try CommandRunner.run(["ingest", "pipeline.yml"], in: fixture).exitCode, 0)
        let transform = try CommandRunner.run(["transform", "pipeline.yml", "--as-of", "2026-11-13"], in: fixture)
        XCTAssertEqual(transform.exitCode, 0, transform.standardError)
        XCTAssertTrue(transform.standardOutput.contains("report week 2026-W45"), transform.standardOutput)
        let report = try CommandRunner.run(["report", "pipeline.yml"], in: fixture)
        XCTAssertEqual(report.exitCode, 0, report.standardError)
        XCTAssertTrue(FileManager.default.fileExists(atPath: fixture.appendingPathComponent("reports/weekly-2026-W45.xlsx").path))
        let metrics = try String(contentsOf: fixture.appendingPathComponent("reports/metrics.csv"), encoding: .utf8)
        XCTAssertEqual(metrics.split(separator: "\n").last?.hasPrefix("2026-W46,"), true, metrics)
    }

    func testIngestExitsThreeForAHeldBackFile() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write("appointment_id,patient_id,booked_at,status\nA1,P1,2026-11-03 10:00,scheduled\n",
                           to: "scheduling/scheduling-1.csv")
        let result = try CommandRunner.run(["ingest", pipeline.configPath], in: pipeline.folder)
        XCTAssertEqual(result.exitCode, RunExitCode.heldBack, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("Held back scheduling/scheduling-1.csv: the header lacks the required column 'starts_at'"),
                      result.standardOutput)
    }

    func testEveryStageExitsSeventyFiveWhileAnotherRunHoldsTheWarehouse() throws {
        let fixture = try Fixtures.copy("golden-basic")
        XCTAssertEqual(try CommandRunner.run(["run", "pipeline.yml"], in: fixture).exitCode, 0)
        let lock = try RunLock(warehousePath: fixture.appendingPathComponent("warehouse/golden.sqlite").path)
        for command in ["run", "ingest", "transform", "report"] {
            let result = try CommandRunner.run([command, "pipeline.yml"], in: fixture)
            XCTAssertEqual(result.exitCode, RunExitCode.alreadyRunning, "\(command): \(result.standardError)")
            XCTAssertTrue(result.standardError.contains("another run is using this warehouse"), "\(command): \(result.standardError)")
        }
        // The commands that only read are not turned away.
        XCTAssertEqual(try CommandRunner.run(["status", "pipeline.yml"], in: fixture).exitCode, 0)
        XCTAssertEqual(try CommandRunner.run(["explain", "pipeline.yml", "--week", "2026-W45", "--source", "(all)",
                                              "--metric", "referrals"], in: fixture).exitCode, 0)
        XCTAssertEqual(try CommandRunner.run(["validate", "pipeline.yml"], in: fixture).exitCode, 0)
        withExtendedLifetime(lock) {}
    }

    func testBadConfigAndUsageErrorsExitTwoForEveryCommand() throws {
        let fixture = try Fixtures.copy("golden-basic")
        let configURL = fixture.appendingPathComponent("pipeline.yml")
        try (try String(contentsOf: configURL, encoding: .utf8) + "sla_hour: 12\n").write(to: configURL, atomically: true, encoding: .utf8)
        let explainArguments = ["--week", "2026-W45", "--source", "(all)", "--metric", "referrals"]
        for command in ["run", "ingest", "transform", "report", "validate", "status", "explain"] {
            let result = try CommandRunner.run([command, "pipeline.yml"] + (command == "explain" ? explainArguments : []), in: fixture)
            XCTAssertEqual(result.exitCode, RunExitCode.usageOrConfig, "\(command): \(result.standardError)")
            XCTAssertTrue(result.standardError.contains("pipeline.yml: unknown key 'sla_hour'"), "\(command): \(result.standardError)")
            // Usage: the pipeline argument is missing.
            XCTAssertEqual(try CommandRunner.run([command], in: fixture).exitCode, RunExitCode.usageOrConfig, command)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.appendingPathComponent("warehouse").path),
                       "an invalid config fails before anything is touched")
    }

    func testEveryCommandDocumentsItsExitCodes() throws {
        for command in ["run", "ingest", "transform", "report", "validate", "status", "explain"] {
            let help = try CommandRunner.run([command, "--help"])
            XCTAssertEqual(help.exitCode, 0)
            let text = help.standardOutput.replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: #" +"#, with: " ", options: .regularExpression)
            XCTAssertTrue(text.contains("Exit status: 0"), "\(command): \(help.standardOutput)")
            XCTAssertTrue(text.contains("2 usage or config error"), "\(command): \(help.standardOutput)")
            if ["run", "ingest", "transform", "report"].contains(command) {
                XCTAssertTrue(text.contains("75 another run holds the warehouse"), "\(command): \(help.standardOutput)")
            }
        }
    }

    /// One progress line per feed, with rows per second, and one per stage; `--quiet` drops
    /// them and `--verbose` adds a line per loaded file.
    func testProgressLinesFollowQuietAndVerbose() throws {
        let fixture = try Fixtures.copy("golden-basic")
        let normal = try CommandRunner.run(["ingest", "pipeline.yml"], in: fixture)
        let progress = normal.standardError.split(separator: "\n").filter { $0.contains("loaded ") }
        XCTAssertEqual(progress.count, 3, normal.standardError)
        XCTAssertTrue(progress.allSatisfy { $0.contains(" rows/s)") }, normal.standardError)
        XCTAssertTrue(progress[1].contains("intake: loaded 2 of 2 new file(s), 12 rows (1 quarantined, 1 warnings), in "),
                      normal.standardError)
        XCTAssertTrue(normal.standardError.contains("ingest finished in "), normal.standardError)

        let quiet = try CommandRunner.run(["run", "pipeline.yml", "--quiet"], in: Fixtures.copy("golden-basic"))
        XCTAssertEqual(quiet.exitCode, 0)
        XCTAssertEqual(quiet.standardOutput, "")
        XCTAssertFalse(quiet.standardError.contains("loaded "), quiet.standardError)

        let verbose = try CommandRunner.run(["run", "pipeline.yml", "--verbose"], in: Fixtures.copy("golden-basic"))
        XCTAssertEqual(verbose.exitCode, 0)
        for stage in ["ingest", "transform", "report"] {
            XCTAssertTrue(verbose.standardError.contains("\(stage) finished in "), verbose.standardError)
        }
        let perFile = verbose.standardError.split(separator: "\n").filter { $0.contains(" s, loaded in ") }
        XCTAssertEqual(perFile.count, 4, verbose.standardError)
        XCTAssertTrue(perFile[1].contains("intake/intake-2026-11-05.csv: 8 of 9 rows, 1 quarantined, 1 warnings"),
                      verbose.standardError)
    }
}
