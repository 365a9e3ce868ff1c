import Foundation
import XCTest
@testable import ReferralFunnel

final class SampleClockTests: XCTestCase {
    func testOffsetsAgreeWithTheTimeZoneDatabase() throws {
        let chicago = try XCTUnwrap(TimeZone(identifier: "America/Chicago"))
        let start = Int64(SampleClock.daysFromCivil(year: 2026, month: 1, day: 1)) * 86_400_000
        let end = Int64(SampleClock.daysFromCivil(year: 2028, month: 1, day: 1)) * 86_400_000
        var instant = start
        while instant < end {
            let expected = chicago.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant) / 1000))
            XCTAssertEqual(SampleClock.offsetSeconds(at: instant), Int64(expected), "at \(instant)")
            instant += 1_800_000
        }
    }

    func testRepeatedAndSkippedLocalTimes() {
        // 2026-11-01 01:30 happens twice; SPEC 2.1 takes the first, daylight time: 06:30Z.
        let fallBack = SampleClock.daysFromCivil(year: 2026, month: 11, day: 1)
        let firstPass = SampleClock.instant(localDay: fallBack, millisecondOfDay: 90 * 60_000)
        XCTAssertEqual(firstPass, (Int64(fallBack) * 86_400 + 6 * 3600 + 30 * 60) * 1000)
        XCTAssertTrue(SampleClock.isUnambiguousLocally(firstPass))
        // An hour later the clock reads 01:30 again (standard time): not writable without an offset.
        XCTAssertFalse(SampleClock.isUnambiguousLocally(firstPass + 3_600_000))
        // 2027-03-14 02:30 never happens; read with the offset before the gap (-6): 08:30Z.
        let springForward = SampleClock.daysFromCivil(year: 2027, month: 3, day: 14)
        XCTAssertEqual(SampleClock.instant(localDay: springForward, millisecondOfDay: 150 * 60_000),
                       (Int64(springForward) * 86_400 + 8 * 3600 + 30 * 60) * 1000)
    }

    func testCivilDatesRoundTrip() {
        for day in stride(from: -800_000, to: 800_000, by: 97) {
            let date = SampleClock.civilFromDays(day)
            XCTAssertEqual(SampleClock.daysFromCivil(year: date.year, month: date.month, day: date.day), day)
        }
        XCTAssertEqual(SampleClock.daysFromCivil(year: 1970, month: 1, day: 1), 0)
        XCTAssertEqual(SampleClock.isoWeekday(ofDay: SampleClock.daysFromCivil(year: 2026, month: 9, day: 1)), 2) // a Tuesday
    }

    func testEveryShapeWritesTheSameInstant() throws {
        // 2026-11-02T20:03:11.250Z is 14:03:11.250 in Chicago (standard time, -06:00).
        let instant = (Int64(SampleClock.daysFromCivil(year: 2026, month: 11, day: 2)) * 86_400 + 20 * 3600 + 3 * 60 + 11) * 1000 + 250
        let expected: [(TimestampShape, String)] = [
            (.utc, "2026-11-02T20:03:11Z"), (.utcFraction, "2026-11-02T20:03:11.250Z"),
            (.offsetColon, "2026-11-02T14:03:11-06:00"), (.offsetFraction, "2026-11-02T14:03:11.250-06:00"),
            (.offsetCompact, "2026-11-02T14:03:11-0600"), (.offsetHour, "2026-11-02T14:03-06"),
            (.localSpace, "2026-11-02 14:03:11"), (.localSpaceFraction, "2026-11-02 14:03:11.25"),
            (.localMinutes, "2026-11-02T14:03"), (.dateOnly, "2026-11-02"), (.usTwentyFour, "11/02/2026 14:03"),
            (.usTwelve, "11/2/2026 2:03 PM"), (.usDateOnly, "11/02/2026"),
        ]
        XCTAssertEqual(expected.count, TimestampShape.allCases.count)
        for (shape, text) in expected {
            XCTAssertEqual(TimestampText.canonical(instant, shape), text, "\(shape)")
        }
        XCTAssertEqual(TimestampText.vendorUS(instant), "11/2/2026 2:03 PM")
        XCTAssertTrue(TimestampShape.utcFraction.represents(instant))
        XCTAssertFalse(TimestampShape.localSpace.represents(instant))   // would lose the 250 ms
        XCTAssertFalse(TimestampShape.dateOnly.represents(instant))     // not local midnight
    }
}
