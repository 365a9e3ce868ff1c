import Foundation
import XCTest
@testable import ReferralFunnel

/// SPEC 4.1's pages.csv and campaigns.csv (and SPEC 4's metrics.csv) from bench/duckdb_peer.py,
/// the independent Python and DuckDB implementation of the spec, against the files worked out
/// by hand on Fixtures/pages-campaigns (reasoning in that folder's README.md): byte for byte.
/// Our own pipeline is held to the same expected files, so the peer and the product agree
/// with the spec and not merely with each other.
/// In CI the peer must run; elsewhere the peer's tests skip without duckdb.
final class PagesAndCampaignsPeerTests: XCTestCase {
    var repository: URL { DuckDBPeer.repository }

    func requirePeer() throws {
        try DuckDBPeer.require()
    }

    /// Runs the peer on a copy of the fixture, its outputs in a folder of their own.
    func runPeer() throws -> (fixture: URL, output: URL) {
        let fixture = try Fixtures.copy("pages-campaigns")
        let output = fixture.appendingPathComponent("peer")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let peer = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"),
                                        ["python3", repository.appendingPathComponent("bench/duckdb_peer.py").path,
                                         "pipeline.yml", "--out", output.appendingPathComponent("metrics.csv").path],
                                        in: fixture)
        XCTAssertEqual(peer.exitCode, 0, peer.standardError)
        return (fixture, output)
    }

    func assertSameBytes(_ actual: URL, _ expected: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let actualText = String(decoding: try Data(contentsOf: actual), as: UTF8.self)
        let expectedText = String(decoding: try Data(contentsOf: expected), as: UTF8.self)
        // Line by line first, so that a failure names the rows that differ.
        XCTAssertEqual(actualText.components(separatedBy: "\n"), expectedText.components(separatedBy: "\n"),
                       actual.lastPathComponent, file: file, line: line)
        XCTAssertEqual(try Data(contentsOf: actual), try Data(contentsOf: expected),
                       "\(actual.lastPathComponent) differs in bytes", file: file, line: line)
    }

    func testPeerPagesEqualTheHandWorkedFile() throws {
        try requirePeer()
        let (fixture, output) = try runPeer()
        try assertSameBytes(output.appendingPathComponent("pages.csv"), fixture.appendingPathComponent("expected-pages.csv"))
    }

    func testPeerCampaignsEqualTheHandWorkedFile() throws {
        try requirePeer()
        let (fixture, output) = try runPeer()
        try assertSameBytes(output.appendingPathComponent("campaigns.csv"),
                            fixture.appendingPathComponent("expected-campaigns.csv"))
    }

    func testPeerMetricsEqualTheHandWorkedFile() throws {
        try requirePeer()
        let (fixture, output) = try runPeer()
        try assertSameBytes(output.appendingPathComponent("metrics.csv"),
                            fixture.appendingPathComponent("expected-metrics.csv"))
    }

    /// Our own pipeline on the same fixture gives the three hand-worked files: the fixture's
    /// referrals, links and web sources exercise section 4 as well as 4.1.
    func testOurPipelineWritesTheHandWorkedFiles() throws {
        let fixture = try Fixtures.copy("pages-campaigns")
        let run = try CommandRunner.run(["run", "pipeline.yml"], in: fixture)
        XCTAssertEqual(run.exitCode, 0, run.standardError)
        let reports = fixture.appendingPathComponent("reports")
        for name in ["metrics.csv", "pages.csv", "campaigns.csv"] {
            let written = try FileManager.default.subpathsOfDirectory(atPath: reports.path).filter { $0.hasSuffix(name) }
            XCTAssertEqual(written.count, 1, "\(written)")
            try assertSameBytes(reports.appendingPathComponent(written.first ?? name),
                                fixture.appendingPathComponent("expected-" + name))
        }
    }

    /// The expected files themselves keep the CSV rules of SPEC 4 (header, LF only, final LF),
    /// so a careless edit of a fixture cannot make both sides agree on a wrong shape.
    func testExpectedFilesHaveTheShapeOfSection4() throws {
        let folder = Fixtures.folder.appendingPathComponent("pages-campaigns")
        let headers = [
            "expected-pages.csv": "week,landing_page,sessions,form_starts,form_submits,referrals,scheduled,completed",
            "expected-campaigns.csv": "week,utm_source,utm_medium,utm_campaign,sessions,form_starts,form_submits,referrals,scheduled,completed",
            "expected-metrics.csv": "week,source,sessions,form_starts,form_submits,referrals,complete,returned,accepted,"
                + "confirmed,confirmed_within_sla,median_hours_to_confirm,scheduled,median_days_to_first_appointment,"
                + "p90_days_to_first_appointment,completed,no_show_appointments,attended_appointments,closed_loop,stalled",
        ]
        for (name, header) in headers {
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
            XCTAssertFalse(text.contains("\r"), name)
            XCTAssertTrue(text.hasSuffix("\n"), name)
            XCTAssertEqual(text.components(separatedBy: "\n").first, header, name)
        }
        // The writers' headers come from the catalogue: the same as the spec's.
        XCTAssertEqual(LandingCSVWriter.header(.landingPage).joined(separator: ","), headers["expected-pages.csv"])
        XCTAssertEqual(LandingCSVWriter.header(.campaign).joined(separator: ","), headers["expected-campaigns.csv"])
    }
}
