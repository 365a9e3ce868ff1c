@testable import ReferralFunnel
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

    /// The percentile picks its two values by selection rather than a sort; it must give what
    /// the sort gave on every shape of input: ties, runs already in order or reversed (the
    /// shapes that make a naive quickselect quadratic, which falls back to sorting here), one
    /// value, and random sets, at every fraction the reports use and a few more.
    func testSelectionAgreesWithSorting() throws {
        func bySorting(_ values: [Int64], fraction: Double) -> Double {
            let sorted = values.sorted()
            let thousandths = Int64((fraction * 1000).rounded())
            let position = Int64(sorted.count - 1) * thousandths
            let lower = Int(position / 1000), remainder = position % 1000
            let upper = remainder == 0 ? lower : lower + 1
            // Exact in Double for these magnitudes: values below 2^40, remainder below 1000.
            return (Double(sorted[lower]) * 1000 + Double(sorted[upper] - sorted[lower]) * Double(remainder)) / (1000 * Double(hour))
        }
        var random = SystemRandomNumberGenerator()
        var inputs: [[Int64]] = [[7], [3, 3], Array(repeating: 5, count: 1000), (0..<1000).map { Int64($0) },
                                 (0..<1000).reversed().map { Int64($0) }, (0..<1000).map { Int64($0 % 2) },
                                 (0..<999).map { Int64(($0 * 7919) % 1000) }]
        for count in [2, 3, 10, 101, 5000] {
            inputs.append((0..<count).map { _ in Int64.random(in: 0..<(1 << 40), using: &random) })
            inputs.append((0..<count).map { _ in Int64.random(in: 0..<4, using: &random) * hour })
        }
        for values in inputs {
            for fraction in [0, 0.1, 0.5, 0.9, 0.999, 1] {
                let expected = bySorting(values, fraction: fraction)
                let actual = try XCTUnwrap(Percentile.exactDuration(values, fraction: fraction, unit: hour))
                XCTAssertEqual(actual, expected, accuracy: abs(expected) * 1e-15,
                               "\(values.count) values, fraction \(fraction)")
            }
            for rank in Set([0, values.count / 2, values.count - 1]) {
                var reordered = values
                Percentile.selectElement(at: rank, in: &reordered)
                XCTAssertEqual(reordered[rank], values.sorted()[rank])
                XCTAssertTrue(reordered[..<rank].allSatisfy { $0 <= reordered[rank] })
                XCTAssertTrue(reordered[(rank + 1)...].allSatisfy { $0 >= reordered[rank] })
                XCTAssertEqual(reordered.sorted(), values.sorted(), "selection only reorders")
            }
        }
    }

    func testSQLAggregate() throws {
        let database = try Database(path: ":memory:")
        try database.createDurationPercentileFunction()
        try database.execute("create table samples (value integer); insert into samples values (5760000000), (83340000000), (null)")
        XCTAssertEqual(try database.scalar("select duration_percentile(value, 0.5, 3600000000) from samples"), .real(12.375))
        XCTAssertEqual(try database.scalar("select duration_percentile(value, 0.5, 3600000000) from samples where value is null"), .null)
    }

    /// A window's percentile from its weeks' samples equals the percentile over its rows.
    /// Week 1 holds 1, 5 and 9 hours, week 2 holds 2 and 4, so the window holds 1, 2, 4, 5
    /// and 9: median 4 h; 90th percentile at position 0.9 × 4 = 3.6, 5 + 0.6 × (9 − 5) = 7.4 h.
    /// Within a week: median 5 h of week 1, 3 h of week 2. Nulls and empty groups give null.
    func testSamplesMergeToThePercentileOfEveryValue() throws {
        let database = try Database(path: ":memory:")
        try database.createDurationPercentileFunction()
        try database.createDurationSampleFunctions()
        let hour = 3_600_000_000
        try database.execute("""
            create table durations (week integer, value integer);
            insert into durations values (1, \(9 * hour)), (1, \(hour)), (1, null), (1, \(5 * hour)),
                (2, \(4 * hour)), (2, \(2 * hour)), (3, null);
            create table weeks as select week, duration_samples(value) as samples from durations group by week;
            """)
        XCTAssertEqual(try database.scalar("select samples from weeks where week = 3"), .null)
        XCTAssertEqual(try database.scalar("select duration_percentile_of_samples(samples, 0.5, \(hour)) from weeks"), .real(4))
        XCTAssertEqual(try database.scalar("select duration_percentile_of_samples(samples, 0.9, \(hour)) from weeks"), .real(7.4))
        XCTAssertEqual(try database.scalar("select duration_percentile(value, 0.9, \(hour)) from durations"), .real(7.4))
        XCTAssertEqual(try database.rows("""
            select week, duration_percentile_of_samples(samples, 0.5, \(hour)) from weeks group by week order by week
            """), [[.integer(1), .real(5)], [.integer(2), .real(3)], [.integer(3), .null]])
        // Sorted ascending, eight little-endian bytes a value (x86-64 and arm64): week 2's
        // blob is 2 h (0x1AD274800 µs) then 4 h (0x35A4E9000 µs).
        XCTAssertEqual(try database.scalar("select hex(samples) from weeks where week = 2"),
                       .text("004827AD01000000" + "00904E5A03000000"))
    }
}
