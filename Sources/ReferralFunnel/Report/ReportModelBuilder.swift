import Foundation

/// Reads the marts into the `ReportModel` every writer formats. The only place report
/// numbers come from; nothing here computes a metric, it only reads and shapes rows.
public struct ReportModelBuilder {
    let config: PipelineConfig
    let database: Database
    let rules: TimeZoneRules
    /// Completeness the dashboards draw as a target line.
    public static let completenessTarget = 0.8

    public init(config: PipelineConfig, database: Database) {
        self.config = config
        self.database = database
        self.rules = TimeZoneRules(timeZone: config.timeZone)
    }

    public func build(timeline: Timeline) throws -> ReportModel {
        try Transformer.registerFunctions(on: database, rules: rules)
        let metrics = try readMetrics()
        let namesInReports = Set(metrics.map(\.source)).subtracting([allSourcesName])
        let sourceRows = try database.rows("select source_name, source_type from dim_sources order by source_name")
        let slugs = SourceSlug.slugs(for: namesInReports.sorted())
        let sources = sourceRows.compactMap { row -> SourceInfo? in
            guard let name = row[0].string, namesInReports.contains(name) else { return nil }
            return SourceInfo(name: name, type: row[1].string ?? "other", slug: slugs[name] ?? name)
        }
        var model = ReportModel(
            pipelineName: config.name,
            timeZoneIdentifier: config.timeZone.identifier,
            asOf: timeline.asOf,
            asOfLocalText: rules.localDateTimeText(of: timeline.asOf),
            reportWeek: timeline.reportWeek,
            weeks: timeline.csvWeeks,
            parameters: .init(slaHours: config.slaHours, followupDays: config.followupDays, stallDays: config.stallDays,
                              linkWindowDays: config.linkWindowDays, requiredItems: config.requiredItems,
                              completenessTarget: Self.completenessTarget),
            sources: sources,
            metrics: metrics,
            missingItems: try readMissingItems(),
            firstAppointmentDays: try readFirstAppointmentDays(timeline: timeline),
            stalled: try readStalled(),
            dataQuality: try DataQualityReader(config: config, database: database, rules: rules).read(timeline: timeline)
        )
        model.landingPages = try readLandingFunnel(.landingPage)
        model.campaigns = try readLandingFunnel(.campaign)
        return model
    }

    private func readLandingFunnel(_ dimension: LandingDimension) throws -> LandingFunnel {
        LandingFunnel(dimension: dimension,
                      rows: try readLandingRows(dimension, from: dimension.periodMart, bySource: false),
                      rowsBySource: try readLandingRows(dimension, from: dimension.sourcePeriodMart, bySource: true))
    }

    /// The rows of one SPEC 4.1 mart, each count read from the column of its catalogue name.
    private func readLandingRows(_ dimension: LandingDimension, from mart: String, bySource: Bool) throws -> [LandingFunnelRow] {
        let statement = try database.prepare("select * from \(mart) order by end_week, week_count")
        let position = Self.columnPositions(of: statement, model: mart)
        let weekCount = try position("week_count"), endWeek = try position("end_week")
        let sourceName = bySource ? try position("source_name") : nil
        let keys = try dimension.keyColumns.map(position)
        let counts = try MetricCatalogue.landingPageCounts.map { (name: $0.name, position: try position($0.name)) }
        var rows: [LandingFunnelRow] = []
        while try statement.step() {
            var metrics = FunnelMetricsRow(
                period: Period(weekCount: statement.value(at: weekCount).int ?? 0,
                               endWeek: statement.value(at: endWeek).string ?? ""),
                source: sourceName.map { statement.value(at: $0).string ?? "" } ?? allSourcesName)
            for count in counts {
                metrics.set(count.name, statement.value(at: count.position).double)
            }
            rows.append(LandingFunnelRow(key: keys.map { statement.value(at: $0).string ?? "" }, metrics: metrics))
        }
        return rows
    }

    /// A lookup of `statement`'s result columns by name, which throws for a column the mart
    /// lacks: the readers name columns as the catalogue does, and keep no list of their own.
    private static func columnPositions(of statement: Statement, model: String) -> (String) throws -> Int {
        let positions = Dictionary((0..<statement.columnCount).map { (statement.columnName(at: $0), $0) },
                                   uniquingKeysWith: { first, _ in first })
        return { column in
            guard let position = positions[column] else {
                throw PipelineError.missingModelColumn(model: model, column: column)
            }
            return position
        }
    }

