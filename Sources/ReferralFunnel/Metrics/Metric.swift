/// One metric of SPEC section 4 as the catalogue declares it (see `MetricCatalogue`). Every
/// output iterates the catalogue and reads these fields, rather than naming metrics itself, so
/// a metric is declared once: its model column, how it is shown, what it means, where it goes.
public struct Metric: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A count the models sum, named after its model column.
        case count(CountedRows)
        /// A percentile of per-referral durations, interpolated linearly (SPEC section 4).
        case durationQuantile(fraction: Double, unit: DurationUnit)
        /// Derived in the reports: `numerator / sum(denominator)`, empty over zero.
        case rate(numerator: Metric.Name, denominator: [Metric.Name])
    }

    /// What a count counts. Sessions come from the web models, the rest from the referrals'.
    public enum CountedRows: String, Sendable, Hashable {
        case sessions, referrals, appointments
    }

    public enum DurationUnit: String, Sendable, Hashable {
        case hours, days
    }

    /// A metric's name, e.g. `form_starts`: its metrics.csv and model column.
    public typealias Name = String

    public let name: Name
    /// How tables and sheets head it, e.g. `Form starts`.
    public let label: String
    public let kind: Kind
    /// One sentence for readers. `{sla_hours}`, `{followup_days}` and `{stall_days}` stand for
    /// the pipeline's parameters (see `definition(parameterText:)`).
    public let definitionTemplate: String
    /// True for the columns of SPEC section 4, which fixes metrics.csv's columns; a metric the
    /// reports add (and every rate) shows everywhere else but there.
    public let isInMetricsCSV: Bool
    /// How `explain` lists the rows behind a cell; nil for a rate, which has no rows of its own.
    public let explanation: Explanation?
    /// The stage the HTML funnel draws it as, or nil when it is not a stage.
    public let funnelStage: FunnelStage?

    public struct Explanation: Sendable, Hashable {
        /// The SQL condition on a `fct_sessions` or `fct_referrals` row that puts it in the cell.
        public let condition: String
        /// The per-row column listed beside each ID, and its unit; nil when the ID says everything.
        public let valueColumn: String?
        public let valueUnit: String?

        public init(condition: String, valueColumn: String? = nil, valueUnit: String? = nil) {
            self.condition = condition
            self.valueColumn = valueColumn
            self.valueUnit = valueUnit
        }
    }

    public struct FunnelStage: Sendable, Hashable {
        /// The stage's name where it differs from the metric's label.
        public let label: String?
        /// The stage whose count its share is taken of; nil starts a new base.
        public let base: Metric.Name?

        public init(label: String? = nil, base: Metric.Name? = nil) {
            self.label = label
            self.base = base
        }
    }

    public init(_ name: Name, label: String, kind: Kind, definition: String, isInMetricsCSV: Bool = true,
                explanation: Explanation? = nil, funnelStage: FunnelStage? = nil) {
        self.name = name
        self.label = label
        self.kind = kind
        self.definitionTemplate = definition
        // Rates are derived by the reports; metrics.csv carries only what they derive from.
        if case .rate = kind { self.isInMetricsCSV = false } else { self.isInMetricsCSV = isInMetricsCSV }
        self.explanation = explanation
        self.funnelStage = funnelStage
    }

    public var description: String { name }

    /// A column of `funnel_by_source_period` (a count or a duration), as opposed to a rate
    /// the reports derive.
    public var isStored: Bool {
        if case .rate = kind { return false }
        return true
    }

    public var isCount: Bool {
        if case .count = kind { return true }
        return false
    }

    public var isRate: Bool { !isStored }

    public var isWebMetric: Bool { kind == .count(.sessions) }

    /// The unit a value is in, for readers: `referrals`, `hours`, `share`. How a value is
    /// written follows from the kind: a count as an integer, a duration with two decimals in
    /// metrics.csv (one on the pages), a rate as a percentage.
    public var unit: String {
        switch kind {
        case let .count(rows): return rows.rawValue
        case let .durationQuantile(_, unit): return unit.rawValue
        case .rate: return "share"
        }
    }

    /// The definition with each `{parameter}` replaced by `text(parameter)`.
    public func definition(parameterText text: (String) -> String) -> String {
        var result = ""
        var rest = Substring(definitionTemplate)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            result += text(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
