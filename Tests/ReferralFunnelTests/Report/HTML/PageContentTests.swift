import XCTest
@testable import ReferralFunnel

/// Spot checks of what the pages say, beside the golden files that pin every byte.
final class PageContentTests: XCTestCase {
    func testMissingRatesShowAsADashNeverZero() {
        XCTAssertEqual(ValueFormat.percent(nil), "\u{2014}")
        XCTAssertEqual(ValueFormat.percent(0), "0%")
        XCTAssertEqual(ValueFormat.percent(0.8349), "83%")
        XCTAssertEqual(ValueFormat.days(nil), "\u{2014}")
        XCTAssertNil(ValueFormat.rateChange(nil, 0.5))
        XCTAssertEqual(ValueFormat.rateChange(0.33333, 0.8), "\u{2212}47 pp")
        XCTAssertEqual(ValueFormat.countChange(6, 4), "+2")
        XCTAssertEqual(ValueFormat.countChange(4, 4), "\u{00B1}0")
        XCTAssertEqual(ValueFormat.daysChange(10.75, 10.5), "+0.2 d")
    }

    func testIndexRowForASourceWithoutReferralsThisWeek() throws {
        let html = IndexPage(lookup: ReportLookup(model: HTMLFixtureModel.small())).render()
        // healthgrades.com has no referral rows: counts 0, rates and medians a dash, and the
        // change in referrals from the absent previous week is ±0.
        let start = try XCTUnwrap(html.range(of: "<a href=\"sources/healthgrades-com.html\">healthgrades.com</a>"))
        let row = String(html[start.upperBound...].prefix { $0 != "\n" }.prefix(3000))
        let rowEnd = try XCTUnwrap(row.range(of: "</tr>"))
        let cells = String(row[..<rowEnd.lowerBound])
        XCTAssertTrue(cells.contains(">0<span class=\"change\">\u{00B1}0</span></td>"), cells)
        XCTAssertFalse(cells.contains(">0%"), cells)
        XCTAssertTrue(cells.contains(">\u{2014}</td>"), cells)
    }

    /// The data-quality page says whether anything is wrong before it lists anything: the
    /// verdict, then the feeds, and the per-file list last, folded per feed. The fixture
    /// holds one held-back scheduling file (9 of 40 rows rejected), 2 rejected rows and 1
    /// warning in quarantine, a stale scheduling feed and 2 unregistered sources.
    func testDataQualityOpensWithItsVerdictAndFoldsTheFileList() throws {
        let html = DataQualityPage(model: HTMLFixtureModel.small()).render()
        let sections = ["verdict", "feeds", "held-back", "quarantine", "unregistered", "invalid-npis", "links", "files"]
        let positions = try sections.map { try XCTUnwrap(html.range(of: "<section id=\"\($0)\">")?.lowerBound, $0) }
        XCTAssertEqual(positions, positions.sorted(), "sections out of order")
        for line in ["Stale: scheduling.", "1 file(s) held back: nothing from them loaded.",
                     "2 row(s) quarantined, 1 value(s) dropped with a warning.",
                     "2 unregistered source(s), with registry entries to paste below."] {
            XCTAssertTrue(html.contains(line), line)
        }
        // Quarantine by feed and reason, the per-file lines folded below.
        let quarantine = String(html[try XCTUnwrap(html.range(of: "<section id=\"quarantine\">")).lowerBound...])
        XCTAssertTrue(quarantine.contains("<th scope=\"col\" class=\"\">Feed</th>"), quarantine)
        XCTAssertTrue(quarantine.contains("<details><summary>By file and line ("), quarantine)
        let files = String(html[try XCTUnwrap(html.range(of: "<section id=\"files\">")).lowerBound...])
        // Per feed, then per month of the data, newest first; a file with nothing loaded last.
        XCTAssertTrue(files.contains("<details><summary>intake: 2 file(s) in 2 month(s)</summary>"), files)
        let november = try XCTUnwrap(files.range(of: "<summary>2026-11: 1 file(s), 118 rows loaded, 2 quarantined</summary>"))
        let october = try XCTUnwrap(files.range(of: "<summary>2026-10: 1 file(s), 80 rows loaded, 0 quarantined</summary>"))
        XCTAssertLessThan(november.lowerBound, october.lowerBound)
        XCTAssertTrue(files.contains("<details><summary>scheduling: 1 file(s) in 1 month(s)</summary>"), files)
        XCTAssertTrue(files.contains("<summary>no data loaded: 1 file(s), 0 rows loaded, 9 quarantined, 1 held back</summary>"), files)
    }

    func testIndexIsSortedByReportWeekVolume() throws {
        let html = IndexPage(lookup: ReportLookup(model: HTMLFixtureModel.small())).render()
        let table = try XCTUnwrap(html.range(of: "id=\"sources-1w\""))
        let rest = html[table.upperBound...]
        let order = ["Lakeside Family Medicine", "Tiny Clinic", "Northside Ortho", "healthgrades.com"]
            .map { rest.range(of: ">\($0)</a>")?.lowerBound }
        XCTAssertEqual(order.compactMap { $0 }.count, 4)
        XCTAssertEqual(order.compactMap { $0 }, order.compactMap { $0 }.sorted())
    }

    func testHistogramBinsByWeekWithAnOpenLastBin() {
        // 3.5, 6.9 -> 0-6; 7, 10, 12.25, 13.9 -> 7-13; 20 -> 14-20; 41 -> 35-41; 75 -> 56+.
        let columns = SourcePage.histogramColumns([3.5, 6.9, 7, 10, 12.25, 13.9, 20, 41, 75])
        XCTAssertEqual(columns.map(\.value), [2, 4, 1, 0, 0, 1, 0, 0, 1])
        XCTAssertEqual(columns.first?.label, "0\u{2013}6")
        XCTAssertEqual(columns.last?.label, "56+")
    }

    func testRegistryEntryIsReadyToPaste() {
        let entry = RegistryEntry.yaml(for: .init(name: "Tiny Clinic", normalizedName: "tiny clinic",
                                                  spellings: ["Tiny Clinic", "TINY CLINIC, PLLC"], referrals: 2, sessions: 0))
        XCTAssertEqual(entry, "- name: \"Tiny Clinic\"\n  type: practice\n  aliases: [\"TINY CLINIC, PLLC\"]")
        let web = RegistryEntry.yaml(for: .init(name: "healthgrades.com", normalizedName: "healthgradescom",
                                                spellings: ["healthgrades.com"], referrals: 0, sessions: 9))
        XCTAssertEqual(web, "- name: \"healthgrades.com\"\n  type: digital\n  aliases: []")
    }
}
