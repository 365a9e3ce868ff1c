/// Fast access to the model's rows by period and source. A row the model does not hold
/// means nothing happened: all counts zero, medians empty.
struct ReportLookup {
    let model: ReportModel
    private let rows: [String: FunnelMetricsRow]
    private let missingShares: [String: MissingItemShare]
    /// Grouped once, in the model's order: filtering for every source page made a year at
    /// bench scale 25 passes over 113,000 samples and 53,000 stalled referrals.
    private let firstAppointmentDaysBySource: [String: [Double]]
    /// Positions in `model.stalled`, not copies: the worklist is the model's one list that
    /// grows with the history (53,000 referrals at bench scale, 6 MB copied).
    private let stalledPositionsBySource: [String: [Int]]
    /// Each source's rows of the landing-page and campaign views, grouped once for the same
    /// reason: every source page would otherwise filter every source's rows.
    private let landingBySource: [LandingDimension: [String: LandingFunnel]]

    init(model: ReportModel) {
        self.model = model
        var rows: [String: FunnelMetricsRow] = [:]
        for row in model.metrics { rows[Self.key(row.period, row.source)] = row }
        self.rows = rows
        var shares: [String: MissingItemShare] = [:]
        for share in model.missingItems { shares[Self.key(share.period, share.source) + "\u{0}" + share.item] = share }
        self.missingShares = shares
        firstAppointmentDaysBySource = Dictionary(grouping: model.firstAppointmentDays, by: \.source).mapValues { $0.map(\.days) }
        stalledPositionsBySource = Dictionary(grouping: model.stalled.indices, by: { model.stalled[$0].source })
        var landing: [LandingDimension: [String: LandingFunnel]] = [:]
        for dimension in LandingDimension.allCases {
            landing[dimension] = Dictionary(grouping: model.landingFunnel(dimension).rowsBySource, by: \.source)
                .mapValues { LandingFunnel(dimension: dimension, rowsBySource: $0) }
        }
        landingBySource = landing
    }

    private static func key(_ period: Period, _ source: String) -> String { period.key + "\u{0}" + source }

    func row(_ period: Period, _ source: String) -> FunnelMetricsRow {
        rows[Self.key(period, source)] ?? FunnelMetricsRow(period: period, source: source)
    }

    func missingShare(_ period: Period, _ source: String, item: String) -> MissingItemShare {
        missingShares[Self.key(period, source) + "\u{0}" + item]
            ?? MissingItemShare(period: period, source: source, item: item, referrals: 0, missing: 0)
    }

    /// Days from receipt to first appointment of the source's scheduled referrals received
    /// in the 13 weeks that end with the report week.
    func firstAppointmentDays(of source: String) -> [Double] {
        firstAppointmentDaysBySource[source] ?? []
    }

    /// The source's stalled referrals, in the worklist's order.
    func stalled(of source: String) -> LazyMapSequence<[Int], StalledReferral> {
        let stalled = model.stalled
        return (stalledPositionsBySource[source] ?? []).lazy.map { stalled[$0] }
    }

    /// The rows of one period of a landing-page or campaign view, over all sources or of the
    /// sessions of `source`, in `LandingFunnel.ranked` order.
    func landingRanked(_ dimension: LandingDimension, _ period: Period, source: String? = nil) -> [LandingFunnelRow] {
        guard let source else { return model.landingFunnel(dimension).ranked(period) }
        return landingBySource[dimension]?[source]?.ranked(period, source: source) ?? []
    }

    /// The report week and the trailing 4- and 13-week windows that end with it.
    var headlinePeriods: [Period] {
        [1, 4, 13].map { Period(weekCount: $0, endWeek: model.reportWeek) }
    }

    /// The period of the same length that ends just before this one starts.
    func previous(_ period: Period) -> Period? {
        guard let end = TimeZoneRules.isoWeek(adding: -period.weekCount, to: period.endWeek) else { return nil }
        return Period(weekCount: period.weekCount, endWeek: end)
    }

    /// The 13 single weeks that end with the report week, oldest first.
    var trendWeeks: [String] {
        guard let start = TimeZoneRules.isoWeek(adding: -12, to: model.reportWeek) else { return [model.reportWeek] }
        return TimeZoneRules.isoWeeks(from: start, through: model.reportWeek)
    }

    /// Sources by referrals in the report week (then 13 weeks, then name), the index's order.
    var sourcesByVolume: [SourceInfo] {
        let week = Period.week(model.reportWeek)
        let window = Period(weekCount: 13, endWeek: model.reportWeek)
        return model.sources.sorted { lhs, rhs in
            let left = (row(week, lhs.name).referrals, row(window, lhs.name).referrals)
            let right = (row(week, rhs.name).referrals, row(window, rhs.name).referrals)
            if left != right { return left > right }
            return Array(lhs.name.utf8).lexicographicallyPrecedes(Array(rhs.name.utf8))
        }
    }
}
