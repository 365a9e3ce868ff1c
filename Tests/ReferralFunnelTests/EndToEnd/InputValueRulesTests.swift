import Foundation
import ReferralFunnel
import XCTest

/// Input values that once gave silent wrong numbers or stopped nights (issue 22), through a
/// real run: the pipeline's reserved source names as input, instants outside 2000-2099, a
/// duplicated header column, control characters in names, and referrer hosts that are
/// percent-encoded or no host names at all.
final class InputValueRulesTests: XCTestCase {
    /// Case 3: `utm_source=(all)` counted its session a second time in the `(all)` row, and
    /// `utm_source=(direct)` merged into the real `(direct)`. Now each is a bad optional
    /// value (SPEC 3 and 5): empty, with a warning, so the next rule decides the source.
    /// S1's page says `(all)`, so with no referrer it is direct; S2's field says `(direct)`,
    /// so its referrer names it; S3's field says `(all)`, so its page's utm_source does.
    func testCase3ReservedUTMSourceAllIsABadOptionalValue() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write("""
            {"ts":"2026-11-02T16:00:00Z","event":"page_view","session_id":"S1","page":"/?utm_source=(all)"}
            {"ts":"2026-11-02T16:05:00Z","event":"page_view","session_id":"S2","page":"/","utm_source":"(direct)","referrer":"https://www.yelp.com/"}
            {"ts":"2026-11-02T16:10:00Z","event":"page_view","session_id":"S3","page":"/?utm_source=lakeside-fm","utm_source":" (all) "}
            {"ts":"2026-11-02T16:15:00Z","event":"page_view","session_id":"S4","page":"/"}

            """, to: "web/web-2026-11-02.jsonl")
        let result = try pipeline.run()
        XCTAssertEqual(result.exitCode, 0, result.standardError)

