import Crypto
import Foundation
import XCTest
@testable import ReferralFunnel

/// Issue 22, cases 1 and 2: the warehouse records the settings its rows were loaded under
/// (the patient key's fingerprint, the timezone, the feeds' mappings, max_reject_rate), and
/// a change makes every stage and `validate` exit 2 with the fix, changing nothing, until
/// the setting is restored or `rebuild` reloads the rows under the new one.
final class IngestSettingsTests: XCTestCase {
    static let firstKey = "the first patient key of this practice, 32 bytes or more"
    static let secondKey = "the rotated patient key of this practice, 32 bytes or more"
    static let keyFix = "restore the key (REFERRAL_FUNNEL_KEY or patient_key_file) or run 'referral-funnel rebuild pipeline.yml'\n"
    static let rebuildFix = "run 'referral-funnel rebuild pipeline.yml'\n"

    /// The golden fixture, run once under `key` (nil: the development key).
    func loadedFixture(key: String?) throws -> (folder: URL, warehousePath: String) {
        let fixture = try Fixtures.copy("golden-basic")
        let first = try run(["run", "pipeline.yml", "--quiet"], in: fixture, key: key)
        XCTAssertEqual(first.exitCode, 0, first.standardError)
        return (fixture, fixture.appendingPathComponent("warehouse/golden.sqlite").path)
    }

    func run(_ arguments: [String], in folder: URL, key: String?) throws -> CommandResult {
        try CommandRunner.run(arguments, in: folder, environment: key.map { ["REFERRAL_FUNNEL_KEY": $0] } ?? [:])
    }

    func runCount(_ warehousePath: String) throws -> Int? {
        try Database(path: warehousePath, readOnly: true).scalar("select count(*) from runs")?.int
    }

    /// Every stage and `validate` refuse with `expectedEnding`, exit 2, and add no run.
    func assertRefused(in folder: URL, warehousePath: String, key: String?, endingWith expectedEnding: String,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let runsBefore = try runCount(warehousePath)
        for command in ["validate", "run", "ingest", "transform", "report"] {
            let refused = try run([command, "pipeline.yml", "--quiet"], in: folder, key: key)
            XCTAssertEqual(refused.exitCode, RunExitCode.usageOrConfig, "\(command): \(refused.standardError)", file: file, line: line)
            // Before it, the stages that hash say when the development key is in use.
            let errorLines = refused.standardError.split(separator: "\n").filter { $0.hasPrefix("error: ") }
            XCTAssertEqual(errorLines.count, 1, "one error line: \(refused.standardError)", file: file, line: line)
            XCTAssertTrue(refused.standardError.hasSuffix(expectedEnding), "\(command): \(refused.standardError)", file: file, line: line)
        }
        XCTAssertEqual(try runCount(warehousePath), runsBefore, "a refused command records no run", file: file, line: line)
    }

    /// Case 1: the key rotated. Before, the run exited 0 and new rows no longer linked to the
    /// old ones. Now every command says so; the old key works again; `rebuild` under the new
    /// key gives the golden numbers, and runs go on under it.
    func testCase1ARotatedKeyStopsTheRunWithTheFix() throws {
        let (fixture, warehousePath) = try loadedFixture(key: Self.firstKey)
        try assertRefused(in: fixture, warehousePath: warehousePath, key: Self.secondKey, endingWith: Self.keyFix)

        let restored = try run(["run", "pipeline.yml", "--quiet"], in: fixture, key: Self.firstKey)
        XCTAssertEqual(restored.exitCode, 0, restored.standardError)

        let rebuild = try run(["rebuild", "pipeline.yml", "--quiet"], in: fixture, key: Self.secondKey)
        XCTAssertEqual(rebuild.exitCode, 0, rebuild.standardError)
        XCTAssertEqual(try String(contentsOf: fixture.appendingPathComponent("reports/metrics.csv"), encoding: .utf8),
                       GoldenPipelineTests.expectedMetrics)
        let next = try run(["run", "pipeline.yml", "--quiet"], in: fixture, key: Self.secondKey)
        XCTAssertEqual(next.exitCode, 0, next.standardError)
        try assertRefused(in: fixture, warehousePath: warehousePath, key: Self.firstKey, endingWith: Self.keyFix)
    }

    /// Case 1, the other way: cron lost REFERRAL_FUNNEL_KEY and the config allows the
    /// development key, which took over without a word but a log line.
    func testCase1BLostKeyWithTheDevelopmentKeyTakingOverStopsTheRun() throws {
        let (fixture, warehousePath) = try loadedFixture(key: Self.firstKey)
        try assertRefused(in: fixture, warehousePath: warehousePath, key: nil, endingWith: Self.keyFix)
    }

