/// SPEC 4.1's two other views of the funnel: by the landing page of a session, and by its
/// campaign (the first event's utm_source, utm_medium and utm_campaign).
public enum LandingDimension: String, Sendable, CaseIterable {
    case landingPage, campaign

    /// The key columns, as pages.csv and campaigns.csv head them, in their order.
    public var keyColumns: [String] {
        switch self {
        case .landingPage: ["landing_page"]
        case .campaign: ["utm_source", "utm_medium", "utm_campaign"]
        }
    }

    /// The marts: per period and key, and per period, the sessions' source and key.
    var periodMart: String {
        switch self {
        case .landingPage: "funnel_by_landing_page_period"
        case .campaign: "funnel_by_campaign_period"
        }
    }

    var sourcePeriodMart: String {
        switch self {
        case .landingPage: "funnel_by_source_landing_page_period"
        case .campaign: "funnel_by_source_campaign_period"
        }
    }

    /// The row that holds the keys with too few sessions to show one by one.
    public var othersLabel: String {
        switch self {
        case .landingPage: "(other pages)"
        case .campaign: "(other campaigns)"
        }
    }

    /// The CSV file of SPEC section 7.
    public var csvFileName: String {
        switch self {
        case .landingPage: "pages.csv"
        case .campaign: "campaigns.csv"
        }
    }
}

/// The counts of `MetricCatalogue.landingPageCounts` for one period and one landing page or
/// campaign, over all sources (`metrics.source` is `(all)`) or the sessions of one source.
/// Rates come from `metrics`' subscript, as for any funnel row.
public struct LandingFunnelRow: Sendable, Equatable {
    /// The key's values in `LandingDimension.keyColumns` order; "" for an absent utm value.
    public var key: [String]
    public var metrics: FunnelMetricsRow

    /// The views' `(other pages)` or `(other campaigns)` row: the sum of the keys with too
    /// few sessions to show one by one (`LandingFunnel.rankedGroupingSmallNumbers`).
    public var othersLabel: String?

    public init(key: [String], metrics: FunnelMetricsRow, othersLabel: String? = nil) {
        self.key = key
        self.metrics = metrics
        self.othersLabel = othersLabel
    }

    public var period: Period { metrics.period }
    public var source: String { metrics.source }

    /// A page's path, or a campaign as `source / medium / campaign` with `(none)` for absent.
    public var keyText: String {
        if let othersLabel { return othersLabel }
        return key.count == 1 ? key[0] : key.map { $0.isEmpty ? "(none)" : $0 }.joined(separator: " / ")
    }

    /// Byte order of each key column's UTF-8, an empty cell first (SPEC 4.1).
    static func keyPrecedes(_ lhs: [String], _ rhs: [String]) -> Bool {
        for (left, right) in zip(lhs, rhs) where left != right {
            return Array(left.utf8).lexicographicallyPrecedes(Array(right.utf8))
        }
        return lhs.count < rhs.count
    }
}

/// Every row of one dimension the reports read: all sources, and each source's sessions.
public struct LandingFunnel: Sendable, Equatable {
    public var dimension: LandingDimension
    /// Per period and key, over all sources (source `(all)`).
    public var rows: [LandingFunnelRow]
    /// Per period, source and key, by the sessions' web source.
    public var rowsBySource: [LandingFunnelRow]

    public init(dimension: LandingDimension, rows: [LandingFunnelRow] = [], rowsBySource: [LandingFunnelRow] = []) {
        self.dimension = dimension
        self.rows = rows
        self.rowsBySource = rowsBySource
    }

    /// The rows of one period, over all sources or for `source`, most sessions first (ties
    /// in key order), as the views rank them.
    public func ranked(_ period: Period, source: String? = nil) -> [LandingFunnelRow] {
        let chosen = source.map { source in rowsBySource.filter { $0.period == period && $0.source == source } }
            ?? rows.filter { $0.period == period }
        return chosen.sorted { lhs, rhs in
            if lhs.metrics.sessions != rhs.metrics.sessions { return lhs.metrics.sessions > rhs.metrics.sessions }
            return LandingFunnelRow.keyPrecedes(lhs.key, rhs.key)
        }
    }

    /// `ranked(period, source:)` with the keys of fewer than `LandingRanking.minimumSessions`
    /// sessions summed into one `(other …)` row, last; no such row when there are none.
    public func rankedGroupingSmallNumbers(_ period: Period, source: String? = nil) -> [LandingFunnelRow] {
        let ranking = LandingRanking(ranked(period, source: source))
        guard let other = ranking.other else { return ranking.shown }
        let emptyKey = dimension.keyColumns.map { _ in "" }
        return ranking.shown + [LandingFunnelRow(key: emptyKey, metrics: other.metrics, othersLabel: dimension.othersLabel)]
    }
}

/// The rows of one period of SPEC 4.1's landing-page or campaign view as the pages and the
/// workbook show them: those with enough sessions to mean something, busiest first, then the
/// rest pooled into one "(other …)" row, so the long tail of one-visit URLs does not drown the
/// table (issue 23); the CSVs keep every row. The pooled row only sums counts; its rates come
/// from `FunnelMetricsRow`'s subscript like every other row's.
public struct LandingRanking: Sendable {
    /// A page or campaign with fewer sessions than this in the period is pooled.
    public static let minimumSessions = 5

    public struct Pooled: Sendable {
        public var metrics: FunnelMetricsRow
        /// How many pages or campaigns it holds.
        public var count: Int
    }

    /// At least `minimumSessions` sessions each, in `LandingFunnel.ranked` order.
    public let shown: [LandingFunnelRow]
    public let other: Pooled?

    public init(_ ranked: [LandingFunnelRow]) {
        shown = ranked.filter { $0.metrics.sessions >= Self.minimumSessions }
        let pooled = ranked.filter { $0.metrics.sessions < Self.minimumSessions }
        guard let first = pooled.first else {
            other = nil
            return
        }
        var sum = FunnelMetricsRow(period: first.period, source: first.source)
        for metric in MetricCatalogue.landingPageCounts {
            sum.set(metric.name, Double(pooled.reduce(0) { $0 + $1.metrics.count(metric.name) }))
        }
        other = Pooled(metrics: sum, count: pooled.count)
    }

    public var isEmpty: Bool { shown.isEmpty && other == nil }
}
