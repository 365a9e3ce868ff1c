import Foundation

/// One pipeline: where its exports are, how to read them, the metric parameters, and where
/// the warehouse and reports go (SPEC section 6). Relative paths are resolved against the
/// folder that holds the config file.
public struct PipelineConfig: Sendable {
    public var name: String
    public var configFile: URL
    public var timeZone: TimeZone
    public var siteDomains: [String]
    public var sourcesFile: URL
    public var requiredItems: [String]
    public var slaHours: Double
    public var followupDays: Double
    public var stallDays: Double
    public var linkWindowDays: Double
    public var maxRejectRate: Double
    /// A feed with no new file for longer than this is flagged as stale in data quality.
    public var staleFeedDays: Double
    public var warehouse: URL
    public var outputFolder: URL
    /// A file holding the patient-identifier hashing key, used when the environment has none.
    public var patientKeyFile: URL?
    /// Lets the sample pipeline fall back to a published development key (with a warning).
    public var allowDevelopmentKey: Bool
    public var feeds: [FeedKind: FeedConfig]

    public func feed(_ kind: FeedKind) -> FeedConfig {
        feeds[kind] ?? FeedConfig(kind: kind, filePatterns: [])
    }
}

/// How one feed's exports are found and mapped onto the canonical layout.
public struct FeedConfig: Sendable, Equatable {
    public var kind: FeedKind
    /// Glob patterns, already resolved to absolute paths.
    public var filePatterns: [String]
    /// Canonical column name → the export's column (or JSON field) name.
    public var columnNames: [String: String] = [:]
    /// The export's status (or web event) value → canonical value.
    public var statusValues: [String: String] = [:]
    /// Canonical timestamp column → pinned format.
    public var timestampFormats: [String: TimestampFormat] = [:]

    public init(kind: FeedKind, filePatterns: [String], columnNames: [String: String] = [:],
                statusValues: [String: String] = [:], timestampFormats: [String: TimestampFormat] = [:]) {
        self.kind = kind
        self.filePatterns = filePatterns
        self.columnNames = columnNames
        self.statusValues = statusValues
        self.timestampFormats = timestampFormats
    }

    /// The name a canonical column has in this feed's exports.
    public func exportName(of canonicalColumn: String) -> String {
        columnNames[canonicalColumn] ?? canonicalColumn
    }

    public func timestampFormat(of canonicalColumn: String) -> TimestampFormat {
        timestampFormats[canonicalColumn] ?? .automatic
    }
}
