import Foundation
import XCTest
@testable import ReferralFunnel

/// Expected instants are built with Foundation's own Gregorian calendar in UTC, an
/// implementation independent of the integer arithmetic under test.
func utcInstant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0,
                microsecond: Int64 = 0) -> Instant {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
    let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    guard let date = calendar.date(from: components) else { return Instant(microsecondsSinceEpoch: .min) }
    return Instant(microsecondsSinceEpoch: Int64(date.timeIntervalSince1970) * 1_000_000 + microsecond)
}

func zone(_ identifier: String) throws -> TimeZone {
    try XCTUnwrap(TimeZone(identifier: identifier), "time zone \(identifier) missing from this system")
}

final class TimeZoneRulesTests: XCTestCase {
    private var chicago: TimeZoneRules!

    override func setUpWithError() throws {
        chicago = TimeZoneRules(timeZone: try zone("America/Chicago"))
    }

    func testCivilDayNumbersMatchKnownDates() {
        // 1970 to 2026 is 56 years holding 14 leap days (1972, 1976, ..., 2024):
        // 56 * 365 + 14 = 20454.
        XCTAssertEqual(CivilCalendar.dayNumber(year: 2026, month: 1, day: 1), 20454)
        XCTAssertEqual(CivilCalendar.dayNumber(year: 1970, month: 1, day: 1), 0)
        XCTAssertEqual(CivilCalendar.dayNumber(year: 1969, month: 12, day: 31), -1)
        // 2000 was a leap year (divisible by 400), 1900 was not.
        XCTAssertTrue(CivilCalendar.isValidDate(year: 2000, month: 2, day: 29))
        XCTAssertFalse(CivilCalendar.isValidDate(year: 1900, month: 2, day: 29))
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilCalendar.date(dayNumber: day)
            XCTAssertEqual(CivilCalendar.dayNumber(year: date.year, month: date.month, day: date.day), day)
        }
        // 2026-01-01 was a Thursday.
        XCTAssertEqual(CivilCalendar.isoWeekday(dayNumber: 20454), 4)
    }

    func testOffsetsAroundChicagoTransitions() {
        // 2026: CST (-6h) until 2026-03-08 08:00Z, CDT (-5h) until 2026-11-01 07:00Z.
        XCTAssertEqual(chicago.offsetSeconds(at: utcInstant(2026, 1, 15, 12)), -21600)
        XCTAssertEqual(chicago.offsetSeconds(at: utcInstant(2026, 3, 8, 7, 59, 59)), -21600)
        XCTAssertEqual(chicago.offsetSeconds(at: utcInstant(2026, 3, 8, 8)), -18000)
        XCTAssertEqual(chicago.offsetSeconds(at: utcInstant(2026, 11, 1, 6, 59, 59)), -18000)
        XCTAssertEqual(chicago.offsetSeconds(at: utcInstant(2026, 11, 1, 7)), -21600)
        // Rules keep going far ahead: July 2150 is still daylight time.
        XCTAssertEqual(chicago.offsetSeconds(at: utcInstant(2150, 7, 1)), -18000)
        XCTAssertGreaterThan(chicago.transitionCount, 500)
    }

    func testOffsetsAgreeWithFoundationEverywhere() throws {
        // Foundation is the oracle: every ~9.7 days from 1901 to 2199, and one second
        // either side of every transition from 2020 to 2030, in zones north and south.
        for identifier in ["America/Chicago", "Australia/Sydney", "Europe/London"] {
            let timeZone = try zone(identifier)
            let rules = TimeZoneRules(timeZone: timeZone)
            var seconds: [Int64] = Array(stride(from: Int64(-2_177_452_800), to: 7_258_118_400, by: 837_337))
            var moment = Date(timeIntervalSince1970: 1_577_836_800)
            while let transition = timeZone.nextDaylightSavingTimeTransition(after: moment),
                  transition.timeIntervalSince1970 < 1_893_456_000 {
                let second = Int64(transition.timeIntervalSince1970)
                seconds += [second - 1, second, second + 1]
                moment = transition
            }
            for second in seconds {
                let expected = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(second)))
                XCTAssertEqual(rules.offsetSeconds(at: Instant(secondsSinceEpoch: second)), expected,
                               "\(identifier) at \(second)")
            }
        }
    }

    func testSpringForwardGapUsesTheOffsetBeforeTheGap() {
        // 02:00-02:59 on 2026-03-08 never happens in Chicago. 02:30 read at CST (-6h) is
        // 08:30Z, which the clock shows as 03:30 CDT.
        let gap = chicago.instant(localYear: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0)
        XCTAssertEqual(gap, utcInstant(2026, 3, 8, 8, 30))
        XCTAssertEqual(chicago.localDateTimeText(of: gap), "2026-03-08 03:30")
        // The edges: 01:59 CST is 07:59Z; 03:00 CDT is 08:00Z, and so is 02:00 read at CST.
        XCTAssertEqual(chicago.instant(localYear: 2026, month: 3, day: 8, hour: 1, minute: 59, second: 0),
                       utcInstant(2026, 3, 8, 7, 59))
        XCTAssertEqual(chicago.instant(localYear: 2026, month: 3, day: 8, hour: 3, minute: 0, second: 0),
                       utcInstant(2026, 3, 8, 8))
        XCTAssertEqual(chicago.instant(localYear: 2026, month: 3, day: 8, hour: 2, minute: 0, second: 0),
                       utcInstant(2026, 3, 8, 8))
    }

    func testFallBackHourIsItsFirstOccurrence() {
        // 01:00-01:59 on 2026-11-01 happens twice: first in CDT (-5h), then in CST (-6h).
        // The first, 01:30 CDT, is 06:30Z (the second would be 07:30Z).
        XCTAssertEqual(chicago.instant(localYear: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0),
                       utcInstant(2026, 11, 1, 6, 30))
        XCTAssertEqual(chicago.instant(localYear: 2026, month: 11, day: 1, hour: 1, minute: 0, second: 0),
                       utcInstant(2026, 11, 1, 6))
        XCTAssertEqual(chicago.instant(localYear: 2026, month: 11, day: 1, hour: 1, minute: 59, second: 59),
                       utcInstant(2026, 11, 1, 6, 59, 59))
        // 02:00 happens once, in CST: 08:00Z.
        XCTAssertEqual(chicago.instant(localYear: 2026, month: 11, day: 1, hour: 2, minute: 0, second: 0),
                       utcInstant(2026, 11, 1, 8))
    }

    func testMicrosecondsAreKept() {
        XCTAssertEqual(chicago.instant(localYear: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0,
                                       microsecond: 250_000),
                       utcInstant(2026, 1, 1, 6, microsecond: 250_000))
    }

    func testZonesWithoutDaylightSavingTime() throws {
        let utc = TimeZoneRules(timeZone: try zone("UTC"))
        XCTAssertEqual(utc.transitionCount, 0)
        XCTAssertEqual(utc.offsetSeconds(at: utcInstant(2026, 6, 1)), 0)
        // Kolkata is +05:30 all year: 2026-11-02 00:00 local is 2026-11-01 18:30Z.
        let kolkata = TimeZoneRules(timeZone: try zone("Asia/Kolkata"))
        XCTAssertEqual(kolkata.instant(localYear: 2026, month: 11, day: 2, hour: 0, minute: 0, second: 0),
                       utcInstant(2026, 11, 1, 18, 30))
    }

    func testSouthernHemisphere() throws {
        // Sydney: AEDT (+11) in January, AEST (+10) in July.
        let sydney = TimeZoneRules(timeZone: try zone("Australia/Sydney"))
        XCTAssertEqual(sydney.offsetSeconds(at: utcInstant(2026, 1, 15)), 39600)
        XCTAssertEqual(sydney.offsetSeconds(at: utcInstant(2026, 7, 15)), 36000)
    }

    func testLocalDateText() {
        // 2026-11-02 03:00Z is still Sunday 2026-11-01 21:00 in Chicago (CST, -6h).
        let instant = utcInstant(2026, 11, 2, 3)
        XCTAssertEqual(chicago.localDateText(of: instant), "2026-11-01")
        XCTAssertEqual(chicago.localDateTimeText(of: instant), "2026-11-01 21:00")
    }

    func testISOWeekUsesTheLocalDate() {
        // Monday 2026-11-02 in UTC, but still Sunday in Chicago: week 44, not 45.
        XCTAssertEqual(chicago.isoWeek(of: utcInstant(2026, 11, 2, 3)), "2026-W44")
        XCTAssertEqual(chicago.isoWeek(of: utcInstant(2026, 11, 2, 12)), "2026-W45")
    }

    func testISOWeeksAtYearBoundaries() throws {
        let utc = TimeZoneRules(timeZone: try zone("UTC"))
        func week(_ year: Int, _ month: Int, _ day: Int) -> String { utc.isoWeek(of: utcInstant(year, month, day, 12)) }
        // 2026 starts on a Thursday, so it has 53 weeks; W53 runs Mon 2026-12-28 to Sun 2027-01-03.
        XCTAssertEqual(week(2026, 12, 31), "2026-W53")
        XCTAssertEqual(week(2027, 1, 1), "2026-W53")
        XCTAssertEqual(week(2027, 1, 3), "2026-W53")
        XCTAssertEqual(week(2027, 1, 4), "2027-W01")
        // 2020 starts on a Wednesday and is a leap year, so it also has 53 weeks.
        XCTAssertEqual(week(2020, 12, 31), "2020-W53")
        XCTAssertEqual(week(2021, 1, 3), "2020-W53")
        XCTAssertEqual(week(2021, 1, 4), "2021-W01")
        // Monday 2024-12-30 belongs to the week of Thursday 2025-01-02.
        XCTAssertEqual(week(2024, 12, 30), "2025-W01")
        XCTAssertEqual(week(2024, 12, 29), "2024-W52")
        XCTAssertEqual(week(2026, 1, 1), "2026-W01")
        XCTAssertEqual(week(2025, 12, 29), "2026-W01")
    }

    private func monday(_ week: String) -> [Int]? {
        TimeZoneRules.isoWeekMonday(week).map { [$0.year, $0.month, $0.day] }
    }

    func testISOWeekMonday() {
        // Week 1 of 2026 holds Thursday 2026-01-01, so its Monday is 2025-12-29.
        XCTAssertEqual(monday("2026-W01"), [2025, 12, 29])
        XCTAssertEqual(monday("2026-W53"), [2026, 12, 28])
        XCTAssertEqual(monday("2026-W45"), [2026, 11, 2])
        // 2025 starts on a Wednesday and is not a leap year: 52 weeks only.
        XCTAssertNil(TimeZoneRules.isoWeekMonday("2025-W53"))
        for invalid in ["2026-W00", "2026-W54", "2026-45", "2026W45", "2026-w45", "26-W45", "2026-W4", ""] {
            XCTAssertNil(TimeZoneRules.isoWeekMonday(invalid), invalid)
        }
    }

    func testISOWeekArithmetic() {
        XCTAssertEqual(TimeZoneRules.isoWeek(adding: -1, to: "2026-W01"), "2025-W52")
        XCTAssertEqual(TimeZoneRules.isoWeek(adding: 1, to: "2026-W52"), "2026-W53")
        XCTAssertEqual(TimeZoneRules.isoWeek(adding: 1, to: "2026-W53"), "2027-W01")
        XCTAssertEqual(TimeZoneRules.isoWeek(adding: 0, to: "2026-W45"), "2026-W45")
        // 2021-W01 minus 1 is 2020-W53 (2020 has 53 weeks).
        XCTAssertEqual(TimeZoneRules.isoWeek(adding: -1, to: "2021-W01"), "2020-W53")
        XCTAssertEqual(TimeZoneRules.isoWeek(adding: 52, to: "2026-W01"), "2026-W53")
        XCTAssertNil(TimeZoneRules.isoWeek(adding: 1, to: "2026-W99"))
    }

    func testISOWeekRanges() {
        XCTAssertEqual(TimeZoneRules.isoWeeks(from: "2026-W52", through: "2027-W02"),
                       ["2026-W52", "2026-W53", "2027-W01", "2027-W02"])
        XCTAssertEqual(TimeZoneRules.isoWeeks(from: "2026-W45", through: "2026-W45"), ["2026-W45"])
        XCTAssertEqual(TimeZoneRules.isoWeeks(from: "2026-W46", through: "2026-W45"), [])
        XCTAssertEqual(TimeZoneRules.isoWeeks(from: "bad", through: "2026-W45"), [])
    }
}
