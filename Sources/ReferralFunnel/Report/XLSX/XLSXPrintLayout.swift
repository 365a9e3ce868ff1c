import CXLSXWriter

/// How a sheet prints: fitted to one page wide (so that A4 and US Letter both work without
/// a paper size), header rows on every page, a page header and a "page N of M" footer, no
/// gridlines. Leadership prints the weekly workbook; without a page setup its widest sheet
/// spilled over dozens of pages.
public struct XLSXPrintLayout: Sendable, Equatable {
    public enum Orientation: Sendable, Equatable { case portrait, landscape }

    public var orientation: Orientation
    /// Printed at the top of every page: the sheet's title and table header.
    public var repeatedRows: ClosedRange<Int>?
    /// Plain text; `&`, which starts a code in Excel's header syntax, is escaped here.
    public var headerLeft: String
    public var headerRight: String

    public init(orientation: Orientation, repeatedRows: ClosedRange<Int>?, headerLeft: String, headerRight: String) {
        self.orientation = orientation
        self.repeatedRows = repeatedRows
        self.headerLeft = headerLeft
        self.headerRight = headerRight
    }

    /// Excel's header syntax: `&L`, `&C`, `&R` start the sections, `&P` and `&N` are the
    /// page and the page count, and a literal `&` is `&&`. The whole header may hold 255
    /// characters; each text is cut to stay well under that.
    static func headerText(left: String, right: String) -> String {
        func literal(_ text: String) -> String {
            String(text.prefix(100)).replacingOccurrences(of: "&", with: "&&")
        }
        return "&L" + literal(left) + "&R" + literal(right)
    }

    static let footerText = "&CPage &P of &N"
}

extension XLSXWorksheet {
    public func setPrintLayout(_ layout: XLSXPrintLayout) throws {
        let sheet = try handleForLayout()
        switch layout.orientation {
        case .portrait: worksheet_set_portrait(sheet)
        case .landscape: worksheet_set_landscape(sheet)
        }
        // One page wide, as many pages tall as the rows need.
        worksheet_fit_to_pages(sheet, 1, 0)
        worksheet_gridlines(sheet, UInt8(LXW_SHOW_SCREEN_GRIDLINES.rawValue))
        if let rows = layout.repeatedRows {
            let first = try XLSXGrid.check(row: rows.lowerBound, column: 0)
            let last = try XLSXGrid.check(row: rows.upperBound, column: 0)
            try XLSXLibraryCall.check(worksheet_repeat_rows(sheet, first.row, last.row), "repeat the header rows of '\(name)'")
        }
        let header = XLSXPrintLayout.headerText(left: layout.headerLeft, right: layout.headerRight)
        try XLSXLibraryCall.check(header.withCString { worksheet_set_header(sheet, $0) }, "set the page header of '\(name)'")
        try XLSXLibraryCall.check(XLSXPrintLayout.footerText.withCString { worksheet_set_footer(sheet, $0) },
                                  "set the page footer of '\(name)'")
    }
}
