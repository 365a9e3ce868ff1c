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

    func testSQLAggregateMatchesAndSkipsNulls() throws {
        let database = try Database(path: ":memory:")
        try database.createPercentileFunction()
        try database.execute("create table samples (grp text, value real); insert into samples values ('a', 1), ('a', 2), ('a', null), ('a', 3), ('a', 4), ('b', null)")
        let rows = try database.rows("select grp, percentile_cont(value, 0.5), percentile_cont(value, 0.9) from samples group by grp order by grp")
        XCTAssertEqual(rows[0][1], .real(2.5))
        XCTAssertEqual(try XCTUnwrap(rows[0][2].double), 3.7, accuracy: 1e-12)
        XCTAssertEqual(rows[1][1], .null, "only nulls: no value")
        XCTAssertEqual(try database.scalar("select percentile_cont(value, 0.5) from samples where 0"), .null)
    }
}
