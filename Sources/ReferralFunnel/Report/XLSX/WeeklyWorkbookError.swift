/// Failures of the weekly workbook beyond building it.
public enum WeeklyWorkbookError: Error, Equatable, CustomStringConvertible {
    case cannotRename(from: String, to: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotRename(from, to, reason):
            return "Cannot move the finished workbook from '\(from)' to '\(to)': \(reason)."
        }
    }
}
