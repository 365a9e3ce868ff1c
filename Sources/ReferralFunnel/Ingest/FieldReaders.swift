import Foundation

/// Turns one feed's raw cell values into typed values under the feed's config: pinned
/// timestamp formats, status value maps.
struct FieldReaders: Sendable {
    let feed: FeedConfig
    /// Each timestamp column's parser, found by a search over a handful of short names and
    /// called where it is stored: a dictionary lookup hashed the name and copied the parser
    /// (retaining its tables) for every value (1.2% of a sample ingest's instructions).
    private let timestampColumns: [String]
    private let parsers: [TimestampParser]
    /// Parallel to `parsers`: the reader of a timestamp in two columns (its entry in
    /// `parsers` is then unused), nil for one in a single column.
    private let dateTimeParsers: [DateTimeColumnsParser?]
    /// Whether any entry of `dateTimeParsers` is set. Most feeds have none, and then a value
    /// never takes one out of the array (a copy of a parser, at every value).
    private let hasDateTimeColumns: Bool
    /// The feed kind's closed list of statuses, built once: `status` runs for every row.
    private let knownStatuses: [String]

    init(feed: FeedConfig, timeZone: TimeZone) throws {
        self.feed = feed
        knownStatuses = feed.kind.statusValues
        timestampColumns = feed.kind.timestampColumns
        // One set of offset tables for the feed's columns: building them reads the zone's
        // transitions through ICU, which cost 8 million instructions a column.
        let rules = TimeZoneRules(timeZone: timeZone)
        parsers = try timestampColumns.map { column -> TimestampParser in
            let isSplit = feed.dateTimeColumns[column] != nil
            return try TimestampParser(format: isSplit ? .automatic : feed.timestampFormat(of: column), rules: rules)
        }
        dateTimeParsers = try timestampColumns.map { column -> DateTimeColumnsParser? in
            guard feed.dateTimeColumns[column] != nil else { return nil }
            return try DateTimeColumnsParser(format: feed.timestampFormat(of: column), rules: rules)
        }
        hasDateTimeColumns = !feed.dateTimeColumns.isEmpty
    }

    /// A timestamp in a required column: a bad value costs the row. `time` is the time
    /// part of a timestamp in two columns (nil when empty, and for any other column).
    func requiredInstant(_ value: String, time: String? = nil, column: String) throws(RowProblem) -> Instant {
        guard let instant = parse(value, time: time, column: column) else {
            throw RowProblem(column: column, reason: badTimestampReason(value, time: time, column: column))
        }
        return instant
    }

    /// A timestamp in an optional column: a bad value becomes empty plus a warning.
    func optionalInstant(_ value: String?, time: String? = nil, column: String, line: Int,
                         warnings: inout [QuarantineEntry]) -> Instant? {
        guard let value else { return nil }
        guard let instant = parse(value, time: time, column: column) else {
            warnings.append(.warning(line: line, column: column,
                                     reason: badTimestampReason(value, time: time, column: column) + "; loaded as empty"))
            return nil
        }
        return instant
    }

    private func parse(_ value: String, time: String?, column: String) -> Instant? {
        guard let index = timestampColumns.firstIndex(of: column) else { return nil }
        if hasDateTimeColumns, let dateTime = dateTimeParser(at: index) {
            return dateTime.parse(date: value, time: time)
        }
        return parsers[index].parse(value)
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

    /// Kept out of line, so that the copy it makes stays off the path of single-column values.
    @inline(never)
    private func dateTimeParser(at index: Int) -> DateTimeColumnsParser? {
        dateTimeParsers[index]
    }

    /// Runs only for a rejected value, so telling a readable but out-of-range value apart
    /// costs nothing on the rows that load.
    private func badTimestampReason(_ value: String, time: String?, column: String) -> String {
        guard let index = timestampColumns.firstIndex(of: column) else { return "\(column) is not a timestamp column" }
        if let dateTime = dateTimeParsers[index], let parts = feed.dateTimeColumns[column] {
            return dateTime.rejectionReason(date: value, time: time, column: column, exportColumns: parts)
        }
        if parsers[index].isOutsideAcceptedRange(value) {
            return "\(column) is outside the accepted years, 2000-01-01 to 2099-12-31 (UTC)"
        }
        let format = feed.timestampFormat(of: column)
        if let detail = parsers[index].patternMismatchDescription(value) {
            return "\(column) does not match the pinned format '\(format)': \(detail)"
        }
        return format == .automatic
            ? "\(column) is not a timestamp of a supported form"
            : "\(column) does not match the pinned format \(format)"
    }
}
