/// The README's metric table, written from the catalogue; a test keeps the README equal to
/// it, so the documentation cannot drift from what the reports show.
extension MetricCatalogue {
    /// The lines between these two in README.md are `markdownTable`.
    public static let readmeTableStart = "<!-- metric table: generated from MetricCatalogue.markdownTable, checked by a test -->"
    public static let readmeTableEnd = "<!-- end of metric table -->"

    public static var markdownTable: String {
        var lines = ["| metric | kind | unit | in metrics.csv | definition |", "| --- | --- | --- | --- | --- |"]
        for metric in all {
            let definition = metric.definition { "`\($0)`" }
            lines.append("| `\(metric.name)` | \(kindText(metric)) | \(metric.unit) | \(metric.isInMetricsCSV ? "yes" : "no") "
                + "| \(definition) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func kindText(_ metric: Metric) -> String {
        switch metric.kind {
        case .count:
            return "count"
        case let .durationQuantile(fraction, _):
            return fraction == 0.5 ? "median" : "\(Int((fraction * 100).rounded()))th percentile"
        case let .rate(numerator, denominator):
            let terms = denominator.map { "`\($0)`" }.joined(separator: " + ")
            return "rate: `\(numerator)` / " + (denominator.count == 1 ? terms : "(\(terms))")
        }
    }
}
