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

    /// Rows of the default height (15 pt) that the first page holds at least, for a sheet
    /// `widthPixels` wide fitted to one page wide, on A4 or US Letter (whichever holds fewer)
    /// with libxlsxwriter's default margins, less a tenth for fonts that print larger than
    /// Calibri. A chart that ends within these rows is on page 1 on any printer; one that may
    /// not gets a page break before it, so that it starts a page rather than straddle one.
    public static func firstPageRows(widthPixels: Double, orientation: Orientation) -> Int {
        // Printable inches (paper less 0.7 in left and right, 0.75 in top and bottom).
        let papers: [(width: Double, height: Double)] = [(8.5, 11), (210 / 25.4, 297 / 25.4)]
        let rows = papers.map { paper -> Double in
            let (width, height) = orientation == .portrait ? (paper.width, paper.height) : (paper.height, paper.width)
            let printableWidth = (width - 1.4) * 72, printableHeight = (height - 1.5) * 72
            // 96 pixels to the inch, 72 points: a pixel is 0.75 pt.
            let scale = min(1, printableWidth / max(1, widthPixels * 0.75))
            return printableHeight / (15 * scale)
        }
        return Int((rows.min() ?? 0) * 0.9)
    }

    /// Excel's width in pixels of a column `characters` wide (Calibri 11: 7 pixels a digit
    /// and 5 of padding).
    public static func columnPixels(_ characters: Double) -> Double {
        (characters * 7 + 5).rounded(.down)
    }
}

extension XLSXWorksheet {
    /// Printing starts a new page at each of these (0-based) rows.
    public func setRowPageBreaks(_ rows: [Int]) throws {
        guard !rows.isEmpty else { return }
        let sheet = try handleForLayout()
        // The library reads a zero-terminated array; row 0 cannot start a page of its own.
        var breaks = try rows.filter { $0 > 0 }.sorted().map { try XLSXGrid.check(row: $0, column: 0).row } + [0]
        try XLSXLibraryCall.check(breaks.withUnsafeMutableBufferPointer { worksheet_set_h_pagebreaks(sheet, $0.baseAddress) },
                                  "set the page breaks of '\(name)'")
    }

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
