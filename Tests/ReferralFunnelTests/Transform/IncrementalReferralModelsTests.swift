import Foundation
import XCTest
@testable import ReferralFunnel

/// A night rebuilds a week's duration samples and missing-item counts only where a referral's
/// facts changed (IncrementalReferralModels.updateWeeks). A referral that changes source on a
/// later night changes both for two sources of its week, though not its durations or items.
///
/// Night 1 (intake-2026-11-02.csv), both received in 2026-W45 (America/Chicago):
/// - R1 at 09:00 from "Harbor Chiropractic" (unregistered), missing insurance, accepted,
///   confirmed 12 hours later.
/// - R2 the next day from "Lakeside Family Medicine" (registered), complete, confirmed 24
///   hours later.
/// Night 2 (intake-2026-11-05.csv): R1's newer snapshot names "LAKESIDE FAMILY MEDICINE, P.C.",
/// which normalizes to the registry's name, so R1 is Lakeside's (SPEC section 3, rule 2); its
/// missing items stay those it was first seen with.
///
/// After night 2, W45 has no Harbor Chiropractic row, and Lakeside's: 2 referrals, 1 complete,
/// 1 accepted, 2 confirmed, both within the 24-hour SLA, median of 12 h and 24 h = 18.00;
/// insurance missing from 1 of its 2. as_of is R2's receipt (11-03 10:00): nothing stalled.
final class IncrementalReferralModelsTests: XCTestCase {
    static let nightOne = TemporaryPipeline.intakeHeader + """
        R1,2026-11-02 09:00,fax,Harbor Chiropractic,,,spine,P1,,insurance,accepted,2026-11-02 21:00,2026-11-02 21:00
        R2,2026-11-03 10:00,fax,Lakeside Family Medicine,,,spine,P2,,,received,2026-11-04 10:00,2026-11-04 10:00

        """
    static let nightTwo = TemporaryPipeline.intakeHeader + """
        R1,2026-11-02 09:00,fax,"LAKESIDE FAMILY MEDICINE, P.C.",,,spine,P1,,,accepted,2026-11-02 21:00,2026-11-05 08:00

        """
    static let expectedMetrics = """
        week,source,sessions,form_starts,form_submits,referrals,complete,returned,accepted,confirmed,confirmed_within_sla,median_hours_to_confirm,scheduled,median_days_to_first_appointment,p90_days_to_first_appointment,completed,no_show_appointments,attended_appointments,closed_loop,stalled
        2026-W45,(all),0,0,0,2,1,0,1,2,2,18.00,0,,,0,0,0,0,0
        2026-W45,Lakeside Family Medicine,0,0,0,2,1,0,1,2,2,18.00,0,,,0,0,0,0,0

        """

    func testReattributedReferralMovesItsWeeksSamplesAndMissingItems() throws {
        let nightly = try TemporaryPipeline()
        try nightly.write(Self.nightOne, to: "intake/intake-2026-11-02.csv")
        let first = try nightly.run()
        XCTAssertEqual(first.exitCode, 0, first.standardError)
        try nightly.write(Self.nightTwo, to: "intake/intake-2026-11-05.csv")
        let second = try nightly.run(["--verbose"])
        XCTAssertEqual(second.exitCode, 0, second.standardError)
        XCTAssertTrue(second.standardError.contains("built int_missing_items_by_week (scoped)"), second.standardError)

        let allAtOnce = try TemporaryPipeline()
        try allAtOnce.write(Self.nightOne, to: "intake/intake-2026-11-02.csv")
        try allAtOnce.write(Self.nightTwo, to: "intake/intake-2026-11-05.csv")
        let once = try allAtOnce.run()
        XCTAssertEqual(once.exitCode, 0, once.standardError)

        XCTAssertEqual(try allAtOnce.metrics(), Self.expectedMetrics)
        XCTAssertEqual(try nightly.metrics(), Self.expectedMetrics)
        // The kept weekly rows themselves: the samples feed the dashboards' trailing windows
        // and the missing items their per-source breakdown, neither of which metrics.csv shows.
        let nightlyWarehouse = try Database(path: nightly.warehousePath)
        let onceWarehouse = try Database(path: allAtOnce.warehousePath)
        for query in [
            "select period_key, source_key, hex(confirm_samples) from int_referral_durations_by_week order by 1, 2",
            "select period_key, source_key, item, missing from int_missing_items_by_week order by 1, 2, 3",
        ] {
            let want = try onceWarehouse.rows(query)
            XCTAssertFalse(want.isEmpty, query)
            XCTAssertEqual(try nightlyWarehouse.rows(query), want, query)
        }
        XCTAssertEqual(try nightlyWarehouse.rows("""
            select source_key, missing from int_missing_items_by_week where item = 'insurance' and source_key <> '(all)'
            """), [[.text("registered:Lakeside Family Medicine"), .integer(1)]])
    }

