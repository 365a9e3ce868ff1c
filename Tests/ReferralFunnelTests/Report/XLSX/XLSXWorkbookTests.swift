import Foundation
import ReferralFunnel
import XCTest

final class XLSXWorkbookTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-wrapper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func makeWorkbook(_ name: String = "book.xlsx") throws -> XLSXWorkbook {
        try XLSXWorkbook(path: folder.appendingPathComponent(name).path,
                         properties: XLSXDocumentProperties(title: "Test", createdSecondsSinceEpoch: 1_700_000_000))
    }

    func testATooLongSheetNameThrowsTheLibrarysMessage() throws {
        let workbook = try makeWorkbook()
        let name = String(repeating: "x", count: 32)
        XCTAssertThrowsError(try workbook.addWorksheet(named: name)) { error in
            guard case let .library(operation, _, message)? = error as? XLSXError else {
                return XCTFail("expected a library error, got \(error)")
            }
            XCTAssertEqual(operation, "add worksheet '\(name)'")
            XCTAssertEqual(message, "Worksheet name exceeds Excel's limit of 31 characters.")
            XCTAssertTrue("\(error)".contains("31 characters"))
        }
    }

    func testASheetNameWithABracketThrowsTheLibrarysMessage() throws {
        let workbook = try makeWorkbook()
        XCTAssertThrowsError(try workbook.addWorksheet(named: "Week [47]")) { error in
            guard case let .library(_, _, message)? = error as? XLSXError else {
                return XCTFail("expected a library error, got \(error)")
            }
            XCTAssertEqual(message, "Worksheet name cannot contain invalid characters: '[ ] : * ? / \\'")
        }
    }

    func testADuplicateSheetNameThrows() throws {
        let workbook = try makeWorkbook()
        _ = try workbook.addWorksheet(named: "Sources")
        XCTAssertThrowsError(try workbook.addWorksheet(named: "Sources")) { error in
            guard case let .library(_, _, message)? = error as? XLSXError else {
                return XCTFail("expected a library error, got \(error)")
            }
            XCTAssertEqual(message, "Worksheet name is already in use.")
        }
    }

    func testChartTextStartingWithEqualsIsRefused() throws {
        let workbook = try makeWorkbook()
        let chart = try workbook.addChart(.line)
        XCTAssertThrowsError(try chart.setTitle("=Sheet1!A1")) { error in
            XCTAssertEqual(error as? XLSXError, .textReadAsFormula(operation: "set a chart title"))
        }
        XCTAssertThrowsError(try chart.addSeries(sheet: "Data", categories: .column(0, rows: 0...1),
                                                 values: .column(1, rows: 0...1), name: .text("=HYPERLINK(1)")))
    }

    func testAChartFromAnotherWorkbookIsRefused() throws {
        let first = try makeWorkbook("first.xlsx")
        let second = try makeWorkbook("second.xlsx")
        let chart = try first.addChart(.column)
        let sheet = try second.addWorksheet(named: "Data")
        XCTAssertThrowsError(try sheet.insertChart(chart, row: 0, column: 0)) { error in
            XCTAssertEqual(error as? XLSXError, .chartFromAnotherWorkbook)
        }
    }

    func testCellsOutsideTheGridAndNonFiniteNumbersThrow() throws {
        let workbook = try makeWorkbook()
        let sheet = try workbook.addWorksheet(named: "Data")
        XCTAssertThrowsError(try sheet.writeText("x", row: 1_048_576, column: 0)) { error in
            XCTAssertEqual(error as? XLSXError, .cellOutOfRange(row: 1_048_576, column: 0))
        }
        XCTAssertThrowsError(try sheet.writeNumber(Double.nan, row: 0, column: 0)) { error in
            XCTAssertEqual(error as? XLSXError, .nonFiniteNumber(row: 0, column: 0))
        }
    }

    func testATextCellLongerThanExcelAllowsThrows() throws {
        let workbook = try makeWorkbook()
        let sheet = try workbook.addWorksheet(named: "Data")
        XCTAssertThrowsError(try sheet.writeText(String(repeating: "a", count: 32_768), row: 0, column: 0)) { error in
            guard case let .library(_, _, message)? = error as? XLSXError else {
                return XCTFail("expected a library error, got \(error)")
            }
            XCTAssertEqual(message, "String exceeds Excel's limit of 32,767 characters.")
        }
    }

    func testUsingASheetAfterCloseThrowsInsteadOfTouchingFreedMemory() throws {
        let workbook = try makeWorkbook()
        let sheet = try workbook.addWorksheet(named: "Data")
        try sheet.writeText("kept", row: 0, column: 0)
        try workbook.close()
        XCTAssertTrue(FileManager.default.fileExists(atPath: workbook.path))
        XCTAssertThrowsError(try sheet.writeText("late", row: 1, column: 0)) { error in
            XCTAssertEqual(error as? XLSXError, .workbookClosed(operation: "write text"))
        }
        XCTAssertThrowsError(try workbook.close())
    }

    func testClosingIntoAMissingFolderThrowsTheLibrarysError() throws {
        let workbook = try XLSXWorkbook(path: folder.appendingPathComponent("absent/book.xlsx").path,
                                        properties: XLSXDocumentProperties(createdSecondsSinceEpoch: 1))
        _ = try workbook.addWorksheet(named: "Data")
        XCTAssertThrowsError(try workbook.close()) { error in
            guard case let .library(_, _, message)? = error as? XLSXError else {
                return XCTFail("expected a library error, got \(error)")
            }
            XCTAssertFalse(message.isEmpty)
        }
    }

    func testADroppedWorkbookWritesNothing() throws {
        let path = folder.appendingPathComponent("dropped.xlsx").path
        do {
            let workbook = try XLSXWorkbook(path: path, properties: XLSXDocumentProperties(createdSecondsSinceEpoch: 1))
            _ = try workbook.addWorksheet(named: "Data")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    /// A `rowsInOrder` sheet streams (libxlsxwriter's constant_memory, set for that sheet
    /// alone): it refuses a row above the one it is on and a table, and stores its text inline,
    /// while a sheet added after it still keeps every cell and takes a table.
    func testARowsInOrderSheetStreamsAndTheNextSheetDoesNot() throws {
        let workbook = try makeWorkbook()
        let streamed = try workbook.addWorksheet(named: "Worklist", rowsInOrder: true)
        let kept = try workbook.addWorksheet(named: "Table")

        try streamed.writeText("Referral ID", row: 0, column: 0)
        try streamed.writeText("RF-1 & co", row: 1, column: 0)
        try streamed.writeNumber(27.5, row: 1, column: 1)
        XCTAssertThrowsError(try streamed.writeText("late", row: 0, column: 1), "row 0 has been written out")
        XCTAssertThrowsError(try streamed.addTable(XLSXCellRange(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 1),
                                                   name: "Refused", headers: ["A", "B"], style: .light(9)))

        try kept.writeText("second", row: 1, column: 0)
        try kept.writeText("first", row: 0, column: 0)
        try kept.addTable(XLSXCellRange(firstRow: 2, firstColumn: 0, lastRow: 3, lastColumn: 0),
                          name: "Kept", headers: ["Name"], style: .light(9))
        try workbook.close()

        let sheetXML = try WorkbookReader.sheetXML(workbook.path)
        let streamedXML = try XCTUnwrap(sheetXML["xl/worksheets/sheet1.xml"])
        let keptXML = try XCTUnwrap(sheetXML["xl/worksheets/sheet2.xml"])
        XCTAssertTrue(streamedXML.contains(#"<c r="A2" t="inlineStr"><is><t>RF-1 &amp; co</t></is></c>"#), streamedXML)
        XCTAssertFalse(keptXML.contains("inlineStr"), keptXML)
        XCTAssertTrue(keptXML.contains(#"<tablePart "#), keptXML)

        let dump = try WorkbookReader.cells(workbook.path)
        let worklist = try DumpedSheet(dump, sheet: "Worklist")
        XCTAssertEqual(worklist.rowTexts(1), ["Referral ID"])
        XCTAssertEqual(worklist.text(2, 1), "RF-1 & co")
        XCTAssertEqual(worklist.number(2, 2), 27.5)
        let table = try DumpedSheet(dump, sheet: "Table")
        XCTAssertEqual(table.text(1, 1), "first")
        XCTAssertEqual(table.text(2, 1), "second")
    }

    func testISODatesAreReadOnlyWhenTheDayExists() throws {
        XCTAssertEqual(try XLSXDateTime(isoDate: "2026-11-30"), XLSXDateTime(year: 2026, month: 11, day: 30))
        XCTAssertEqual(try XLSXDateTime(isoDate: "2024-02-29"), XLSXDateTime(year: 2024, month: 2, day: 29))
        // Wrong shapes, days that do not exist, and digits that are not ASCII.
        for text in ["", "2026-1-30", "2026/11/30", "2026-11-30T00", "2025-02-29", "2026-04-31", "2026-13-01",
                     "2026-00-10", "2026-11-00", "2026-1x-30", "\u{0662}026-11-30", "2026-11-3\u{0661}", " 2026-11-30"] {
            XCTAssertThrowsError(try XLSXDateTime(isoDate: text), text)
        }
    }
}
