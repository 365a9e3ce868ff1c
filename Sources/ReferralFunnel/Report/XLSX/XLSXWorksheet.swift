import CXLSXWriter

/// One sheet of an `XLSXWorkbook`. Rows and columns are zero-based.
///
/// Only typed writers exist here: text always goes in as a string cell, whatever it looks
/// like, so a value such as `=HYPERLINK(...)` read from input data stays text. There is no
/// formula writer and no type-guessing `write`.
public final class XLSXWorksheet {
    private let workbook: XLSXWorkbook
    private let handle: UnsafeMutablePointer<lxw_worksheet>
    public let name: String

    init(workbook: XLSXWorkbook, handle: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.workbook = workbook
        self.handle = handle
        self.name = name
    }

    /// The sheet pointer, valid only while the workbook is open (closing frees it).
    private func sheet(_ operation: @autoclosure () -> String) throws -> UnsafeMutablePointer<lxw_worksheet> {
        _ = try workbook.open(operation())
        return handle
    }

    public func writeText(_ text: String, row: Int, column: Int, format: XLSXFormat? = nil) throws {
        let sheet = try sheet("write text")
        let cell = try XLSXGrid.check(row: row, column: column)
        let cFormat = try workbook.libraryFormat(format)
        // The text is copied into the shared string table during the call.
        let result = text.withCString { worksheet_write_string(sheet, cell.row, cell.column, $0, cFormat) }
        try XLSXLibraryCall.check(result, "write text at row \(row), column \(column) of '\(name)'")
    }

    public func writeNumber(_ number: Double, row: Int, column: Int, format: XLSXFormat? = nil) throws {
        let sheet = try sheet("write a number")
        let cell = try XLSXGrid.check(row: row, column: column)
        guard number.isFinite else { throw XLSXError.nonFiniteNumber(row: row, column: column) }
        let cFormat = try workbook.libraryFormat(format)
        try XLSXLibraryCall.check(worksheet_write_number(sheet, cell.row, cell.column, number, cFormat),
                                  "write a number at row \(row), column \(column) of '\(name)'")
    }

    /// Writes `number`, or an empty (but formatted) cell when it is nil.
    public func writeNumber(_ number: Double?, row: Int, column: Int, format: XLSXFormat? = nil) throws {
        if let number {
            try writeNumber(number, row: row, column: column, format: format)
        } else {
            try writeBlank(row: row, column: column, format: format)
        }
    }

    public func writeNumber(_ number: Int, row: Int, column: Int, format: XLSXFormat? = nil) throws {
        try writeNumber(Double(number), row: row, column: column, format: format)
    }

    /// Writes an Excel date (a serial number); give it a date number format to show as one.
    public func writeDate(_ date: XLSXDateTime, row: Int, column: Int, format: XLSXFormat? = nil) throws {
        let sheet = try sheet("write a date")
        let cell = try XLSXGrid.check(row: row, column: column)
        let cFormat = try workbook.libraryFormat(format)
        var cDate = lxw_datetime(year: Int32(date.year), month: Int32(date.month), day: Int32(date.day),
                                 hour: Int32(date.hour), min: Int32(date.minute), sec: date.second)
        try XLSXLibraryCall.check(worksheet_write_datetime(sheet, cell.row, cell.column, &cDate, cFormat),
                                  "write a date at row \(row), column \(column) of '\(name)'")
    }

    /// An empty cell; libxlsxwriter skips it entirely when it has no format.
    public func writeBlank(row: Int, column: Int, format: XLSXFormat? = nil) throws {
        let sheet = try sheet("write a blank cell")
        let cell = try XLSXGrid.check(row: row, column: column)
        let cFormat = try workbook.libraryFormat(format)
        try XLSXLibraryCall.check(worksheet_write_blank(sheet, cell.row, cell.column, cFormat),
                                  "write a blank cell at row \(row), column \(column) of '\(name)'")
    }

    /// Width in Excel's character units for every column in `columns`.
    public func setColumnWidth(_ width: Double, columns: ClosedRange<Int>, format: XLSXFormat? = nil) throws {
        let sheet = try sheet("set column widths")
        let first = try XLSXGrid.check(row: 0, column: columns.lowerBound)
        let last = try XLSXGrid.check(row: 0, column: columns.upperBound)
        let cFormat = try workbook.libraryFormat(format)
        try XLSXLibraryCall.check(worksheet_set_column(sheet, first.column, last.column, width, cFormat),
                                  "set the width of columns \(columns) of '\(name)'")
    }

    public func setColumnWidth(_ width: Double, column: Int, format: XLSXFormat? = nil) throws {
        try setColumnWidth(width, columns: column...column, format: format)
    }

    /// The height of `row` in points (15 is the default). A header whose labels wrap needs
    /// it: spreadsheet programs do not grow a row for wrapped text on opening, and the second
    /// line would be drawn over the row below. (In a sheet written in row order, call it
    /// before writing the row.)
    public func setRowHeight(_ points: Double, row: Int) throws {
        let sheet = try sheet("set a row height")
        let cell = try XLSXGrid.check(row: row, column: 0)
        try XLSXLibraryCall.check(worksheet_set_row(sheet, cell.row, points, nil),
                                  "set the height of row \(row + 1) of '\(name)'")
    }

    /// Keeps the first `rows` rows and `columns` columns in view while scrolling.
    public func freezePanes(rows: Int, columns: Int = 0) throws {
        let sheet = try sheet("freeze panes")
        let cell = try XLSXGrid.check(row: rows, column: columns)
        worksheet_freeze_panes(sheet, cell.row, cell.column)
        frozenRows = rows
    }

