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
        // WAL keeps a killed run's partial transaction out of the database file; readers
        // (reports, status) never block the writer.
        try database.execute("pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = on; pragma busy_timeout = 0;")
        // SQLite's default page cache is 2 MB; the transform's sorts and joins over a year
        // of sessions then spill and re-read pages. 64 MB keeps them in memory and still
        // leaves the run far under its memory budget.
        try database.execute("pragma cache_size = -65536;")
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
