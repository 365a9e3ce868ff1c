import XCTest
@testable import ReferralFunnel

final class ISOWeekTests: XCTestCase {
    func testStepsAcrossYearEnds() throws {
        // 2026 starts on a Thursday, so it has a week 53 (Mon 2026-12-28 ... Sun 2027-01-03).
        XCTAssertEqual(try XCTUnwrap(ISOWeek("2027-W01")).adding(weeks: -1).description, "2026-W53")
        // 2025 starts on a Wednesday and is not a leap year: 52 weeks.
        XCTAssertEqual(try XCTUnwrap(ISOWeek("2026-W01")).adding(weeks: -1).description, "2025-W52")
        XCTAssertEqual(try XCTUnwrap(ISOWeek("2026-W47")).adding(weeks: -4).description, "2026-W43")
        XCTAssertEqual(try XCTUnwrap(ISOWeek("2026-W05")).adding(weeks: -13).description, "2025-W44")
    }

    func testRejectsWeeksThatDoNotExist() {
        XCTAssertNil(ISOWeek("2025-W53"))
        XCTAssertNil(ISOWeek("2026-W00"))
        XCTAssertNil(ISOWeek("2026-47"))
        XCTAssertNotNil(ISOWeek("2020-W53"))
    }

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
