import CSQLite

/// A prepared statement, finalized when released.
public final class Statement {
    let database: Database
    let handle: OpaquePointer
    let sql: String

    init(database: Database, sql: String) throws {
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v2(database.handle, sql, -1, &prepared, nil)
        guard code == SQLITE_OK, let prepared else {
            throw DatabaseError(code: code, message: database.lastErrorMessage, sql: sql)
        }
        self.database = database
        self.handle = prepared
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds values to parameters 1...n, after clearing earlier bindings and resetting.
    public func bind(_ values: [DatabaseValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    public func bind(_ value: DatabaseValue, at index: Int32) throws {
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, index)
        case let .integer(number):
            code = sqlite3_bind_int64(handle, index, number)
        case let .real(number):
            code = sqlite3_bind_double(handle, index, number)
        case let .text(text):
            code = bindText(text, at: index)
        }
        try database.check(code, sql: sql)
    }

    /// Binds `first` to parameter 1 and `values` to 2...n, and runs the statement; for rows
    /// whose leading key is known only when they are written.
    public func run(_ values: [DatabaseValue], after first: DatabaseValue) throws {
        sqlite3_reset(handle)
        // Every parameter is bound below when the counts match; clearing them first cost an
        // eighth of binding a row.
        if values.count + 1 != Int(sqlite3_bind_parameter_count(handle)) {
            sqlite3_clear_bindings(handle)
        }
        try bind(first, at: 1)
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 2))
        }
        while try step() {}
    }

    /// Runs the statement once after `bind` has set every parameter, for loops over
    /// millions of rows that should not build an array of values for each.
    public func run(binding bind: (Statement) throws -> Void) throws {
        sqlite3_reset(handle)
        try bind(self)
        while try step() {}
    }

    public func bind(_ number: Int64, at index: Int32) throws {
        try database.check(sqlite3_bind_int64(handle, index, number), sql: sql)
    }

    /// Binds a number, or NULL for nil.
    public func bind(_ number: Int64?, at index: Int32) throws {
        guard let number else {
            try database.check(sqlite3_bind_null(handle, index), sql: sql)
            return
        }
        try bind(number, at: index)
    }

    /// Binds text, or NULL for nil.
    public func bind(_ text: String?, at index: Int32) throws {
        guard let text else {
            try database.check(sqlite3_bind_null(handle, index), sql: sql)
            return
        }
        try database.check(bindText(text, at: index), sql: sql)
    }

    /// Binds the string's own UTF-8 bytes with their length. Passing a String where C wants a
    /// `char *` made Swift copy it into a new NUL-terminated array for every value (with
    /// SQLite's strlen after): over a third of what binding a snapshot row cost outside SQLite.
    /// SQLITE_TRANSIENT: SQLite copies the bytes, so the Swift string may go away.
    private func bindText(_ text: String, at index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                // A null pointer would bind NULL; an empty string is text.
                return sqlite3_bind_text(handle, index, "", 0, transientDestructor)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
                sqlite3_bind_text(handle, index, characters, Int32(bytes.count), transientDestructor)
            }
        }
    }

    /// Advances to the next row: true when a row is available, false when done.
    @discardableResult
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw DatabaseError(code: code, message: database.lastErrorMessage, sql: sql)
        }
    }

    /// Binds `values` and runs the statement to completion.
    public func run(_ values: [DatabaseValue]) throws {
        try bind(values)
        while try step() {}
    }

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(at index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    public func value(at index: Int) -> DatabaseValue {
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_NULL: return .null
        default:
            guard let bytes = sqlite3_column_text(handle, column) else { return .null }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        }
    }
}

/// SQLite's SQLITE_TRANSIENT, which the C macro defines as a cast of -1.
let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
