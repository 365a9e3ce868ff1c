import Foundation
import ReferralFunnel
import XCTest

/// SPEC 6.1 through the built binary: a scheduling export with `02-Nov-2026 14:03` booking
/// times and the appointment's date and time in two columns loads, through its mapping,
/// into the same rows and the same metrics.csv as the canonical export of the same visits.
final class VendorTimestampLayoutTests: XCTestCase {
    static let intake = TemporaryPipeline.intakeHeader + """
        R1,2026-11-01 09:00,fax,Lakeside Family Medicine,,,,P1,,,accepted,2026-11-01 15:00,
        R2,2026-11-02 11:00,fax,Lakeside Family Medicine,,,,P2,,,accepted,2026-11-02 16:00,
        R3,2026-11-03 16:45,fax,Lakeside Family Medicine,,,,P3,,,accepted,,
        R4,2026-11-04 08:30,fax,Lakeside Family Medicine,,,,P4,,,accepted,,

        """

    /// A1: 2:30 PM; A2: empty time = midnight; A3: 12:05 pm (noon, lower case), a booking
    /// month in full and in lower case; A4: 12:10 AM (just after midnight), an upper-case month.
    static let canonicalScheduling = TemporaryPipeline.schedulingHeader + """
        A1,R1,P1,2026-11-02 14:03,2026-11-05 14:30,completed,,,,,
        A2,R2,P2,2026-11-03 09:15,2026-11-09 00:00,scheduled,,,,,
        A3,R3,P3,2026-11-04 08:00,2026-11-06 12:05,scheduled,,,,,
        A4,R4,P4,2026-11-04 10:40,2026-11-10 00:10,scheduled,,,,,

        """

    static let vendorScheduling = """
        Appt ID,Referral,Patient,Booked,Appt Date,Appt Time,Status
        A1,R1,P1,02-Nov-2026 14:03,11/05/2026,2:30 PM,completed
        A2,R2,P2,03-Nov-2026 09:15,11/09/2026,,scheduled
        A3,R3,P3,04-november-2026 08:00,11/6/2026,12:05 pm,scheduled
        A4,R4,P4,04-NOV-2026 10:40,11/10/2026,12:10 AM,scheduled

        """

    static let vendorMapping = """
        scheduling:
            files: scheduling/*.csv
            columns:
              appointment_id: Appt ID
              referral_id: Referral
              patient_id: Patient
              booked_at: Booked
              starts_at: [Appt Date, Appt Time]
              status: Status
            timestamp_formats:
              booked_at: "%d-%b-%Y %H:%M"
              starts_at: ["%m/%d/%Y", "%I:%M %p"]
        """

    private func pipeline(scheduling: String, mapping: String?) throws -> TemporaryPipeline {
        let pipeline = try TemporaryPipeline(maxRejectRate: 0.5)
        addTeardownBlock { try? FileManager.default.removeItem(at: pipeline.folder) }
        if let mapping {
            let config = try String(contentsOfFile: pipeline.configPath, encoding: .utf8)
            XCTAssertTrue(config.contains("scheduling: {files: scheduling/*.csv}"))
            try config.replacingOccurrences(of: "scheduling: {files: scheduling/*.csv}", with: mapping)
                .write(toFile: pipeline.configPath, atomically: true, encoding: .utf8)
        }
        try pipeline.write(Self.intake, to: "intake/intake-1.csv")
        try pipeline.write(scheduling, to: "scheduling/scheduling-1.csv")
        return pipeline
    }

    private func appointments(_ pipeline: TemporaryPipeline) throws -> [String] {
        try Database(path: pipeline.warehousePath, readOnly: true)
            .rows("select appointment_id, booked_at, starts_at from appointment_rows order by appointment_id")
            .map { $0.map(\.description).joined(separator: " ") }
    }

    func testSplitDateAndTimeAndMonthNamesLoadLikeTheCanonicalExport() throws {
        let canonical = try pipeline(scheduling: Self.canonicalScheduling, mapping: nil)
        let vendor = try pipeline(scheduling: Self.vendorScheduling, mapping: Self.vendorMapping)
        for pipeline in [canonical, vendor] {
            let result = try pipeline.run()
            XCTAssertEqual(result.exitCode, 0, result.standardError)
        }
        let canonicalRows = try appointments(canonical)
        XCTAssertEqual(canonicalRows.count, 4, "\(canonicalRows)")
        XCTAssertEqual(try appointments(vendor), canonicalRows)
        // 2026-11-05 14:30 CST is 20:30Z: 1_793_910_600 seconds.
        XCTAssertTrue(canonicalRows[0].hasSuffix(" 1793910600000000"), canonicalRows[0])
        let metrics = try canonical.metrics()
        XCTAssertTrue(metrics.contains("2026-W45,(all),"), metrics)
        XCTAssertEqual(try vendor.metrics(), metrics, "the vendor mapping must load into the same numbers")
        let quarantined = try Database(path: vendor.warehousePath, readOnly: true).scalar("select count(*) from quarantine")
        XCTAssertEqual(quarantined?.int, 0)
    }

    /// A value that does not match says which pattern and where, and shows the value's
    /// shape, not its digits; a missing time column holds the file back, naming it.
    func testMismatchesAndAMissingTimeColumnAreNamed() throws {
        let badRows = Self.vendorScheduling.replacingOccurrences(of: "02-Nov-2026 14:03", with: "2026-11-02 14:03")
            .replacingOccurrences(of: "12:05 pm", with: "12:05")
        let bad = try pipeline(scheduling: badRows, mapping: Self.vendorMapping)
        let validate = try CommandRunner.run(["validate", bad.configPath], in: bad.folder)
        XCTAssertEqual(validate.exitCode, 0, validate.standardError)
        XCTAssertTrue(validate.standardOutput.contains(
            "quarantined [booked_at] booked_at does not match the pinned format '%d-%b-%Y %H:%M': "
                + "expected '-' at character 3 of a value shaped '9999-99-99 99:99': 1 row(s), line 2\n"), validate.standardOutput)
        XCTAssertTrue(validate.standardOutput.contains(
            "quarantined [starts_at] starts_at's time ('Appt Time') does not match the pinned format '%I:%M %p': "
                + "expected ' ' at the end of a value shaped '99:99': 1 row(s), line 4\n"), validate.standardOutput)

        let noTime = Self.vendorScheduling.replacingOccurrences(of: ",Appt Time,", with: ",Time,")
        let heldBack = try pipeline(scheduling: noTime, mapping: Self.vendorMapping)
        let result = try CommandRunner.run(["validate", heldBack.configPath], in: heldBack.folder)
        XCTAssertEqual(result.exitCode, 3, result.standardError)
        XCTAssertTrue(result.standardOutput.contains(
            "the header has 'Appt Date' but lacks 'Appt Time', which together are starts_at (date column, time column)"),
                      result.standardOutput)
    }
}
