/// What can go wrong while building a workbook. Library failures carry libxlsxwriter's own
/// message (`lxw_strerror`); no case carries cell contents, which may be patient-adjacent.
public enum XLSXError: Error, Equatable, CustomStringConvertible {
    /// libxlsxwriter returned an error code; `message` is its `lxw_strerror` text.
    case library(operation: String, code: Int, message: String)
    /// libxlsxwriter could not create the workbook object (it returns no error code for this).
    case cannotCreateWorkbook(path: String)
    /// libxlsxwriter returned no object (a format, chart or series), which only happens when
    /// memory runs out.
    case allocationFailed(operation: String)
    /// A worksheet, format or chart was used after its workbook was closed.
    case workbookClosed(operation: String)
    /// A row or column beyond Excel's limits (1,048,576 rows, 16,384 columns).
    case cellOutOfRange(row: Int, column: Int)
    /// Excel cells hold finite numbers only.
    case nonFiniteNumber(row: Int, column: Int)
    /// libxlsxwriter reads a chart title or name that starts with `=` as a formula; text like
    /// that must come from a cell instead.
    case textReadAsFormula(operation: String)
    /// A chart can only be inserted into a worksheet of the workbook that created it.
    case chartFromAnotherWorkbook
    /// A local date that is not `YYYY-MM-DD` or not a real calendar day.
    case invalidDate(String)

    public var description: String {
        switch self {
        case let .library(operation, code, message):
            return "libxlsxwriter failed to \(operation): \(message) (error \(code))."
        case let .cannotCreateWorkbook(path):
            return "Cannot create the workbook at '\(path)'."
        case let .allocationFailed(operation):
            return "libxlsxwriter ran out of memory to \(operation)."
        case let .workbookClosed(operation):
            return "Cannot \(operation): the workbook is already closed."
        case let .cellOutOfRange(row, column):
            return "Cell at row \(row), column \(column) lies outside Excel's grid."
        case let .nonFiniteNumber(row, column):
            return "Cell at row \(row), column \(column) would hold a number that is not finite."
        case let .textReadAsFormula(operation):
            return "Cannot \(operation): text starting with '=' would be read as a formula."
        case .chartFromAnotherWorkbook:
            return "A chart can only be inserted into a worksheet of the workbook that created it."
        case let .invalidDate(text):
            return "'\(text)' is not a calendar date of the form YYYY-MM-DD."
        }
    }
}
