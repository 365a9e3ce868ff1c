import Foundation

/// Writes `metrics.csv` (SPEC sections 4 and 7): every week from the first with data to the
/// one holding as_of, `(all)` first in each week, then sources in byte order of their UTF-8
/// names; counts as integers, durations with two decimals, empty cells for empty sets.
public enum MetricsCSVWriter {
    /// The metric columns come from the catalogue: its stored metrics that SPEC section 4
    /// puts in metrics.csv, in its order.
    public static var header: [String] { ["week", "source"] + MetricCatalogue.metricsCSV.map(\.name) }

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
        let metrics = MetricCatalogue.metricsCSV
        var text = header.joined(separator: ",") + "\n"
        for row in rows {
            let cells = [row.period.endWeek, row.source] + metrics.map { metric in
                metric.isCount ? String(row.count(metric.name)) : duration(row[metric])
            }
            text += cells.map(escape).joined(separator: ",") + "\n"
        }
        return text
    }

    /// Writes the table under a temporary name beside `url`, for the caller to rename.
    public static func writeUnderTemporaryName(_ model: ReportModel, to url: URL) throws -> AtomicFile.Written {
        try AtomicFile.written(Data(csv(for: model).utf8), to: url)
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
