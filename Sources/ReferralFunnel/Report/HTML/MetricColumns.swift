/// The headline measures shown for a source and period, each with its change from the
/// previous period. Index tables and source pages use the same list, so a column means the
/// same everywhere.
struct MetricColumn {
    var heading: String
    var value: (FunnelMetricsRow) -> String
    var sortValue: (FunnelMetricsRow) -> Double?
    var change: (FunnelMetricsRow, FunnelMetricsRow) -> String?

    /// A selection of the catalogue, with the short headings a wide table needs.
    static var headline: [MetricColumn] {
        [
            column("referrals", heading: "Referrals"),
            column("completeness", heading: "Complete"),
            column("sla_rate", heading: "Confirmed in SLA"),
            column("scheduling_conversion", heading: "Scheduled"),
            column("median_days_to_first_appointment", heading: "Median days to 1st appt"),
            column("p90_days_to_first_appointment", heading: "P90 days to 1st appt"),
            column("closed_loop_rate", heading: "Closed loop"),
            column("stalled", heading: "Stalled"),
        ]
    }

    /// Formatted as the catalogue says the metric is: a count, a share or a duration in days.
    private static func column(_ name: Metric.Name, heading: String) -> MetricColumn {
        let metric = MetricCatalogue.entry(name)
        switch metric.kind {
        case .count:
            return MetricColumn(heading: heading, value: { ValueFormat.count($0.count(name)) },
                                sortValue: { $0[metric] },
                                change: { ValueFormat.countChange($0.count(name), $1.count(name)) })
        case .rate:
            return MetricColumn(heading: heading, value: { ValueFormat.percent($0[metric]) }, sortValue: { $0[metric] },
                                change: { ValueFormat.rateChange($0[metric], $1[metric]) })
        case .durationQuantile:
            return MetricColumn(heading: heading, value: { ValueFormat.days($0[metric]) }, sortValue: { $0[metric] },
                                change: { ValueFormat.daysChange($0[metric], $1[metric]) })
        }
    }

    /// A table cell with the value, its change underneath, and a sort key for the script.
    func cell(current: FunnelMetricsRow, previous: FunnelMetricsRow) -> HTMLNode {
        var children: [HTMLNode] = [.text(value(current))]
        if let change = change(current, previous) {
            children.append(el("span", ["class": "change"], text: change))
        }
        return el("td", ["class": "num", "data-sort": ValueFormat.sortKey(sortValue(current))], children)
    }
}

/// The funnel from visits to closed loop: the catalogue's stages, each with its share of the
/// stage it follows from (see `Metric.FunnelStage`).
enum FunnelStages {
    struct Stage {
        var name: String
        var count: Int
        var baseName: String?
        var baseCount: Int?

        var conversion: Double? {
            guard let baseCount else { return nil }
            return FunnelMetricsRow.rate(count, baseCount)
        }

        var conversionText: String {
            guard let baseName else { return "" }
            guard let conversion else { return ValueFormat.missing }
            return "\(ValueFormat.percent(conversion)) of \(baseName.lowercased())"
        }
    }

    static func stages(_ row: FunnelMetricsRow) -> [Stage] {
        MetricCatalogue.all.compactMap { metric in
            guard let stage = metric.funnelStage else { return nil }
            let base = stage.base.map(MetricCatalogue.entry)
            return Stage(name: name(of: metric), count: row.count(metric.name), baseName: base.map(name(of:)),
                         baseCount: base.map { row.count($0.name) })
        }
    }

    private static func name(of metric: Metric) -> String {
        metric.funnelStage?.label ?? metric.label
    }

    static func chart(id: String, row: FunnelMetricsRow, who: String, periodText: String) -> HTMLNode {
        let stages = stages(row)
        let summary = stages.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
        return HorizontalBarChart(
            id: id, title: "Funnel, \(who), \(periodText)",
            description: "Counts at each stage from visits to closed loop: \(summary).",
            bars: stages.map { .init(label: $0.name, value: Double($0.count), valueText: String($0.count),
                                     note: $0.conversionText) },
            scale: .count, labelWidth: 120, noteWidth: 170
        ).render()
    }

    /// Stage counts for several periods side by side, each with its conversion.
    static func table(periods: [(title: String, row: FunnelMetricsRow)], caption: String) -> HTMLNode {
        let perPeriod = periods.map { stages($0.row) }
        let header = el("tr", [:], [el("th", ["scope": "col"], text: "Stage")]
            + periods.flatMap { [el("th", ["scope": "col", "class": "num"], text: $0.title),
                                 el("th", ["scope": "col", "class": "num"], text: "Conversion")] })
        let rows = (0..<(perPeriod.first?.count ?? 0)).map { index in
            el("tr", [:], [el("th", ["scope": "row"], text: perPeriod[0][index].name)]
                + perPeriod.flatMap { stages in
                    [el("td", ["class": "num"], text: String(stages[index].count)),
                     el("td", ["class": "num"], text: stages[index].conversionText)]
                })
        }
        return el("div", ["class": "scroll"], [
            el("table", [:], [el("caption", text: caption), el("thead", [:], [header]), el("tbody", [:], rows)]),
        ])
    }
}
