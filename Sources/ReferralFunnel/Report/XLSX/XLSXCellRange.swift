/// A rectangle of cells, zero-based and inclusive, as libxlsxwriter counts them.
public struct XLSXCellRange: Hashable, Sendable {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// One column from `firstRow` to `lastRow`.
    public static func column(_ column: Int, rows: ClosedRange<Int>) -> XLSXCellRange {
        XLSXCellRange(firstRow: rows.lowerBound, firstColumn: column, lastRow: rows.upperBound, lastColumn: column)
    }

    /// One row from `firstColumn` to `lastColumn`.
    public static func row(_ row: Int, columns: ClosedRange<Int>) -> XLSXCellRange {
        XLSXCellRange(firstRow: row, firstColumn: columns.lowerBound, lastRow: row, lastColumn: columns.upperBound)
    }
}

/// Excel's grid, checked before any index is narrowed to libxlsxwriter's integer types.
enum XLSXGrid {
    static let maximumRow = 1_048_575
    static let maximumColumn = 16_383

    static func check(row: Int, column: Int) throws -> (row: UInt32, column: UInt16) {
        guard (0...maximumRow).contains(row), (0...maximumColumn).contains(column) else {
            throw XLSXError.cellOutOfRange(row: row, column: column)
        }
        return (UInt32(row), UInt16(column))
    }

    static func check(_ range: XLSXCellRange) throws -> (firstRow: UInt32, firstColumn: UInt16,
                                                           lastRow: UInt32, lastColumn: UInt16) {
        let first = try check(row: range.firstRow, column: range.firstColumn)
        let last = try check(row: range.lastRow, column: range.lastColumn)
        return (first.row, first.column, last.row, last.column)
    }
}
