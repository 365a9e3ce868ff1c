/// Why an input could not be read at all. Problems with single rows are not errors: the
/// readers hand those back as malformed rows (SPEC section 5) and keep going.
public enum IngestError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, reason: String)
    case unusableTimestampFormat(format: String, problem: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "\(path): cannot open the file: \(reason)"
        case let .readFailed(path, reason):
            return "\(path): reading stopped part way through the file: \(reason)"
        case let .unusableTimestampFormat(format, problem):
            return "timestamp format '\(format)' cannot be used: \(problem)"
        }
    }
}
