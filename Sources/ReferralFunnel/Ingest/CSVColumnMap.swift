/// Where each canonical column sits in one CSV export, found from its header row through
/// the feed's column-name mapping.
struct CSVColumnMap {
    let feed: FeedConfig
    let headerCount: Int
    /// Canonical column → index in each record.
    let indexes: [String: Int]

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
        var indexes: [String: Int] = [:]
        for column in feed.kind.columns {
            let exported = feed.exportName(of: column)
            guard let found = positions[exported] else { continue }
            guard found.count == 1 else {
                let places = found.map { String($0 + 1) }.joined(separator: ", ")
                throw RowProblem(column: column,
                                 reason: "the header names the column \(Self.describe(exported, mappedTo: column)) more than once (columns \(places))")
            }
            indexes[column] = found[0]
        }
        for column in feed.kind.requiredColumns where indexes[column] == nil {
            throw RowProblem(column: column,
                             reason: "the header lacks the required column \(Self.describe(feed.exportName(of: column), mappedTo: column))")
        }
        self.indexes = indexes
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

    func required(_ column: String) throws(RowProblem) -> String {
        guard let value = text(column) else {
            throw RowProblem(column: column, reason: "required value \(column) is empty")
        }
        return value
    }
}
