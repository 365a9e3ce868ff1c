/// Why the sample generator could not run.
public enum SampleError: Error, Equatable, CustomStringConvertible {
    case invalidOption(name: String, problem: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidOption(name, problem):
            return "--\(name): \(problem)"
        case let .cannotWrite(path, reason):
            return "\(path): cannot write the sample export: \(reason)"
        }
    }
}
