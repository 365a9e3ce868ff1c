import Foundation
import XCTest

/// `explain --page` through the built binary on Fixtures/pages-campaigns, whose pages.csv is
/// worked out by hand in that folder's README.md.
final class ExplainPageTests: XCTestCase {
    var fixture: URL!

    override func setUpWithError() throws {
        fixture = try Fixtures.copy("pages-campaigns")
        let run = try CommandRunner.run(["run", "pipeline.yml"], in: fixture)
        XCTAssertEqual(run.exitCode, 0, run.standardError)
    }

    func explain(_ page: String, _ metric: String, week: String, source: [String] = []) throws -> CommandResult {
        try CommandRunner.run(["explain", "pipeline.yml", "--week", week, "--page", page, "--metric", metric] + source,
                              in: fixture)
    }

    func items(_ result: CommandResult) -> [String] {
        result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("  ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// pages.csv's `2026-W46,/refer,0,0,0,1,1,1`: R5 was received in W46 and came through the
    /// web from P5, whose landing page is /refer (its session is in W45). Traced to R5's
    /// winning row, line 3 of the second snapshot.
    func testReferralsOfAPageAreThoseWhoseSessionLandedThere() throws {
        let result = try explain("/refer", "referrals", week: "2026-W46")
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.hasPrefix("2026-W46 page /refer (all) referrals = 1 "), result.standardOutput)
        XCTAssertEqual(items(result), ["R5  intake/intake-2026-11-11.csv:3"])
    }

    /// A session is traced to its first page_view, which decides its landing page: P5's first
    /// event is the form_start on line 18, its first page_view line 19. `/Book` in W45 is P1
    /// (line 1) and P2 (line 4).
    func testSessionsAreTracedToTheirFirstPageView() throws {
        let refer = try explain("/refer", "sessions", week: "2026-W45")
        XCTAssertEqual(refer.exitCode, 0, refer.standardError)
        XCTAssertEqual(items(refer), ["P5  web/web-2026-11-02.jsonl:19"])
        let book = try explain("/Book", "sessions", week: "2026-W45")
        XCTAssertEqual(items(book), ["P1  web/web-2026-11-02.jsonl:1", "P2  web/web-2026-11-02.jsonl:4"])
        // Case is kept: /book is another page (P3 and P15).
        XCTAssertEqual(items(try explain("/book", "sessions", week: "2026-W45")).count, 2)
    }

    /// Only pages.csv's counts have a cell per page; anything else is a usage error that
    /// names them.
    func testAMetricWithoutAPageColumnIsAUsageError() throws {
        let result = try explain("/refer", "stalled", week: "2026-W46")
        XCTAssertEqual(result.exitCode, 2)
        XCTAssertTrue(result.standardError.contains("pages.csv has no stalled column"), result.standardError)
        XCTAssertTrue(result.standardError.contains("sessions, form_starts, form_submits, referrals, scheduled, completed"),
                      result.standardError)
    }
}
