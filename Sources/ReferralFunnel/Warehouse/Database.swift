import CSQLite
import Foundation

/// An open SQLite database. Closed when released. Used from one thread at a time.
public final class Database {
    let handle: OpaquePointer

    /// Opens (creating when missing) the database at `path`; `":memory:"` for a private one.
    /// `readOnly` opens an existing database without any right to change it (the commands
    /// that only look: `status`, `explain`); a missing file is then an error.
    public init(path: String, readOnly: Bool = false) throws {
        _ = Self.configureOnce
        var opened: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            if let opened { sqlite3_close_v2(opened) }
            throw DatabaseError(code: code, message: message)
        }
        handle = opened
        sqlite3_extended_result_codes(handle, 1)
        if Self.slowStatementNanoseconds != nil {
            Self.reportSlowStatements(on: handle)
        }
    }

    /// For profiling: `REFERRAL_FUNNEL_SLOW_SQL_MS=N` prints every statement that takes N ms
    /// or more, with its time, to standard error (the first 300 characters of its SQL).
    static let slowStatementNanoseconds: Int64? = ProcessInfo.processInfo.environment["REFERRAL_FUNNEL_SLOW_SQL_MS"]
        .flatMap(Int64.init).map { $0 * 1_000_000 }

    private static func reportSlowStatements(on handle: OpaquePointer) {
        sqlite3_trace_v2(handle, UInt32(SQLITE_TRACE_PROFILE), { _, _, statement, nanoseconds in
            guard let statement, let nanoseconds, let threshold = Database.slowStatementNanoseconds,
                  nanoseconds.load(as: Int64.self) >= threshold, let sql = sqlite3_sql(OpaquePointer(statement)) else { return 0 }
            let milliseconds = nanoseconds.load(as: Int64.self) / 1_000_000
            let text = String(cString: sql).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            FileHandle.standardError.write(Data("slow statement: \(milliseconds) ms \(text.prefix(300))\n".utf8))
            return 0
        }, nil)
    }

    /// Process-wide settings, made before SQLite initializes (at the first open).
    private static let configureOnce: Void = {
        _ = referral_funnel_sqlite3_disable_memory_statistics()
    }()

    deinit {
        sqlite3_close_v2(handle)
    }

    /// The process's peak resident memory so far, in MB, for the run's debug log. (SQLite's
    /// own high-water mark needs its memory statistics, which are off: see `configureOnce`.)
    public static var peakResidentMegabytes: Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(errorMessage)
            throw DatabaseError(code: code, message: message, sql: sql)
        }
    }

    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs `body` inside one transaction: committed when it returns, rolled back when it throws.
    public func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The rows of a query as arrays of values, for small result sets.
    public func rows(_ sql: String, _ arguments: [DatabaseValue] = []) throws -> [[DatabaseValue]] {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        var result: [[DatabaseValue]] = []
        while try statement.step() {
            result.append((0..<statement.columnCount).map { statement.value(at: $0) })
        }
        return result
    }

    /// The first column of the first row, or nil.
    public func scalar(_ sql: String, _ arguments: [DatabaseValue] = []) throws -> DatabaseValue? {
        try rows(sql, arguments).first?.first
    }

    /// The main database's file, or nil for an in-memory or temporary one.
    public var filePath: String? {
        guard let name = sqlite3_db_filename(handle, "main") else { return nil }
        let path = String(cString: name)
        return path.isEmpty ? nil : path
    }

    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes(handle)) }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    func check(_ code: Int32, sql: String? = nil) throws {
        guard code == SQLITE_OK || code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(code: code, message: lastErrorMessage, sql: sql)
        }
    }
}

/// A value read from or bound to SQLite.
public enum DatabaseValue: Equatable, Sendable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public var int: Int? {
        switch self {
        case let .integer(value): return Int(value)
        case let .real(value): return Int(value)
        default: return nil
        }
    }

    public var int64: Int64? {
        if case let .integer(value) = self { return value }
        return nil
    }

    public var double: Double? {
        switch self {
        case let .integer(value): return Double(value)
        case let .real(value): return value
        default: return nil
        }
    }

    public var string: String? {
        switch self {
        case let .text(value): return value
        case let .integer(value): return String(value)
        case let .real(value): return String(value)
        case .null: return nil
        }
    }

    public var description: String {
        switch self {
        case .null: return "NULL"
        case let .integer(value): return String(value)
        case let .real(value): return String(value)
        case let .text(value): return value
        }
    }
}

extension DatabaseValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }
}

extension Optional where Wrapped == String {
    var databaseValue: DatabaseValue { map(DatabaseValue.text) ?? .null }
}

extension Optional where Wrapped == Int64 {
    var databaseValue: DatabaseValue { map(DatabaseValue.integer) ?? .null }
}
