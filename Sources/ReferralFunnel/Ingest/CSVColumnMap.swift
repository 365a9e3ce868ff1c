/// Where each canonical column sits in one CSV export, found from its header row through
/// the feed's column-name mapping.
struct CSVColumnMap {
    let feed: FeedConfig
    let headerCount: Int
    /// Canonical column → index in each record.
    let indexes: [String: Int]

    /// Reads the header; throws the reason the file must be held back when a required
    /// column is missing.
    init(header: [String], feed: FeedConfig) throws(RowProblem) {
        self.feed = feed
        headerCount = header.count
        var positions: [String: Int] = [:]
        for (index, name) in header.enumerated() where positions[name] == nil {
            positions[name] = index
        }
        var indexes: [String: Int] = [:]
        for column in feed.kind.columns {
            if let index = positions[feed.exportName(of: column)] {
                indexes[column] = index
            }
        }
        for column in feed.kind.requiredColumns where indexes[column] == nil {
            let exported = feed.exportName(of: column)
            let named = exported == column ? "'\(column)'" : "'\(exported)' (mapped to \(column))"
            throw RowProblem(column: column, reason: "the header lacks the required column \(named)")
        }
        self.indexes = indexes
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

    func required(_ column: String) throws(RowProblem) -> String {
        guard let value = text(column) else {
            throw RowProblem(column: column, reason: "required value \(column) is empty")
        }
        return value
    }
}
