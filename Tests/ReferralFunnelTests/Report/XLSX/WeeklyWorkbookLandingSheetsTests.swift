import Foundation
@testable import ReferralFunnel
import XCTest

/// The Pages and Campaigns sheets (SPEC 4.1) read back independently (scripts/xlsx-dump.py)
/// from a workbook of WeeklyWorkbookFixture, whose landing rows are worked out there.
final class WeeklyWorkbookLandingSheetsTests: XCTestCase {
    private var dump: [String: Any] = [:]

    override func setUpWithError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("landing-sheets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("weekly-2026-W47.xlsx").path
        try WeeklyWorkbookWriter.write(WeeklyWorkbookFixture.model(), to: path)
        dump = try WorkbookReader.cells(path)
    }

    /// W47 first, most sessions first, the pages under five sessions summed last; rates are
    /// numbers with a percent format, and an undefined one (completion over no scheduled) empty.
    func testPagesRankTheWeekBySessionsAndGroupTheSmallPages() throws {
        let sheet = try DumpedSheet(dump, sheet: "Pages")
        XCTAssertEqual(sheet.rowTexts(2), ["Period", "Landing page", "Sessions", "Form starts", "Form submits",
                                           "Submit rate", "Referrals", "Scheduled", "Scheduling conversion",
                                           "Completed", "Completion"])
        XCTAssertEqual(sheet.text(3, 1), "Week 2026-W47")
        XCTAssertEqual([sheet.text(3, 2), sheet.text(4, 2), sheet.text(5, 2)],
                       ["/blog/knee-myths", "/refer", "(other pages)"])
        // (other pages): /a and the formula page, 3 + 1 sessions, 1 form submit, 1 referral.
        XCTAssertEqual(sheet.number(5, 3), 4)
        XCTAssertEqual(sheet.number(5, 5), 1)
        XCTAssertEqual(sheet.number(5, 6), 0.25, "submit rate recomputed from the sums")
        XCTAssertEqual(sheet.number(5, 7), 1)
        // /refer: submit rate 8/12, scheduling conversion 5/6, completion 4/5.
        XCTAssertEqual(try XCTUnwrap(sheet.number(4, 6)), 8.0 / 12.0, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(sheet.number(4, 9)), 5.0 / 6.0, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(sheet.number(4, 11)), 0.8, accuracy: 1e-12)
        XCTAssertEqual(sheet.cells[[4, 6]]?.format, "0.0%")
        XCTAssertNil(sheet.number(3, 11), "the blog post scheduled nothing: completion is empty")
        // No W47 row holds the formula page by itself: it is one of the small ones.
        XCTAssertFalse(sheet.rowTexts(3).contains(WeeklyWorkbookFixture.formulaPage))
        XCTAssertEqual(sheet.tables.first?["name"] as? String, "LandingPages")
        XCTAssertEqual(sheet.tables.first?["autofilter"] as? Bool, true)
        XCTAssertEqual(sheet.freeze, "A3")
    }

    /// The chart ranks the 13 weeks' pages by referrals, from a small table below the main
    /// one: /refer (6) and the formula page (2, kept as text); the blog post brought none.
    func testPagesChartTheTopPagesByReferrals() throws {
        let sheet = try DumpedSheet(dump, sheet: "Pages")
        XCTAssertEqual(sheet.charts.count, 1)
        XCTAssertEqual(sheet.charts.first?["plots"] as? [String], ["barChart"])
        let formulas = try XCTUnwrap(sheet.charts.first?["formulas"] as? [String])
        // The small table sits in columns G and H, beside the chart.
        let titleRow = try XCTUnwrap((1...40).first { sheet.text($0, 7)?.hasPrefix("Top landing pages by referrals") == true })
        XCTAssertEqual([sheet.text(titleRow + 2, 7), sheet.text(titleRow + 3, 7)], ["/refer", WeeklyWorkbookFixture.formulaPage])
        XCTAssertEqual(sheet.cells[[titleRow + 3, 7]]?.type, "s", "a page that looks like a formula stays text")
        XCTAssertEqual([sheet.number(titleRow + 2, 8), sheet.number(titleRow + 3, 8)], [6, 2])
        XCTAssertEqual(formulas, ["Pages!$G$\(titleRow + 2):$G$\(titleRow + 3)", "Pages!$H$\(titleRow + 2):$H$\(titleRow + 3)"])
    }

    /// Campaigns keep their three utm values in three columns, an absent one `(none)`.
    func testCampaignsShowEachUTMValue() throws {
        let sheet = try DumpedSheet(dump, sheet: "Campaigns")
        XCTAssertEqual(Array(sheet.rowTexts(2).prefix(5)), ["Period", "utm_source", "utm_medium", "utm_campaign", "Sessions"])
        XCTAssertEqual(Array(sheet.rowTexts(3).prefix(4)), ["Week 2026-W47", "(none)", "(none)", "(none)"])
        XCTAssertEqual(sheet.number(3, 5), 26)
        XCTAssertEqual(Array(sheet.rowTexts(4).prefix(4)), ["Week 2026-W47", "google", "cpc", "knee-pain"])
        XCTAssertEqual(try XCTUnwrap(sheet.number(4, 12)), 0, "completed")
        XCTAssertEqual(sheet.tables.first?["name"] as? String, "Campaigns")
    }
}
