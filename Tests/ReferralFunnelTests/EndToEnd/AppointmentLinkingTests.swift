import Foundation
import ReferralFunnel
import XCTest

/// Appointment-to-referral linking (SPEC section 4), read from the linking model after a
/// real run.
///
/// - A1 names R1: linked by referral_id even though its patient differs.
/// - A2 names an unknown referral; patient P2 has R2 (2026-08-01 10:00) and R3 (2026-10-01
///   10:00): the latest received_at not after booked_at (2026-10-05) is R3.
/// - A3, patient P2, booked 2026-09-30 10:00: R3 is later than that, so R2 (60 days before).
/// - A4, patient P4, booked 90 days after R4 exactly: inside the window (at most 90 days).
/// - A5, patient P5, booked 90 days and 1 hour after R5: outside, unlinked.
/// - A6, patient P6, booked before R6 arrived: unlinked.
/// - A7, patient P7, whose R7a and R7b share received_at: the one first seen later (R7b,
///   the later row) wins.
/// - A8, patient MRN110603, booked a day after R8 of patient MRN074275: unlinked. Under the
///   development key the two patients' hashed keys share their first 8 hex digits, which is
///   all the patient index holds (IncrementalReferralModels.patientLookupKey), so the link
///   must still compare the whole key. (Found by hashing MRN000000 upwards until two
///   prefixes met.)
final class AppointmentLinkingTests: XCTestCase {
    func testLinkingRules() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(TemporaryPipeline.intakeHeader + """
            R1,2026-09-01 10:00,fax,,,,,P1,,,accepted,,
            R2,2026-08-01 10:00,fax,,,,,P2,,,accepted,,
            R3,2026-10-01 10:00,fax,,,,,P2,,,accepted,,
            R4,2026-07-01 10:00,fax,,,,,P4,,,accepted,,
            R5,2026-07-01 10:00,fax,,,,,P5,,,accepted,,
            R6,2026-10-10 10:00,fax,,,,,P6,,,accepted,,
            R7a,2026-09-15 10:00,fax,,,,,P7,,,accepted,,
            R7b,2026-09-15 10:00,fax,,,,,P7,,,accepted,,
            R8,2026-09-01 10:00,fax,,,,,MRN074275,,,accepted,,

            """, to: "intake/intake-1.csv")
        try pipeline.write(TemporaryPipeline.schedulingHeader + """
            A1,R1,P-other,2026-09-02 10:00,2026-09-09 10:00,scheduled,,,,,
            A2,R-unknown,P2,2026-10-05 10:00,2026-10-09 10:00,scheduled,,,,,
            A3,,P2,2026-09-30 10:00,2026-10-02 10:00,scheduled,,,,,
            A4,,P4,2026-09-29 10:00,2026-10-02 10:00,scheduled,,,,,
            A5,,P5,2026-09-29 11:00,2026-10-02 10:00,scheduled,,,,,
            A6,,P6,2026-10-09 10:00,2026-10-12 10:00,scheduled,,,,,
            A7,,P7,2026-09-20 10:00,2026-09-22 10:00,scheduled,,,,,
            A8,,MRN110603,2026-09-02 10:00,2026-09-09 10:00,scheduled,,,,,

            """, to: "scheduling/scheduling-1.csv")
        let result = try pipeline.run()
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let database = try Database(path: pipeline.warehousePath)
        let links = try database.rows("""
            select appointment_id, coalesce(linked_referral_id, '-'), coalesce(link_method, '-')
            from int_appointments_linked_to_referrals order by appointment_id
            """).map { $0.map(\.description).joined(separator: " ") }
        XCTAssertEqual(links, [
            "A1 R1 referral_id",
            "A2 R3 patient_within_window",
            "A3 R2 patient_within_window",
            "A4 R4 patient_within_window",
            "A5 - -",
            "A6 - -",
            "A7 R7b patient_within_window",
            "A8 - -",
        ])
        let keys = try database.rows("""
            select (select patient_key from stg_intake__referrals where referral_id = 'R8'),
                (select patient_key from stg_scheduling__appointments where appointment_id = 'A8')
            """).first?.compactMap(\.string) ?? []
        XCTAssertEqual(keys.count, 2)
        XCTAssertEqual(Set(keys.map { $0.prefix(8) }).count, 1, "the fixture's two patients no longer share an index prefix")
        XCTAssertEqual(Set(keys).count, 2)
    }
}
