import XCTest
@testable import ReferralFunnel

/// The dashboards' periods: the previous period has the same length; trends span 13 weeks.
final class ReportLookupTests: XCTestCase {
    func testPreviousPeriodsHaveTheSameLength() {
        let lookup = ReportLookup(model: HTMLFixtureModel.small())
        XCTAssertEqual(lookup.previous(.week("2026-W47")), .week("2026-W46"))
        XCTAssertEqual(lookup.previous(Period(weekCount: 4, endWeek: "2026-W47")), Period(weekCount: 4, endWeek: "2026-W43"))
        XCTAssertEqual(lookup.previous(Period(weekCount: 13, endWeek: "2026-W47")), Period(weekCount: 13, endWeek: "2026-W34"))
        XCTAssertEqual(lookup.trendWeeks.first, "2026-W35")
        XCTAssertEqual(lookup.trendWeeks.last, "2026-W47")
        XCTAssertEqual(lookup.trendWeeks.count, 13)
    }
}
