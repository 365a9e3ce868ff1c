/// A SQLite call that failed: the result code, SQLite's own message and the statement.
/// Bound values (which may be patient data) are never part of the description.
public struct DatabaseError: Error, Equatable, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public var sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql {
            let oneLine = sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .joined(separator: " ")
            text += " (in: \(oneLine.prefix(200)))"
        }
        return text
    }

    /// SQLITE_FULL: the disk or the page limit is full.
    public var isDiskFull: Bool { code & 0xFF == 13 }
    /// SQLITE_BUSY or SQLITE_LOCKED.
    public var isBusy: Bool { code & 0xFF == 5 || code & 0xFF == 6 }
}

import Foundation
