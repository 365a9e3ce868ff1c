import Foundation
@testable import ReferralFunnel
import XCTest

/// The data tests run after every transform: they pass on a good build and name the failing
/// rows when a model breaks a rule.
final class DataTestsTests: XCTestCase {
    func warehouseAfterGoldenRun() throws -> Database {
        let fixture = try Fixtures.copy("golden-basic")
        XCTAssertEqual(try CommandRunner.run(["run", "pipeline.yml", "--quiet"], in: fixture).exitCode, 0)
        let database = try Database(path: fixture.appendingPathComponent("warehouse/golden.sqlite").path)
        try Transformer.registerFunctions(on: database, rules: TimeZoneRules(timeZone: try XCTUnwrap(TimeZone(identifier: "America/Chicago"))))
        return database
    }

    func testPassOnTheGoldenFixtureAndNameBrokenRows() throws {
        let database = try warehouseAfterGoldenRun()
        XCTAssertEqual(try DataTests.run(on: database), [])

        // Break three rules: a referral whose source resolves to nothing (it would drop out of
        // fct_referrals), a funnel that grows, a dangling link.
        try database.execute("""
            update int_referral_facts set source_key = 'registered:No Such Source' where referral_id = 'R3';
            update funnel_by_source_period set complete = referrals + 1 where period_key = '2026-W46' and source_name = '(all)';
            update int_appointments_linked_to_referrals set linked_referral_id = 'R-missing' where appointment_id = 'A2';
            """)
        let failures = try DataTests.run(on: database)
        XCTAssertEqual(failures.count, 3, failures.joined(separator: "\n"))
        XCTAssertTrue(failures.contains { $0.hasPrefix("every referral's source resolves: 1 failing row(s), e.g. R3") }, "\(failures)")
        XCTAssertTrue(failures.contains { $0.hasPrefix("funnel monotonic: 1 failing row(s), e.g. 2026-W46 (all)") }, "\(failures)")
        XCTAssertTrue(failures.contains { $0.hasPrefix("appointment links point at existing referrals: 1 failing row(s), e.g. A2") }, "\(failures)")
    }

    /// A night checks the rows it rebuilt: a broken row in the night's scope fails, one
    /// outside it (built and checked by an earlier run) is not read again.
    func testANightChecksTheRowsItRebuilt() throws {
        let database = try warehouseAfterGoldenRun()
        try database.execute("""
            update int_referral_facts set source_key = 'registered:No Such Source' where referral_id in ('R3', 'R4');
            update int_appointments_linked_to_referrals set linked_referral_id = 'R-missing' where appointment_id = 'A2';
            create temp table scope_facts as select 'R3' as referral_id;
            create temp table scope_referrals as select 'R3' as referral_id;
            create temp table scope_appointments as select 'A1' as appointment_id;
            create temp table scope_links as select 'A1' as appointment_id;
            """)
        let failures = try DataTests.run(on: database, fullBuild: false)
        XCTAssertEqual(failures, ["every referral's source resolves: 1 failing row(s), e.g. R3"])
        let everything = try DataTests.run(on: database, fullBuild: true)
        XCTAssertEqual(everything.count, 2, "\(everything)")
        XCTAssertTrue(everything.contains { $0.hasPrefix("every referral's source resolves: 2 failing row(s)") }, "\(everything)")
    }

    /// The data-quality section flags NPIs that fail the Luhn check (prefix 80840) and lists
    /// unregistered sources with their spellings; the week mart holds the CSV's rows.
    func testDataQualityAndWeekMartFromTheGoldenFixture() throws {
        let database = try warehouseAfterGoldenRun()
        let invalid = try database.rows("select distinct referring_npi from fct_referrals where referring_npi is not null")
            .compactMap { $0[0].string }.filter { !NPI.isValid($0) }
        XCTAssertEqual(invalid, ["1111111111"], "1234567893 is valid, 1111111111 is not")
        let unregistered = try database.rows("select source_name, referrals, sessions from int_unregistered_sources order by source_name")
            .map { $0.map(\.description).joined(separator: " ") }
        XCTAssertEqual(unregistered, ["NPI 1111111111 1 0", "Riverside Ortho, LLC 1 0", "newsletter 0 2"])
        let lakeside = try database.rows("""
            select week, referrals, complete, median_days_to_first_appointment from funnel_by_source_week
            where source = 'Lakeside Family Medicine' order by week
            """)
        XCTAssertEqual(lakeside.map { $0[0] }, ["2026-W45", "2026-W46"])
        XCTAssertEqual(lakeside[0][1], .integer(4))
        XCTAssertEqual(lakeside[0][2], .integer(3))
        XCTAssertEqual(try XCTUnwrap(lakeside[0][3].double), 475.0 / 48.0, accuracy: 1e-12)
        XCTAssertEqual(try database.rows("pragma table_info(funnel_by_source_week)").map { $0[1].string ?? "" },
                       MetricsCSVWriter.header)
    }
}
