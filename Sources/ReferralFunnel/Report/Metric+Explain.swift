/// How `explain` traces a cell of a catalogue metric. The conditions (`Metric.Explanation`)
/// read the same `fct_referrals` / `fct_sessions` flags that `funnel_by_source_period` sums,
/// so a metric keeps one definition (in the models); the explainer also checks its listing
/// against the cell it explains.
extension Metric {
    /// What the cell holds: a count of rows, a sum of per-referral counts, or a statistic
    /// of per-referral values.
    public enum Aggregate: Sendable {
        case count
        case sum
        case percentile(Double)
    }

    public var aggregate: Aggregate {
        switch kind {
        case .count(.appointments): return .sum
        case .count: return .count
        case let .durationQuantile(fraction, _): return .percentile(fraction)
        case .rate: return .count
        }
    }

    /// The unit of the value listed beside each referral; nil when the ID alone says everything.
    public var valueUnit: String? { explanation?.valueUnit }
}
