/// A top-level JSON value as the web feed needs it: scalars keep their text, and objects or
/// arrays are only noted (SPEC 5 makes such a field a warning, so their content is not kept).
public enum JSONValue: Equatable, Sendable {
    case string(String)
    /// The number's literal text, exactly as written (`1.50e3`).
    case number(String)
    case bool(Bool)
    case null
    /// An object or array: checked to be valid JSON, then skipped.
    case nested
}

public struct JSONMember: Equatable, Sendable {
    public var key: String
    public var value: JSONValue
    /// The key's position in the reader's `JSONKeySet`; nil when the reader keeps every key.
    public var keptKeyIndex: Int?

    public init(key: String, value: JSONValue, keptKeyIndex: Int? = nil) {
        self.key = key
        self.value = value
        self.keptKeyIndex = keptKeyIndex
    }
}

/// One line holding a JSON object. Members stay in file order in a small array: a web
/// event has about ten, and a linear search over them is cheaper than building a
/// dictionary for every one of millions of lines.
public struct JSONObjectLine: Equatable, Sendable {
    /// The physical, 1-based line number.
    public var lineNumber: Int
    public var members: [JSONMember]
    /// The line as written, without its line break, kept for quarantine.
    public var rawText: String

    public init(lineNumber: Int, members: [JSONMember], rawText: String) {
        self.lineNumber = lineNumber
        self.members = members
        self.rawText = rawText
    }

    /// The value of `key`; when a key appears twice, the last one wins (as in most JSON
    /// parsers, JavaScript's included).
    public subscript(key: String) -> JSONValue? {
        members.last { $0.key == key }?.value
    }

    /// The members as a dictionary, duplicates resolved the same way.
    public var fields: [String: JSONValue] {
        Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}

public enum JSONLinesReadResult: Equatable, Sendable {
    case object(JSONObjectLine)
    case malformed(lineNumber: Int, rawText: String, reason: String)
}
