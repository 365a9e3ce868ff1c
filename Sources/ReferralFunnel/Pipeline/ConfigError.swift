/// Why a pipeline config cannot be used. Each names the file, the key and the problem,
/// and is raised before any data is read.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case invalidYAML(file: String, reason: String)
    case unknownKey(file: String, key: String, allowed: [String])
    case missingKey(file: String, key: String)
    case invalidValue(file: String, key: String, problem: String)
    /// Raised when a run or `validate` looks for the files, not when the config is loaded:
    /// `status` and `explain` must work while the exports are away.
    case feedMatchesNoFile(file: String, key: String, patterns: [String], onlyFolders: Bool)

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
        case let .feedMatchesNoFile(file, key, patterns, onlyFolders):
            let quoted = patterns.map { "'\($0)'" }.joined(separator: ", ")
            let matched = onlyFolders ? "matches only folders, no file" : "matches no file"
            return "\(file): key '\(key)': \(quoted) \(matched); check the pattern (names are case-sensitive) "
                + "and that the exports are there, or leave the feed out of the config if the practice has none"
        }
    }
}
