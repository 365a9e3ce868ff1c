import ArgumentParser
import Foundation
import ReferralFunnel

/// Any metric of the catalogue with rows behind its cells, by its metrics.csv column name.
extension Metric: ExpressibleByArgument {
    public init?(argument: String) {
        guard let metric = MetricCatalogue.named(argument), metric.explanation != nil else { return nil }
        self = metric
    }

    public static var allValueStrings: [String] { MetricCatalogue.explainable.map(\.name) }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "List the referrals (or sessions) behind one metrics.csv or pages.csv cell, with the input file and line of each.",
        discussion: """
            Reads the marts of the last run. A referral's file and line are those of its \
            winning snapshot row (the row its current state comes from); a session's are those \
            of its first event. Durations and counts are listed beside each referral, and the \
            cell is recomputed from the list as a check. Patient identifiers are never shown.

            With --page, the cell is pages.csv's for that landing page (--source '(all)'), or \
            the landing-page table's of one source's sessions; a session's file and line are \
            then those of its first page_view, which decides its landing page.

            Metrics: \(Metric.allValueStrings.joined(separator: ", ")).

            \(ExitCodes.withoutLock)
            """
    )

    @Argument(help: "The pipeline config, e.g. pipelines/nightly.yml.")
    var pipeline: String

    @Option(help: "The ISO week of the cell, e.g. 2026-W45.")
    var week: String

    @Option(help: "The source as metrics.csv spells it, or '(all)'.")
    var source: String = "(all)"

    @Option(help: "The metric, as metrics.csv names its column, e.g. stalled.")
    var metric: Metric

    @Option(help: "A landing page as pages.csv spells it, e.g. /refer: explain that file's cell.")
    var page: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.bootstrapLogging()
        try reportingErrors(verbose: output.verbose) {
            let config = try PipelineConfig.load(from: pipeline)
            let explanation = try MetricCellExplainer(config: config).explain(week: week, source: source, metric: metric, page: page)
            print(Self.text(of: explanation, rules: TimeZoneRules(timeZone: config.timeZone)), terminator: "")
            guard explanation.matchesCell else {
                throw MismatchError(cell: Self.number(explanation.cellValue), listed: Self.number(explanation.recomputedValue))
            }
        }
    }

    /// The listing does not add up to the cell: the marts changed under us, or a metric's
    /// definition drifted from the condition `explain` reads. Never expected; a failure.
    struct MismatchError: Error, CustomStringConvertible {
        var cell: String
        var listed: String
        var description: String { "the rows listed give \(listed), but the cell holds \(cell); rerun `run` and report this if it persists" }
    }

    static func text(of explanation: MetricCellExplanation, rules: TimeZoneRules) -> String {
        let noun = explanation.metric.isWebMetric ? "session" : "referral"
        let page = explanation.page.map { "page \($0) " } ?? ""
        var text = "\(explanation.week) \(page)\(explanation.source) \(explanation.metric.name) = \(number(explanation.cellValue))"
        text += " (as of \(rules.localDateTimeText(of: explanation.asOf)))\n"
        text += "\(explanation.items.count) \(noun)(s)"
        switch explanation.metric.aggregate {
        case .count: break
        case .sum: text += ", summing their counts"
        case let .percentile(fraction): text += String(format: ", whose values give the %.0fth percentile", fraction * 100)
        }
        text += explanation.items.isEmpty ? ".\n" : ":\n"
        let unit = explanation.metric.valueUnit
        let idWidth = explanation.items.map(\.id.count).max() ?? 0
        for item in explanation.items {
            var line = "  " + item.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
            if let unit, let value = item.value {
                line += "  " + String(format: "%.2f", value) + " " + unit
            }
            line += "  \(displayPath(item.path)):\(item.line)"
            text += line + "\n"
        }
        return text
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "(empty)" }
        return value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}
