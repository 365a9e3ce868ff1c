/// The weeks a run reports on (SPEC section 4): `as_of`, the first week with data, the week
/// holding `as_of`, the report week before it, and the periods the marts group by.
public struct Timeline: Sendable, Equatable {
    public var asOf: Instant
    /// The week of the earliest web ts, intake received_at or scheduling booked_at; nil
    /// when the warehouse holds no data.
    public var firstWeek: String?
    public var asOfWeek: String
    public var reportWeek: String

    /// Every week metrics.csv covers, ascending.
    public var csvWeeks: [String] {
        guard let firstWeek, firstWeek <= asOfWeek else { return [asOfWeek] }
        return TimeZoneRules.isoWeeks(from: firstWeek, through: asOfWeek)
    }

    /// Single weeks for metrics.csv and trends, plus the trailing windows the dashboards
    /// compare: ending at the report week, and the window just before each.
    public var periods: [Period] {
        var result = csvWeeks.map(Period.week)
        for length in Transformer.trailingWindowLengths {
            result.append(Period(weekCount: length, endWeek: reportWeek))
            if let previous = TimeZoneRules.isoWeek(adding: -length, to: reportWeek) {
                result.append(Period(weekCount: length, endWeek: previous))
            }
        }
        return result
    }

    public func weeks(in period: Period) -> [String] {
        guard period.weekCount > 1,
              let start = TimeZoneRules.isoWeek(adding: -(period.weekCount - 1), to: period.endWeek) else {
            return [period.endWeek]
        }
        return TimeZoneRules.isoWeeks(from: start, through: period.endWeek)
    }

    /// Reads the data's time span from the staging models.
    static func compute(database: Database, rules: TimeZoneRules, asOfOverride: Instant?) throws -> Timeline {
        // One min or max per select, so each is read from its column's index.
        let bounds = try database.rows("""
            select min(earliest), max(latest) from (
                select earliest, latest from web_event_span
                union all
                select (select min(received_at) from stg_intake__referrals), (select max(received_at) from stg_intake__referrals)
                union all
                select (select min(booked_at) from stg_scheduling__appointments),
                    (select max(booked_at) from stg_scheduling__appointments)
            )
            """).first ?? []
        let earliest = bounds.first?.int64.map(Instant.init(microsecondsSinceEpoch:))
        let latest = bounds.dropFirst().first?.int64.map(Instant.init(microsecondsSinceEpoch:))
        let asOf = asOfOverride ?? latest ?? Instant.now
        let asOfWeek = rules.isoWeek(of: asOf)
        let reportWeek = TimeZoneRules.isoWeek(adding: -1, to: asOfWeek) ?? asOfWeek
        return Timeline(asOf: asOf, firstWeek: earliest.map(rules.isoWeek(of:)), asOfWeek: asOfWeek, reportWeek: reportWeek)
    }
}
