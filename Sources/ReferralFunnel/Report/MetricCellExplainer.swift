import Foundation

/// The `explain` command's work: reads the marts of the last transform (read-only) and lists
/// the referrals or sessions behind one `metrics.csv` cell with the input line each came
/// from, so a coordinator who doubts a number can check it.
public struct MetricCellExplainer {
    let config: PipelineConfig

    public init(config: PipelineConfig) {
        self.config = config
    }

    /// `page`: a landing page as pages.csv spells it, for that file's cell (SPEC 4.1) rather
    /// than metrics.csv's; with a source other than `(all)`, the cell of that source's sessions
    /// (the source pages' landing-page table).
    public func explain(week: String, source: String, metric: Metric, page: String? = nil) throws -> MetricCellExplanation {
        guard week.utf8.count == 8, TimeZoneRules.isoWeekMonday(week) != nil else {
            throw ExplainError.invalidWeek(week)
        }
        let path = config.warehouse.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ExplainError.noFunnel(warehouse: path)
        }
        let database = try Database(path: path, readOnly: true)
        try database.execute("pragma busy_timeout = 2000")
        // fct_sessions is a view over the staged sessions that computes each one's week.
        try Transformer.registerFunctions(on: database, rules: TimeZoneRules(timeZone: config.timeZone))
        guard let timeline = try Timeline.recorded(in: database) else {
            throw ExplainError.noFunnel(warehouse: path)
        }
        guard timeline.csvWeeks.contains(week) else {
            throw ExplainError.weekOutsideMetrics(week: week, first: timeline.csvWeeks.first ?? "", last: timeline.asOfWeek)
        }
        let isAll = source == allSourcesName
        if !isAll, try database.scalar("select count(*) from dim_sources where source_name = ?", [.text(source)])?.int != 1 {
            throw ExplainError.unknownSource(source)
        }

