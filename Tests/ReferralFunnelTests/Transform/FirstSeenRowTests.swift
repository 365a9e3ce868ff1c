import Foundation
import XCTest
@testable import ReferralFunnel

/// Every "first seen" or "winning row" choice in the models is explicit (a place in file
/// order read back by its key, or `earliest_position`), never the row SQLite happens to take
/// bare columns from next to a lone min().
final class FirstSeenRowTests: XCTestCase {
    /// Three sessions start at the same instant in one file. "Yelp" is the spelling of the
    /// first line (session zz-1) and of the third (aa-3); "YELP" of the second (mm-2). All
    /// three normalize to `yelp`, an unregistered source named by the spelling seen first:
    /// same instant, same file, so the lower line, line 1: "Yelp" (SPEC section 3).
    ///
    /// The session ids sort against the lines on purpose: sessions are stored in id order,
    /// so a grouping that took the bare columns of the first row holding the group's min()
    /// met aa-3 (line 3) before zz-1 for "Yelp", ranked "YELP" (line 2) first and named the
    /// source "YELP".
    func testSessionsTiedOnTheirFirstInstantAreOrderedByLine() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write("""
            {"ts":"2026-11-03T16:00:00Z","event":"page_view","session_id":"zz-1","page":"/?utm_source=Yelp"}
            {"ts":"2026-11-03T16:00:00Z","event":"page_view","session_id":"mm-2","page":"/?utm_source=YELP"}
            {"ts":"2026-11-03T16:00:00Z","event":"page_view","session_id":"aa-3","page":"/?utm_source=Yelp"}

            """, to: "web/web-2026-11-03.jsonl")
        let result = try pipeline.run()
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let metrics = try pipeline.metrics()
        XCTAssertTrue(metrics.contains("\n2026-W45,Yelp,3,0,0,"), metrics)
        XCTAssertFalse(metrics.contains(",YELP,"), metrics)
    }

    /// A referral's received_at and missing_items come from the first row it appears in
    /// (SPEC 2.5). Adding another aggregate to the staging model's grouping, as a maintainer
    /// might to carry a new column, must not move them: with the first row's columns taken
    /// bare next to one min(), a `max(updated_at)` beside it made SQLite take them from the
    /// latest update instead, and 2026-W36 `complete` went from 56 to 63 on the sample.
    func testAnotherAggregateBesideTheFirstSeenRowChangesNoNumber() throws {
        let models = FileManager.default.temporaryDirectory.appendingPathComponent("referral-funnel-models-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: ModelDefinitionChangeTests.bundledModels, to: models)
        let environment = [Resources.modelsFolderVariable: models.path]
        let plain = try SamplePracticeTests.copyOfSamplePractice()
        let plainRun = try CommandRunner.run(["run", "pipelines/nightly.yml"], in: plain, environment: environment)
        XCTAssertEqual(plainRun.exitCode, 0, plainRun.standardError)

        let staging = models.appendingPathComponent("staging/stg_intake__referrals.sql")
        let text = try String(contentsOf: staging, encoding: .utf8)
        let firstPosition = "min(file_id * 4294967296 + line) as first_position,"
        XCTAssertTrue(text.contains(firstPosition), "the staging model no longer holds the text this test edits")
        try text.replacingOccurrences(of: firstPosition, with: firstPosition + "\n        max(updated_at) as latest_updated_at,")
            .write(to: staging, atomically: true, encoding: .utf8)
        let edited = try SamplePracticeTests.copyOfSamplePractice()
        let editedRun = try CommandRunner.run(["run", "pipelines/nightly.yml"], in: edited, environment: environment)
        XCTAssertEqual(editedRun.exitCode, 0, editedRun.standardError)

        let metrics = { (practice: URL) in
            try String(contentsOf: practice.appendingPathComponent("reports/nightly/metrics.csv"), encoding: .utf8)
        }
        XCTAssertEqual(try metrics(edited), try metrics(plain))
    }
}
