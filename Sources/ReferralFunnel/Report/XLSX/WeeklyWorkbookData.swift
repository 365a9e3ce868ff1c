/// The report model indexed the ways the workbook's sheets read it. Only lookups and
/// orderings: every number still comes from the model.
struct WeeklyWorkbookData {
    let model: ReportModel
    let reportWeek: Period
    let previousWeek: Period?
    let trailingFourWeeks: Period
    let trailingThirteenWeeks: Period
    /// The up to 13 weeks ending with the report week, ascending.
    let trendWeeks: [String]
    private let rows: [Period: [String: FunnelMetricsRow]]
    private let missingShares: [Period: [String: [String: MissingItemShare]]]
    private let typesBySource: [String: String]

    init(model: ReportModel) {
        self.model = model
        reportWeek = .week(model.reportWeek)
        trailingFourWeeks = Period(weekCount: 4, endWeek: model.reportWeek)
        trailingThirteenWeeks = Period(weekCount: 13, endWeek: model.reportWeek)
        // ISO week labels (`2026-W07`) sort as text in calendar order.
        let weeksUpToReport = model.weeks.filter { $0 <= model.reportWeek }
        trendWeeks = Array(weeksUpToReport.suffix(13))
        previousWeek = weeksUpToReport.dropLast().last.map(Period.week)
        var rows: [Period: [String: FunnelMetricsRow]] = [:]
        for row in model.metrics { rows[row.period, default: [:]][row.source] = row }
        self.rows = rows
        var shares: [Period: [String: [String: MissingItemShare]]] = [:]
        for share in model.missingItems { shares[share.period, default: [:]][share.source, default: [:]][share.item] = share }
        missingShares = shares
        var types: [String: String] = [:]
        for source in model.sources { types[source.name] = source.type }
        typesBySource = types
    }

    /// The metrics of `source` in `period`; a source without a row there had all-zero counts.
    func metrics(_ period: Period, _ source: String) -> FunnelMetricsRow {
        rows[period]?[source] ?? FunnelMetricsRow(period: period, source: source)
    }

    func hasMetrics(_ period: Period, _ source: String) -> Bool {
        rows[period]?[source] != nil
    }

    func missingShare(_ period: Period, _ source: String, _ item: String) -> MissingItemShare? {
        missingShares[period]?[source]?[item]
    }

    func type(of source: String) -> String {
        source == allSourcesName ? "all" : typesBySource[source] ?? ""
    }

    /// Sources active in any of `periods` (not `(all)`), the largest by referrals in
    /// `rankedBy` first, then by name in byte order so the order never depends on hashing.
    func sources(activeIn periods: [Period], rankedBy ranking: Period) -> [String] {
        var names = Set<String>()
        for period in periods {
            for name in (rows[period] ?? [:]).keys where name != allSourcesName { names.insert(name) }
        }
        return names.sorted { lhs, rhs in
            let left = metrics(ranking, lhs).referrals
            let right = metrics(ranking, rhs).referrals
            if left != right { return left > right }
            return Array(lhs.utf8).lexicographicallyPrecedes(Array(rhs.utf8))
        }
    }

    /// Required items first, in the config's order, then any other item the model reports.
    var missingItemNames: [String] {
        var names = model.parameters.requiredItems
        let extra = Set(model.missingItems.map(\.item)).subtracting(names)
        names += extra.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return names
    }
}
