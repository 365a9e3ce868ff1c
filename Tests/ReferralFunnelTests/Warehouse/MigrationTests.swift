import Foundation
import ReferralFunnel
import XCTest

/// Migrations bring a warehouse from an earlier version up to date without losing what it
/// holds.
final class MigrationTests: XCTestCase {
    /// Migration 5 fills each loaded file's newest instant from its rows, as ingest records
    /// it when a file loads. A warehouse taken back to before migration 5 and opened again
    /// must hold what ingest recorded, worked out by hand (America/Chicago, CST = UTC-6):
    /// - web: S1's second event (18:00Z) is the file's latest, though S2 starts later (17:00Z);
    /// - intake: R1's updated_at (2026-11-02 13:00 local = 19:00Z), after its received_at;
    /// - scheduling: A1's updated_at (2026-11-03 14:00 local = 20:00Z), after its booked_at.
    func testMigrationFiveBackfillsWhatIngestRecords() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write("""
            {"ts":"2026-11-02T16:00:00Z","event":"page_view","session_id":"S1","page":"/"}
            {"ts":"2026-11-02T17:00:00Z","event":"page_view","session_id":"S2","page":"/"}
            {"ts":"2026-11-02T18:00:00Z","event":"form_start","session_id":"S1","page":"/refer"}

            """, to: "web/web-2026-11-02.jsonl")
        try pipeline.write(TemporaryPipeline.intakeHeader + """
            R1,2026-11-02 09:00,fax,Lakeside,,,,P1,,,received,,2026-11-02 13:00

            """, to: "intake/intake-2026-11-02.csv")
        try pipeline.write(TemporaryPipeline.schedulingHeader + """
            A1,R1,P1,2026-11-03 08:00,2026-11-10 09:00,scheduled,,,,,2026-11-03 14:00

            """, to: "scheduling/scheduling-2026-11-03.csv")
        let ingest = try CommandRunner.run(["ingest", pipeline.configPath, "--quiet"], in: pipeline.folder)
        XCTAssertEqual(ingest.exitCode, 0, ingest.standardError)

        let query = "select feed, latest_at from ingested_files order by feed"
        let expected: [[DatabaseValue]] = [
            [.text("intake"), .integer(1_793_646_000_000_000)],      // 2026-11-02T19:00:00Z
            [.text("scheduling"), .integer(1_793_736_000_000_000)],  // 2026-11-03T20:00:00Z
            [.text("web"), .integer(1_793_642_400_000_000)],         // 2026-11-02T18:00:00Z
        ]
        XCTAssertEqual(try Database(path: pipeline.warehousePath).rows(query), expected)

        try Database(path: pipeline.warehousePath).execute("""
            alter table ingested_files drop column latest_at;
            delete from schema_migrations where version = 5;
            """)
        XCTAssertEqual(try Warehouse(path: pipeline.warehousePath).database.rows(query), expected)
    }

    /// A warehouse from before migration 6 was loaded by ingest version 1: once migrated it
    /// keeps working while that is the current version, and records 1, so a later version
    /// of ingest would refuse it rather than take its rows for its own.
    func testMigrationSixRecordsTheIngestVersionOfExistingWarehouses() throws {
        let fixture = try Fixtures.copy("golden-basic")
        XCTAssertEqual(try CommandRunner.run(["run", "pipeline.yml", "--quiet"], in: fixture).exitCode, 0)
        let warehousePath = fixture.appendingPathComponent("warehouse/golden.sqlite").path
        try Database(path: warehousePath).execute("""
            drop table ingest_version;
            delete from schema_migrations where version = 6;
            """)

        let run = try CommandRunner.run(["run", "pipeline.yml", "--quiet"], in: fixture)
        XCTAssertEqual(run.exitCode, IngestVersion.current == 1 ? 0 : RunExitCode.usageOrConfig, run.standardError)
        XCTAssertEqual(try Database(path: warehousePath).scalar("select version from ingest_version")?.int, 1)
    }
}
