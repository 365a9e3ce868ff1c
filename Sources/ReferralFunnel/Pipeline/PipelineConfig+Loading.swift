import Foundation
import Yams

extension PipelineConfig {
    static let topLevelKeys = [
        "name", "timezone", "site_domains", "sources", "required_items", "sla_hours",
        "followup_days", "stall_days", "link_window_days", "max_reject_rate", "stale_feed_days",
        "warehouse", "output", "patient_key_file", "allow_development_key", "feeds",
    ]
    static let feedKeys = ["files", "columns", "status_values", "event_values", "timestamp_formats"]

    /// Reads and validates a pipeline config. Every problem is reported before any data is read.
    public static func load(from path: String) throws -> PipelineConfig {
        let configFile = URL(fileURLWithPath: path).standardizedFileURL
        let displayName = path
        let text: String
        do {
            text = try String(contentsOf: configFile, encoding: .utf8)
        } catch {
            throw ConfigError.unreadable(file: displayName, reason: (error as NSError).localizedDescription)
        }
        return try parse(yaml: text, configFile: configFile, displayName: displayName)
    }

    public static func parse(yaml text: String, configFile: URL, displayName: String) throws -> PipelineConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigError.invalidYAML(file: displayName, reason: "\(error)")
        }
        let reader = YAMLMappingReader(file: displayName, path: "")
        let top = try reader.mapping(root, key: "(document)", allowedKeys: topLevelKeys)
        let folder = configFile.deletingLastPathComponent()

        func resolve(_ relative: String) -> URL {
            relative.hasPrefix("/")
                ? URL(fileURLWithPath: relative).standardizedFileURL
                : folder.appendingPathComponent(relative).standardizedFileURL
        }

        let name = try reader.string(top["name"], key: "name")
            ?? configFile.deletingPathExtension().lastPathComponent
        guard let timeZoneName = try reader.string(top["timezone"], key: "timezone") else {
            throw ConfigError.missingKey(file: displayName, key: "timezone")
        }
        guard let timeZone = TimeZone(identifier: timeZoneName), timeZoneName.contains("/") || timeZoneName == "UTC" else {
            throw ConfigError.invalidValue(file: displayName, key: "timezone",
                                           problem: "'\(timeZoneName)' is not an IANA time zone name such as America/Chicago")
        }
        guard let sourcesPath = try reader.string(top["sources"], key: "sources") else {
            throw ConfigError.missingKey(file: displayName, key: "sources")
        }
        func threshold(_ key: String) throws -> Double {
            guard let bounds = thresholdBounds[key] else {
                throw ConfigError.invalidValue(file: displayName, key: key, problem: "has no documented range; this is a bug")
            }
            guard let number = try reader.number(top[key], key: key) else { return bounds.defaultValue }
            guard bounds.allows(number) else {
                throw ConfigError.invalidValue(file: displayName, key: key, problem: bounds.problem(with: number))
            }
            return number
        }

        guard let feedsNode = top["feeds"] else {
            throw ConfigError.missingKey(file: displayName, key: "feeds")
        }
        let feedsMapping = try reader.mapping(feedsNode, key: "feeds", allowedKeys: FeedKind.allCases.map(\.rawValue))
        var feeds: [FeedKind: FeedConfig] = [:]
        // A practice without one kind of export leaves that feed out; a feed that is named
        // must then find files (see ExportFiles.exports), so a typo cannot empty it unseen.
        for kind in FeedKind.allCases {
            guard let feedNode = feedsMapping[kind.rawValue] else { continue }
            feeds[kind] = try parseFeed(kind, node: feedNode, reader: reader, resolve: resolve)
        }
        guard !feeds.isEmpty else {
            throw ConfigError.invalidValue(file: displayName, key: "feeds",
                                           problem: "name at least one feed (\(FeedKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }

        let warehousePath = try reader.string(top["warehouse"], key: "warehouse") ?? "../warehouse/\(name).sqlite"
        let outputPath = try reader.string(top["output"], key: "output") ?? "../reports/\(name)"
        let keyFile = try reader.string(top["patient_key_file"], key: "patient_key_file").map(resolve)

        return try PipelineConfig(
            name: name,
            configFile: configFile,
            timeZone: timeZone,
            siteDomains: try reader.strings(top["site_domains"], key: "site_domains"),
            sourcesFile: resolve(sourcesPath),
            requiredItems: try reader.strings(top["required_items"], key: "required_items"),
            slaHours: try threshold("sla_hours"),
            followupDays: try threshold("followup_days"),
            stallDays: try threshold("stall_days"),
            linkWindowDays: try threshold("link_window_days"),
            maxRejectRate: try threshold("max_reject_rate"),
            staleFeedDays: try threshold("stale_feed_days"),
            warehouse: resolve(warehousePath),
            outputFolder: resolve(outputPath),
            patientKeyFile: keyFile,
            allowDevelopmentKey: try reader.bool(top["allow_development_key"], key: "allow_development_key") ?? false,
            feeds: feeds
        ).checkedForOutputSafety(file: displayName)
    }

    private static func parseFeed(_ kind: FeedKind, node: Node, reader: YAMLMappingReader,
                                  resolve: (String) -> URL) throws -> FeedConfig {
        let prefix = "feeds.\(kind.rawValue)"
        let valuesKey = kind == .web ? "event_values" : "status_values"
        let allowed = ["files", "columns", valuesKey, "timestamp_formats"]
        let feed = try reader.mapping(node, key: prefix, allowedKeys: allowed)
        let patterns = try reader.stringOrStrings(feed["files"], key: "\(prefix).files")
        guard !patterns.isEmpty else {
            throw ConfigError.missingKey(file: reader.file, key: "\(prefix).files")
        }
        let (columns, dateTimeColumns) = try parseColumns(kind, node: feed["columns"], reader: reader, prefix: prefix)
        let statusValues = try reader.stringMap(feed[valuesKey], key: "\(prefix).\(valuesKey)")
        for (exported, canonical) in statusValues.sorted(by: { $0.key < $1.key }) where !kind.statusValues.contains(canonical) {
            throw ConfigError.invalidValue(
                file: reader.file, key: "\(prefix).\(valuesKey).\(exported)",
                problem: "maps to '\(canonical)', which is not one of: \(kind.statusValues.joined(separator: ", "))")
        }
        var formats: [String: TimestampFormat] = [:]
        let formatsKey = "\(prefix).timestamp_formats"
        for (column, values) in try reader.stringOrStringsMap(feed["timestamp_formats"], key: formatsKey).sorted(by: { $0.key < $1.key }) {
            let key = "\(formatsKey).\(column)"
            guard kind.timestampColumns.contains(column) else {
                throw ConfigError.invalidValue(
                    file: reader.file, key: key,
                    problem: "'\(column)' is not a timestamp column (expected one of: \(kind.timestampColumns.joined(separator: ", ")))")
            }
            let format: TimestampFormat
            switch values {
            case let .one(value): format = TimestampFormat(configValue: value)
            case let .list(list):
                guard list.count == 2 else {
                    throw ConfigError.invalidValue(file: reader.file, key: key,
                                                   problem: "expected one format, or two patterns [date, time]; got \(list.count) items")
                }
                format = .dateAndTimePatterns(date: list[0], time: list[1])
            }
            let problem = dateTimeColumns[column] == nil
                ? TimestampParser.problem(with: format)
                : DateTimeColumnsParser.problem(with: format)
            if let problem {
                throw ConfigError.invalidValue(file: reader.file, key: key, problem: problem)
            }
            formats[column] = format
        }
        return FeedConfig(kind: kind, filePatterns: patterns.map { resolve($0).path },
                          columnNames: columns, statusValues: statusValues, timestampFormats: formats,
                          dateTimeColumns: dateTimeColumns)
    }

    /// `columns`: canonical name → export column, or, for an intake or scheduling timestamp,
    /// → `[date column, time column]` (SPEC 6.1).
    private static func parseColumns(_ kind: FeedKind, node: Node?, reader: YAMLMappingReader,
                                     prefix: String) throws -> ([String: String], [String: DateTimeColumns]) {
        var columns: [String: String] = [:]
        var dateTimeColumns: [String: DateTimeColumns] = [:]
        for (canonical, names) in try reader.stringOrStringsMap(node, key: "\(prefix).columns").sorted(by: { $0.key < $1.key }) {
            let key = "\(prefix).columns.\(canonical)"
            guard kind.columns.contains(canonical) else {
                throw ConfigError.invalidValue(
                    file: reader.file, key: key,
                    problem: "'\(canonical)' is not a \(kind.rawValue) column (expected one of: \(kind.columns.joined(separator: ", ")))")
            }
            switch names {
            case let .one(name):
                columns[canonical] = name
            case let .list(list):
                guard kind != .web else {
                    throw ConfigError.invalidValue(file: reader.file, key: key,
                                                   problem: "a web log field is one JSON field; only intake and scheduling columns may be two columns")
                }
                guard kind.timestampColumns.contains(canonical) else {
                    throw ConfigError.invalidValue(
                        file: reader.file, key: key,
                        problem: "only a timestamp column may be mapped to two columns [date, time] (one of: \(kind.timestampColumns.joined(separator: ", ")))")
                }
                guard list.count == 2, let date = list.first, let time = list.last, !date.isEmpty, !time.isEmpty else {
                    throw ConfigError.invalidValue(file: reader.file, key: key,
                                                   problem: "expected one column, or two named columns [date column, time column]; got \(list)")
                }
                guard date != time else {
                    throw ConfigError.invalidValue(file: reader.file, key: key,
                                                   problem: "the date and time columns are both '\(date)'; map the column to it alone")
                }
                dateTimeColumns[canonical] = DateTimeColumns(date: date, time: time)
            }
        }
        return (columns, dateTimeColumns)
    }
}

