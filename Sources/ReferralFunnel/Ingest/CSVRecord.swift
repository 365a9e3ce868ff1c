/// One CSV record: its fields (trimmed of surrounding spaces and tabs, SPEC section 2),
/// where it starts, and its text as written, kept for quarantine.
public struct CSVRecord: Equatable, Sendable {
    public var fields: [String]
    /// The physical, 1-based line on which the record starts.
    public var lineNumber: Int
    /// The record's text as in the file, without the final line break.
    public var rawText: String

    public init(fields: [String], lineNumber: Int, rawText: String) {
        self.fields = fields
        self.lineNumber = lineNumber
        self.rawText = rawText
    }
}

/// A record that could not be read, with the reason, for quarantine.
public struct CSVMalformedRow: Equatable, Sendable {
    public var lineNumber: Int
    public var rawText: String
    public var reason: String

    public init(lineNumber: Int, rawText: String, reason: String) {
        self.lineNumber = lineNumber
        self.rawText = rawText
        self.reason = reason
    }
}

public enum CSVReadResult: Equatable, Sendable {
    case record(CSVRecord)
    case malformed(CSVMalformedRow)
}
