import Foundation
import ReferralFunnel
import XCTest

/// Runs the built binary on Fixtures/golden-basic and compares metrics.csv with numbers
/// worked out by hand from SPEC sections 2 to 4.
///
/// The fixture (America/Chicago, CST = UTC-6 after the 2026-11-01 fall-back):
///
/// Web sessions (first event decides week and source):
/// - S5 form_error only, utm_source `newsletter`, 11-02 07:00: no page_view, so it is not
///   counted, but it is the earliest spelling of the unregistered `newsletter` group.
/// - S1 11-02 09:00, utm from the page's query string `lakeside-fm` (an alias): Lakeside;
///   page_view, form_start, form_submit SUB1.
/// - S2 11-03 10:00, referrer www.healthgrades.com → `healthgradescom` = the alias
///   `www.healthgrades.com`: Healthgrades; page_view, form_start.
/// - S3 11-03 12:00Z, own-site referrer: (direct); page_view, form_start, form_submit SUB3.
/// - S4 first event is the form_start at 08:00 (listed after the 08:01 page_view), utm
///   `Newsletter`: the unregistered group named `newsletter` by S5; page_view, form_start.
/// - S7 is malformed JSON and S8 a page_view without page: both quarantined (lines 13, 14).
/// - S6 11-10 (US format) no referrer: (direct), W46.
/// W45: (all) 4 sessions, 4 form starts, 2 submits; W46: (direct) 1 session.
///
/// Referrals (winning row = latest updated_at; received_at and missing_items first seen):
/// - R1 Lakeside via alias spelling; first seen complete at 10:00 (the later row's 11:00 and
///   `insurance` never overwrite); accepted later; confirmed after 10 h (within 24 h SLA).
/// - R2 Lakeside via its registry name; missing insurance;imaging; returned then accepted;
///   confirmed after 30 h (outside SLA); no linked appointment (A8 was booked before it
///   arrived), accepted, received 17 days before as_of: stalled.
/// - R3 Lakeside via registry NPI (practice name ignored); accepted; A2 (no referral_id,
///   same patient 3 days later) links by patient: 308 h = 12.833 days to first appointment.
/// - R4 unregistered `Riverside Ortho, LLC`; missing order; accepted (then a losing row
///   without updated_at says declined); A3 (unknown referral id, cancelled) links by
///   patient, A4 no_show by id: first appointment A4 after 194 h = 8.083 days; not stalled.
/// - R5 unregistered `NPI 1111111111`; declined; bad updated_at loads as empty (warning).
/// - R6 submission SUB1 → S1 → Lakeside; only a rescheduled appointment: scheduled but no
///   first appointment.
/// - R7 submission SUB3 → S3 → (direct).
/// - R8 nothing to go on: (unattributed); accepted, 15.8 days before as_of: stalled.
/// - R9 Lakeside (normalized alias), received 11-10: W46.
/// - R10 has unknown status `pending`: quarantined.
/// R1's appointments A1 (completed, note after 3 days: closed loop) and A5 (completed,
/// note after 14 days) make 2 attended; R1's first appointment is A1, 167 h = 6.958 days.
/// as_of = latest of web ts, received_at, booked_at = A6 booked 11-20 12:00 (W47); the
/// first week with data is A8's booking on Sunday 11-01 (W44).
///
/// Lakeside W45 days to first appointment [6.958, 12.833]: median 9.896, p90 6.958 + 0.9 ×
/// 5.875 = 12.246. (all) W45 days [6.958, 8.083, 12.833]: median 8.083, p90 8.083 + 0.8 ×
/// 4.75 = 11.883. Hours to confirm [10, 30]: median 20.
final class GoldenPipelineTests: XCTestCase {
    static let expectedMetrics = """
        week,source,sessions,form_starts,form_submits,referrals,complete,returned,accepted,confirmed,confirmed_within_sla,median_hours_to_confirm,scheduled,median_days_to_first_appointment,p90_days_to_first_appointment,completed,no_show_appointments,attended_appointments,closed_loop,stalled
        2026-W44,(all),0,0,0,0,0,0,0,0,0,,0,,,0,0,0,0,0
        2026-W45,(all),4,4,2,8,6,1,5,2,1,20.00,4,8.08,11.88,1,1,2,1,2
        2026-W45,(direct),1,1,1,1,1,0,0,0,0,,0,,,0,0,0,0,0
        2026-W45,(unattributed),0,0,0,1,1,0,1,0,0,,0,,,0,0,0,0,1
        2026-W45,Healthgrades,1,1,0,0,0,0,0,0,0,,0,,,0,0,0,0,0
        2026-W45,Lakeside Family Medicine,1,1,1,4,3,1,3,2,1,20.00,3,9.90,12.25,1,0,2,1,1
        2026-W45,NPI 1111111111,0,0,0,1,1,0,0,0,0,,0,,,0,0,0,0,0
        2026-W45,"Riverside Ortho, LLC",0,0,0,1,0,0,1,0,0,,1,8.08,8.08,0,1,0,0,0
        2026-W45,newsletter,1,1,0,0,0,0,0,0,0,,0,,,0,0,0,0,0
        2026-W46,(all),1,0,0,1,1,0,0,0,0,,0,,,0,0,0,0,0
        2026-W46,(direct),1,0,0,0,0,0,0,0,0,,0,,,0,0,0,0,0
        2026-W46,Lakeside Family Medicine,0,0,0,1,1,0,0,0,0,,0,,,0,0,0,0,0
        2026-W47,(all),0,0,0,0,0,0,0,0,0,,0,,,0,0,0,0,0

        """

