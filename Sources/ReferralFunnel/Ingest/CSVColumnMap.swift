/// Where each canonical column sits in one CSV export, found from its header row through
/// the feed's column-name mapping.
struct CSVColumnMap {
    let feed: FeedConfig
    let headerCount: Int
    /// Canonical column → index in each record (for a timestamp in two columns, its date's).
    let indexes: [String: Int]
    /// Canonical timestamp column → index of its time column, for one in two columns.
    let timeIndexes: [String: Int]

    /// Reads the header; throws the reason the file must be held back when a required
    /// column is missing or a column the mapping reads is named twice (SPEC section 5).
    ///
    /// Of two columns with one name, neither is known to hold the value: taking the first
    /// silently loaded the wrong `status` and dropped `updated_at` for a whole file. A name
    /// given twice that the mapping never reads (two `notes` columns) changes no value, so
    /// it holds nothing back.
    init(header: [String], feed: FeedConfig) throws(RowProblem) {
        self.feed = feed
        headerCount = header.count
        var positions: [String: [Int]] = [:]
        for (index, name) in header.enumerated() {
            positions[name, default: []].append(index)
        }
        func index(of exported: String, mappedTo column: String) throws(RowProblem) -> Int? {
            guard let found = positions[exported] else { return nil }
            guard found.count == 1 else {
                let places = found.map { String($0 + 1) }.joined(separator: ", ")
                throw RowProblem(column: column,
                                 reason: "the header names the column \(Self.describe(exported, mappedTo: column)) more than once (columns \(places))")
            }
            return found[0]
        }
        var indexes: [String: Int] = [:]
        var timeIndexes: [String: Int] = [:]
        for column in feed.kind.columns {
            indexes[column] = try index(of: feed.exportName(of: column), mappedTo: column)
            guard let parts = feed.dateTimeColumns[column] else { continue }
            timeIndexes[column] = try index(of: parts.time, mappedTo: column)
            // Half of a pair would load dates at midnight, or times with no date, for every
            // row: a mapping that does not fit the file, held back even for an optional column.
            switch (indexes[column], timeIndexes[column]) {
            case (_?, nil):
                throw RowProblem(column: column, reason: "the header has '\(parts.date)' but lacks '\(parts.time)', "
                                 + "which together are \(column) (date column, time column)")
            case (nil, _?):
                throw RowProblem(column: column, reason: "the header has '\(parts.time)' but lacks '\(parts.date)', "
                                 + "which together are \(column) (date column, time column)")
            default:
                break
            }
        }
        for column in feed.kind.requiredColumns where indexes[column] == nil {
            let missing = feed.dateTimeColumns[column].map { "columns '\($0.date)' and '\($0.time)' (mapped to \(column))" }
                ?? "column \(Self.describe(feed.exportName(of: column), mappedTo: column))"
            throw RowProblem(column: column, reason: "the header lacks the required \(missing)")
        }
        self.indexes = indexes
        self.timeIndexes = timeIndexes
    }

    private static func describe(_ exported: String, mappedTo column: String) -> String {
        exported == column ? "'\(column)'" : "'\(exported)' (mapped to \(column))"
    }
}

/// One CSV record read through a column map; empty cells read as nil.
struct CSVRow {
    let fields: [String]
    let columns: CSVColumnMap

    func text(_ column: String) -> String? {
        guard let index = columns.indexes[column], index < fields.count else { return nil }
        let value = fields[index]
        return value.isEmpty ? nil : value
    }

    /// The time part of a timestamp in two columns; nil for any other column, or an empty time.
    func time(_ column: String) -> String? {
        // Most feeds have no such column: skip hashing the name for every timestamp of every row.
        guard !columns.timeIndexes.isEmpty, let index = columns.timeIndexes[column], index < fields.count else { return nil }
        let value = fields[index]
        return value.isEmpty ? nil : value
    }

    func required(_ column: String) throws(RowProblem) -> String {
        guard let value = text(column) else {
            throw RowProblem(column: column, reason: "required value \(column) is empty")
        }
        return value
    }
}
