import Foundation

/// Writes `pages.csv` and `campaigns.csv` (SPEC 4.1 and 7): per week of metrics.csv and
/// landing page, or campaign, the counts where any is non-zero (the marts hold no other rows),
/// sorted by week, then each key column by byte order of its UTF-8 with an empty cell first;
/// the CSV rules of metrics.csv.
public enum LandingCSVWriter {
    public static func header(_ dimension: LandingDimension) -> [String] {
        ["week"] + dimension.keyColumns + MetricCatalogue.landingPageCounts.map(\.name)
    }

    public static func csv(_ dimension: LandingDimension, for model: ReportModel) -> String {
        let weeks = Set(model.weeks)
        let rows = model.landingFunnel(dimension).rows
            .filter { $0.period.weekCount == 1 && weeks.contains($0.period.endWeek) }
            .sorted { lhs, rhs in
                if lhs.period.endWeek != rhs.period.endWeek { return lhs.period.endWeek < rhs.period.endWeek }
                return LandingFunnelRow.keyPrecedes(lhs.key, rhs.key)
            }
        let counts = MetricCatalogue.landingPageCounts
        var text = header(dimension).joined(separator: ",") + "\n"
        for row in rows {
            let cells = [row.period.endWeek] + row.key + counts.map { String(row.metrics.count($0.name)) }
            text += cells.map(MetricsCSVWriter.escape).joined(separator: ",") + "\n"
        }
        return text
    }

    /// Writes the table under a temporary name beside `url`, for the caller to rename.
    public static func writeUnderTemporaryName(_ dimension: LandingDimension, _ model: ReportModel,
                                               to url: URL) throws -> AtomicFile.Written {
        try AtomicFile.written(Data(csv(dimension, for: model).utf8), to: url)
    }
}
