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
        let scratchPath = ScratchDatabase.path(of: "web", warehousePath: warehousePath)
        try ScratchDatabase.create(at: scratchPath)
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
        try? ScratchDatabase.remove(at: scratchPath)
    }

    private static func build(scratchPath: String, warehousePath: String, connection: InterruptibleConnection,
                              rules: TimeZoneRules, logger: Logger) throws -> Int64 {
        try ScratchDatabase.build(at: scratchPath, warehousePath: warehousePath, connection: connection, rules: rules) { database in
            let through = try database.scalar("select coalesce(max(file_id), 0) from warehouse.web_session_parts")?.int64 ?? 0
            try IncrementalWebModels(database: database, timeZoneIdentifier: rules.identifier, logger: logger)
                .buildFromEveryPartIntoScratch()
            return through
        }
    }
}
