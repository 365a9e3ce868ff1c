import Foundation
import ReferralFunnel
import XCTest

/// The ingest stage end to end through the built binary: quarantine, held-back files,
/// snapshots, idempotence, the run lock, privacy and a real kill.
final class IngestStageTests: XCTestCase {
    func testQuarantineRecordsFileLineColumnAndReasonAndKeepsTheRest() throws {
        // 4 of 6 rows are rejected; a lenient reject rate keeps the file loading.
        let pipeline = try TemporaryPipeline(maxRejectRate: 0.9)
        try pipeline.write(TemporaryPipeline.intakeHeader + """
            R1,2026-11-02 10:00,fax,Lakeside,,,,P1,,,received,,2026-11-02 10:00
            R2,not a time,fax,Lakeside,,,,P2,,,received,,
            R3,2026-11-02 11:00,fax,Lakeside,,,,P3,,,maybe,,
            R4,2026-11-02 12:00,fax,Lakeside,,,P4,,,received,,
            R5,2026-11-02 12:00,fax,Lakeside,,,,P5,,,received,2026-13-45 10:00,
            ,2026-11-02 12:00,fax,Lakeside,,,,P6,,,received,,

            """, to: "intake/intake-1.csv")
        let result = try pipeline.run()
        XCTAssertEqual(result.exitCode, 0, result.standardError)

        let database = try Database(path: pipeline.warehousePath)
        let rows = try database.rows("""
            select quarantine.line, quarantine.column_name, quarantine.reason, quarantine.is_warning,
                quarantine.raw_text is not null, files.path
            from quarantine inner join ingested_files as files using (file_id) order by line
            """)
        let summary = rows.map { row in
            "\(row[0].int ?? 0) \(row[1].string ?? "-") warning=\(row[3].int ?? 0) raw=\(row[4].int ?? 0): \(row[2].string ?? "")"
        }
        XCTAssertEqual(summary, [
            "3 received_at warning=0 raw=1: received_at is not a timestamp of a supported form",
            "4 status warning=0 raw=1: unknown status 'maybe' with no mapping",
            "5 - warning=0 raw=1: row has 12 fields; the header has 13",
            "6 confirmed_at warning=1 raw=0: confirmed_at is not a timestamp of a supported form; loaded as empty",
            "7 referral_id warning=0 raw=1: required value referral_id is empty",
        ])
        XCTAssertTrue(rows.allSatisfy { $0[5].string?.hasSuffix("intake/intake-1.csv") == true })
        // R1 and R5 load (R5 with an empty confirmed_at); the four bad rows do not.
        XCTAssertEqual(try database.scalar("select group_concat(referral_id, ' ') from (select referral_id from intake_rows order by referral_id)"), "R1 R5")
        let ledger = try database.rows("select rows_read, rows_loaded, rows_quarantined, warnings from ingested_files where feed = 'intake'")
        XCTAssertEqual(ledger.first, [.integer(6), .integer(2), .integer(4), .integer(1)])
    }

    /// Web fields go through the feed's renames; a key written twice keeps its last value;
    /// an object where text belongs is dropped with a warning (SPEC 2.2 and 5).
    /// Line 1: utm_source is an object (warning), so the page's utm_source=lakeside-fm
    /// names the source. Line 2: referrer twice, the second (yelp) counts. Line 3 has `ts`
    /// but this feed's timestamp column is `time`: rejected as missing ts.
    func testWebFieldsAreRenamedAndALaterDuplicateKeyWins() throws {
        let pipeline = try TemporaryPipeline(maxRejectRate: 0.9)
        let config = try String(contentsOfFile: pipeline.configPath, encoding: .utf8)
        try config.replacingOccurrences(of: "web: {files: web/*.jsonl}",
                                        with: "web: {files: web/*.jsonl, columns: {ts: time, session_id: visit}}")
            .write(toFile: pipeline.configPath, atomically: true, encoding: .utf8)
        try pipeline.write("""
            {"time":"2026-11-02T16:00:00Z","event":"page_view","visit":"S1","page":"/?utm_source=lakeside-fm","utm_source":{"x":1}}
            {"time":"2026-11-02T16:05:00Z","event":"page_view","visit":"S2","page":"/","referrer":"https://healthgrades.com/","referrer":"https://www.yelp.com/"}
            {"ts":"2026-11-02T16:10:00Z","event":"page_view","visit":"S3","page":"/"}

            """, to: "web/web-2026-11-02.jsonl")
        let result = try pipeline.run()
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let metrics = try pipeline.metrics()
        XCTAssertTrue(metrics.contains("2026-W45,Lakeside Family Medicine,1,"), metrics)
        XCTAssertTrue(metrics.contains("2026-W45,www.yelp.com,1,"), metrics)
        XCTAssertFalse(metrics.contains("healthgrades"), metrics)

        let database = try Database(path: pipeline.warehousePath)
        let quarantine = try database.rows("select line, column_name, is_warning, reason from quarantine order by line")
            .map { "\($0[0].int ?? 0) \($0[1].string ?? "-") warning=\($0[2].int ?? 0): \($0[3].string ?? "")" }
        XCTAssertEqual(quarantine, [
            "1 utm_source warning=1: utm_source is not text; loaded as empty",
            "3 ts warning=0: required value ts is missing",
        ])
    }