    /// The rows `freezePanes` keeps in view on screen: the sheet's title and table header,
    /// which are also what printing repeats on every page.
    public private(set) var frozenRows = 0

    /// For XLSXPrintLayout, which lives in a file of its own.
    func handleForLayout() throws -> UnsafeMutablePointer<lxw_worksheet> {
        try sheet("set up printing")
    }

    /// An Excel table over `range` whose first row is the header row, with filter buttons.
    /// The library writes `headers` into that row itself, as text.
    public func addTable(_ range: XLSXCellRange, name: String, headers: [String], style: XLSXTableStyle,
                         headerFormat: XLSXFormat? = nil) throws {
        let sheet = try sheet("add table '\(name)'")
        let bounds = try XLSXGrid.check(range)
        let strings = workbook.strings
        // A NULL-terminated array of column structs; kept alive with the workbook's strings.
        let columns = try strings.allocate(lxw_table_column.self, count: headers.count)
        let columnPointers = try strings.allocate(UnsafeMutablePointer<lxw_table_column>?.self,
                                                  count: headers.count + 1)
        let cHeaderFormat = try workbook.libraryFormat(headerFormat)
        for (index, header) in headers.enumerated() {
            columns[index].header = try strings.copy(header)
            columns[index].header_format = cHeaderFormat
            columnPointers[index] = columns + index
        }
        columnPointers[headers.count] = nil
        var options = lxw_table_options()
        options.name = try strings.copy(name)
        options.style_type = style.libraryType
        options.style_type_number = style.number
        options.columns = columnPointers
        try XLSXLibraryCall.check(
            worksheet_add_table(sheet, bounds.firstRow, bounds.firstColumn, bounds.lastRow, bounds.lastColumn,
                                &options),
            "add table '\(name)' to '\(self.name)'")
    }

    public func addConditionalFormat(_ conditionalFormat: XLSXConditionalFormat, range: XLSXCellRange) throws {
        let sheet = try sheet("add a conditional format")
        let bounds = try XLSXGrid.check(range)
        var options = lxw_conditional_format()
        switch conditionalFormat {
        case let .dataBar(color):
            options.type = UInt8(LXW_CONDITIONAL_DATA_BAR.rawValue)
            options.bar_color = color.rgb
        case let .threeColorScale(minimum, midpoint, maximum):
            options.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
            (options.min_rule_type, options.min_value) = Self.rule(minimum.value)
            options.min_color = minimum.color.rgb
            (options.mid_rule_type, options.mid_value) = Self.rule(midpoint.value)
            options.mid_color = midpoint.color.rgb
            (options.max_rule_type, options.max_value) = Self.rule(maximum.value)
            options.max_color = maximum.color.rgb
        }
        try XLSXLibraryCall.check(
            worksheet_conditional_format_range(sheet, bounds.firstRow, bounds.firstColumn, bounds.lastRow,
                                               bounds.lastColumn, &options),
            "add a conditional format to '\(name)'")
    }

    private static func rule(_ value: XLSXConditionalFormat.Value) -> (UInt8, Double) {
        switch value {
        case .lowest: return (UInt8(LXW_CONDITIONAL_RULE_TYPE_MINIMUM.rawValue), 0)
        case .highest: return (UInt8(LXW_CONDITIONAL_RULE_TYPE_MAXIMUM.rawValue), 0)
        case let .number(number): return (UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue), number)
        case let .percentile(number): return (UInt8(LXW_CONDITIONAL_RULE_TYPE_PERCENTILE.rawValue), number)
        }
    }

    /// Places `chart` with its top-left corner in the given cell, scaled from Excel's default
    /// 480 × 288 pixels. A chart can be inserted once.
    public func insertChart(_ chart: XLSXChart, row: Int, column: Int, widthScale: Double = 1,
                            heightScale: Double = 1, description: String? = nil) throws {
        let sheet = try sheet("insert a chart")
        // A chart belongs to the workbook that made it; another workbook would free it twice.
        guard chart.belongs(to: workbook) else { throw XLSXError.chartFromAnotherWorkbook }
        let cell = try XLSXGrid.check(row: row, column: column)
        var options = lxw_chart_options()
        options.x_scale = widthScale
        options.y_scale = heightScale
        if let description { options.description = try workbook.strings.copy(description) }
        try XLSXLibraryCall.check(worksheet_insert_chart_opt(sheet, cell.row, cell.column, chart.handle, &options),
                                  "insert a chart into '\(name)'")
    }
}

/// Excel's built-in table styles: `.medium(9)` is "Table Style Medium 9".
public struct XLSXTableStyle: Hashable, Sendable {
    public enum Weight: Hashable, Sendable { case light, medium, dark }
    public var weight: Weight
    public var number: UInt8

    public static func light(_ number: UInt8) -> XLSXTableStyle { XLSXTableStyle(weight: .light, number: number) }
    public static func medium(_ number: UInt8) -> XLSXTableStyle { XLSXTableStyle(weight: .medium, number: number) }
    public static func dark(_ number: UInt8) -> XLSXTableStyle { XLSXTableStyle(weight: .dark, number: number) }

    var libraryType: UInt8 {
        switch weight {
        case .light: return UInt8(LXW_TABLE_STYLE_TYPE_LIGHT.rawValue)
        case .medium: return UInt8(LXW_TABLE_STYLE_TYPE_MEDIUM.rawValue)
        case .dark: return UInt8(LXW_TABLE_STYLE_TYPE_DARK.rawValue)
        }
    }
}
