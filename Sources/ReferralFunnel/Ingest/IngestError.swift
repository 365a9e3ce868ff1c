/// Why an input could not be read at all. Problems with single rows are not errors: the
/// readers hand those back as malformed rows (SPEC section 5) and keep going.
public enum IngestError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, reason: String)
    case unusableTimestampFormat(format: String, problem: String)
    /// Something a feed's glob matches that is no export: `kind` says what it is.
    case notAnExportFile(feed: String, path: String, kind: String)
    case unreadableFolder(feed: String, path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "\(path): cannot open the file: \(reason)"
        case let .readFailed(path, reason):
            return "\(path): reading stopped part way through the file: \(reason)"
        case let .notAnExportFile(feed, path, kind):
            return "\(displayPath(path)): the \(feed) feed's files match it, but it is \(kind), not a regular file; "
                + "nothing was read: move it out of the feed folder or narrow the glob"
        case let .unreadableFolder(feed, path, reason):
            return "\(displayPath(path)): the \(feed) feed's files are looked for in this folder, but it cannot be read (\(reason)); "
                + "nothing was read: let the user who runs the pipeline read it"
        case let .unusableTimestampFormat(format, problem):
            return "timestamp format '\(format)' cannot be used: \(problem)"
        }
    }
}