/// Reads typed values out of a YAML node tree, naming the file and key on every problem.
struct YAMLMappingReader {
    let file: String
    let path: String

    func mapping(_ node: Node?, key: String, allowedKeys: [String]) throws -> [String: Node] {
        guard let node else { return [:] }
        guard case let .mapping(mapping) = node else {
            throw ConfigError.invalidValue(file: file, key: key, problem: "expected a mapping of keys to values")
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let name = keyNode.string else {
                throw ConfigError.invalidValue(file: file, key: key, problem: "keys must be text")
            }
            guard allowedKeys.contains(name) else {
                let qualified = key == "(document)" ? name : "\(key).\(name)"
                throw ConfigError.unknownKey(file: file, key: qualified, allowed: allowedKeys)
            }
            result[name] = value
        }
        return result
    }

    func string(_ node: Node?, key: String) throws -> String? {
        guard let node else { return nil }
        guard case let .scalar(scalar) = node else {
            throw ConfigError.invalidValue(file: file, key: key, problem: "expected a single value")
        }
        return scalar.string
    }

    func number(_ node: Node?, key: String) throws -> Double? {
        guard let text = try string(node, key: key) else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw ConfigError.invalidValue(file: file, key: key, problem: "expected a number, got '\(text)'")
        }
        return value
    }

    func bool(_ node: Node?, key: String) throws -> Bool? {
        guard let node else { return nil }
        guard let value = node.bool else {
            throw ConfigError.invalidValue(file: file, key: key, problem: "expected true or false")
        }
        return value
    }

    func strings(_ node: Node?, key: String) throws -> [String] {
        guard let node else { return [] }
        guard case let .sequence(sequence) = node else {
            throw ConfigError.invalidValue(file: file, key: key, problem: "expected a list")
        }
        return try sequence.map { element in
            guard case let .scalar(scalar) = element else {
                throw ConfigError.invalidValue(file: file, key: key, problem: "list items must be single values")
            }
            return scalar.string
        }
    }

    func stringOrStrings(_ node: Node?, key: String) throws -> [String] {
        if case let .scalar(scalar)? = node { return [scalar.string] }
        return try strings(node, key: key)
    }

    enum OneOrList {
        case one(String)
        case list([String])
    }

    /// A mapping of text to text or to a list of text (`starts_at: [Appt Date, Appt Time]`).
    func stringOrStringsMap(_ node: Node?, key: String) throws -> [String: OneOrList] {
        guard let node else { return [:] }
        guard case let .mapping(mapping) = node else {
            throw ConfigError.invalidValue(file: file, key: key, problem: "expected a mapping")
        }
        var result: [String: OneOrList] = [:]
        for (keyNode, value) in mapping {
            guard case let .scalar(keyScalar) = keyNode else {
                throw ConfigError.invalidValue(file: file, key: key, problem: "entries must map text to text or to a list of text")
            }
            switch value {
            case let .scalar(valueScalar):
                result[keyScalar.string] = .one(valueScalar.string)
            case .sequence:
                result[keyScalar.string] = .list(try strings(value, key: "\(key).\(keyScalar.string)"))
            default:
                throw ConfigError.invalidValue(file: file, key: "\(key).\(keyScalar.string)",
                                               problem: "expected text or a list of text")
            }
        }
        return result
    }

    func stringMap(_ node: Node?, key: String) throws -> [String: String] {
        guard let node else { return [:] }
        guard case let .mapping(mapping) = node else {
            throw ConfigError.invalidValue(file: file, key: key, problem: "expected a mapping")
        }
        var result: [String: String] = [:]
        for (keyNode, value) in mapping {
            guard case let .scalar(keyScalar) = keyNode, case let .scalar(valueScalar) = value else {
                throw ConfigError.invalidValue(file: file, key: key, problem: "entries must map text to text")
            }
            result[keyScalar.string] = valueScalar.string
        }
        return result
    }
}
