import Foundation

/// The pipeline's SQLite warehouse: opened with its schema migrated, readable by its owner only.
public final class Warehouse {
    public let database: Database
    public let path: String

    public init(path: String) throws {
        self.path = path
        if path != ":memory:" {
            try Self.createOwnerOnly(path)
        }
        database = try Database(path: path)
        // Pages stay SQLite's 4 KB: 16 KB pages sped a year's cold transform (41.9 s -> 37.4 s,
        // fewer reads for the sorts and scans) but a night's merges read kept rows at random,
        // one page each, and its session merge went from 0.2 s to 1.1 s, its transform from
        // 3.9 s to 6.2 s. Nights are the everyday run.
        // WAL keeps a killed run's partial transaction out of the database file; readers
        // (reports, status) never block the writer.
        try database.execute("pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = on; pragma busy_timeout = 0;")
        // SQLite's default page cache is 2 MB, too small for a night's appends and merges.
        // SQLite also sizes its sorters by the page cache, so a larger one (64 MB was tried)
        // lifted a year's transform to 300 MB resident and ran no faster: 16 MB is the
        // measured middle (a 10M-event year: transform peak 98 MB, same speed).
        // Sorter helper threads stay off: each holds its own sort buffers (with two, the
        // referral staging took SQLite from 54 to 118 MB) and the cold run did not measurably
        // change (bench medians 70.2 s with, 69.7 s without). The second core goes to a
        // second connection instead (BackgroundWebSessionBuild).
        try database.execute("pragma cache_size = -16384; pragma threads = 0;")
        try Migrations.apply(to: database)
    }

    /// Creates the file (and its folder) before SQLite does, so it starts as mode 0600;
    /// SQLite gives its -wal and -shm files the database file's permissions.
    static func createOwnerOnly(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw PipelineError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        fchmod(descriptor, 0o600)
        close(descriptor)
    }
}

extension Warehouse {
    /// SQLite's default: a commit that leaves more pages than this in the WAL copies them
    /// into the database before it returns.
    static let autocheckpointPages = 1000

    /// Copies the committed pages waiting in the WAL into the database file, on a second
    /// connection and thread, while the caller goes on with its own work (a transaction, or
    /// reading for the reports). Without it the next commit copies them, on the caller's
    /// thread. A PASSIVE checkpoint: it takes no lock a reader or the writer waits for, and
    /// copies only what no reader still needs from the WAL. Its errors are the next
    /// checkpoint's to meet again, so none is reported.
    ///
    /// It yields the cores to the run's own threads: after a night's transform it shares two
    /// cores with the HTML pages and the workbook, and at equal priority it slowed them
    /// (a year at bench scale: the report stage 0.72 s against 0.60 s yielding, medians of 7).
    static func checkpointInBackground(path: String) -> BackgroundWork<Void> {
        BackgroundWork.yielding {
            let database = try Database(path: path)
            _ = try database.rows("pragma wal_checkpoint(passive)")
        }
    }
}
