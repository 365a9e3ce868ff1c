import Foundation
@testable import ReferralFunnel
import XCTest

/// The Trends charts stay readable with many sources: the 6 largest by referrals over the
/// charted weeks, and one "all others" line whose counts are sums and whose rates are the
/// summed numerator over the summed denominator. The table still lists every source.
final class TrendsChartsTests: XCTestCase {
    /// The fixture's four sources plus six larger ones, so the fixture's become "the others".
    static func modelWithTenSources() -> ReportModel {
        var model = WeeklyWorkbookFixture.model()
        for index in 0..<6 {
            let name = "Extra Practice \(index + 1)"
            model.sources.append(SourceInfo(name: name, type: "practice", slug: "extra-practice-\(index + 1)"))
            model.metrics.append(FunnelMetricsRow(period: Period(weekCount: 13, endWeek: "2026-W47"), source: name,
                                                  referrals: 300 - 10 * index, complete: 200))
            for week in ["2026-W44", "2026-W45", "2026-W46", "2026-W47"] {
                model.metrics.append(FunnelMetricsRow(period: .week(week), source: name, referrals: 20 + index,
                                                      complete: 10, medianDaysToFirstAppointment: 4))
            }
        }
        return model
    }

    func testTheChartsDrawTheTopSixAndTheOthersCombined() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trends-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("weekly-2026-W47.xlsx").path
        try WeeklyWorkbookWriter.write(Self.modelWithTenSources(), to: path)
        let dump = try WorkbookReader.cells(path)
        let trends = try DumpedSheet(dump, sheet: "Trends")

        // Four weeks per block: (all) in rows 3-6, ten sources in rows 7-46, the others 47-50.
        XCTAssertEqual(trends.text(7, 1), "Extra Practice 1", "the largest source comes first")
        XCTAssertEqual(trends.text(43, 1), WeeklyWorkbookFixture.hyperlinkSource, "every source stays in the table")
        XCTAssertEqual(trends.text(47, 1), WeeklyWorkbookWriter.otherSourcesName)
        XCTAssertEqual(trends.text(50, 2), "2026-W47")
        // 2026-W47: Lakeside 8 referrals (6 complete), the hyperlink source 3 (0), (direct) 3 (3).
        XCTAssertEqual(trends.number(50, 5), 14, "referrals of the others: a sum")
        XCTAssertEqual(trends.number(50, 6) ?? -1, 9.0 / 14.0, accuracy: 1e-12,
                       "completeness of the others: summed complete over summed referrals")
        // 2026-W46: Lakeside 6 (5 complete) and the image source 4 (3); not the mean of 5/6 and 3/4.
        XCTAssertEqual(trends.number(49, 6) ?? -1, 8.0 / 10.0, accuracy: 1e-12)
        XCTAssertNil(trends.number(50, 9), "no median for the others combined: medians do not add up")

        XCTAssertEqual(trends.charts.count, 3)
        let series = trends.charts.map { $0["series"] as? Int }
        XCTAssertEqual(series, [7, 7, 6], "6 sources and the others; the median chart without the others")
        let referralFormulas = try XCTUnwrap(trends.charts.first?["formulas"] as? [String])
        XCTAssertTrue(referralFormulas.contains("Trends!$A$47"), "\(referralFormulas)")
        XCTAssertTrue(referralFormulas.contains("Trends!$E$47:$E$50"), "\(referralFormulas)")
        XCTAssertFalse(referralFormulas.contains("Trends!$A$3"), "(all) is the Summary's chart, not a line here")
        XCTAssertFalse(referralFormulas.contains("Trends!$A$31"), "the 7th source is one of the others")
        let medianFormulas = try XCTUnwrap(trends.charts.last?["formulas"] as? [String])
        XCTAssertFalse(medianFormulas.contains("Trends!$A$47"), "\(medianFormulas)")
    }
}
