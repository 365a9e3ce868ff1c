/// Why a pipeline config cannot be used. Each names the file, the key and the problem,
/// and is raised before any data is read.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case invalidYAML(file: String, reason: String)
    case unknownKey(file: String, key: String, allowed: [String])
    case missingKey(file: String, key: String)
    case invalidValue(file: String, key: String, problem: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the config: \(reason)"
        case let .invalidYAML(file, reason):
            return "\(file): not valid YAML: \(reason)"
        case let .unknownKey(file, key, allowed):
            return "\(file): unknown key '\(key)' (expected one of: \(allowed.joined(separator: ", ")))"
        case let .missingKey(file, key):
            return "\(file): missing required key '\(key)'"
        case let .invalidValue(file, key, problem):
            return "\(file): key '\(key)': \(problem)"
        }
    }
}
