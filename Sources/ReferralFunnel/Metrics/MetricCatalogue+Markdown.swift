/// The README's metric table, written from the catalogue; a test keeps the README equal to
/// it, so the documentation cannot drift from what the reports show.
extension MetricCatalogue {
    /// The lines between these two in README.md are `markdownTable`.
    public static let readmeTableStart = "<!-- metric table: generated from MetricCatalogue.markdownTable, checked by a test -->"
    public static let readmeTableEnd = "<!-- end of metric table -->"

    public static var markdownTable: String {
        var lines = ["| metric | kind | in metrics.csv | definition |", "| --- | --- | --- | --- |"]
        for metric in all {
            let definition = metric.definition { "`\($0)`" }
            lines.append("| `\(metric.name)` | \(kindText(metric)) | \(metric.isInMetricsCSV ? "yes" : "no") | \(definition) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func kindText(_ metric: Metric) -> String {
        switch metric.kind {
        case let .count(rows):
            return "count of \(rows.rawValue)"
        case let .durationQuantile(fraction, unit):
            return fraction == 0.5 ? "median, \(unit.rawValue)" : "\(Int((fraction * 100).rounded()))th percentile, \(unit.rawValue)"
        case let .rate(numerator, denominator):
            let terms = denominator.map { "`\($0)`" }.joined(separator: " + ")
            return "rate: `\(numerator)` / " + (denominator.count == 1 ? terms : "(\(terms))")
        }
    }
}
