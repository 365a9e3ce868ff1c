import CSQLite
import Foundation
import Logging

/// The first build of the web sessions, on a second connection and thread, beside the
/// rest of the run: during `run`, from the moment the web feed is loaded, beside the intake
/// and scheduling ingest and then the referral staging; during `transform` alone, beside the
/// referral staging.
///
/// SQLite runs a statement on one core, and on a warehouse's first run (or after a time-zone
/// change) sorting a year's millions of session parts by session needs nothing else the run
/// builds. One writer per database file is SQLite's rule, so this build writes into a
/// scratch database beside the warehouse, reading the warehouse's committed rows in one
/// snapshot; the transform attaches the scratch file and copies the sessions in inside its
/// own transaction, so the warehouse still changes in one commit or not at all. A killed
/// run leaves only the scratch file, which the next build replaces and a finished one
/// deletes.
public final class BackgroundWebSessionBuild: Sendable {
    let scratchPath: String
    /// The build's connection while it runs, for `interrupt`.
    private let connection: InterruptibleConnection
    /// Ends with the last web file whose parts the build read.
    private let work: BackgroundWork<Int64>

    /// Starts the build of every web session part in the warehouse's last committed state.
    /// The transform checks, by `wait`'s file id, that it holds every part the transform
    /// sees before it copies anything in.
    init(warehousePath: String, rules: TimeZoneRules, logger: Logger) throws {
        let scratchPath = warehousePath + ".web-build"
        try Self.removeScratch(at: scratchPath)
        try Warehouse.createOwnerOnly(scratchPath)
        let connection = InterruptibleConnection()
        self.scratchPath = scratchPath
        self.connection = connection
        work = BackgroundWork {
            try Self.build(scratchPath: scratchPath, warehousePath: warehousePath, connection: connection,
                           rules: rules, logger: logger)
        }
    }

    /// Waits for the build and returns the last web file it read; rethrows its error.
    func wait() throws -> Int64 {
        try work.wait()
    }

    /// Stops the build if it still runs, waits for it, and deletes the scratch database.
    /// The caller must not have it attached.
    func cancel() {
        connection.interrupt()
        _ = try? wait()
        removeScratch()
    }

    /// Deletes the scratch database once nothing has it open.
    func removeScratch() {
        try? Self.removeScratch(at: scratchPath)
    }

    private static func build(scratchPath: String, warehousePath: String, connection: InterruptibleConnection,
                              rules: TimeZoneRules, logger: Logger) throws -> Int64 {
        let database = try Database(path: scratchPath)
        connection.set(database.handle)
        // The handle is forgotten before the connection closes, so `interrupt` never reaches a
        // closed one.
        defer { withExtendedLifetime(database) { connection.set(nil) } }
        // Disposable: no journal and no syncs. 16 KB pages, unlike the warehouse's 4 KB: the
        // scratch database is written once and read once, in order. The cache is the warehouse's.
        try database.execute("""
            pragma page_size = 16384; pragma journal_mode = off; pragma synchronous = off;
            pragma cache_size = -16384;
            """)
        // The models name the loaded rows unqualified, so they resolve to the warehouse here.
        try database.prepare("attach database ? as warehouse").run([.text(warehousePath)])
        try Transformer.registerFunctions(on: database, rules: rules)
        // One deferred transaction: every read of the warehouse sees the snapshot `through`
        // is read from, while the ingest goes on committing other feeds' files. (Not
        // `Database.transaction`: BEGIN IMMEDIATE would take the warehouse's write lock too.)
        try database.execute("begin")
        let through = try database.scalar("select coalesce(max(file_id), 0) from warehouse.web_session_parts")?.int64 ?? 0
        try IncrementalWebModels(database: database, timeZoneIdentifier: rules.identifier, logger: logger)
            .buildFromEveryPartIntoScratch()
        try database.execute("commit")
        try database.execute("detach database warehouse")
        return through
    }

    private static func removeScratch(at path: String) throws {
        for file in [path, path + "-journal"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.removeItem(atPath: file)
        }
    }
}

/// A connection another thread may interrupt (sqlite3_interrupt is safe from any thread)
/// while it is open.
final class InterruptibleConnection: @unchecked Sendable {
    // @unchecked: `handle` and `isInterrupted` are touched only under `lock`.
    private let lock = NSLock()
    private var handle: OpaquePointer?
    private var isInterrupted = false

    func set(_ value: OpaquePointer?) {
        lock.lock()
        handle = value
        lock.unlock()
    }

    /// True once `interrupt` was called: work that has not opened its connection yet
    /// checks it rather than start (SQLite forgets an interrupt no statement was running for).
    var wasInterrupted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return isInterrupted
    }

    func interrupt() {
        lock.lock()
        isInterrupted = true
        if let handle {
            sqlite3_interrupt(handle)
        }
        lock.unlock()
    }
}
