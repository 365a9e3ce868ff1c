/// A row that could not be used, or an optional value dropped from a row that loaded
/// (a warning). Raw text is kept only for unusable rows (SPEC section 8).
public struct QuarantineEntry: Sendable, Equatable {
    public var line: Int
    public var column: String?
    public var reason: String
    public var isWarning: Bool
    public var rawText: String?

    public static func rejected(line: Int, column: String? = nil, reason: String, rawText: String) -> QuarantineEntry {
        QuarantineEntry(line: line, column: column, reason: reason, isWarning: false, rawText: rawText)
    }

    public static func warning(line: Int, column: String, reason: String) -> QuarantineEntry {
        QuarantineEntry(line: line, column: column, reason: reason, isWarning: true, rawText: nil)
    }
}

/// A row problem found while mapping: which column and why.
struct RowProblem: Error {
    var column: String?
    var reason: String
}
