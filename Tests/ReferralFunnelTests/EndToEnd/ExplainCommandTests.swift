import Foundation
import ReferralFunnel
import XCTest

/// `explain` through the built binary on Fixtures/golden-basic (reasoning in
/// GoldenPipelineTests). A referral's file and line are its winning snapshot row's:
/// intake-2026-11-05.csv holds R1 R2 R3 R4 R5 R6 R7 R8 R10 on lines 2 to 10, and
/// intake-2026-11-06.csv holds later rows of R1 (line 2, updated 11-05 09:00) and R2 (line
/// 3, updated 11-05 10:00), which win, and of R4 (line 4, no updated_at), which loses to
/// line 5 of the first file.
final class ExplainCommandTests: XCTestCase {
    var fixture: URL!

    override func setUpWithError() throws {
        fixture = try Fixtures.copy("golden-basic")
        let run = try CommandRunner.run(["run", "pipeline.yml"], in: fixture)
        XCTAssertEqual(run.exitCode, 0, run.standardError)
    }

    func explain(_ source: String, _ metric: String, week: String = "2026-W45") throws -> CommandResult {
        try CommandRunner.run(["explain", "pipeline.yml", "--week", week, "--source", source, "--metric", metric], in: fixture)
    }

    /// The listed rows, without the header lines.
    func items(_ result: CommandResult) -> [String] {
        result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("  ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func testReferralsOfLakesideInW45() throws {
        let result = try explain("Lakeside Family Medicine", "referrals")
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.hasPrefix("""
            2026-W45 Lakeside Family Medicine referrals = 4 (as of 2026-11-20 12:00)
            4 referral(s):

            """), result.standardOutput)
        XCTAssertEqual(items(result), [
            "R1  intake/intake-2026-11-06.csv:2",
            "R2  intake/intake-2026-11-06.csv:3",
            "R3  intake/intake-2026-11-05.csv:4",
            "R6  intake/intake-2026-11-05.csv:7",
        ])
    }

    /// R2: accepted, no live appointment, received 11-03 09:00, 17 days 3 hours before
    /// as_of 11-20 12:00 = 17.125 days.
    func testStalledOfLakesideInW45IsR2() throws {
        let result = try explain("Lakeside Family Medicine", "stalled")
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertEqual(items(result), ["R2  17.12 days since received  intake/intake-2026-11-06.csv:3"])
    }

    /// R1 167 h = 6.958 days, R3 308 h = 12.833 days; the median of the two is the 9.90 of
    /// metrics.csv.
    func testMedianDaysListsEachReferralsValue() throws {
        let result = try explain("Lakeside Family Medicine", "median_days_to_first_appointment")
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.hasPrefix("2026-W45 Lakeside Family Medicine median_days_to_first_appointment = 9.90"))
        XCTAssertEqual(items(result), [
            "R1  6.96 days to first appointment  intake/intake-2026-11-06.csv:2",
            "R3  12.83 days to first appointment  intake/intake-2026-11-05.csv:4",
        ])
    }

    /// R4's A4 is the one no-show of W45 (all).
    func testAppointmentCountsSumPerReferral() throws {
        let result = try explain("(all)", "no_show_appointments")
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertEqual(items(result), ["R4  1.00 no-show appointments  intake/intake-2026-11-05.csv:5"])
    }

    /// Sessions with a page_view in W45, each at its first event: S4's is the form_start on
    /// line 12, listed after its page_view but a minute earlier. S5 has no page_view.
    func testSessionsAreTracedToTheirFirstEvent() throws {
        let result = try explain("(all)", "sessions")
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.hasPrefix("2026-W45 (all) sessions = 4"), result.standardOutput)
        XCTAssertEqual(items(result), [
            "S1  web/web-2026-11-02.jsonl:2",
            "S2  web/web-2026-11-02.jsonl:5",
            "S3  web/web-2026-11-02.jsonl:8",
            "S4  web/web-2026-11-02.jsonl:12",
        ])
    }

    func testNoPatientIdentifierIsShown() throws {
        var output = ""
        for metric in MetricCatalogue.explainable {
            let result = try explain("(all)", metric.name)
            XCTAssertEqual(result.exitCode, 0, "\(metric): \(result.standardError)")
            output += result.standardOutput
        }
        let database = try Database(path: fixture.appendingPathComponent("warehouse/golden.sqlite").path)
        let keys = try database.rows("select patient_key from intake_rows where patient_key is not null union select patient_key from appointment_rows")
        XCTAssertFalse(keys.isEmpty)
        for key in keys.compactMap({ $0[0].string }) {
            XCTAssertFalse(output.contains(key), "a hashed patient identifier was shown")
        }
        // The fixture's raw patient identifiers are P1...P99.
        XCTAssertNil(output.range(of: #"\bP[0-9]+\b"#, options: .regularExpression), output)
    }

    func testMistakesInTheCellExitTwoAndAMissingFunnelExitsOne() throws {
        let unknownSource = try explain("Nobody", "referrals")
        XCTAssertEqual(unknownSource.exitCode, RunExitCode.usageOrConfig)
        XCTAssertTrue(unknownSource.standardError.contains("no source named 'Nobody'"), unknownSource.standardError)

        let weekOutside = try explain("(all)", "referrals", week: "2026-W50")
        XCTAssertEqual(weekOutside.exitCode, RunExitCode.usageOrConfig)
        XCTAssertTrue(weekOutside.standardError.contains("covers 2026-W44 to 2026-W47"), weekOutside.standardError)

        XCTAssertEqual(try explain("(all)", "referrals", week: "week 45").exitCode, RunExitCode.usageOrConfig)
        XCTAssertEqual(try explain("(all)", "bogus_metric").exitCode, RunExitCode.usageOrConfig)

        let fresh = try Fixtures.copy("golden-basic")
        let beforeAnyRun = try CommandRunner.run(["explain", "pipeline.yml", "--week", "2026-W45", "--source", "(all)",
                                                  "--metric", "referrals"], in: fresh)
        XCTAssertEqual(beforeAnyRun.exitCode, RunExitCode.failure)
        XCTAssertTrue(beforeAnyRun.standardError.contains("holds no funnel yet"), beforeAnyRun.standardError)
    }
}
