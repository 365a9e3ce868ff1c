import Foundation

/// Writes `metrics.csv` (SPEC sections 4 and 7): every week from the first with data to the
/// one holding as_of, `(all)` first in each week, then sources in byte order of their UTF-8
/// names; counts as integers, durations with two decimals, empty cells for empty sets.
public enum MetricsCSVWriter {
    public static let header = [
        "week", "source", "sessions", "form_starts", "form_submits", "referrals", "complete", "returned",
        "accepted", "confirmed", "confirmed_within_sla", "median_hours_to_confirm", "scheduled",
        "median_days_to_first_appointment", "p90_days_to_first_appointment", "completed",
        "no_show_appointments", "attended_appointments", "closed_loop", "stalled",
    ]

    public static func csv(for model: ReportModel) -> String {
        let weeks = Set(model.weeks)
        let rows = model.metrics
            .filter { $0.period.weekCount == 1 && weeks.contains($0.period.endWeek) }
            .sorted { lhs, rhs in
                if lhs.period.endWeek != rhs.period.endWeek { return lhs.period.endWeek < rhs.period.endWeek }
                let lhsIsAll = lhs.source == allSourcesName
                let rhsIsAll = rhs.source == allSourcesName
                if lhsIsAll != rhsIsAll { return lhsIsAll }
                return Array(lhs.source.utf8).lexicographicallyPrecedes(Array(rhs.source.utf8))
            }
        var text = header.joined(separator: ",") + "\n"
        for row in rows {
            let cells: [String] = [
                row.period.endWeek, row.source,
                String(row.sessions), String(row.formStarts), String(row.formSubmits), String(row.referrals),
                String(row.complete), String(row.returned), String(row.accepted), String(row.confirmed),
                String(row.confirmedWithinSLA), duration(row.medianHoursToConfirm), String(row.scheduled),
                duration(row.medianDaysToFirstAppointment), duration(row.p90DaysToFirstAppointment),
                String(row.completed), String(row.noShowAppointments), String(row.attendedAppointments),
                String(row.closedLoop), String(row.stalled),
            ]
            text += cells.map(escape).joined(separator: ",") + "\n"
        }
        return text
    }

    public static func write(_ model: ReportModel, to url: URL) throws {
        try AtomicFile.write(Data(csv(for: model).utf8), to: url)
    }

    static func duration(_ value: Double?) -> String {
        guard let value else { return "" }
        return FixedPointText.format(value, decimals: 2)
    }

    /// RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled.
    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
