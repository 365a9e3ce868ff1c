import Foundation
@testable import ReferralFunnel
import XCTest

/// A chart below a table that grows with the sources must not be cut by a page break: when
/// it may not fit on the first page, a page break puts it at the top of a page of its own.
final class ChartPageBreakTests: XCTestCase {
    static func model(extraSources: Int) -> ReportModel {
        var model = WeeklyWorkbookFixture.model()
        for index in 0..<extraSources {
            let name = "Extra Practice \(index + 1)"
            model.sources.append(SourceInfo(name: name, type: "practice", slug: "extra-practice-\(index + 1)"))
            model.metrics.append(FunnelMetricsRow(period: .week("2026-W47"), source: name, referrals: 1 + index))
        }
        return model
    }

    /// Writes the workbook and returns its path, in a folder removed after the test.
    private func write(_ model: ReportModel) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("page-breaks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("weekly-2026-W47.xlsx").path
        try WeeklyWorkbookWriter.write(model, to: path)
        return path
    }

    /// Every chart of every sheet, from the drawing's own anchors: either it ends within the
    /// rows the first page holds at least (for the sheet's width, the chart included), or a
    /// page break starts the page it is on and it is shorter than a page.
    private func assertNoChartStraddlesAPage(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let dump = try WorkbookReader.cells(path)
        let xml = try WorkbookReader.namedXML(path)
        let sheets = try XCTUnwrap(dump["sheets"] as? [String: Any])
        var checked = 0
        for name in WeeklyWorkbookWriter.sheetNames {
            let sheet = try XCTUnwrap(sheets[name] as? [String: Any])
            let charts = sheet["charts"] as? [[String: Any]] ?? []
            guard !charts.isEmpty else { continue }
            let sheetXML = try XCTUnwrap(xml["sheet:\(name)"])
            let print = try XCTUnwrap(sheet["print"] as? [String: Any])
            let orientation: XLSXPrintLayout.Orientation = print["orientation"] as? String == "portrait" ? .portrait : .landscape
            let breaks = Set(Self.numbers(#"<brk id="(\d+)""#, in: sheetXML))
            let titleRows = Self.numbers(#"<pane [^>]*ySplit="(\d+)""#, in: sheetXML).first ?? 0
            for chart in charts {
                let anchor = try XCTUnwrap(chart["anchor"] as? [String: Int], "\(name): no anchor")
                let fromRow = try XCTUnwrap(anchor["from_row"]), toRow = try XCTUnwrap(anchor["to_row"])
                let toColumn = try XCTUnwrap(anchor["to_col"])
                let widest = charts.compactMap { ($0["anchor"] as? [String: Int])?["to_col"] }.max() ?? toColumn
                let width = (0...widest).map { Self.columnPixels($0, in: sheetXML) }.reduce(0, +)
                let pageRows = XLSXPrintLayout.firstPageRows(widthPixels: width, orientation: orientation)
                if breaks.contains(fromRow) {
                    XCTAssertLessThanOrEqual(titleRows + toRow - fromRow + 1, pageRows, "\(name): chart taller than a page",
                                             file: file, line: line)
                } else {
                    XCTAssertLessThanOrEqual(toRow + 1, pageRows,
                                             "\(name): a chart in rows \(fromRow + 1)-\(toRow + 1) may cross the end of page 1 (\(pageRows) rows)",
                                             file: file, line: line)
                }
                checked += 1
            }
        }
        XCTAssertEqual(checked, 8, "the Summary's 3 charts, the Funnel's, the Trends' 3 and the Pages'", file: file, line: line)
    }

    func testNoChartIsCutByAPageBreakWithFewOrManySources() throws {
        try assertNoChartStraddlesAPage(try write(Self.model(extraSources: 0)))
        try assertNoChartStraddlesAPage(try write(Self.model(extraSources: 60)))
        // The Pages sheet's chart sits below a table that grows with the pages.
        var manyPages = Self.model(extraSources: 0)
        for index in 0..<80 {
            manyPages.landingPages.rows.append(LandingFunnelRow(key: ["/extra/page-\(index)"], metrics: FunnelMetricsRow(
                period: .week("2026-W47"), source: allSourcesName, sessions: 5 + index, referrals: 1)))
        }
        let path = try write(manyPages)
        try assertNoChartStraddlesAPage(path)
        XCTAssertTrue(try XCTUnwrap(WorkbookReader.namedXML(path)["sheet:Pages"]).contains("<rowBreaks"),
                      "80 pages push the chart past page 1: it starts a page")
    }

    /// A column's width in pixels from the sheet's `<col>` elements (libxlsxwriter stores
    /// characters plus 5/7 of padding); 64 pixels where none is set.
    private static func columnPixels(_ column: Int, in sheetXML: String) -> Double {
        let pattern = #"<col min="(\d+)" max="(\d+)" width="([0-9.]+)""#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return 64 }
        for match in regex.matches(in: sheetXML, range: NSRange(sheetXML.startIndex..., in: sheetXML)) {
            let values = (1...3).compactMap { Range(match.range(at: $0), in: sheetXML).map { String(sheetXML[$0]) } }
            guard values.count == 3, let min = Int(values[0]), let max = Int(values[1]), let width = Double(values[2])
            else { continue }
            if (min...max).contains(column + 1) { return (width * 7).rounded() }
        }
        return 64
    }

    private static func numbers(_ pattern: String, in text: String) -> [Int] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).flatMap { Int(text[$0]) }
        }
    }

    private func funnelSheetXML(_ model: ReportModel) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("page-breaks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // KEEP_XLSX_OUTPUT=1 keeps the workbook, to print it and look.
        defer {
            if ProcessInfo.processInfo.environment["KEEP_XLSX_OUTPUT"] == nil {
                try? FileManager.default.removeItem(at: folder)
            } else {
                print("Workbook kept in \(folder.path)")
            }
        }
        let path = folder.appendingPathComponent("weekly-2026-W47.xlsx").path
        try WeeklyWorkbookWriter.write(model, to: path)
        return try XCTUnwrap(WorkbookReader.namedXML(path)["sheet:Funnel"])
    }

    func testTheFunnelChartStartsAPageWhenTheTableIsLong() throws {
        // The fixture's 3 sources of the report week: the chart fits under the table on page 1.
        XCTAssertFalse(try funnelSheetXML(Self.model(extraSources: 0)).contains("<rowBreaks"))

        // 63 sources and (all) in rows 3-66 (1-based): the chart is anchored at 0-based row
        // 67, and the page breaks before it.
        let long = try funnelSheetXML(Self.model(extraSources: 60))
        XCTAssertTrue(long.contains(#"<brk id="67" max="16383" man="1"/>"#), long)
    }

    /// The estimate is a lower bound: at least a table's worth of rows, fewer on the
    /// narrower-for-its-height page (A4 landscape against US Letter's).
    func testFirstPageRowsShrinkWithAWiderSheet() {
        let narrow = XLSXPrintLayout.firstPageRows(widthPixels: 800, orientation: .landscape)
        let wide = XLSXPrintLayout.firstPageRows(widthPixels: 1_700, orientation: .landscape)
        XCTAssertEqual(narrow, 29, "not scaled: (8.27 - 1.5) in x 72 pt on A4 at 15 pt a row is 32.5, less a tenth")
        XCTAssertGreaterThan(wide, narrow)
        XCTAssertEqual(XLSXPrintLayout.columnPixels(12), 89)
    }
}
