/// A metric of the catalogue as a workbook column: its label, how it is shown, and which
/// value of the model it shows. The writer formats these values; it computes none of them.
struct WeeklyMetricColumn: Sendable {
    enum Kind: Sendable {
        case count, rate, hours, days
    }

    let metric: Metric

    var label: String { metric.label }

    var kind: Kind {
        switch metric.kind {
        case .count: return .count
        case .rate: return .rate
        case .durationQuantile(_, unit: .hours): return .hours
        case .durationQuantile(_, unit: .days): return .days
        }
    }

    func value(_ row: FunnelMetricsRow) -> Double? { row[metric] }

    var format: XLSXFormat {
        switch kind {
        case .count: return WeeklyWorkbookStyle.count
        case .rate: return WeeklyWorkbookStyle.percent
        case .hours, .days: return WeeklyWorkbookStyle.duration
        }
    }

    /// Every metric of the catalogue, in its order: each rate right after the counts it divides.
    static let all: [WeeklyMetricColumn] = MetricCatalogue.all.map(WeeklyMetricColumn.init(metric:))

    static func named(_ label: String) -> WeeklyMetricColumn? {
        all.first { $0.label == label }
    }
}
