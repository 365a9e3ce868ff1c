import CSQLite
import Foundation
import Logging

/// The first build of the web sessions, on a second connection and thread, while the
/// transform's own connection builds the referral staging.
///
/// SQLite runs a statement on one core, and on a warehouse's first run (or after a time-zone
/// change) the two biggest builds read disjoint loaded rows: sorting a year's millions of
/// session parts by session, and ranking the intake and scheduling snapshots. One writer per
/// database file is SQLite's rule, so this build writes into a scratch database beside the
/// warehouse, reading the warehouse's committed rows; the transform attaches the scratch file
/// and copies the sessions in inside its own transaction, so the warehouse still changes in
/// one commit or not at all. A killed run leaves only the scratch file, which the next build
/// replaces and a finished one deletes.
final class BackgroundWebSessionBuild: @unchecked Sendable {
    // @unchecked: `outcome` and `handle` are touched only under `lock`.
    let scratchPath: String
    private let lock = NSCondition()
    private var outcome: Result<Void, any Error>?
    /// The build's connection while it runs, for `interrupt`.
    private var handle: OpaquePointer?

    /// Starts the build of every web session part in the warehouse's last committed state.
    /// Call it inside the transform's write transaction: no other writer can then commit
    /// parts the build would see and the transform would not.
    init(warehousePath: String, rules: TimeZoneRules, logger: Logger) throws {
        scratchPath = warehousePath + ".web-build"
        try Self.removeScratch(at: scratchPath)
        try Warehouse.createOwnerOnly(scratchPath)
        DispatchQueue.global().async { [self] in
            let result = Result { try build(warehousePath: warehousePath, rules: rules, logger: logger) }
            lock.lock()
            outcome = result
            handle = nil
            lock.broadcast()
            lock.unlock()
        }
    }

    /// Waits for the build; rethrows its error.
    func wait() throws {
        lock.lock()
        while outcome == nil {
            lock.wait()
        }
        let result = outcome
        lock.unlock()
        try result?.get()
    }

    /// Stops a build still running (the transform failed before it needed the sessions).
    func interrupt() {
        lock.lock()
        if let handle {
            sqlite3_interrupt(handle)
        }
        lock.unlock()
    }

    /// Deletes the scratch database once nothing has it open.
    func removeScratch() {
        try? Self.removeScratch(at: scratchPath)
    }

    private func build(warehousePath: String, rules: TimeZoneRules, logger: Logger) throws {
        let database = try Database(path: scratchPath)
        lock.lock()
        handle = database.handle
        lock.unlock()
        // Disposable: no journal and no syncs. The page size and cache are the warehouse's.
        try database.execute("""
            pragma page_size = 16384; pragma journal_mode = off; pragma synchronous = off;
            pragma cache_size = -16384;
            """)
        // The models name the loaded rows unqualified, so they resolve to the warehouse here.
        try database.prepare("attach database ? as warehouse").run([.text(warehousePath)])
        try Transformer.registerFunctions(on: database, rules: rules)
        try IncrementalWebModels(database: database, timeZoneIdentifier: rules.identifier, logger: logger)
            .buildFromEveryPartIntoScratch()
        try database.execute("detach database warehouse")
    }

    private static func removeScratch(at path: String) throws {
        for file in [path, path + "-journal"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.removeItem(atPath: file)
        }
    }
}
