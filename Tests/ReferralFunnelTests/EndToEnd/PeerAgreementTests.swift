import Foundation
import XCTest

/// Our metrics.csv, pages.csv and campaigns.csv against bench/duckdb_peer.py, an independent
/// implementation of the spec in Python and DuckDB, on every hand-made fixture and the sample
/// practice: every cell must agree. In CI the peer must run; elsewhere the test skips without duckdb.
final class PeerAgreementTests: XCTestCase {
    var repository: URL { DuckDBPeer.repository }

    func requirePeer() throws {
        try DuckDBPeer.require()
    }

    /// `ourMetrics` is our metrics.csv; our pages.csv and campaigns.csv are beside it, as the
    /// peer's are beside its own.
    func assertPeerAgrees(config: String, ourMetrics: String, in folder: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let peerFolder = folder.appendingPathComponent("peer-output")
        try FileManager.default.createDirectory(at: peerFolder, withIntermediateDirectories: true)
        let peer = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"),
                                        ["python3", repository.appendingPathComponent("bench/duckdb_peer.py").path, config,
                                         "--out", peerFolder.appendingPathComponent("metrics.csv").path],
                                        in: folder)
        XCTAssertEqual(peer.exitCode, 0, peer.standardError, file: file, line: line)
        let ourFolder = (ourMetrics as NSString).deletingLastPathComponent
        for name in ["metrics.csv", "pages.csv", "campaigns.csv"] {
            let compare = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"),
                                               ["python3", repository.appendingPathComponent("bench/compare_metrics.py").path,
                                                (ourFolder as NSString).appendingPathComponent(name),
                                                peerFolder.appendingPathComponent(name).path],
                                               in: folder)
            XCTAssertEqual(compare.exitCode, 0, name + ": " + compare.standardOutput + compare.standardError, file: file, line: line)
        }
    }

    func testGoldenFixture() throws {
        try requirePeer()
        let fixture = try Fixtures.copy("golden-basic")
        XCTAssertEqual(try CommandRunner.run(["run", "pipeline.yml", "--quiet"], in: fixture).exitCode, 0)
        try assertPeerAgrees(config: "pipeline.yml", ourMetrics: "reports/metrics.csv", in: fixture)
    }

    func testSamplePracticeInBothLayouts() throws {
        try requirePeer()
        let practice = try SamplePracticeTests.copyOfSamplePractice()
        for pipeline in ["nightly", "vendor-export"] {
            XCTAssertEqual(try CommandRunner.run(["run", "pipelines/\(pipeline).yml", "--quiet"], in: practice).exitCode, 0)
            try assertPeerAgrees(config: "pipelines/\(pipeline).yml", ourMetrics: "reports/\(pipeline)/metrics.csv", in: practice)
        }
    }

    func testWeekBoundariesAndAsOf() throws {
        try requirePeer()
        let pipeline = try WeekBoundaryTests.makePipeline()
        XCTAssertEqual(try pipeline.run(["--quiet"]).exitCode, 0)
        try assertPeerAgrees(config: pipeline.configPath, ourMetrics: pipeline.reports.appendingPathComponent("metrics.csv").path,
                             in: pipeline.folder)
    }
}
