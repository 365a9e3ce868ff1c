import Foundation
import XCTest
@testable import ReferralFunnel

/// The kept models (IncrementalWebModels, IncrementalReferralModels) must give, night after
/// night, exactly what one run over all the files gives. The sample practice exercises the
/// scoped paths: snapshots that update earlier referrals and appointments, appointments
/// linked by patient to referrals that arrive later, form submissions attributing web
/// referrals, unregistered spellings, and `stalled` moving with as_of from night to night.
final class NightlyIncrementalRunTests: XCTestCase {
    static let feeds = ["web", "intake", "scheduling"]

    func testNightByNightEqualsOneRunOverEveryFile() throws {
        let allAtOnce = try SamplePracticeTests.copyOfSamplePractice()
        let once = try CommandRunner.run(["run", "pipelines/nightly.yml"], in: allAtOnce)
        XCTAssertEqual(once.exitCode, 0, once.standardError)

        // The same practice, its files arriving in batches: 80 days, then three nights one
        // day at a time, then the last seven days together.
        let nightly = try SamplePracticeTests.copyOfSamplePractice()
        let held = nightly.appendingPathComponent("held-back-files")
        var filesByDay: [[URL]] = []
        for feed in Self.feeds {
            let folder = nightly.appendingPathComponent("sample-data/\(feed)")
            try FileManager.default.createDirectory(at: held.appendingPathComponent(feed), withIntermediateDirectories: true)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            for (day, name) in files.enumerated() {
                let parked = held.appendingPathComponent("\(feed)/\(name)")
                try FileManager.default.moveItem(at: folder.appendingPathComponent(name), to: parked)
                while filesByDay.count <= day { filesByDay.append([]) }
                filesByDay[day].append(parked)
            }
        }
        XCTAssertEqual(filesByDay.count, 90)
        func release(days: Range<Int>) throws {
            for day in days {
                for parked in filesByDay[day] {
                    let feed = parked.deletingLastPathComponent().lastPathComponent
                    try FileManager.default.moveItem(
                        at: parked, to: nightly.appendingPathComponent("sample-data/\(feed)/\(parked.lastPathComponent)"))
                }
            }
        }
        var scopedRuns = 0
        for batch in [0..<80, 80..<81, 81..<82, 82..<83, 83..<90] {
            try release(days: batch)
            let run = try CommandRunner.run(["run", "pipelines/nightly.yml", "--verbose"], in: nightly)
            XCTAssertEqual(run.exitCode, 0, run.standardError)
            if run.standardError.contains("(scoped)") { scopedRuns += 1 }
        }
        XCTAssertEqual(scopedRuns, 4, "every night after the first should rebuild only its scope")

        let expected = allAtOnce.appendingPathComponent("reports/nightly")
        let actual = nightly.appendingPathComponent("reports/nightly")
        let reportFiles = try FileManager.default.subpathsOfDirectory(atPath: expected.path)
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".html") || $0.hasSuffix(".csv")) }.sorted()
        XCTAssertGreaterThan(reportFiles.count, 5)
        for file in reportFiles {
            let want = try Data(contentsOf: expected.appendingPathComponent(file))
            let got = try Data(contentsOf: actual.appendingPathComponent(file))
            XCTAssertTrue(want == got, "\(file) differs between nightly runs and one run")
        }

        // The kept tables themselves, row for row: a scoped build that changed a row in
        // place, or left one stale, shows here even where no report reads it. File ids are
        // left out; the two warehouses numbered the files in different runs.
        let onceWarehouse = try Database(path: allAtOnce.appendingPathComponent("warehouse/nightly.sqlite").path)
        let nightlyWarehouse = try Database(path: nightly.appendingPathComponent("warehouse/nightly.sqlite").path)
        let keptTables = (IncrementalReferralModels.stagingModels + IncrementalReferralModels.downstreamModels
            + IncrementalReferralModels.weekModels).map(\.name) + ["stg_web__sessions", "int_session_counts_by_week"]
        for table in keptTables {
            let columns = try onceWarehouse.rows("select name from pragma_table_info(?)", [.text(table)])
                .compactMap { $0.first?.string }.filter { !$0.hasSuffix("file_id") }
            XCTAssertFalse(columns.isEmpty, table)
            let query = "select \(columns.joined(separator: ", ")) from \(table) order by \(columns.joined(separator: ", "))"
            let want = try onceWarehouse.rows(query)
            XCTAssertGreaterThan(want.count, 0, table)
            XCTAssertTrue(try nightlyWarehouse.rows(query) == want, "\(table) differs between nightly runs and one run")
        }
    }
}
