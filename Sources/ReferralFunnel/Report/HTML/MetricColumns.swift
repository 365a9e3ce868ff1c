/// The headline measures shown for a source and period, each with its change from the
/// previous period. Index tables and source pages use the same list, so a column means the
/// same everywhere.
struct MetricColumn {
    var heading: String
    var value: (FunnelMetricsRow) -> String
    var sortValue: (FunnelMetricsRow) -> Double?
    var change: (FunnelMetricsRow, FunnelMetricsRow) -> String?

    static var headline: [MetricColumn] {
        [
            MetricColumn(heading: "Referrals", value: { ValueFormat.count($0.referrals) },
                         sortValue: { Double($0.referrals) },
                         change: { ValueFormat.countChange($0.referrals, $1.referrals) }),
            rate("Complete", \.completeness),
            rate("Confirmed in SLA", \.slaRate),
            rate("Scheduled", \.schedulingConversion),
            days("Median days to 1st appt", \.medianDaysToFirstAppointment),
            days("P90 days to 1st appt", \.p90DaysToFirstAppointment),
            rate("Closed loop", \.closedLoopRate),
            MetricColumn(heading: "Stalled", value: { ValueFormat.count($0.stalled) },
                         sortValue: { Double($0.stalled) },
                         change: { ValueFormat.countChange($0.stalled, $1.stalled) }),
        ]
    }

    private static func rate(_ heading: String, _ keyPath: KeyPath<FunnelMetricsRow, Double?>) -> MetricColumn {
        MetricColumn(heading: heading, value: { ValueFormat.percent($0[keyPath: keyPath]) },
                     sortValue: { $0[keyPath: keyPath] },
                     change: { ValueFormat.rateChange($0[keyPath: keyPath], $1[keyPath: keyPath]) })
    }

    private static func days(_ heading: String, _ keyPath: KeyPath<FunnelMetricsRow, Double?>) -> MetricColumn {
        MetricColumn(heading: heading, value: { ValueFormat.days($0[keyPath: keyPath]) },
                     sortValue: { $0[keyPath: keyPath] },
                     change: { ValueFormat.daysChange($0[keyPath: keyPath], $1[keyPath: keyPath]) })
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

/// The funnel from visits to closed loop, with each stage's share of the stage it follows
/// from. Referrals start a new base: they arrive by fax, portal and phone as well as the web
/// form, so dividing them by form submits would mean nothing.
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
        [
            Stage(name: "Sessions", count: row.sessions),
            Stage(name: "Form starts", count: row.formStarts, baseName: "Sessions", baseCount: row.sessions),
            Stage(name: "Form submits", count: row.formSubmits, baseName: "Form starts", baseCount: row.formStarts),
            Stage(name: "Referrals", count: row.referrals),
            Stage(name: "Complete", count: row.complete, baseName: "Referrals", baseCount: row.referrals),
            Stage(name: "Accepted", count: row.accepted, baseName: "Referrals", baseCount: row.referrals),
            Stage(name: "Scheduled", count: row.scheduled, baseName: "Accepted", baseCount: row.accepted),
            Stage(name: "Completed visit", count: row.completed, baseName: "Scheduled", baseCount: row.scheduled),
            Stage(name: "Closed loop", count: row.closedLoop, baseName: "Completed visit", baseCount: row.completed),
        ]
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
