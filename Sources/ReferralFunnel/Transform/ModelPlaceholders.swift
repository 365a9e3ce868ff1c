import Foundation

/// Expands the catalogue placeholders of a model's SQL, the way a dbt macro would: the models
/// that only pass counts along (trailing windows, marts) write `{{ referral_counts:
/// sum(weekly.{metric}) as {metric} }}` once rather than a line per metric, so a new count
/// reaches them from its catalogue entry alone.
///
/// `{{ GROUP: TEMPLATE }}` repeats TEMPLATE for each metric of GROUP in catalogue order, with
/// `{metric}` its column name, `{absent}` what a missing row counts as (`0` for a count,
/// `null` for a duration, an empty cell) and `{condition}` the condition on a per-referral or
/// per-session row that puts the row in the count (the catalogue's, which `explain` lists by). The copies are joined by `,` or, with
/// `{{ GROUP joined by SEPARATOR: TEMPLATE }}`, by SEPARATOR, one to a line at the
/// placeholder's indentation: the expanded text depends only on the model and the catalogue.
enum ModelPlaceholders {
    /// The groups a placeholder can name.
    static let groups: [String: [Metric]] = [
        "session_counts": MetricCatalogue.all.filter { $0.kind == .count(.sessions) },
        "referral_counts": MetricCatalogue.all.filter { $0.isCount && !$0.isWebMetric },
        "referral_durations": MetricCatalogue.all.filter { if case .durationQuantile = $0.kind { true } else { false } },
        // The columns of the referral metric models, counts and durations in catalogue order.
        "referral_columns": MetricCatalogue.stored.filter { !$0.isWebMetric },
        "counts": MetricCatalogue.all.filter(\.isCount),
        "metrics_csv": MetricCatalogue.metricsCSV,
        // SPEC 4.1's counts, and their web and referral parts.
        "landing_page_counts": MetricCatalogue.landingPageCounts,
        "landing_page_session_counts": MetricCatalogue.landingPageCounts.filter(\.isWebMetric),
        "landing_page_referral_counts": MetricCatalogue.landingPageCounts.filter { !$0.isWebMetric },
    ]

    static func expand(_ sql: String, model: String) throws -> String {
        var result = ""
        var rest = Substring(sql)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw PipelineError.invalidModelPlaceholder(model: model, placeholder: String(rest[open.lowerBound...].prefix(60)))
            }
            let before = rest[..<open.lowerBound]
            result += before
            let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
            let indentation = String(before[lineStart...].prefix { $0 == " " })
            let placeholder = rest[open.upperBound..<close.lowerBound]
            result += try expansion(of: placeholder, indentation: indentation, model: model)
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    private static func expansion(of placeholder: Substring, indentation: String, model: String) throws -> String {
        let invalid = PipelineError.invalidModelPlaceholder(model: model, placeholder: "{{\(placeholder)}}")
        guard let colon = placeholder.firstIndex(of: ":") else { throw invalid }
        let head = placeholder[..<colon].split(separator: " ", omittingEmptySubsequences: true)
        let template = placeholder[placeholder.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let separator: String
        switch head.count {
        case 1: separator = ","
        case 4 where head[1] == "joined" && head[2] == "by": separator = String(head[3])
        default: throw invalid
        }
        guard let group = head.first, let metrics = groups[String(group)], !template.isEmpty else { throw invalid }
        let copies = metrics.map { metric in
            template.replacingOccurrences(of: "{metric}", with: metric.name)
                .replacingOccurrences(of: "{absent}", with: metric.isCount ? "0" : "null")
                .replacingOccurrences(of: "{condition}", with: metric.explanation.map { "(\($0.condition))" } ?? "null")
        }
        return separator == ","
            ? copies.joined(separator: ",\n" + indentation)
            : copies.joined(separator: "\n" + indentation + separator + " ")
    }
}
