import CSQLite
import Foundation

/// What the builds on a second connection (BackgroundWebSessionBuild,
/// BackgroundStagingBuild) share: a disposable database beside the warehouse, written from
/// one snapshot of the warehouse's committed rows while the run's own connection goes on.
/// One writer per database file is SQLite's rule, hence a file of their own; the transform
/// attaches it and copies the result in inside its own transaction.
enum ScratchDatabase {
    /// The scratch database of the build named `build` ("web", a staging model's name).
    static func path(of build: String, warehousePath: String) -> String {
        warehousePath + ".\(build)-build"
    }

    /// Removes every scratch database a build may leave beside the warehouse, by the names
    /// the builds give them. A run killed during a warehouse's first transform leaves its
    /// own, and later runs, which start no such build, would never replace it; a run
    /// removes them first, under the run lock, so never while a build writes one.
    static func removeLeftOvers(warehousePath: String) throws {
        let builds = ["web"] + IncrementalReferralModels.stagingModels.map(\.name)
        for build in builds {
            try remove(at: path(of: build, warehousePath: warehousePath))
        }
    }

    /// Replaces whatever a killed run left at `path` with an empty, owner-only file.
    static func create(at path: String) throws {
        try remove(at: path)
        try Warehouse.createOwnerOnly(path)
    }

    static func remove(at path: String) throws {
        for file in [path, path + "-journal"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.removeItem(atPath: file)
        }
    }

    /// Opens the scratch database at `path` on `connection`, with the warehouse attached as
    /// `warehouse` and the transform's SQL functions, and runs `body` in one deferred
    /// transaction: every read of the warehouse sees one snapshot, while the ingest or the
    /// transform goes on committing. (Not `Database.transaction`: BEGIN IMMEDIATE would take
    /// the warehouse's write lock too.)
    static func build<Result>(at path: String, warehousePath: String, connection: InterruptibleConnection,
                              rules: TimeZoneRules, _ body: (Database) throws -> Result) throws -> Result {
        let database = try Database(path: path)
        connection.set(database.handle)
        // The handle is forgotten before the connection closes, so `interrupt` never reaches a
        // closed one.
        defer { withExtendedLifetime(database) { connection.set(nil) } }
        // Disposable: no journal and no syncs. 16 KB pages, unlike the warehouse's 4 KB: the
        // scratch database is written once and read once, in order. A quarter of the
        // warehouse's cache, which also caps this connection's sorter (SQLite sizes a sort's
        // in-memory runs by the main schema's cache_size): this connection sorts while the main
        // one does, and with 16 MB each the cold run peaked at 138-149 MB at bench scale, with
        // 4 MB at 114-119 MB, and the session build took as long (11.3-13.8 s against
        // 11.4-13.2 s, three alternated cold runs each).
        try database.execute("""
            pragma page_size = 16384; pragma journal_mode = off; pragma synchronous = off;
            pragma cache_size = -4096;
            """)
        // The models name the loaded rows unqualified, so they resolve to the warehouse here.
        try database.prepare("attach database ? as warehouse").run([.text(warehousePath)])
        try Transformer.registerFunctions(on: database, rules: rules)
        try database.execute("begin")
        let result = try body(database)
        try database.execute("commit")
        try database.execute("detach database warehouse")
        return result
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
