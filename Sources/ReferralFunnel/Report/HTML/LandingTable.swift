/// The table the Pages page and the source pages draw a `LandingRanking` as.
enum LandingTable {
    /// The landing-page views' columns: the counts and the rates derived from them alone, in
    /// the catalogue's order (each rate after the counts it divides).
    static var columns: [Metric] { MetricCatalogue.landingPageColumns }

    /// The shorter list a source page has room for beside its other sections.
    static var sourcePageColumns: [Metric] {
        ["sessions", "form_submits", "submit_rate", "referrals", "completed"].map(MetricCatalogue.entry)
    }

    /// The column headings after the key's.
    static func headings(_ metrics: [Metric]) -> [HTMLNode] {
        metrics.map { el("th", ["scope": "col", "class": "num"], text: $0.label) }
    }

    static func cells(_ row: FunnelMetricsRow, _ metrics: [Metric]) -> [HTMLNode] {
        metrics.map { metric in
            let text: String
            if case .rate = metric.kind {
                text = ValueFormat.percent(row[metric])
            } else {
                text = ValueFormat.count(row.count(metric.name))
            }
            return el("td", ["class": "num", "data-sort": ValueFormat.sortKey(row[metric])], text: text)
        }
    }

    /// A ranked row: its key (a page path, or a campaign's `source / medium / campaign`) as text.
    static func row(_ row: LandingFunnelRow, _ metrics: [Metric]) -> HTMLNode {
        el("tr", [:], [el("th", ["scope": "row", "class": "name", "data-sort": row.keyText.lowercased()], text: row.keyText)]
            + cells(row.metrics, metrics))
    }

    /// The pooled row, saying how many it holds, since its label alone hides that.
    static func otherRow(_ other: LandingRanking.Pooled, label: String, noun: String, _ metrics: [Metric]) -> HTMLNode {
        let held = "\(other.count) \(noun)\(other.count == 1 ? "" : "s") under \(LandingRanking.minimumSessions) sessions each"
        return el("tr", ["class": "other"], [
            el("th", ["scope": "row", "class": "name"], [.text(label), el("span", ["class": "change"], text: held)]),
        ] + cells(other.metrics, metrics))
    }

    /// A sortable table: the sort script reorders only the first body, so the pooled row,
    /// in a second one, stays last whatever the reader sorts by.
    static func table(id: String, caption: [HTMLNode], keyHeading: String, ranking: LandingRanking,
                      otherLabel: String, noun: String, metrics: [Metric]) -> HTMLNode {
        var bodies = [el("tbody", [:], ranking.shown.map { row($0, metrics) })]
        if let other = ranking.other {
            bodies.append(el("tbody", [:], [otherRow(other, label: otherLabel, noun: noun, metrics)]))
        }
        return el("div", ["class": "scroll"], [
            el("table", ["class": "sortable", "id": id], [
                el("caption", [:], caption),
                el("thead", [:], [el("tr", [:], [el("th", ["scope": "col"], text: keyHeading)] + headings(metrics))]),
            ] + bodies),
        ])
    }
}