    /// The record holds an HMAC of a fixed label under the key: never the key, nor a plain
    /// hash of it that a guessed key could be checked against.
    func testTheKeyIsRecordedAsAFingerprintOnly() throws {
        let (_, warehousePath) = try loadedFixture(key: Self.firstKey)
        let recorded = try XCTUnwrap(try Database(path: warehousePath, readOnly: true)
            .scalar("select value from ingest_settings where setting = 'patient_key'")?.string)
        XCTAssertEqual(recorded, PatientIdentifierHasher(keyText: Self.firstKey).keyFingerprint)
        XCTAssertFalse(recorded.contains(Self.firstKey))
        let plainHash = SHA256.hash(data: Data(Self.firstKey.utf8)).map { String(format: "%02x", $0) }.joined()
        XCTAssertNotEqual(recorded, plainHash)
        XCTAssertEqual(recorded.count, 64)
    }

    /// Case 2: the timezone changed. Before, the run exited 0 with local times of old rows
    /// read in the old zone. Now every command names the change; after `rebuild`, the numbers
    /// are a cold run's under the new zone.
    func testCase2AChangedTimezoneStopsTheRunWithTheFix() throws {
        let (fixture, warehousePath) = try loadedFixture(key: nil)
        try Self.edit(fixture, "timezone: America/Chicago", "timezone: America/New_York")
        try assertRefused(in: fixture, warehousePath: warehousePath, key: nil,
                          endingWith: "error: the timezone (from America/Chicago to America/New_York) has changed since the warehouse's rows were loaded, and they were loaded under the old setting: " + Self.rebuildFix)

        let rebuild = try run(["rebuild", "pipeline.yml", "--quiet"], in: fixture, key: nil)
        XCTAssertEqual(rebuild.exitCode, 0, rebuild.standardError)
        let cold = try Fixtures.copy("golden-basic")
        try Self.edit(cold, "timezone: America/Chicago", "timezone: America/New_York")
        XCTAssertEqual(try run(["run", "pipeline.yml", "--quiet"], in: cold, key: nil).exitCode, 0)
        XCTAssertEqual(try String(contentsOf: fixture.appendingPathComponent("reports/metrics.csv"), encoding: .utf8),
                       try String(contentsOf: cold.appendingPathComponent("reports/metrics.csv"), encoding: .utf8))
        XCTAssertEqual(try run(["run", "pipeline.yml", "--quiet"], in: fixture, key: nil).exitCode, 0)
    }

    /// Case 2: lowering max_reject_rate below the share a loaded file rejected applied to new
    /// files only. Now it is refused; raising it, or lowering it where no loaded file exceeds
    /// the new limit, is recorded (held-back files are read again by every run anyway).
    func testCase2BLoweringMaxRejectRateBelowALoadedFileStopsTheRun() throws {
        let pipeline = try TemporaryPipeline(maxRejectRate: 0.05)
        var rows = TemporaryPipeline.intakeHeader
        for number in 1...30 {
            rows += "R\(number),2026-11-02 09:00,fax,Lakeside,,,,P\(number),,,received,,\n"
        }
        rows += "R31,not a time,fax,Lakeside,,,,P31,,,received,,\n"
        try pipeline.write(rows, to: "intake/intake-1.csv")
        try pipeline.write(TemporaryPipeline.schedulingHeader, to: "scheduling/scheduling-1.csv")
        let first = try pipeline.run(["--quiet"])
        XCTAssertEqual(first.exitCode, 0, first.standardError)

        try Self.edit(pipeline.folder, "max_reject_rate: 0.05", "max_reject_rate: 0.04")
        XCTAssertEqual(try pipeline.run(["--quiet"]).exitCode, 0, "1 of 31 rows is under 4%")
        try Self.edit(pipeline.folder, "max_reject_rate: 0.04", "max_reject_rate: 0.01")
        let lowered = try pipeline.run(["--quiet"])
        XCTAssertEqual(lowered.exitCode, RunExitCode.usageOrConfig, lowered.standardError)
        XCTAssertTrue(lowered.standardError.contains("max_reject_rate (from 0.04 to 0.01, which a file already loaded exceeds) has changed"),
                      lowered.standardError)
        XCTAssertTrue(lowered.standardError.hasSuffix("run 'referral-funnel rebuild pipeline.yml'\n"), lowered.standardError)

        try Self.edit(pipeline.folder, "max_reject_rate: 0.01", "max_reject_rate: 0.2")
        XCTAssertEqual(try pipeline.run(["--quiet"]).exitCode, 0)
        XCTAssertEqual(try Database(path: pipeline.warehousePath, readOnly: true)
            .scalar("select value from ingest_settings where setting = 'max_reject_rate'")?.string, "0.2")
    }

