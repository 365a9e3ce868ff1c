/// The rows behind one `metrics.csv` cell, each traced to the input line it came from.
/// Holds referral and session IDs only, never a patient identifier.
public struct MetricCellExplanation: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        /// A referral ID, or for web metrics a session ID.
        public var id: String
        /// The metric's per-row value (hours, days, a count), when it has one.
        public var value: Double?
        /// The input file and line: a referral's winning snapshot row, a session's first event.
        public var path: String
        public var line: Int
    }

    public var week: String
    public var source: String
    public var metric: Metric
    /// The cell as the last transform computed it; nil for an empty cell (a statistic of
    /// nothing, or a source absent that week).
    public var cellValue: Double?
    /// The as_of of the transform the marts come from.
    public var asOf: Instant
    /// In ID order.
    public var items: [Item]
    /// The landing page of a pages.csv cell (SPEC 4.1); nil for a metrics.csv cell.
    public var page: String?

    /// The cell recomputed from `items`: their number, the sum of their values, or the
    /// interpolated percentile of their values (SPEC section 4).
    public var recomputedValue: Double? {
        switch metric.aggregate {
        case .count:
            return Double(items.count)
        case .sum:
            return items.reduce(0) { $0 + ($1.value ?? 0) }
        case let .percentile(fraction):
            return Percentile.linear(items.compactMap(\.value), fraction: fraction)
        }
    }

    /// True when the listing accounts for the cell exactly (to the two decimals metrics.csv shows).
    public var matchesCell: Bool {
        let cell = cellValue ?? (metric.aggregate.isPercentile ? nil : 0)
        switch (cell, recomputedValue) {
        case (nil, nil): return true
        case let (cell?, listed?): return abs(cell - listed) < 0.005
        default: return false
        }
    }
}

extension Metric.Aggregate {
    var isPercentile: Bool {
        if case .percentile = self { return true }
        return false
    }
}
