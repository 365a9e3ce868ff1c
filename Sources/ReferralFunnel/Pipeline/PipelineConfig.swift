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
    /// Canonical timestamp column → the two export columns holding its date and its time
    /// (SPEC 6.1). Such a column is in this map and not in `columnNames`.
    public var dateTimeColumns: [String: DateTimeColumns] = [:]

    public init(kind: FeedKind, filePatterns: [String], columnNames: [String: String] = [:],
                statusValues: [String: String] = [:], timestampFormats: [String: TimestampFormat] = [:],
                dateTimeColumns: [String: DateTimeColumns] = [:]) {
        self.kind = kind
        self.filePatterns = filePatterns
        self.columnNames = columnNames
        self.statusValues = statusValues
        self.timestampFormats = timestampFormats
        self.dateTimeColumns = dateTimeColumns
    }

    /// The name a canonical column has in this feed's exports; for a timestamp in two
    /// columns, its date column's, the one whose emptiness makes the timestamp empty.
    public func exportName(of canonicalColumn: String) -> String {
        columnNames[canonicalColumn] ?? dateTimeColumns[canonicalColumn]?.date ?? canonicalColumn
    }

    public func timestampFormat(of canonicalColumn: String) -> TimestampFormat {
        timestampFormats[canonicalColumn] ?? .automatic
    }
}

/// The two export columns a timestamp is mapped to (SPEC 6.1): the date's, then the time's.
public struct DateTimeColumns: Sendable, Hashable {
    public var date: String
    public var time: String

    public init(date: String, time: String) {
        self.date = date
        self.time = time
    }
}

/// The range a numeric config key may take, checked when the config is loaded. The upper
/// bounds are far above any sensible setting but keep every duration well inside what the
/// transform computes in whole microseconds (an `sla_hours` of 1e300 once trapped there).
public struct ThresholdBounds: Sendable {
    public var defaultValue: Double
    /// The lowest value allowed, or (when `lowerIsExclusive`) the value it must exceed.
    public var lower: Double
    public var lowerIsExclusive: Bool
    public var upper: Double
    /// How the range reads in an error and in the README: "more than 0 and at most 26280 (three years)".
    public var rangeText: String

    public func allows(_ value: Double) -> Bool {
        (lowerIsExclusive ? value > lower : value >= lower) && value <= upper
    }

    func problem(with value: Double) -> String {
        "must be \(rangeText), got \(value)"
    }
}

extension PipelineConfig {
    /// Three years, in days: a threshold beyond it can only be a typo.
    static let longestDaySpan: Double = 1_095

    private static func days(default value: Double) -> ThresholdBounds {
        ThresholdBounds(defaultValue: value, lower: 0, lowerIsExclusive: true, upper: longestDaySpan,
                        rangeText: "more than 0 and at most 1095 days (three years)")
    }

    /// Every number a pipeline config takes, with its default and range.
    public static let thresholdBounds: [String: ThresholdBounds] = [
        "sla_hours": ThresholdBounds(defaultValue: 24, lower: 0, lowerIsExclusive: true, upper: longestDaySpan * 24,
                                     rangeText: "more than 0 and at most 26280 hours (three years)"),
        "followup_days": days(default: 7),
        "stall_days": days(default: 14),
        "link_window_days": days(default: 90),
        "stale_feed_days": days(default: 3),
        "max_reject_rate": ThresholdBounds(defaultValue: 0.05, lower: 0, lowerIsExclusive: false, upper: 1,
                                           rangeText: "a share from 0 to 1"),
    ]
}
