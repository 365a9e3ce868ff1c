import Foundation
import ReferralFunnel
import XCTest

/// The web sessions and their weekly counts are kept between runs and merged night by night
/// (IncrementalWebModels). Two nights loaded one run at a time must give the same
/// metrics.csv as both nights loaded at once, including the awkward merges:
///
/// Night 1 (web-2026-11-02.jsonl), all in 2026-W45 (America/Chicago):
/// - S1 page_view with utm_source=lakeside-fm (a registry alias), then form_start.
/// - S2 page_view at 23:50 local on Monday, no referrer: (direct).
/// - S3 page_view at 12:00 local Tuesday from healthgrades.com: unregistered.
/// Night 2 (web-2026-11-03.jsonl, intake-2026-11-04.csv):
/// - S2 continues after midnight with a form_submit of SUB1: one session over two files,
///   still (direct), now with a form_submit.
/// - S3 has an earlier event (11:00 local) with utm_source=Lakeside-FM: its first event moves
///   to night 2's file, so it becomes Lakeside's and leaves the healthgrades group, which was
///   its own earliest session (the group is looked up again, then dropped when empty).
/// - S4 page_view from www.healthgrades.com: same normalized name as healthgrades.com, and
///   now the only spelling of it, so the unregistered source is named `www.healthgrades.com`.
/// - R1 received Wednesday with submission SUB1 and no practice or NPI: source by rule 5 is
///   S2's web source, (direct).
///
/// W45 then holds 4 sessions: (direct) S2 (1 form_submit, R1), Lakeside S1 and S3 (S1's
/// form_start), www.healthgrades.com S4. as_of is R1's receipt, in W45: one week covered.
final class IncrementalWebModelsTests: XCTestCase {
    static let nightOneWeb = """
        {"ts":"2026-11-02T16:00:00Z","event":"page_view","session_id":"S1","page":"/refer?utm_source=lakeside-fm"}
        {"ts":"2026-11-02T16:01:00Z","event":"form_start","session_id":"S1","page":"/refer"}
        {"ts":"2026-11-03T05:50:00Z","event":"page_view","session_id":"S2","page":"/"}
        {"ts":"2026-11-03T18:00:00Z","event":"page_view","session_id":"S3","page":"/","referrer":"https://healthgrades.com/x"}

        """
    static let nightTwoWeb = """
        {"ts":"2026-11-03T06:10:00Z","event":"form_submit","session_id":"S2","page":"/refer","submission_id":"SUB1"}
        {"ts":"2026-11-03T17:00:00Z","event":"page_view","session_id":"S3","page":"/?utm_source=Lakeside-FM"}
        {"ts":"2026-11-03T20:00:00Z","event":"page_view","session_id":"S4","page":"/","referrer":"https://www.healthgrades.com/"}

        """
    static let nightTwoIntake = TemporaryPipeline.intakeHeader + """
        R1,2026-11-04 09:00,web_form,,,,,P1,SUB1,,received,,

        """
    static let expectedMetrics = """
        week,source,sessions,form_starts,form_submits,referrals,complete,returned,accepted,confirmed,confirmed_within_sla,median_hours_to_confirm,scheduled,median_days_to_first_appointment,p90_days_to_first_appointment,completed,no_show_appointments,attended_appointments,closed_loop,stalled
        2026-W45,(all),4,1,1,1,1,0,0,0,0,,0,,,0,0,0,0,0
        2026-W45,(direct),1,0,1,1,1,0,0,0,0,,0,,,0,0,0,0,0
        2026-W45,Lakeside Family Medicine,2,1,0,0,0,0,0,0,0,,0,,,0,0,0,0,0
        2026-W45,www.healthgrades.com,1,0,0,0,0,0,0,0,0,,0,,,0,0,0,0,0

        """

    func testNightByNightEqualsAllAtOnce() throws {
        let nightly = try TemporaryPipeline()
        try nightly.write(Self.nightOneWeb, to: "web/web-2026-11-02.jsonl")
        let first = try nightly.run()
        XCTAssertEqual(first.exitCode, 0, first.standardError)
        try nightly.write(Self.nightTwoWeb, to: "web/web-2026-11-03.jsonl")
        try nightly.write(Self.nightTwoIntake, to: "intake/intake-2026-11-04.csv")
        let second = try nightly.run(["--verbose"])
        XCTAssertEqual(second.exitCode, 0, second.standardError)
        XCTAssertTrue(second.standardError.contains("(incremental)"), "the second night should merge, not rebuild")

        let allAtOnce = try TemporaryPipeline()
        try allAtOnce.write(Self.nightOneWeb, to: "web/web-2026-11-02.jsonl")
        try allAtOnce.write(Self.nightTwoWeb, to: "web/web-2026-11-03.jsonl")
        try allAtOnce.write(Self.nightTwoIntake, to: "intake/intake-2026-11-04.csv")
        let once = try allAtOnce.run()
        XCTAssertEqual(once.exitCode, 0, once.standardError)

        XCTAssertEqual(try allAtOnce.metrics(), Self.expectedMetrics)
        XCTAssertEqual(try nightly.metrics(), Self.expectedMetrics)
    }

