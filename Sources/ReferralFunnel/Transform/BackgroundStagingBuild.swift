import Foundation
import Logging

/// A full build of one kept staging model on a second connection and thread, into a scratch
/// database beside the warehouse, for the transform to copy in (see
/// `IncrementalReferralModels.copyPrebuiltStaging`), like `BackgroundWebSessionBuild`.
///
/// Used for the appointments on a warehouse's first run. The first web session build ends a
/// few seconds after the ingest, while the main connection still has the referral staging
/// ahead of it, one statement at a time on one core; the other core would idle. A year at
/// bench scale: the appointments take 5 s to build there, 1.5 s to copy and index here.
/// The build reads one snapshot of the warehouse, taken after the web build has ended (so
/// at most two connections work at once) and after the ingest, and returns the last file of
/// its feed it read; the transform copies it in only when that is the last it sees too.
public final class BackgroundStagingBuild: Sendable {
    let model: IncrementalReferralModels.KeptModel
    /// The feed whose loaded rows the model is built from.
    let feed: FeedKind
    let scratchPath: String
    private let connection: InterruptibleConnection
    /// Ends with the last file of the model's feed whose rows the build read.
    private let work: BackgroundWork<Int64>

    /// Starts the build of `model` from the warehouse's rows of `feed`, once `after` (if
    /// given) has ended. `scopedViews` name the views the model reads and the loaded table
    /// each stands for; here every view is the whole table.
    init(model: IncrementalReferralModels.KeptModel, feed: FeedKind, scopedViews: [(view: String, table: String)],
         warehousePath: String, rules: TimeZoneRules, after: BackgroundWebSessionBuild?, logger: Logger) throws {
        let scratchPath = ScratchDatabase.path(of: model.name, warehousePath: warehousePath)
        try ScratchDatabase.create(at: scratchPath)
        let connection = InterruptibleConnection()
        self.model = model
        self.feed = feed
        self.scratchPath = scratchPath
        self.connection = connection
        let views = scopedViews.map { "create temp view \($0.view) as select * from warehouse.\($0.table);" }.joined(separator: "\n")
        work = BackgroundWork {
            _ = try? after?.wait()
            guard !connection.wasInterrupted else { throw CancellationError() }
            let started = DispatchTime.now()
            let through = try ScratchDatabase.build(at: scratchPath, warehousePath: warehousePath, connection: connection,
                                                    rules: rules) { database in
                let through = try database.scalar("select coalesce(max(file_id), 0) from warehouse.ingested_files where feed = ?",
                                                  [.text(feed.rawValue)])?.int64 ?? 0
                try database.execute(views)
                let sql = try Resources.model(model.path)
                try database.execute("create table main.\(model.name) as \(model.orderBy.map { "select * from (\(sql)) order by \($0)" } ?? sql)")
                return through
            }
            logger.debug("built \(model.name) on a second connection in \(String(format: "%.2f", Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)) s")
            return through
        }
    }

    /// Waits for the build and returns the last file of its feed it read; rethrows its error.
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
}