    /// A feed's mapping (here a new status value) read rows differently from those loaded.
    func testAChangedFeedMappingStopsTheRunWithTheFix() throws {
        let (fixture, warehousePath) = try loadedFixture(key: nil)
        try Self.edit(fixture, "    files: intake/*.csv", "    files: intake/*.csv\n    status_values: {Pending: received}")
        try assertRefused(in: fixture, warehousePath: warehousePath, key: nil,
                          endingWith: "error: the intake feed's mapping (its columns, values or timestamp formats) has changed since the warehouse's rows were loaded, and they were loaded under the old setting: " + Self.rebuildFix)
        // The transform's thresholds are not ingest's: the next run applies them.
        try Self.edit(fixture, "    status_values: {Pending: received}", "")
        try Self.edit(fixture, "max_reject_rate: 0.5", "max_reject_rate: 0.5\nsla_hours: 48")
        XCTAssertEqual(try run(["run", "pipeline.yml", "--quiet"], in: fixture, key: nil).exitCode, 0)
    }

    /// A warehouse from before the record (no rows in it) cannot be checked: its next run
    /// records the settings it runs with, and checks from then on.
    func testAWarehouseWithoutARecordIsRecordedByItsNextRun() throws {
        let (fixture, warehousePath) = try loadedFixture(key: nil)
        try Database(path: warehousePath).execute("delete from ingest_settings")
        try Self.edit(fixture, "timezone: America/Chicago", "timezone: America/Denver")
        XCTAssertEqual(try run(["validate", "pipeline.yml", "--quiet"], in: fixture, key: nil).exitCode, 0)
        XCTAssertEqual(try run(["run", "pipeline.yml", "--quiet"], in: fixture, key: nil).exitCode, 0)
        let recorded = try Database(path: warehousePath, readOnly: true).rows("select setting from ingest_settings order by setting")
        XCTAssertEqual(recorded.compactMap { $0.first?.string },
                       ["feeds.intake", "feeds.scheduling", "feeds.web", "max_reject_rate", "patient_key", "timezone"])
        try Self.edit(fixture, "timezone: America/Denver", "timezone: America/Chicago")
        XCTAssertEqual(try run(["run", "pipeline.yml", "--quiet"], in: fixture, key: nil).exitCode, RunExitCode.usageOrConfig)
    }

    /// Every field of a feed's config is in the fingerprint or named here as not read by
    /// ingest: a new mapping option (a delimiter, an encoding) fails this test until its
    /// author decides.
    func testEveryFeedSettingIsFingerprintedOrDeclaredIrrelevant() {
        let fields = Mirror(reflecting: FeedConfig(kind: .intake, filePatterns: [])).children.compactMap(\.label)
        let fingerprinted = ["columnNames", "statusValues", "timestampFormats", "dateTimeColumns"]
        let notAboutRows = ["kind", "filePatterns"]
        XCTAssertEqual(Set(fields), Set(fingerprinted + notAboutRows))
        var changed = FeedConfig(kind: .intake, filePatterns: [])
        changed.timestampFormats["received_at"] = .us
        XCTAssertNotEqual(IngestSettings.mappingText(changed), IngestSettings.mappingText(FeedConfig(kind: .intake, filePatterns: [])))
        var split = FeedConfig(kind: .scheduling, filePatterns: [])
        split.dateTimeColumns["starts_at"] = DateTimeColumns(date: "Appt Date", time: "Appt Time")
        XCTAssertNotEqual(IngestSettings.mappingText(split), IngestSettings.mappingText(FeedConfig(kind: .scheduling, filePatterns: [])))
        // A feed without split columns keeps the text recorded before they existed (no rebuild asked).
        XCTAssertEqual(IngestSettings.mappingText(changed), #"columns{} values{} timestamp_formats{"received_at"="us"}"#)
    }

    static func edit(_ folder: URL, _ old: String, _ new: String) throws {
        let config = folder.appendingPathComponent("pipeline.yml")
        let text = try String(contentsOf: config, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "pipeline.yml holds '\(old)'")
        try text.replacingOccurrences(of: old, with: new).write(to: config, atomically: true, encoding: .utf8)
    }
}