        // Four sessions, each counted once; S1 and S4 are direct.
        try assertWeek2026W45(of: pipeline, hasRowsStartingWith: [
            "(all),4,", "(direct),2,", "www.yelp.com,1,", "Lakeside Family Medicine,1,",
        ])
        XCTAssertEqual(try quarantine(pipeline), [
            "1 page warning=1: the page's utm_source '(all)' is a name the pipeline reserves; loaded as empty",
            "2 utm_source warning=1: utm_source '(direct)' is a name the pipeline reserves; loaded as empty",
            "3 utm_source warning=1: utm_source '(all)' is a name the pipeline reserves; loaded as empty",
        ])
    }

    /// Case 5: one intake row whose practice was `(all)` made every later run exit 1 in a
    /// data test. Now the practice is empty with a warning, so the referral falls to the
    /// next rule of SPEC 3: R1 has nothing else and is `(unattributed)`; R2's NPI names an
    /// unregistered source.
    func testCase5ReservedPracticeNameLoadsAsEmptyAndEveryRunSucceeds() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(TemporaryPipeline.intakeHeader + """
            R1,2026-11-02 10:00,fax,(all),,,,P1,,,accepted,,
            R2,2026-11-03 10:00,fax,(unattributed),1234567893,,,P2,,,accepted,,
            R3,2026-11-04 10:00,fax,Lakeside,,,,P3,,,accepted,,

            """, to: "intake/intake-1.csv")
        let first = try pipeline.run()
        XCTAssertEqual(first.exitCode, 0, first.standardError)
        let second = try pipeline.run()
        XCTAssertEqual(second.exitCode, 0, second.standardError)

        try assertWeek2026W45(of: pipeline, hasRowsStartingWith: ["(all),", "(unattributed),", "NPI 1234567893,"])
        XCTAssertEqual(try quarantine(pipeline), [
            "2 referring_practice warning=1: referring_practice '(all)' is a name the pipeline reserves; loaded as empty",
            "3 referring_practice warning=1: referring_practice '(unattributed)' is a name the pipeline reserves; loaded as empty",
        ])
    }

    /// Case 6: one `received_at` of 9999-12-31 moved the report week to 9999-W51 and grew
    /// metrics.csv to 416,304 rows. An instant outside 2000-2099 is a bad value (SPEC 2.1):
    /// in a required column the row is quarantined, in an optional one it loads empty.
    func testCase6ReceivedAtInTheYear9999IsQuarantined() throws {
        let pipeline = try TemporaryPipeline(maxRejectRate: 0.9)
        try pipeline.write(TemporaryPipeline.intakeHeader + """
            R1,2026-11-02 10:00,fax,Lakeside,,,,P1,,,accepted,,
            R2,9999-12-31,fax,Lakeside,,,,P2,,,accepted,,
            R3,2026-11-03 10:00,fax,Lakeside,,,,P3,,,accepted,12/31/1999 08:00,
            R4,2026-11-04 10:00,fax,Lakeside,,,,P4,,,accepted,,2100-01-01T00:00Z

            """, to: "intake/intake-1.csv")
        try pipeline.write("""
            {"ts":"2026-11-02T16:00:00Z","event":"page_view","session_id":"S1","page":"/"}
            {"ts":"9999-12-31T23:59:59Z","event":"page_view","session_id":"S2","page":"/"}

            """, to: "web/web-2026-11-02.jsonl")
        let result = try pipeline.run()
        XCTAssertEqual(result.exitCode, 0, result.standardError)

        let metrics = try pipeline.metrics()
        XCTAssertFalse(metrics.contains("9999-W"), "the report week stays in 2026")
        XCTAssertLessThan(metrics.split(separator: "\n").count, 100, "metrics.csv spans 2026 only")
        try assertWeek2026W45(of: pipeline, hasRowsStartingWith: ["(all),1,"])
        XCTAssertEqual(try quarantine(pipeline), [
            "2 ts warning=0: ts is outside the accepted years, 2000-01-01 to 2099-12-31 (UTC)",
            "3 received_at warning=0: received_at is outside the accepted years, 2000-01-01 to 2099-12-31 (UTC)",
            "4 confirmed_at warning=1: confirmed_at is outside the accepted years, 2000-01-01 to 2099-12-31 (UTC); loaded as empty",
            "5 updated_at warning=1: updated_at is outside the accepted years, 2000-01-01 to 2099-12-31 (UTC); loaded as empty",
        ])
        let loaded = try Database(path: pipeline.warehousePath)
            .scalar("select group_concat(referral_id, ' ') from (select referral_id from intake_rows order by referral_id)")
        XCTAssertEqual(loaded, "R1 R3 R4")
    }

    /// `--as-of` goes through the same parser, so a year such as 9999 cannot set the report
    /// week there either; the message says what is accepted.
    func testAsOfOutsideTheYears2000To2099IsAUsageError() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(TemporaryPipeline.intakeHeader + "R1,2026-11-02 10:00,fax,Lakeside,,,,P1,,,accepted,,\n",
                           to: "intake/intake-1.csv")
        let result = try pipeline.run(["--as-of", "9999-12-31"])
        XCTAssertEqual(result.exitCode, 2, result.standardError)
        XCTAssertTrue(result.standardError.contains("error: --as-of '9999-12-31' is not a timestamp from 2000 to 2099"),
                      result.standardError)
    }

    /// Case 4: a header naming `status` twice loaded silently with the first one winning,
    /// and 2026-W48 `confirmed` went from 69 to 58. Such a file is held back whole (SPEC 5),
    /// named in the report, and the run exits 3 after finishing the rest. A duplicated
    /// column the mapping never reads (`notes` twice) changes no value and holds nothing back.
    func testCase4DuplicatedStatusColumnHoldsTheFileBack() throws {
        let pipeline = try TemporaryPipeline()
        let header = "referral_id,received_at,referring_practice,patient_id,status,confirmed_at,status\n"
        try pipeline.write(header + "R1,2026-11-02 10:00,Lakeside,P1,received,,accepted\n", to: "intake/intake-1.csv")
        try pipeline.write("referral_id,received_at,notes,referring_practice,patient_id,status,notes\n"
                           + "R2,2026-11-03 10:00,a,Lakeside,P2,accepted,b\n", to: "intake/intake-2.csv")

        let result = try pipeline.run()
        XCTAssertEqual(result.exitCode, 3, result.standardError)
        let reason = "the header names the column 'status' more than once (columns 5, 7)"
        XCTAssertTrue(result.standardOutput.contains(reason), result.standardOutput)
        let database = try Database(path: pipeline.warehousePath)
        XCTAssertEqual(try database.scalar("select group_concat(referral_id) from intake_rows"), "R2")
        XCTAssertEqual(try database.rows("select path, held_back_reason from ingested_files order by path").map { $0[1] },
                       [.text(reason), .null])
        let dataQuality = try String(contentsOf: pipeline.reports.appendingPathComponent("data-quality.html"), encoding: .utf8)
        XCTAssertTrue(dataQuality.contains("intake/intake-1.csv"), "the held-back file is named in the report")
        XCTAssertTrue(try pipeline.metrics().contains("2026-W45,(all),"), "the rest finished")

        // validate judges the file the same way, before anything is loaded.
        let validate = try CommandRunner.run(["validate", pipeline.configPath], in: pipeline.folder)
        XCTAssertEqual(validate.exitCode, 3, validate.standardError)
        XCTAssertTrue(validate.standardOutput.contains(reason), validate.standardOutput)
    }

    /// A column renamed by the mapping counts under its export name: two `Referral Status`
    /// columns hold the file back when `status` is mapped to that name.
    func testDuplicatedMappedColumnHoldsTheFileBack() throws {
        let pipeline = try TemporaryPipeline()
        let config = try String(contentsOfFile: pipeline.configPath, encoding: .utf8)
        try config.replacingOccurrences(of: "intake: {files: intake/*.csv}",
                                        with: "intake: {files: intake/*.csv, columns: {status: Referral Status}}")
            .write(toFile: pipeline.configPath, atomically: true, encoding: .utf8)
        try pipeline.write("referral_id,received_at,Referral Status,Referral Status\nR1,2026-11-02 10:00,received,accepted\n",
                           to: "intake/intake-1.csv")
        let validate = try CommandRunner.run(["validate", pipeline.configPath], in: pipeline.folder)
        XCTAssertEqual(validate.exitCode, 3, validate.standardError)
        XCTAssertTrue(validate.standardOutput.contains(
            "the header names the column 'Referral Status' (mapped to status) more than once (columns 3, 4)"), validate.standardOutput)
    }

    /// A NUL in a `utm_source` reached metrics.csv raw. Names from input lose their control
    /// characters at ingest, before any output: NUL and the others are dropped with a
    /// warning, a line break or tab becomes a space (a name broken over two lines in a
    /// quoted cell keeps its words, and is no problem of the export's), and a name of
    /// control characters only is empty.
    func testNamesFromInputLoseControlCharacters() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write("""
            {"ts":"2026-11-02T16:00:00Z","event":"page_view","session_id":"S1","page":"/","utm_source":"face\\u0000book"}
            {"ts":"2026-11-02T16:05:00Z","event":"page_view","session_id":"S2","page":"/?utm_source=face%00book%C2%85"}
            {"ts":"2026-11-02T16:10:00Z","event":"page_view","session_id":"S3","page":"/","utm_source":"\\u0007"}

            """, to: "web/web-2026-11-02.jsonl")
        try pipeline.write(TemporaryPipeline.intakeHeader + """
            R1,2026-11-02 10:00,fax,"Harbor\r
            Chiropractic",,,,P1,,,accepted,,
            R2,2026-11-03 10:00,fax,Harbor\u{7F}\u{1}\tChiropractic,,,,P2,,,accepted,,

            """, to: "intake/intake-1.csv")
        let result = try pipeline.run()
        XCTAssertEqual(result.exitCode, 0, result.standardError)

        let metrics = try pipeline.metrics()
        XCTAssertFalse(metrics.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\r" }, "a control character in metrics.csv")
        // S3's utm_source was a control character only: direct.
        try assertWeek2026W45(of: pipeline, hasRowsStartingWith: ["facebook,2,", "(direct),1,", "Harbor Chiropractic,"])
        XCTAssertEqual(try Database(path: pipeline.warehousePath)
            .scalar("select group_concat(referring_practice, '|') from (select referring_practice from intake_rows order by line)"),
                       "Harbor Chiropractic|Harbor Chiropractic")
        XCTAssertEqual(try quarantine(pipeline), [
            "1 utm_source warning=1: utm_source held control characters; they were removed",
            "2 page warning=1: the page's utm_source held control characters; they were removed",
            "3 utm_source warning=1: utm_source held control characters; they were removed",
            "4 referring_practice warning=1: referring_practice held control characters; they were removed",
        ])
    }

    /// A percent-encoded referrer host was kept as a source name of its own. Hosts are
    /// decoded, so `www%2Eyelp%2Ecom` is Yelp; one that decodes to no host name is a bad
    /// optional value, and the session is direct.
    func testReferrerHostsAreDecodedAndCheckedAsHostNames() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write("""
            {"ts":"2026-11-02T16:00:00Z","event":"page_view","session_id":"S1","page":"/","referrer":"https://www.yelp.com/biz"}
            {"ts":"2026-11-02T16:05:00Z","event":"page_view","session_id":"S2","page":"/","referrer":"https://www%2Eyelp%2Ecom/biz"}
            {"ts":"2026-11-02T16:10:00Z","event":"page_view","session_id":"S3","page":"/","referrer":"https://Jane%20Doe%3Cb%3E/"}
            {"ts":"2026-11-02T16:15:00Z","event":"page_view","session_id":"S4","page":"/","referrer":"https://(direct)/"}

            """, to: "web/web-2026-11-02.jsonl")
        let result = try pipeline.run()
        XCTAssertEqual(result.exitCode, 0, result.standardError)

        try assertWeek2026W45(of: pipeline, hasRowsStartingWith: ["www.yelp.com,2,", "(direct),2,"])
        XCTAssertFalse(try pipeline.metrics().contains("%"), "no encoded host is a source")
        XCTAssertEqual(try quarantine(pipeline), [
            "3 referrer warning=1: the referrer's host is not a host name; loaded as empty",
            "4 referrer warning=1: the referrer's host is not a host name; loaded as empty",
        ])
    }

    // MARK: - Helpers

    /// metrics.csv has one `(all)` row for 2026-W45, and a row of that week starting with
    /// each of `prefixes` (source, then the first counts).
    private func assertWeek2026W45(of pipeline: TemporaryPipeline, hasRowsStartingWith prefixes: [String],
                                   file: StaticString = #filePath, line: UInt = #line) throws {
        let rows = try pipeline.metrics().split(separator: "\n").filter { $0.hasPrefix("2026-W45,") }
            .map { $0.dropFirst("2026-W45,".count) }
        XCTAssertEqual(rows.filter { $0.hasPrefix("(all),") }.count, 1, "\(rows)", file: file, line: line)
        for prefix in prefixes {
            XCTAssertTrue(rows.contains { $0.hasPrefix(prefix) }, "no row \(prefix): \(rows)", file: file, line: line)
        }
    }

    /// The warehouse's quarantine as `line column warning=0|1: reason`, in line order.
    private func quarantine(_ pipeline: TemporaryPipeline) throws -> [String] {
        try Database(path: pipeline.warehousePath)
            .rows("""
                select quarantine.line, quarantine.column_name, quarantine.is_warning, quarantine.reason
                from quarantine inner join ingested_files as files using (file_id)
                order by files.feed = 'intake', quarantine.line, quarantine.column_name
                """)
            .map { "\($0[0].int ?? 0) \($0[1].string ?? "-") warning=\($0[2].int ?? 0): \($0[3].string ?? "")" }
    }
}
