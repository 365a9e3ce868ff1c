/// Why the sample generator could not run.
public enum SampleError: Error, Equatable, CustomStringConvertible {
    case invalidOption(name: String, problem: String)
    case cannotWrite(path: String, reason: String)
    /// `count` files the sample would write exist already, `first` among them.
    case wouldOverwrite(first: String, count: Int)

    public var description: String {
        switch self {
        case let .invalidOption(name, problem):
            return "--\(name): \(problem)"
        case let .cannotWrite(path, reason):
            return "\(path): cannot write the sample export: \(reason)"
        case let .wouldOverwrite(first, count):
            return "\(first) exists (and \(count - 1) more of the files the sample would write): nothing was written; "
                + "choose another --out, or give --force to overwrite them"
        }
    }
}