        guard let explanation = metric.explanation else { throw ExplainError.notExplainable(metric.name) }
        if let page {
            return try explain(week: week, source: isAll ? nil : source, metric: metric, explanation: explanation,
                               page: page, in: database, asOf: timeline.asOf)
        }
        let cell = try database.rows("""
            select \(metric.name) from funnel_by_source_period
            where week_count = 1 and end_week = ? and source_name = ?
            """, [.text(week), .text(source)]).first?.first?.double
        let items = metric.isWebMetric
            ? try sessions(in: database, week: week, source: isAll ? nil : source, explanation: explanation)
            : try referrals(in: database, week: week, source: isAll ? nil : source, explanation: explanation)
        return MetricCellExplanation(week: week, source: source, metric: metric, cellValue: cell,
                                     asOf: timeline.asOf, items: items)
    }

    /// A pages.csv cell: the sessions with that landing page (each traced to its first
    /// page_view, the event that decides the page), or the referrals that came through the web
    /// from them (each traced to its winning row).
    private func explain(week: String, source: String?, metric: Metric, explanation: Metric.Explanation, page: String,
                         in database: Database, asOf: Instant) throws -> MetricCellExplanation {
        guard MetricCatalogue.landingPageCounts.contains(metric) else {
            throw ExplainError.notCountedPerPage(metric.name)
        }
        let cell: Double?
        if let source {
            cell = try database.rows("""
                select \(metric.name) from funnel_by_source_landing_page_period
                where week_count = 1 and end_week = ? and source_name = ? and landing_page = ?
                """, [.text(week), .text(source), .text(page)]).first?.first?.double
        } else {
            cell = try database.rows("""
                select \(metric.name) from funnel_by_landing_page_week where week = ? and landing_page = ?
                """, [.text(week), .text(page)]).first?.first?.double
        }
        let items: [MetricCellExplanation.Item]
        if metric.isWebMetric {
            items = try database.rows("""
                select sessions.session_id, null, lines.first_page_view_file_path, lines.first_page_view_line
                from (
                    select * from fct_sessions
                    where session_week = ? and landing_page = ? and (? is null or source_name = ?)
                        and (\(explanation.condition))
                ) as sessions
                inner join fct_session_lines as lines on lines.session_id = sessions.session_id
                order by sessions.session_id
                """, [.text(week), .text(page), source.databaseValue, source.databaseValue]).map(item)
        } else {
            // With a source, the referral's session's web source, as in the source pages'
            // landing-page tables, not the referral's own (SPEC 3).
            items = try database.rows("""
                select referrals.referral_id, \(explanation.valueColumn.map { "referrals." + $0 } ?? "null"),
                    lines.winning_file_path, lines.winning_line
                from (
                    select * from fct_referrals
                    where referral_id in (
                        select referral_id from fct_web_referrals
                        where received_week = ? and landing_page = ? and (? is null or session_source_name = ?)
                    ) and (\(explanation.condition))
                ) as referrals
                inner join fct_referral_lines as lines on lines.referral_id = referrals.referral_id
                order by referrals.referral_id
                """, [.text(week), .text(page), source.databaseValue, source.databaseValue]).map(item)
        }
        return MetricCellExplanation(week: week, source: source ?? allSourcesName, metric: metric, cellValue: cell,
                                     asOf: asOf, items: items, page: page)
    }

    private func referrals(in database: Database, week: String, source: String?,
                           explanation: Metric.Explanation) throws -> [MetricCellExplanation.Item] {
        try database.rows("""
            select referrals.referral_id, \(explanation.valueColumn.map { "referrals." + $0 } ?? "null"),
                lines.winning_file_path, lines.winning_line
            from (
                select * from fct_referrals
                where received_week = ? and (? is null or source_name = ?) and (\(explanation.condition))
            ) as referrals
            inner join fct_referral_lines as lines on lines.referral_id = referrals.referral_id
            order by referrals.referral_id
            """, [.text(week), source.databaseValue, source.databaseValue]).map(item)
    }

    private func sessions(in database: Database, week: String, source: String?,
                          explanation: Metric.Explanation) throws -> [MetricCellExplanation.Item] {
        try database.rows("""
            select sessions.session_id, null, lines.first_event_file_path, lines.first_event_line
            from (
                select * from fct_sessions
                where session_week = ? and (? is null or source_name = ?) and (\(explanation.condition))
            ) as sessions
            inner join fct_session_lines as lines on lines.session_id = sessions.session_id
            order by sessions.session_id
            """, [.text(week), source.databaseValue, source.databaseValue]).map(item)
    }

    private func item(_ row: [DatabaseValue]) -> MetricCellExplanation.Item {
        MetricCellExplanation.Item(id: row[0].string ?? "", value: row[1].double, path: row[2].string ?? "",
                                   line: row[3].int ?? 0)
    }
}

/// Why a cell cannot be explained.
public enum ExplainError: Error, Equatable, CustomStringConvertible {
    case invalidWeek(String)
    case noFunnel(warehouse: String)
    case weekOutsideMetrics(week: String, first: String, last: String)
    case unknownSource(String)
    case notExplainable(String)
    case notCountedPerPage(String)

    /// True for mistakes in the command line (exit 2) rather than the warehouse's state.
    public var isUsageError: Bool {
        if case .noFunnel = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case let .invalidWeek(week):
            return "--week '\(week)' is not an ISO week (use e.g. 2026-W45)"
        case let .noFunnel(warehouse):
            return "the warehouse \(warehouse) holds no funnel yet: run `run` (or `transform`) first"
        case let .weekOutsideMetrics(week, first, last):
            return "week \(week) is not in metrics.csv of the last run, which covers \(first) to \(last)"
        case let .unknownSource(source):
            return "no source named '\(source)' in the last run (use a name as metrics.csv spells it, or '(all)')"
        case let .notExplainable(metric):
            return "\(metric) is a rate: explain its numerator and denominator instead"
        case let .notCountedPerPage(metric):
            let counted = MetricCatalogue.landingPageCounts.map(\.name).joined(separator: ", ")
            return "pages.csv has no \(metric) column: with --page, explain one of \(counted)"
        }
    }
}
