import ReferralFunnel
import XCTest

/// Linear interpolation between the two nearest ranks, as numpy.percentile's default.
final class PercentileTests: XCTestCase {
    func testKnownValues() throws {
        // numpy.percentile([1, 2, 3, 4], 50) = 2.5; position (4 - 1) * 0.5 = 1.5.
        XCTAssertEqual(Percentile.linear([4, 1, 3, 2], fraction: 0.5), 2.5)
        // numpy.percentile([1, 2, 3, 4], 90) = 3.7; position 2.7 → 3 + 0.7 * (4 - 3).
        XCTAssertEqual(try XCTUnwrap(Percentile.linear([1, 2, 3, 4], fraction: 0.9)), 3.7, accuracy: 1e-12)
        // One value is every percentile.
        XCTAssertEqual(Percentile.linear([7], fraction: 0.9), 7)
        XCTAssertNil(Percentile.linear([], fraction: 0.5), "an empty set gives an empty cell")
    }
}

/// Durations are interpolated exactly on integer microseconds, then divided once.
final class DurationPercentileTests: XCTestCase {
    let hour: Int64 = 3_600_000_000

    func testTiesAreNotLostToFloatingPointNoise() throws {
        // 1.6 h and 23.15 h: the exact median is 12.375 h, a double exactly, which prints as
        // 12.38 (half to even on the exact value). Interpolating 1.6 and 23.15 as doubles
        // gives 12.374999999999998 and would print 12.37.
        let median = try XCTUnwrap(Percentile.exactDuration([96 * 60_000_000, 1389 * 60_000_000], fraction: 0.5, unit: hour))
        XCTAssertEqual(median, 12.375)
        XCTAssertEqual(String(format: "%.2f", median), "12.38")
        XCTAssertEqual(String(format: "%.2f", try XCTUnwrap(Percentile.linear([1.6, 23.15], fraction: 0.5))), "12.37",
                       "the double interpolation this replaces")
    }

    func testNinetiethPercentileIsExact() throws {
        // Hours [1, 2, 3, 4]: position 2.7 → 3 + 0.7 × 1 = 3.7, the double nearest 37/10.
        let hours: [Int64] = [4, 1, 3, 2].map { $0 * hour }
        XCTAssertEqual(Percentile.exactDuration(hours, fraction: 0.9, unit: hour), 37.0 / 10.0)
        XCTAssertEqual(Percentile.exactDuration([5 * hour], fraction: 0.9, unit: hour), 5)
        XCTAssertEqual(Percentile.exactDuration([-2 * hour, 2 * hour], fraction: 0.5, unit: hour), 0, "negative durations count")
        XCTAssertNil(Percentile.exactDuration([], fraction: 0.5, unit: hour))
    }

    func testSQLAggregate() throws {
        let database = try Database(path: ":memory:")
        try database.createDurationPercentileFunction()
        try database.execute("create table samples (value integer); insert into samples values (5760000000), (83340000000), (null)")
        XCTAssertEqual(try database.scalar("select duration_percentile(value, 0.5, 3600000000) from samples"), .real(12.375))
        XCTAssertEqual(try database.scalar("select duration_percentile(value, 0.5, 3600000000) from samples where value is null"), .null)
    }
}