    /// The indexes a night finds its keys' loaded rows by are made after a full build has
    /// committed (Transformer.indexLoadedRowsForTheNextRun); a run killed before that leaves
    /// none, and the next night makes them before it reads its scopes, and gives the right
    /// numbers.
    func testTheLoadedRowIndexesFollowTheFirstBuildAndANightRemakesLostOnes() throws {
        let nightly = try TemporaryPipeline()
        try nightly.write(Self.nightOne, to: "intake/intake-2026-11-02.csv")
        let first = try nightly.run(["--verbose"])
        XCTAssertEqual(first.exitCode, 0, first.standardError)
        XCTAssertTrue(first.standardError.contains("indexed the loaded rows for the next run"), first.standardError)
        let indexNames = "('intake_rows_by_referral', 'appointment_rows_by_appointment', 'web_form_submits_by_submission')"
        let countIndexes = "select count(*) from sqlite_master where type = 'index' and name in \(indexNames)"
        do {
            let warehouse = try Database(path: nightly.warehousePath)
            XCTAssertEqual(try warehouse.scalar(countIndexes)?.int, 3)
            try warehouse.execute("""
                drop index intake_rows_by_referral; drop index appointment_rows_by_appointment;
                drop index web_form_submits_by_submission;
                """)
        }
        try nightly.write(Self.nightTwo, to: "intake/intake-2026-11-05.csv")
        let second = try nightly.run(["--verbose"])
        XCTAssertEqual(second.exitCode, 0, second.standardError)
        XCTAssertTrue(second.standardError.contains("built stg_intake__referrals (scoped)"), second.standardError)
        XCTAssertFalse(second.standardError.contains("indexed the loaded rows for the next run"),
                       "a scoped build makes missing indexes in its own transaction")
        XCTAssertEqual(try Database(path: nightly.warehousePath).scalar(countIndexes)?.int, 3)
        XCTAssertEqual(try nightly.metrics(), Self.expectedMetrics)
    }

    /// The patient indexes hold `patientLookupKey`, written in Swift (the night's scopes use
    /// the same constant), while the linking model spells the expression in its SQL: if the
    /// two drift apart the links stay right but every appointment reads every referral. The
    /// linking model's plan must seek by the patient index.
    func testTheLinkingModelSeeksReferralsByThePatientIndex() throws {
        let nightly = try TemporaryPipeline()
        try nightly.write(Self.nightOne, to: "intake/intake-2026-11-02.csv")
        XCTAssertEqual(try nightly.run().exitCode, 0)
        let warehouse = try Database(path: nightly.warehousePath)
        try warehouse.execute("create temp view scoped_appointments as select * from main.stg_scheduling__appointments")
        let linking = try Resources.text(named: "int_appointments_linked_to_referrals", folder: "models/intermediate")
        let plan = try warehouse.rows("explain query plan \(linking)")
            .map { $0.map(\.description).joined(separator: " ") }.joined(separator: "\n")
        XCTAssertTrue(plan.contains("USING INDEX stg_intake__referrals_by_patient"), plan)
    }
}
