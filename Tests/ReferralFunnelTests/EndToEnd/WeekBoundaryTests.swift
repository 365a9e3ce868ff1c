import Foundation
import XCTest

/// Weeks and durations where the calendar is awkward: both DST changes in America/Chicago
/// and the ISO year boundary of 2026/2027 (2026 has 53 ISO weeks).
///
/// - R1 received 2026-11-01 01:30, the repeated hour: its first occurrence, CDT = 06:30Z.
///   Confirmed 03:30 CST = 09:30Z: 3 hours elapsed though the clock moved 2. Sunday: W44.
/// - R2 received 2026-12-28T05:30Z = Sunday 2026-12-27 23:30 local: W52, not W53.
/// - R3 received Thursday 2026-12-31 23:30 and R4 Friday 2027-01-01 00:30: both 2026-W53.
/// - R5 received Monday 2027-01-04 00:00: 2027-W01.
/// - R6 received 2027-03-14 02:30, inside the spring-forward gap: read with the offset before
///   the gap (CST), so 08:30Z = 03:30 CDT. Confirmed 12:00 CDT = 17:00Z: 8.5 hours. W10.
/// as_of is R6's receipt (W10); the covered weeks are 2026-W44 to 2026-W53 and 2027-W01 to
/// 2027-W10: 20 weeks, each with an (all) row, plus one (unattributed) row for each of the 5
/// weeks that had a referral.
final class WeekBoundaryTests: XCTestCase {
    static func makePipeline() throws -> TemporaryPipeline {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(TemporaryPipeline.intakeHeader + """
            R1,2026-11-01 01:30,fax,,,,,P1,,,received,2026-11-01 03:30,
            R2,2026-12-28T05:30:00Z,fax,,,,,P2,,,received,,
            R3,2026-12-31 23:30,fax,,,,,P3,,,received,,
            R4,2027-01-01 00:30,fax,,,,,P4,,,received,,
            R5,1/4/2027 12:00 AM,fax,,,,,P5,,,received,,
            R6,2027-03-14 02:30,fax,,,,,P6,,,received,2027-03-14 12:00,

            """, to: "intake/intake-1.csv")
        return pipeline
    }

    func testDSTAndISOYearBoundary() throws {
        let pipeline = try Self.makePipeline()
        let result = try pipeline.run()
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let lines = try pipeline.metrics().split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 1 + 20 + 5)
        for expected in [
            "2026-W44,(all),0,0,0,1,1,0,0,1,1,3.00,0,,,0,0,0,0,0",
            "2026-W44,(unattributed),0,0,0,1,1,0,0,1,1,3.00,0,,,0,0,0,0,0",
            "2026-W52,(unattributed),0,0,0,1,1,0,0,0,0,,0,,,0,0,0,0,0",
            "2026-W53,(all),0,0,0,2,2,0,0,0,0,,0,,,0,0,0,0,0",
            "2027-W01,(unattributed),0,0,0,1,1,0,0,0,0,,0,,,0,0,0,0,0",
            "2027-W10,(all),0,0,0,1,1,0,0,1,1,8.50,0,,,0,0,0,0,0",
        ] {
            XCTAssertTrue(lines.contains(expected), "missing \(expected)")
        }
        XCTAssertEqual(lines.last?.hasPrefix("2027-W10,"), true)
        XCTAssertTrue(FileManager.default.fileExists(atPath: pipeline.reports.appendingPathComponent("weekly-2027-W09.xlsx").path))
    }

    /// An earlier --as-of ends the covered weeks at its own week; later data still count in
    /// their cohorts (nothing is rebuilt "as it was then"), and the report week moves with it.
    func testAsOfOverrideEndsTheCoveredWeeks() throws {
        let pipeline = try Self.makePipeline()
        let result = try pipeline.run(["--as-of", "2027-01-02"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let lines = try pipeline.metrics().split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.last, "2026-W53,(unattributed),0,0,0,2,2,0,0,0,0,,0,,,0,0,0,0,0")
        XCTAssertTrue(FileManager.default.fileExists(atPath: pipeline.reports.appendingPathComponent("weekly-2026-W52.xlsx").path))
    }
}
