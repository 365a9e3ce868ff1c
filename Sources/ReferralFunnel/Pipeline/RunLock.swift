import Foundation

/// An exclusive lock on a warehouse, held through an OS file lock (`flock`), so it dies with
/// its process: a killed run never leaves a stale lock behind.
public final class RunLock {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock at once or throws `PipelineError.alreadyRunning`; never waits.
    public init(warehousePath: String) throws {
        path = warehousePath + ".lock"
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let opened = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard opened >= 0 else {
            throw PipelineError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(opened, LOCK_EX | LOCK_NB) == 0 else {
            close(opened)
            throw PipelineError.alreadyRunning(lockFile: path)
        }
        descriptor = opened
    }

    /// True while some process holds the lock. Probes with a shared lock released at once,
    /// so a run starting in that instant is the only one that could be turned away.
    public static func isHeld(warehousePath: String) -> Bool {
        let descriptor = open(warehousePath + ".lock", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 else { return true }
        flock(descriptor, LOCK_UN)
        return false
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
