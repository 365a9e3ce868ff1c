import CXLSXWriter

/// A native Excel chart drawing its series from cell ranges. Create it with
/// `XLSXWorkbook.addChart`, add series, then insert it into a worksheet once.
public final class XLSXChart {
    public enum Kind: Hashable, Sendable {
        /// Horizontal bars, categories down the side.
        case bar
        /// Vertical bars, categories along the bottom.
        case column
        case line

        var libraryType: UInt8 {
            switch self {
            case .bar: return UInt8(LXW_CHART_BAR.rawValue)
            case .column: return UInt8(LXW_CHART_COLUMN.rawValue)
            case .line: return UInt8(LXW_CHART_LINE.rawValue)
            }
        }
    }

    public enum LegendPosition: Hashable, Sendable {
        case none, right, bottom, top

        var libraryValue: UInt8 {
            switch self {
            case .none: return UInt8(LXW_CHART_LEGEND_NONE.rawValue)
            case .right: return UInt8(LXW_CHART_LEGEND_RIGHT.rawValue)
            case .bottom: return UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue)
            case .top: return UInt8(LXW_CHART_LEGEND_TOP.rawValue)
            }
        }
    }

    /// A series name: fixed text, or the text of a cell (safe for names from input data,
    /// which libxlsxwriter would otherwise read as a formula when they start with `=`).
    public enum SeriesName: Hashable, Sendable {
        case text(String)
        case cell(sheet: String, row: Int, column: Int)
    }

    private let workbook: XLSXWorkbook
    let handle: UnsafeMutablePointer<lxw_chart>
    public let kind: Kind

    init(workbook: XLSXWorkbook, handle: UnsafeMutablePointer<lxw_chart>, kind: Kind) {
        self.workbook = workbook
        self.handle = handle
        self.kind = kind
    }

    func belongs(to owner: XLSXWorkbook) -> Bool {
        workbook === owner
    }

    private func chart(_ operation: @autoclosure () -> String) throws -> UnsafeMutablePointer<lxw_chart> {
        _ = try workbook.open(operation())
        return handle
    }

    /// Adds a series whose categories and values are ranges on the sheet named `sheet`.
    public func addSeries(sheet: String, categories: XLSXCellRange, values: XLSXCellRange,
                          name: SeriesName? = nil) throws {
        let chart = try chart("add a chart series")
        let categoryBounds = try XLSXGrid.check(categories)
        let valueBounds = try XLSXGrid.check(values)
        guard let series = chart_add_series(chart, nil, nil) else {
            throw XLSXError.allocationFailed(operation: "add a chart series")
        }
        let cSheet = try workbook.strings.copy(sheet)
        chart_series_set_categories(series, cSheet, categoryBounds.firstRow, categoryBounds.firstColumn,
                                    categoryBounds.lastRow, categoryBounds.lastColumn)
        chart_series_set_values(series, cSheet, valueBounds.firstRow, valueBounds.firstColumn,
                                valueBounds.lastRow, valueBounds.lastColumn)
        switch name {
        case nil:
            break
        case let .text(text)?:
            chart_series_set_name(series, try literal(text, operation: "name a chart series"))
        case let .cell(nameSheet, row, column)?:
            let cell = try XLSXGrid.check(row: row, column: column)
            chart_series_set_name_range(series, try workbook.strings.copy(nameSheet), cell.row, cell.column)
        }
        if kind == .line {
            chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_AUTOMATIC.rawValue))
        }
    }

    public func setTitle(_ title: String) throws {
        let chart = try chart("set a chart title")
        chart_title_set_name(chart, try literal(title, operation: "set a chart title"))
    }

    /// Names the axis that holds the categories (weeks, stages).
    public func setCategoryAxisName(_ name: String) throws {
        let chart = try chart("name a chart axis")
        chart_axis_set_name(categoryAxis(chart), try literal(name, operation: "name a chart axis"))
    }

    /// Names the axis that holds the values.
    public func setValueAxisName(_ name: String) throws {
        let chart = try chart("name a chart axis")
        chart_axis_set_name(valueAxis(chart), try literal(name, operation: "name a chart axis"))
    }

    public func setValueAxisNumberFormat(_ numberFormat: String) throws {
        let chart = try chart("format a chart axis")
        chart_axis_set_num_format(valueAxis(chart), try workbook.strings.copy(numberFormat))
    }

    public func setValueAxisMinimum(_ minimum: Double) throws {
        let chart = try chart("set a chart axis minimum")
        chart_axis_set_min(valueAxis(chart), minimum)
    }

    /// Lists categories from the top down on a bar chart (Excel's default is bottom up).
    public func reverseCategoryAxis() throws {
        let chart = try chart("reverse a chart axis")
        chart_axis_set_reverse(categoryAxis(chart))
    }

    public func setLegendPosition(_ position: LegendPosition) throws {
        let chart = try chart("place a chart legend")
        chart_legend_set_position(chart, position.libraryValue)
    }

    // libxlsxwriter swaps the structs behind `x_axis` and `y_axis` for bar charts, so that
    // `x_axis` is always the horizontal axis; for bars that is the value axis.
    private func categoryAxis(_ chart: UnsafeMutablePointer<lxw_chart>) -> UnsafeMutablePointer<lxw_chart_axis> {
        kind == .bar ? chart.pointee.y_axis : chart.pointee.x_axis
    }

    private func valueAxis(_ chart: UnsafeMutablePointer<lxw_chart>) -> UnsafeMutablePointer<lxw_chart_axis> {
        kind == .bar ? chart.pointee.x_axis : chart.pointee.y_axis
    }

    /// libxlsxwriter treats text starting with `=` as a formula; refuse it rather than let it.
    private func literal(_ text: String, operation: String) throws -> UnsafeMutablePointer<CChar> {
        guard !text.hasPrefix("=") else { throw XLSXError.textReadAsFormula(operation: operation) }
        return try workbook.strings.copy(text)
    }
}
