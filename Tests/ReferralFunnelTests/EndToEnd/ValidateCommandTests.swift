import Foundation
import ReferralFunnel
import XCTest

/// `validate` through the built binary: it judges every file as ingest would, prints why,
/// and never creates the warehouse.
final class ValidateCommandTests: XCTestCase {
    /// Fixtures/golden-basic (reasoning in GoldenPipelineTests): the web log has 14 rows
    /// (line 6 is blank and counts nowhere), of which line 13 (unclosed JSON) and line 14 (a
    /// page_view without page) are quarantined; the first intake export has 9 rows, R10 on
    /// line 10 is quarantined for status `pending`, and R5's updated_at `yesterday` on line 6
    /// loads as empty with a warning. max_reject_rate is 0.5, so nothing is held back.
    func testReportsWhatARunThenRecordsAndCreatesNoWarehouse() throws {
        let fixture = try Fixtures.copy("golden-basic")
        let result = try CommandRunner.run(["validate", "pipeline.yml"], in: fixture)
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, """
            web web/web-2026-11-02.jsonl: 12 of 14 rows would load, 2 would be quarantined, 0 warnings
              quarantined the object is not closed: 1 row(s), line 13
              quarantined [page] page_view without page: 1 row(s), line 14
            intake intake/intake-2026-11-05.csv: 8 of 9 rows would load, 1 would be quarantined, 1 warnings
              quarantined [status] unknown status 'pending' with no mapping: 1 row(s), line 10
              warning [updated_at] updated_at is not a timestamp of a supported form; loaded as empty: 1 row(s), line 6
            intake intake/intake-2026-11-06.csv: 4 of 4 rows would load, 0 would be quarantined, 0 warnings
            scheduling scheduling/scheduling-2026-11-12.csv: 8 of 8 rows would load, 0 would be quarantined, 0 warnings
            4 file(s) checked: 4 would load, none would be held back.

            """)
        let warehouseFolder = fixture.appendingPathComponent("warehouse")
        XCTAssertFalse(FileManager.default.fileExists(atPath: warehouseFolder.path), "validate must not create the warehouse")

        // A real run records the same counts and the same quarantined lines.
        XCTAssertEqual(try CommandRunner.run(["run", "pipeline.yml"], in: fixture).exitCode, 0)
        let database = try Database(path: warehouseFolder.appendingPathComponent("golden.sqlite").path)
        let ledger = try database.rows("""
            select path, rows_read, rows_loaded, rows_quarantined, warnings from ingested_files order by file_id
            """).map { row in
            "\((row[0].string ?? "").components(separatedBy: "/").suffix(2).joined(separator: "/")) \(row[1]) \(row[2]) \(row[3]) \(row[4])"
        }
        XCTAssertEqual(ledger, [
            "web/web-2026-11-02.jsonl 14 12 2 0",
            "intake/intake-2026-11-05.csv 9 8 1 1",
            "intake/intake-2026-11-06.csv 4 4 0 0",
            "scheduling/scheduling-2026-11-12.csv 8 8 0 0",
        ])
        let quarantine = try database.rows("""
            select file_id, line, is_warning, reason from quarantine order by file_id, is_warning, line
            """).map { "\($0[0]):\($0[1]) warning=\($0[2]) \($0[3])" }
        XCTAssertEqual(quarantine, [
            "1:13 warning=0 the object is not closed",
            "1:14 warning=0 page_view without page",
            "2:10 warning=0 unknown status 'pending' with no mapping",
            "2:6 warning=1 updated_at is not a timestamp of a supported form; loaded as empty",
        ])
    }

    func testFilesThatWouldBeHeldBackExitThreeAndSayWhy() throws {
        let pipeline = try TemporaryPipeline(maxRejectRate: 0.05)
        // 1 bad row of 10 = 10% > 5%.
        var rows = (1...9).map { "R\($0),2026-11-02 10:00,fax,Lakeside,,,,P\($0),,,received,,\n" }.joined()
        rows += "R10,yesterday,fax,Lakeside,,,,P10,,,received,,\n"
        try pipeline.write(TemporaryPipeline.intakeHeader + rows, to: "intake/intake-1.csv")
        try pipeline.write("appointment_id,patient_id,booked_at,status\nA1,P1,2026-11-03 10:00,scheduled\n",
                           to: "scheduling/scheduling-1.csv")

        let result = try CommandRunner.run(["validate", pipeline.configPath], in: pipeline.folder)
        XCTAssertEqual(result.exitCode, RunExitCode.heldBack, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("""
            intake intake/intake-1.csv: would be HELD BACK: 1 of 10 rows rejected (10.0%), over max_reject_rate 5.0%
              10 rows read, 1 would be quarantined, 0 with warnings; none would load
              quarantined [received_at] received_at is not a timestamp of a supported form: 1 row(s), line 11
            """), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains(
            "scheduling scheduling/scheduling-1.csv: would be HELD BACK: the header lacks the required column 'starts_at'"),
            result.standardOutput)
        XCTAssertTrue(result.standardOutput.hasSuffix("2 file(s) checked: 0 would load, 2 would be held back.\n"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: pipeline.warehousePath))

        // A run agrees: the same files, held back for the same reasons.
        XCTAssertEqual(try pipeline.run().exitCode, RunExitCode.heldBack)
        let reasons = try Database(path: pipeline.warehousePath)
            .rows("select held_back_reason from ingested_files order by file_id").map { $0[0].string ?? "" }
        XCTAssertEqual(reasons, ["1 of 10 rows rejected (10.0%), over max_reject_rate 5.0%",
                                 "the header lacks the required column 'starts_at'"])
    }

    /// A mapping for a vendor layout is tried before any run: renamed columns, a status
    /// value map and a pinned US timestamp format are honoured, and a value outside the
    /// map is named.
    func testTriesAVendorMappingWithoutAKey() throws {
        let pipeline = try TemporaryPipeline(maxRejectRate: 0.9)
        let config = try String(contentsOfFile: pipeline.configPath, encoding: .utf8)
            .replacingOccurrences(of: "allow_development_key: true\n", with: "")
            .replacingOccurrences(of: "intake: {files: intake/*.csv}", with: """
                intake:
                    files: intake/*.csv
                    columns: {referral_id: Referral ID, received_at: Received, status: State}
                    status_values: {Open: received, Booked: accepted}
                    timestamp_formats: {received_at: us}
                """)
        try config.write(toFile: pipeline.configPath, atomically: true, encoding: .utf8)
        try pipeline.write("""
            Referral ID,Received,State
            V1,11/02/2026 10:00,Open
            V2,2026-11-02 10:00,Booked
            V3,11/03/2026 2:00 PM,Pending

            """, to: "intake/vendor.csv")
        let result = try CommandRunner.run(["validate", pipeline.configPath], in: pipeline.folder)
        // No patient key is configured: validate needs none, since nothing is stored.
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("""
            intake intake/vendor.csv: 1 of 3 rows would load, 2 would be quarantined, 0 warnings
              quarantined [received_at] received_at does not match the pinned format us: 1 row(s), line 3
              quarantined [status] unknown status 'Pending' with no mapping: 1 row(s), line 4
            """), result.standardOutput)
    }
}