    func testRunWritesHandComputedMetrics() throws {
        let fixture = try Fixtures.copy("golden-basic")
        let result = try CommandRunner.run(["run", "pipeline.yml"], in: fixture)
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let metrics = try String(contentsOf: fixture.appendingPathComponent("reports/metrics.csv"), encoding: .utf8)
        XCTAssertEqual(metrics, Self.expectedMetrics)
        XCTAssertTrue(result.standardOutput.contains("reports/metrics.csv"), result.standardOutput)
        XCTAssertTrue(result.standardError.contains("development key"), "the sample key must be announced")
    }

    /// The report week is W46 (as_of falls in W47). Read back with openpyxl: Lakeside's row
    /// on Sources holds 1 referral in W46 and 5 over the 4 weeks ending W46 (4 in W45 + R9),
    /// 4 of them complete (R2 was not): completeness 0.8.
    func testWorkbookOfTheReportWeekReadsBackIndependently() throws {
        let fixture = try Fixtures.copy("golden-basic")
        XCTAssertEqual(try CommandRunner.run(["run", "pipeline.yml"], in: fixture).exitCode, 0)
        let workbook = fixture.appendingPathComponent("reports/weekly-2026-W46.xlsx").path
        let dump = try WorkbookReader.cells(workbook)
        XCTAssertEqual(dump["sheet_names"] as? [String], WeeklyWorkbookWriter.sheetNames)
        let sources = try DumpedSheet(dump, sheet: "Sources")
        let headerRow = try XCTUnwrap((1...5).first { sources.text($0, 1) == "Source" })
        func column(_ label: String) throws -> Int {
            try XCTUnwrap((1...80).first { sources.text(headerRow, $0) == label }, "no column \(label)")
        }
        let lakesideRow = try XCTUnwrap((headerRow...headerRow + 20).first { sources.text($0, 1) == "Lakeside Family Medicine" })
        XCTAssertEqual(sources.number(lakesideRow, try column("Referrals (week)")), 1)
        XCTAssertEqual(sources.number(lakesideRow, try column("Referrals (4 wk)")), 5)
        XCTAssertEqual(sources.number(lakesideRow, try column("Completeness (4 wk)")), 0.8)
    }

    func testSecondRunOnSameInputsChangesNothing() throws {
        let fixture = try Fixtures.copy("golden-basic")
        XCTAssertEqual(try CommandRunner.run(["run", "pipeline.yml"], in: fixture).exitCode, 0)
        let metricsURL = fixture.appendingPathComponent("reports/metrics.csv")
        let first = try Data(contentsOf: metricsURL)
        let second = try CommandRunner.run(["run", "pipeline.yml"], in: fixture)
        XCTAssertEqual(second.exitCode, 0, second.standardError)
        XCTAssertTrue(second.standardOutput.contains("Ingested 0 new file(s) (4 already ingested)"), second.standardOutput)
        XCTAssertEqual(try Data(contentsOf: metricsURL), first)
    }
}