    /// The ledger's fingerprint is the SHA-256 of the whole file, as `sha256sum` computes it,
    /// though it is taken while the file is parsed: also for a file held back by its header
    /// after the first line, here 300 KB, more than one read chunk.
    func testLedgerFingerprintIsTheWholeFilesSHA256() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(
            "{\"ts\":\"2026-11-02T16:00:00Z\",\"event\":\"page_view\",\"session_id\":\"S1\",\"page\":\"/\"}\n",
            to: "web/web-2026-11-02.jsonl")
        let rows = String(repeating: "A1,P1,2026-11-03 10:00,scheduled\n", count: 10_000)
        try pipeline.write("appointment_id,patient_id,booked_at,status\n" + rows, to: "scheduling/scheduling-1.csv")
        XCTAssertEqual(try pipeline.run().exitCode, 3)

        let ledger = try Database(path: pipeline.warehousePath)
            .rows("select path, sha256, size_bytes, held_back_reason is not null from ingested_files order by path")
        XCTAssertEqual(ledger.count, 2)
        for row in ledger {
            let path = try XCTUnwrap(row[0].string)
            let sum = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [path])
            XCTAssertEqual(row[1].string, sum.standardOutput.split(separator: " ").first.map(String.init), path)
            let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            XCTAssertEqual(row[2].int, size, path)
        }
        XCTAssertEqual(ledger.map { $0[3] }, [.integer(1), .integer(0)], "the scheduling file is held back by its header")
        XCTAssertGreaterThan(ledger[0][2].int ?? 0, 256 * 1024)
    }

    func testFileOverRejectRateIsHeldBackWholeAndRunExitsThree() throws {
        let pipeline = try TemporaryPipeline(maxRejectRate: 0.05)
        // 1 bad row of 10 = 10% > 5%: nothing from this file loads.
        var rows = (1...9).map { "R\($0),2026-11-02 10:00,fax,Lakeside,,,,P\($0),,,received,,\n" }.joined()
        rows += "R10,yesterday,fax,Lakeside,,,,P10,,,received,,\n"
        try pipeline.write(TemporaryPipeline.intakeHeader + rows, to: "intake/intake-1.csv")
        // A header without a required column holds its file back too.
        try pipeline.write("appointment_id,patient_id,booked_at,status\nA1,P1,2026-11-03 10:00,scheduled\n",
                           to: "scheduling/scheduling-1.csv")
        // A good file still loads.
        try pipeline.write(TemporaryPipeline.intakeHeader + "R20,2026-11-03 10:00,fax,Lakeside,,,,P20,,,received,,\n",
                           to: "intake/intake-2.csv")

        let result = try pipeline.run()
        XCTAssertEqual(result.exitCode, 3, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("Held back"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("1 of 10 rows rejected"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("the header lacks the required column 'starts_at'"), result.standardOutput)
        let database = try Database(path: pipeline.warehousePath)
        XCTAssertEqual(try database.scalar("select group_concat(referral_id) from intake_rows"), "R20")
        XCTAssertEqual(try database.scalar("select count(*) from appointment_rows"), 0)
        // Everything else finished: the reports were written.
        XCTAssertTrue(try pipeline.metrics().contains("(all),0,0,0,1,"))
        let dataQuality = try String(contentsOf: pipeline.reports.appendingPathComponent("data-quality.html"), encoding: .utf8)
        XCTAssertTrue(dataQuality.contains("intake/intake-1.csv"))
    }

    func testUpdatedSnapshotChangesStateButKeepsFirstSeenValues() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(TemporaryPipeline.intakeHeader + "R1,2026-11-02 10:00,fax,Lakeside,,,,P1,,insurance,received,,2026-11-02 10:00\n",
                           to: "intake/intake-2026-11-02.csv")
        XCTAssertEqual(try pipeline.run().exitCode, 0)
        // The next export moves R1 on and rewrites received_at and missing_items.
        try pipeline.write(TemporaryPipeline.intakeHeader + "R1,2026-11-03 09:00,fax,Lakeside,,,,P1,,,accepted,,2026-11-03 09:00\n",
                           to: "intake/intake-2026-11-03.csv")
        XCTAssertEqual(try pipeline.run().exitCode, 0)
        let database = try Database(path: pipeline.warehousePath)
        try Transformer.registerFunctions(on: database, rules: TimeZoneRules(timeZone: TimeZone(identifier: "America/Chicago")!))
        let row = try XCTUnwrap(database.rows("select status, received_at, missing_items, has_been_accepted from stg_intake__referrals").first)
        XCTAssertEqual(row[0], "accepted")
        // 2026-11-02 10:00 CST = 16:00Z.
        XCTAssertEqual(row[1].int64, Instant(secondsSinceEpoch: 1_793_635_200).microsecondsSinceEpoch)
        XCTAssertEqual(row[2], "insurance", "missing_items at receipt is never overwritten")
        XCTAssertEqual(row[3], .integer(1))
        XCTAssertEqual(try database.rows("select status from stg_intake__status_history order by first_seen_file_id").map { $0[0] },
                       ["received", "accepted"])
        // Snapshot files of the same name with new content are new snapshots; the same
        // content is skipped.
        XCTAssertEqual(try database.scalar("select count(*) from ingested_files"), 2)
    }

    func testSecondRunWhileOneHoldsTheWarehouseExitsAtOnce() throws {
        let pipeline = try TemporaryPipeline()
        try FileManager.default.createDirectory(atPath: (pipeline.warehousePath as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let lock = try RunLock(warehousePath: pipeline.warehousePath)
        let started = Date()
        let result = try pipeline.run()
        XCTAssertEqual(result.exitCode, RunExitCode.alreadyRunning)
        XCTAssertTrue(result.standardError.contains("another run is using this warehouse"), result.standardError)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "it must not wait for the lock")
        withExtendedLifetime(lock) {}
    }

    func testNoRawPatientIdentifierReachesTheWarehouseOrReports() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(TemporaryPipeline.intakeHeader + "R1,2026-11-02 10:00,fax,Lakeside,,,,MRN-0042-SECRET,,,accepted,,\n",
                           to: "intake/intake-1.csv")
        try pipeline.write(TemporaryPipeline.schedulingHeader + "A1,,MRN-0042-SECRET,2026-11-03 10:00,2026-11-05 10:00,completed,,,,,\n",
                           to: "scheduling/scheduling-1.csv")
        XCTAssertEqual(try pipeline.run().exitCode, 0)
        // The appointment still links to the referral by the hashed patient.
        // R1 (accepted, complete) with A1 starting 3 days after receipt, completed, no note.
        let metrics = try pipeline.metrics()
        XCTAssertTrue(metrics.contains("(all),0,0,0,1,1,0,1,0,0,,1,3.00,3.00,1,0,1,0,0\n"), metrics)
        let secret = Data("MRN-0042-SECRET".utf8)
        let files = try FileManager.default.subpathsOfDirectory(atPath: pipeline.folder.path)
        for relative in files where !relative.hasSuffix(".csv") || relative.hasPrefix("reports") {
            let url = pipeline.folder.appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            XCTAssertNil(try Data(contentsOf: url).range(of: secret), "\(relative) holds a raw patient identifier")
        }
        // The warehouse is readable by its owner only.
        let attributes = try FileManager.default.attributesOfItem(atPath: pipeline.warehousePath)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    func testKillDuringIngestThenRerunMatchesAnUninterruptedRun() throws {
        // Enough files that the kill lands part way through loading.
        func makePipeline() throws -> TemporaryPipeline {
            let pipeline = try TemporaryPipeline()
            for file in 0..<12 {
                var lines = ""
                for event in 0..<6_000 {
                    let session = file * 10_000 + event / 3
                    lines += #"{"ts":"2026-11-0\#(2 + file % 5)T10:\#(String(format: "%02d", event % 60)):00Z","event":"page_view","session_id":"s\#(session)","page":"/?utm_source=lakeside-fm"}"# + "\n"
                }
                try pipeline.write(lines, to: String(format: "web/web-%02d.jsonl", file))
            }
            var intake = TemporaryPipeline.intakeHeader
            for referral in 0..<3_000 {
                intake += "R\(referral),2026-11-0\(2 + referral % 5) 10:00,fax,Lakeside,,,,P\(referral),,,received,,\n"
            }
            try pipeline.write(intake, to: "intake/intake-1.csv")
            return pipeline
        }
        let reference = try makePipeline()
        XCTAssertEqual(try reference.run().exitCode, 0)

        let interrupted = try makePipeline()
        let process = Process()
        process.executableURL = CommandRunner.productsFolder.appendingPathComponent("referral-funnel")
        process.arguments = ["run", interrupted.configPath, "--quiet"]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait until at least one file has committed, then kill without warning.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            if let database = try? Database(path: interrupted.warehousePath),
               let count = try? database.scalar("select count(*) from ingested_files")?.int, count >= 2 {
                break
            }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let rerun = try interrupted.run()
        XCTAssertEqual(rerun.exitCode, 0, rerun.standardError)
        XCTAssertEqual(try interrupted.metrics(), try reference.metrics())
        let counts = "select (select count(*) from web_session_parts), (select count(*) from intake_rows), (select count(*) from ingested_files where held_back_reason is null)"
        XCTAssertEqual(try Database(path: interrupted.warehousePath).rows(counts), try Database(path: reference.warehousePath).rows(counts))
    }
}