    /// Every stored metric of the catalogue, each read from the column of its name: the
    /// positions are looked up once from the statement, so no list of columns is kept here.
    private func readMetrics() throws -> [FunnelMetricsRow] {
        let statement = try database.prepare("""
            select * from funnel_by_source_period
            order by end_week, week_count, source_name
            """)
        let position = Self.columnPositions(of: statement, model: "funnel_by_source_period")
        let weekCount = try position("week_count"), endWeek = try position("end_week")
        let sourceName = try position("source_name")
        let metrics = try MetricCatalogue.stored.map { (name: $0.name, position: try position($0.name)) }
        var rows: [FunnelMetricsRow] = []
        while try statement.step() {
            var row = FunnelMetricsRow(
                period: Period(weekCount: statement.value(at: weekCount).int ?? 0,
                               endWeek: statement.value(at: endWeek).string ?? ""),
                source: statement.value(at: sourceName).string ?? "")
            for metric in metrics {
                row.set(metric.name, statement.value(at: metric.position).double)
            }
            rows.append(row)
        }
        return rows
    }

    private func readMissingItems() throws -> [MissingItemShare] {
        try database.rows("""
            select periods.week_count, periods.end_week, shares.source_name, shares.item, shares.referrals, shares.missing
            from missing_items_by_source_period as shares
            inner join (select distinct period_key, week_count, end_week from report_periods) as periods
                on periods.period_key = shares.period_key
            order by periods.end_week, periods.week_count, shares.source_name, shares.item
            """).map { row in
            MissingItemShare(period: Period(weekCount: row[0].int ?? 1, endWeek: row[1].string ?? ""),
                             source: row[2].string ?? "", item: row[3].string ?? "",
                             referrals: row[4].int ?? 0, missing: row[5].int ?? 0)
        }
    }

    /// In the order of the facts' week index (int_referral_facts_by_week_and_source), so no
    /// sort: the histograms do not depend on it, and sorting 80,000 samples by name and
    /// value was half of this read at bench scale.
    private func readFirstAppointmentDays(timeline: Timeline) throws -> [FirstAppointmentSample] {
        let weeks = timeline.weeks(in: Period(weekCount: 13, endWeek: timeline.reportWeek))
        guard let first = weeks.first, let last = weeks.last else { return [] }
        // Only columns of the facts' week-and-source index, read in its order: no fact row
        // is read (fct_referrals computes days_to_first_appointment from the indexed
        // microseconds). A year at bench scale: 0.10 s rather than 0.26 s.
        return try database.rows("""
            select source_name, received_week, days_to_first_appointment from fct_referrals
            where microseconds_to_first_appointment is not null and received_week between ? and ?
            order by received_week, source_key, microseconds_to_confirm, microseconds_to_first_appointment
            """, [.text(first), .text(last)]).map { row in
            FirstAppointmentSample(source: row[0].string ?? "", week: row[1].string ?? "", days: row[2].double ?? 0)
        }
    }

    /// Longest waiting first: received earliest first, which is the order of the index the
    /// worklist is read through (int_referral_facts_stall_candidates), so it needs no sort.
    /// Stepped rather than read whole, and with one copy of each source and service line
    /// name shared by their referrals: the worklist is the model's one list that grows with
    /// the history, and most of its names are too long to be stored inside a String.
    private func readStalled() throws -> [StalledReferral] {
        let statement = try database.prepare("""
            select referral_id, source_name, service_line, received_at, received_date, days_waiting
            from stalled_referrals
            order by received_at, referral_id
            """)
        var names: Set<String> = []
        func shared(_ name: String) -> String { names.insert(name).memberAfterInsert }
        var stalled: [StalledReferral] = []
        while try statement.step() {
            stalled.append(StalledReferral(
                referralID: statement.value(at: 0).string ?? "", source: shared(statement.value(at: 1).string ?? ""),
                serviceLine: statement.value(at: 2).string.map(shared),
                receivedAt: Instant(microsecondsSinceEpoch: statement.value(at: 3).int64 ?? 0),
                receivedDate: statement.value(at: 4).string ?? "", daysWaiting: statement.value(at: 5).double ?? 0))
        }
        return stalled
    }
}
