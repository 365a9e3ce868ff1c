/// `pages.html` (SPEC 4.1): which landing pages and campaigns bring sessions, submissions,
/// referrals and completed visits, for the report week and the trailing 4 and 13 weeks.
struct PagesPage {
    let lookup: ReportLookup

    var model: ReportModel { lookup.model }
    private var window13: Period { Period(weekCount: 13, endWeek: model.reportWeek) }
    /// Enough charts for the pages that matter, few enough to print on a page or two.
    static let chartedPages = 5

    func render() -> String {
        PageLayout.document(title: "Landing pages and campaigns", model: model, location: .root, body: [
            el("p", ["class": "lead"], text: "Sessions, form starts and form submits count in the week of the session's first event; referrals, scheduled and completed count the referrals that came through the web form, in the week each was received, under the landing page and campaign of the session that sent them. Pages and campaigns with fewer than \(LandingRanking.minimumSessions) sessions in a period are pooled into one row, shown last."),
            pagesSection(),
            funnelsSection(),
            campaignsSection(),
        ])
    }

    private func pagesSection() -> HTMLNode {
        el("section", ["id": "pages"], [
            el("h2", text: "Landing pages"),
            el("p", ["class": "lead"], text: "The path of each session's first page view, with record numbers and email addresses masked as {id}; most sessions first. Click a column heading to sort by it."),
        ] + lookup.headlinePeriods.map { period in
            let ranking = LandingRanking(lookup.landingRanked(.landingPage, period))
            guard !ranking.isEmpty else { return noData(period) }
            return LandingTable.table(id: "pages-\(period.weekCount)w", caption: [el("strong", text: PeriodText.title(period))],
                                      keyHeading: "Landing page", ranking: ranking, otherLabel: "(other pages)",
                                      noun: "page", metrics: LandingTable.columns)
        })
    }

    private func funnelsSection() -> HTMLNode {
        let top = LandingRanking(lookup.landingRanked(.landingPage, window13)).shown.prefix(Self.chartedPages)
        let content: [HTMLNode] = top.isEmpty
            ? [noData(window13)]
            : [el("div", ["class": "grid"], top.enumerated().map { index, row in
                // The chart's own title is for screen readers and tooltips; sighted readers
                // and print need the page named above it.
                el("div", [:], [el("h3", ["class": "name"], text: row.keyText), chart(id: "page-funnel-\(index + 1)", row: row)])
            })]
        return el("section", ["id": "page-funnels"], [
            el("h2", text: "Funnels of the top pages"),
            el("p", ["class": "lead"], text: "The \(Self.chartedPages) pages with the most sessions in \(PeriodText.phrase(window13)), long enough for referrals to reach their appointments; beside each stage, the rate the catalogue derives for it."),
        ] + content)
    }

    /// One bar per count the view keeps; a stage that is a rate's numerator carries that rate.
    private func chart(id: String, row: LandingFunnelRow) -> HTMLNode {
        let stages = MetricCatalogue.landingPageCounts
        let bars = stages.map { stage -> HorizontalBarChart.Bar in
            let count = row.metrics.count(stage.name)
            let rate = MetricCatalogue.landingPageRates.first { metric in
                if case let .rate(numerator, _) = metric.kind { return numerator == stage.name }
                return false
            }
            return .init(label: stage.funnelStage?.label ?? stage.label, value: Double(count), valueText: String(count),
                         note: rate.map { "\($0.label.lowercased()) \(ValueFormat.percent(row.metrics[$0]))" })
        }
        let summary = zip(stages, bars).map { "\($1.label) \($1.valueText)" }.joined(separator: ", ")
        return HorizontalBarChart(
            id: id, title: "Funnel, \(row.keyText), \(PeriodText.title(window13))",
            description: "Counts at each stage for sessions that landed on \(row.keyText): \(summary).",
            bars: bars, scale: .count, labelWidth: 120, noteWidth: 190
        ).render()
    }

    private func campaignsSection() -> HTMLNode {
        el("section", ["id": "campaigns"], [
            el("h2", text: "Campaigns"),
            el("p", ["class": "lead"], text: "The utm_source, utm_medium and utm_campaign of each session's first event, as written; (none) where a value is absent, so sessions without any are direct and plain referral traffic. Grouped by source and medium, groups in the order of their busiest campaign."),
        ] + lookup.headlinePeriods.map(campaignsTable))
    }

    /// One body per utm_source and utm_medium, headed by them; campaigns under the session
    /// threshold, whatever their group, pooled into one last row, so a group appears only
    /// for a campaign worth reading.
    private func campaignsTable(_ period: Period) -> HTMLNode {
        let ranking = LandingRanking(lookup.landingRanked(.campaign, period))
        guard !ranking.isEmpty else { return noData(period) }
        let metrics = LandingTable.columns
        var groups: [(key: [String], rows: [LandingFunnelRow])] = []
        for row in ranking.shown {
            let key = Array(row.key.prefix(2))
            if let index = groups.firstIndex(where: { $0.key == key }) {
                groups[index].rows.append(row)
            } else {
                groups.append((key, [row]))
            }
        }
        var bodies = groups.map { group in
            el("tbody", [:], [
                el("tr", ["class": "group"], [el("th", ["scope": "rowgroup", "colspan": String(metrics.count + 1)], [
                    .text("utm_source "), el("strong", text: Self.shown(group.key[0])),
                    .text(" \u{00B7} utm_medium "), el("strong", text: Self.shown(group.key[1])),
                ])]),
            ] + group.rows.map { row in
                el("tr", [:], [el("th", ["scope": "row", "class": "name"], text: Self.shown(row.key[2]))]
                    + LandingTable.cells(row.metrics, metrics))
            })
        }
        if let other = ranking.other {
            bodies.append(el("tbody", [:], [
                LandingTable.otherRow(other, label: "(other campaigns)", noun: "campaign", metrics),
            ]))
        }
        return el("div", ["class": "scroll"], [
            el("table", ["id": "campaigns-\(period.weekCount)w"], [
                el("caption", [:], [el("strong", text: PeriodText.title(period))]),
                el("thead", [:], [el("tr", [:], [el("th", ["scope": "col"], text: "utm_campaign")]
                    + LandingTable.headings(metrics))]),
            ] + bodies),
        ])
    }

    /// An absent utm value, as `LandingFunnelRow.keyText` shows it.
    private static func shown(_ value: String) -> String { value.isEmpty ? "(none)" : value }

    private func noData(_ period: Period) -> HTMLNode {
        el("p", ["class": "ok"], text: "\(PeriodText.title(period)): no website sessions or web-form referrals.")
    }
}
