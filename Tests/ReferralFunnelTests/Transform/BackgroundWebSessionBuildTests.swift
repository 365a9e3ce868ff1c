import Foundation
@testable import ReferralFunnel
import XCTest

/// A run starts the first web session build as soon as its web feed is loaded
/// (Transformer.startWebSessionBuildIfDue), and the transform takes it over. The build reads
/// one snapshot of the warehouse; the transform must not copy in a build that missed parts
/// loaded after that snapshot.
final class BackgroundWebSessionBuildTests: XCTestCase {
    /// Night one is ingested and a build started on it; night two is ingested before the
    /// transform. The build covers night one's file only, so the transform builds the
    /// sessions itself: the numbers are IncrementalWebModelsTests' hand-worked ones (four
    /// W45 sessions, S2's form_submit from night two). Copying the build in would have given
    /// three sessions in W45 from night one alone and no form_submit.
    func testABuildThatMissedLaterWebFilesIsNotCopiedIn() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(IncrementalWebModelsTests.nightOneWeb, to: "web/web-2026-11-02.jsonl")
        XCTAssertEqual(try CommandRunner.run(["ingest", pipeline.configPath], in: pipeline.folder).exitCode, 0)

        let config = try PipelineConfig.load(from: pipeline.configPath)
        let warehouse = try Warehouse(path: config.warehouse.path)
        let transformer = Transformer(config: config, registry: try SourceRegistry.load(from: config.sourcesFile),
                                      database: warehouse.database)
        let build = try XCTUnwrap(try transformer.startWebSessionBuildIfDue(), "a first build is due on a new warehouse")
        let nightOneFile = try XCTUnwrap(try warehouse.database.scalar("select max(file_id) from web_session_parts")?.int64)
        XCTAssertEqual(try build.wait(), nightOneFile)

        try pipeline.write(IncrementalWebModelsTests.nightTwoWeb, to: "web/web-2026-11-03.jsonl")
        try pipeline.write(IncrementalWebModelsTests.nightTwoIntake, to: "intake/intake-2026-11-04.csv")
        XCTAssertEqual(try CommandRunner.run(["ingest", pipeline.configPath], in: pipeline.folder).exitCode, 0)
        try transformer.run(asOfOverride: nil, webBuildUnderWay: build)
        XCTAssertFalse(FileManager.default.fileExists(atPath: build.scratchPath), "the scratch database should be deleted")

        let report = try CommandRunner.run(["report", pipeline.configPath], in: pipeline.folder)
        XCTAssertEqual(report.exitCode, 0, report.standardError)
        XCTAssertEqual(try pipeline.metrics(), IncrementalWebModelsTests.expectedMetrics)
    }

    /// No first build is due once sessions are kept: a night merges instead.
    func testNoBuildIsStartedWhenSessionsAreKept() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(IncrementalWebModelsTests.nightOneWeb, to: "web/web-2026-11-02.jsonl")
        XCTAssertEqual(try pipeline.run().exitCode, 0)
        let config = try PipelineConfig.load(from: pipeline.configPath)
        let warehouse = try Warehouse(path: config.warehouse.path)
        let transformer = Transformer(config: config, registry: try SourceRegistry.load(from: config.sourcesFile),
                                      database: warehouse.database)
        XCTAssertNil(try transformer.startWebSessionBuildIfDue())
    }
}