    /// A time-zone change moves week boundaries: the kept web models are rebuilt from every
    /// loaded part rather than merged under the old weeks.
    func testTimeZoneChangeRebuildsTheWebModels() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(Self.nightOneWeb + Self.nightTwoWeb.replacingOccurrences(of: "S2", with: "S5"),
                           to: "web/web-2026-11-02.jsonl")
        XCTAssertEqual(try pipeline.run().exitCode, 0)
        // S2's first event is Monday 23:50 in Chicago but Tuesday 06:50 in Berlin; the week
        // is the same, so check the rebuild through the log and an unchanged session count.
        let config = try String(contentsOfFile: pipeline.configPath, encoding: .utf8)
        try config.replacingOccurrences(of: "America/Chicago", with: "Europe/Berlin")
            .write(toFile: pipeline.configPath, atomically: true, encoding: .utf8)
        // A warehouse that records its ingest settings refuses the change (the loaded rows'
        // local times were read in Chicago) until `rebuild`; one from before that record
        // cannot tell, and its transform still rebuilds the web models in the new zone.
        XCTAssertEqual(try pipeline.run().exitCode, RunExitCode.usageOrConfig)
        try Database(path: pipeline.warehousePath).execute("delete from ingest_settings")
        let rerun = try pipeline.run(["--verbose"])
        XCTAssertEqual(rerun.exitCode, 0, rerun.standardError)
        XCTAssertTrue(rerun.standardError.contains("time zone changed"), rerun.standardError)
        let metrics = try pipeline.metrics()
        XCTAssertTrue(metrics.contains("2026-W45,(all),4,1,0,"), metrics)
    }
    /// S7's first event is in both files at the same instant: file order decides (SPEC
    /// section 3), so it is night 1's Lakeside visit, not night 2's healthgrades one, although
    /// night 2's part holds the session's last event (the grouping pass alone could take the
    /// wrong part's columns there). Night by night and all at once: W45, one session, Lakeside.
    func testTiedFirstEventsGoToTheEarlierFile() throws {
        let nightOne = """
            {"ts":"2026-11-02T16:00:00Z","event":"page_view","session_id":"S7","page":"/?utm_source=lakeside-fm"}

            """
        let nightTwo = """
            {"ts":"2026-11-02T16:00:00Z","event":"page_view","session_id":"S7","page":"/","referrer":"https://healthgrades.com/"}
            {"ts":"2026-11-03T16:00:00Z","event":"form_start","session_id":"S7","page":"/refer"}

            """
        let expected = "2026-W45,Lakeside Family Medicine,1,1,0,"
        let nightly = try TemporaryPipeline()
        try nightly.write(nightOne, to: "web/web-2026-11-02.jsonl")
        XCTAssertEqual(try nightly.run().exitCode, 0)
        try nightly.write(nightTwo, to: "web/web-2026-11-03.jsonl")
        XCTAssertEqual(try nightly.run().exitCode, 0)
        let nightlyMetrics = try nightly.metrics()
        XCTAssertTrue(nightlyMetrics.contains(expected), nightlyMetrics)

        let allAtOnce = try TemporaryPipeline()
        try allAtOnce.write(nightOne, to: "web/web-2026-11-02.jsonl")
        try allAtOnce.write(nightTwo, to: "web/web-2026-11-03.jsonl")
        XCTAssertEqual(try allAtOnce.run().exitCode, 0)
        let metrics = try allAtOnce.metrics()
        XCTAssertTrue(metrics.contains(expected), metrics)
        XCTAssertFalse(metrics.contains("healthgrades"), metrics)
    }

    /// SPEC 4.1 across files: S8's first night holds a form_start (with a campaign in its
    /// page), a page_view of `/book` and a form_submit of SUB8, which R8 carries; night 2
    /// brings an earlier page_view of `/Knee/`. The session's first event is now that
    /// page_view, without a campaign, and its first page_view is `/Knee/`, reduced to `/Knee`:
    /// night by night and all at once, S8 and its referral R8 leave `/book` and the google
    /// campaign (the referral is attributed again because its session changed). S9 lands on
    /// `/book#x`, reduced to `/book`.
    /// After night 1 alone: pages `/book` 1 session, 1 form_start, 1 form_submit, R8; campaign
    /// (google, cpc, knee) the same. After both: `/Knee` all of that, `/book` S9 alone; no
    /// campaign, 2 sessions, 1 form_start, 1 form_submit, R8.
    func testLandingPageAndCampaignFollowTheEarliestEventsAcrossFiles() throws {
        let nightOne = """
            {"ts":"2026-11-02T17:00:00Z","event":"form_start","session_id":"S8","page":"/refer?utm_source=google&utm_medium=cpc&utm_campaign=knee"}
            {"ts":"2026-11-02T18:00:00Z","event":"page_view","session_id":"S8","page":"/book"}
            {"ts":"2026-11-02T18:05:00Z","event":"form_submit","session_id":"S8","page":"/book","submission_id":"SUB8"}

            """
        let intake = TemporaryPipeline.intakeHeader + "R8,2026-11-02 13:00,web_form,,,,,P8,SUB8,,received,,\n"
        let nightTwo = """
            {"ts":"2026-11-02T16:30:00Z","event":"page_view","session_id":"S8","page":"https://summitortho.example/Knee/"}
            {"ts":"2026-11-03T10:00:00Z","event":"page_view","session_id":"S9","page":"/book#x"}

            """
        let header = "week,landing_page,sessions,form_starts,form_submits,referrals,scheduled,completed\n"
        let campaignHeader = "week,utm_source,utm_medium,utm_campaign,sessions,form_starts,form_submits,referrals,scheduled,completed\n"
        func file(_ pipeline: TemporaryPipeline, _ name: String) throws -> String {
            try String(contentsOf: pipeline.reports.appendingPathComponent(name), encoding: .utf8)
        }
        let nightly = try TemporaryPipeline()
        try nightly.write(nightOne, to: "web/web-2026-11-02.jsonl")
        try nightly.write(intake, to: "intake/intake-2026-11-02.csv")
        XCTAssertEqual(try nightly.run().exitCode, 0)
        XCTAssertEqual(try file(nightly, "pages.csv"), header + "2026-W45,/book,1,1,1,1,0,0\n")
        XCTAssertEqual(try file(nightly, "campaigns.csv"), campaignHeader + "2026-W45,google,cpc,knee,1,1,1,1,0,0\n")
        try nightly.write(nightTwo, to: "web/web-2026-11-03.jsonl")
        let second = try nightly.run(["--verbose"])
        XCTAssertEqual(second.exitCode, 0, second.standardError)
        XCTAssertTrue(second.standardError.contains("(incremental)"), "the second night should merge, not rebuild")

        let allAtOnce = try TemporaryPipeline()
        try allAtOnce.write(nightOne, to: "web/web-2026-11-02.jsonl")
        try allAtOnce.write(intake, to: "intake/intake-2026-11-02.csv")
        try allAtOnce.write(nightTwo, to: "web/web-2026-11-03.jsonl")
        XCTAssertEqual(try allAtOnce.run().exitCode, 0)
        for pipeline in [nightly, allAtOnce] {
            XCTAssertEqual(try file(pipeline, "pages.csv"), header + "2026-W45,/Knee,1,1,1,1,0,0\n2026-W45,/book,1,0,0,0,0,0\n")
            XCTAssertEqual(try file(pipeline, "campaigns.csv"), campaignHeader + "2026-W45,,,,2,1,1,1,0,0\n")
        }
    }

    /// Sessions kept by an earlier version (here: one without part_count, and like every
    /// version before ModelDefinitions, no record of its definitions) are rebuilt from the
    /// parts, not merged into (a merge would sum a missing count).
    func testSessionsKeptByAnEarlierVersionAreRebuilt() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(Self.nightOneWeb, to: "web/web-2026-11-02.jsonl")
        XCTAssertEqual(try pipeline.run().exitCode, 0)
        let database = try Database(path: pipeline.warehousePath)
        try database.execute("""
            drop index stg_web__sessions_with_several_parts;
            alter table stg_web__sessions drop column part_count;
            drop table kept_model_definitions;
            """)
        try pipeline.write(Self.nightTwoWeb, to: "web/web-2026-11-03.jsonl")
        try pipeline.write(Self.nightTwoIntake, to: "intake/intake-2026-11-04.csv")
        let rerun = try pipeline.run(["--verbose"])
        XCTAssertEqual(rerun.exitCode, 0, rerun.standardError)
        XCTAssertTrue(rerun.standardError.contains("the warehouse does not record which model definitions built it"),
                      rerun.standardError)
        XCTAssertEqual(try pipeline.metrics(), Self.expectedMetrics)
    }
    /// A first build sorts the sessions on a second connection into a scratch database beside
    /// the warehouse (BackgroundWebSessionBuild) and copies them in. A scratch file a killed
    /// run left behind (here: garbage) is replaced, not read, and none is left afterwards;
    /// the sessions copied in give the hand-worked numbers above.
    func testFirstBuildBesideTheStagingReplacesAStaleScratchFileAndLeavesNone() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(Self.nightOneWeb, to: "web/web-2026-11-02.jsonl")
        try pipeline.write(Self.nightTwoWeb, to: "web/web-2026-11-03.jsonl")
        try pipeline.write(Self.nightTwoIntake, to: "intake/intake-2026-11-04.csv")
        let scratch = pipeline.warehousePath + ".web-build"
        try FileManager.default.createDirectory(atPath: (scratch as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try "not a database".write(toFile: scratch, atomically: true, encoding: .utf8)

        let run = try pipeline.run(["--verbose"])
        XCTAssertEqual(run.exitCode, 0, run.standardError)
        XCTAssertTrue(run.standardError.contains("(first build, on a second connection)"), run.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch), "the scratch database should be deleted")
        XCTAssertEqual(try pipeline.metrics(), Self.expectedMetrics)
        let database = try Database(path: pipeline.warehousePath, readOnly: true)
        XCTAssertEqual(try database.scalar("select count(*) from stg_web__sessions")?.int, 4)
    }
}
