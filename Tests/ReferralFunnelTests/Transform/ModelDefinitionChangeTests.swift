import Foundation
import XCTest
@testable import ReferralFunnel

/// A change to a model's definition, or a new build of the product, on a warehouse whose
/// kept models were built before it must give a cold run's numbers, never the old ones
/// (ModelDefinitions). The models are read from an edited copy through
/// `REFERRAL_FUNNEL_MODELS_FOLDER`, as a product upgrade would bring new ones.
final class ModelDefinitionChangeTests: XCTestCase {
    static var bundledModels: URL {
        Fixtures.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ReferralFunnel/Transform/models")
    }

    func copyOfModels() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("referral-funnel-models-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.bundledModels, to: copy)
        return copy
    }

    func edit(_ file: String, in models: URL, replacing old: String, with new: String) throws {
        let url = models.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(file) no longer holds the text this test edits: \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    func run(_ practice: URL, models: URL, file: StaticString = #filePath, line: UInt = #line) throws -> (log: String, metrics: String) {
        let result = try CommandRunner.run(["run", "pipelines/nightly.yml", "--verbose"], in: practice,
                                           environment: [Resources.modelsFolderVariable: models.path])
        XCTAssertEqual(result.exitCode, 0, result.standardError, file: file, line: line)
        let metrics = try String(contentsOf: practice.appendingPathComponent("reports/nightly/metrics.csv"), encoding: .utf8)
        return (result.standardError, metrics)
    }

    /// Each edit changes the sample's numbers (checked, so the test cannot pass by an edit
    /// that changes nothing): the referral side's closed loop, kept in int_referral_facts,
    /// and the web side's form starts, kept in int_session_counts_by_week. The second run
    /// ingests no new file, so without the definitions fingerprint it would rebuild an
    /// empty scope and keep every old number.
    func testAChangedModelOnAnExistingWarehouseGivesAColdRunsNumbers() throws {
        let edits: [(file: String, old: String, new: String, column: String)] = [
            ("intermediate/int_referral_facts.sql",
             "appointments.note_sent_at - appointments.starts_at <= parameters.followup_microseconds",
             "appointments.note_sent_at - appointments.starts_at <= parameters.followup_microseconds / 4",
             "closed_loop"),
            ("incremental/int_session_counts_by_week.sql",
             "sum(sign * (has_page_view and has_form_start)) as form_starts",
             "sum(sign * (has_page_view and has_form_start and has_form_submit)) as form_starts",
             "form_starts"),
        ]
        for edit in edits {
            let models = try copyOfModels()
            let existing = try SamplePracticeTests.copyOfSamplePractice()
            let before = try run(existing, models: models)

            try self.edit(edit.file, in: models, replacing: edit.old, with: edit.new)
            let after = try run(existing, models: models)
            let cold = try run(try SamplePracticeTests.copyOfSamplePractice(), models: models)

            let column = { (metrics: String) in
                let table = SamplePracticeTests.MetricsTable(metrics)
                return table.rows.map { $0[table.column(edit.column)] }
            }
            XCTAssertNotEqual(column(cold.metrics), column(before.metrics), "the edit of \(edit.file) should change \(edit.column)")
            XCTAssertEqual(after.metrics, cold.metrics, "a run after editing \(edit.file) kept old numbers")
            XCTAssertEqual(after.log.components(separatedBy: "the model definitions changed").count - 1, 1, after.log)
            XCTAssertFalse(before.log.contains("rebuilding"), before.log)
        }
    }

    /// A new build of the product (another executable) rebuilds the kept models once, says
    /// so, and the run after it keeps them again.
    func testANewBuildOfTheProductRebuildsTheKeptModelsOnce() throws {
        let practice = try SamplePracticeTests.copyOfSamplePractice()
        let first = try CommandRunner.run(["run", "pipelines/nightly.yml"], in: practice)
        XCTAssertEqual(first.exitCode, 0, first.standardError)

        // The same code, installed anew: another file, another modification time.
        let installed = practice.appendingPathComponent("bin/referral-funnel")
        try FileManager.default.createDirectory(at: installed.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CommandRunner.productsFolder.appendingPathComponent("referral-funnel"), to: installed)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: installed.path)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "REFERRAL_FUNNEL_KEY")
        let upgraded = try ChildProcess.run(installed, ["run", "pipelines/nightly.yml", "--verbose"], in: practice,
                                            environment: environment)
        XCTAssertEqual(upgraded.exitCode, 0, upgraded.standardError)
        XCTAssertEqual(upgraded.standardError.components(separatedBy: "the product was upgraded").count - 1, 1, upgraded.standardError)
        XCTAssertTrue(upgraded.standardError.contains("built int_referral_facts (all rows)"), upgraded.standardError)

        let next = try ChildProcess.run(installed, ["run", "pipelines/nightly.yml", "--verbose"], in: practice,
                                        environment: environment)
        XCTAssertEqual(next.exitCode, 0, next.standardError)
        XCTAssertFalse(next.standardError.contains("rebuilding"), next.standardError)
        XCTAssertTrue(next.standardError.contains("built int_referral_facts (scoped)"), next.standardError)
    }

    /// The fingerprint reads every model's path and text: one byte added to any model, or
    /// a model moved to another folder, changes it.
    func testTheFingerprintFollowsEveryModelsPathAndText() throws {
        let models = try copyOfModels()
        func fingerprint() throws -> String {
            ModelDefinitions.sha256(of: [(folder: "models", texts: try Resources.allTexts(in: models, named: "models"))])
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: models.path).filter { $0.hasSuffix(".sql") }.sorted()
        XCTAssertGreaterThan(files.count, 20)
        let original = try fingerprint()
        var seen: Set<String> = [original]
        for file in files {
            let url = models.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            try (text + " ").write(to: url, atomically: true, encoding: .utf8)
            XCTAssertTrue(seen.insert(try fingerprint()).inserted, "a byte added to \(file) left the fingerprint as it was")
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(try fingerprint(), original)
        let moved = models.appendingPathComponent("marts/stalled_referrals.sql")
        try FileManager.default.moveItem(at: moved, to: models.appendingPathComponent("intermediate/stalled_referrals.sql"))
        XCTAssertNotEqual(try fingerprint(), original)
    }
}
