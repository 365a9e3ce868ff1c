import Foundation

/// Turns one feed's raw cell values into typed values under the feed's config: pinned
/// timestamp formats, status value maps.
struct FieldReaders: Sendable {
    let feed: FeedConfig
    let parsers: [String: TimestampParser]
    /// The feed kind's closed list of statuses, built once: `status` runs for every row.
    private let knownStatuses: [String]

    init(feed: FeedConfig, timeZone: TimeZone) throws {
        self.feed = feed
        knownStatuses = feed.kind.statusValues
        var parsers: [String: TimestampParser] = [:]
        for column in feed.kind.timestampColumns {
            parsers[column] = try TimestampParser(format: feed.timestampFormat(of: column), timeZone: timeZone)
        }
        self.parsers = parsers
    }

    /// A timestamp in a required column: a bad value costs the row.
    func requiredInstant(_ value: String, column: String) throws(RowProblem) -> Instant {
        guard let instant = parsers[column]?.parse(value) else {
            throw RowProblem(column: column, reason: badTimestampReason(column))
        }
        return instant
    }

    /// A timestamp in an optional column: a bad value becomes empty plus a warning.
    func optionalInstant(_ value: String?, column: String, line: Int, warnings: inout [QuarantineEntry]) -> Instant? {
        guard let value else { return nil }
        guard let instant = parsers[column]?.parse(value) else {
            warnings.append(.warning(line: line, column: column, reason: badTimestampReason(column) + "; loaded as empty"))
            return nil
        }
        return instant
    }

    /// The canonical status for an exported one, through the feed's value map.
    func status(_ value: String) throws(RowProblem) -> String {
        let canonical = feed.statusValues[value] ?? value
        guard knownStatuses.contains(canonical) else {
            let column = feed.kind.statusColumn
            throw RowProblem(column: column, reason: "unknown \(column) '\(value)' with no mapping")
        }
        return canonical
    }

    private func badTimestampReason(_ column: String) -> String {
        let format = feed.timestampFormat(of: column)
        return format == .automatic
            ? "\(column) is not a timestamp of a supported form"
            : "\(column) does not match the pinned format \(format)"
    }
}
