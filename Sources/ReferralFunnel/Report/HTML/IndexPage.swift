/// `index.html`: every source side by side, the all-sources funnel, completeness by source
/// against the target, and the flags that need attention.
struct IndexPage {
    let lookup: ReportLookup

    var model: ReportModel { lookup.model }

    func render() -> String {
        PageLayout.document(title: "All sources", model: model, location: .root, body: [
            attentionSection(),
            el("section", ["id": "sources"], [
                el("h2", text: "Sources side by side"),
                el("p", ["class": "lead"], text: "Sorted by referrals in the report week; click a column heading to sort by it. Referral stages count the referrals received in the period (a cohort), with their outcomes as of the data date."),
            ] + lookup.headlinePeriods.map(sourcesTable)),
            funnelSection(),
            completenessSection(),
            dataQualitySection(),
        ])
    }

    private func attentionSection() -> HTMLNode {
        let flags = AttentionFlags.flags(lookup)
        let content: HTMLNode = flags.isEmpty
            ? el("p", ["class": "ok"], text: "Nothing needs attention this week.")
            : el("ul", ["class": "flags"], flags.map { flag in
                el("li", [:], [
                    el("span", ["class": "kind"], text: flag.kind.rawValue + ":"),
                    el("a", ["href": "sources/\(flag.source.slug).html"], text: flag.source.name),
                    .text(" \u{2014} " + flag.message),
                ])
            })
        return el("section", ["id": "attention"], [
            el("h2", text: "Needs attention"),
            el("p", ["class": "lead"], text: "Flags need at least \(AttentionFlags.minimumReferrals) referrals behind them, so a single late or incomplete referral never raises one."),
            content,
        ])
    }

    private func sourcesTable(_ period: Period) -> HTMLNode {
        let previous = lookup.previous(period)
        let columns = MetricColumn.headline
        let showTrend = period.weekCount == 1
        var headings = [el("th", ["scope": "col"], text: "Source")]
        if showTrend { headings.append(el("th", ["scope": "col"], text: "13-week trend")) }
        headings += columns.map { el("th", ["scope": "col", "class": "num"], text: $0.heading) }

        let rows = lookup.sourcesByVolume.map { source -> HTMLNode in
            let current = lookup.row(period, source.name)
            let before = previous.map { lookup.row($0, source.name) } ?? FunnelMetricsRow(period: period, source: source.name)
            var cells = [el("th", ["scope": "row", "class": "name", "data-sort": source.name.lowercased()], [
                el("a", ["href": "sources/\(source.slug).html"], text: source.name),
            ])]
            if showTrend {
                let weeks = lookup.trendWeeks
                cells.append(el("td", ["data-sort": ValueFormat.sortKey(Double(current.referrals))], [
                    SparklineChart(id: "spark-\(source.slug)", sourceName: source.name, weeks: weeks,
                                   values: weeks.map { lookup.row(.week($0), source.name).referrals }).render(),
                ]))
            }
            cells += columns.map { $0.cell(current: current, previous: before) }
            return el("tr", [:], cells)
        }
        let allCurrent = lookup.row(period, allSourcesName)
        let allBefore = previous.map { lookup.row($0, allSourcesName) } ?? FunnelMetricsRow(period: period, source: allSourcesName)
        var footer = [el("th", ["scope": "row"], text: "All sources")]
        if showTrend { footer.append(el("td", [:])) }
        footer += columns.map { $0.cell(current: allCurrent, previous: allBefore) }

        return el("div", ["class": "scroll"], [
            el("table", ["class": "sortable", "id": "sources-\(period.weekCount)w"], [
                el("caption", [:], [el("strong", text: PeriodText.title(period)), .text(". " + PeriodText.comparedWith(previous))]),
                el("thead", [:], [el("tr", [:], headings)]),
                el("tbody", [:], rows),
                el("tfoot", [:], [el("tr", [:], footer)]),
            ]),
        ])
    }

    private func funnelSection() -> HTMLNode {
        let chartPeriod = Period(weekCount: 13, endWeek: model.reportWeek)
        return el("section", ["id": "funnel"], [
            el("h2", text: "Funnel, all sources"),
            el("p", ["class": "lead"], text: "From website visits to the consult note sent back (closed loop). The chart shows the 13 weeks to \(model.reportWeek), long enough for referrals to reach their appointments."),
            FunnelStages.chart(id: "funnel-all", row: lookup.row(chartPeriod, allSourcesName), who: "all sources",
                               periodText: PeriodText.title(chartPeriod)),
            FunnelStages.table(periods: lookup.headlinePeriods.map { (PeriodText.title($0), lookup.row($0, allSourcesName)) },
                               caption: "Funnel stages, all sources"),
        ])
    }

    private func completenessSection() -> HTMLNode {
        let period = Period(weekCount: 4, endWeek: model.reportWeek)
        let target = model.parameters.completenessTarget
        let sources = lookup.sourcesByVolume.filter { lookup.row(period, $0.name).referrals > 0 }
        let bars = sources.map { source -> HorizontalBarChart.Bar in
            let row = lookup.row(period, source.name)
            let value = row.completeness
            return .init(label: source.name, value: value,
                         valueText: "\(ValueFormat.percent(value)) (\(row.complete)/\(row.referrals))",
                         isMarked: (value ?? 1) < target)
        }
        let summary = bars.map { "\($0.label) \($0.valueText)" }.joined(separator: "; ")
        let chart: HTMLNode = bars.isEmpty
            ? el("p", ["class": "ok"], text: "No referrals in the 4 weeks to \(model.reportWeek).")
            : HorizontalBarChart(id: "completeness", title: "Completeness at receipt by source, \(PeriodText.title(period))",
                                 description: "Share of referrals with nothing missing at receipt, target \(ValueFormat.percent(target)). \(summary).",
                                 bars: bars, scale: .percent,
                                 target: (target, "target \(ValueFormat.percent(target))"),
                                 markedLegend: "hatched: below target", labelWidth: 200, noteWidth: 30).render()
        return el("section", ["id": "completeness"], [
            el("h2", text: "Completeness by source"),
            el("p", ["class": "lead"], text: "Referrals that arrived with every required item, \(PeriodText.phrase(period)); sources with referrals in that time."),
            chart,
        ])
    }

    private func dataQualitySection() -> HTMLNode {
        let quality = model.dataQuality
        let quarantined = quality.files.reduce(0) { $0 + $1.rowsQuarantined }
        let warnings = quality.files.reduce(0) { $0 + $1.warnings }
        let heldBack = quality.files.filter { $0.heldBackReason != nil }.count
        let stale = quality.feeds.filter(\.isStale).map(\.feed)
        let items: [String] = [
            "\(quality.files.count) input files, \(heldBack) held back",
            "\(quarantined) rows quarantined, \(warnings) values dropped with a warning",
            "\(quality.unregisteredSources.count) unregistered sources, \(quality.invalidNPIs.count) invalid NPIs",
            stale.isEmpty ? "No stale feeds" : "Stale feeds: " + stale.joined(separator: ", "),
        ]
        return el("section", ["id": "data-quality"], [
            el("h2", text: "Data quality"),
            el("ul", [:], items.map { el("li", text: $0) }),
            el("p", [:], [el("a", ["href": "data-quality.html"], text: "Full data-quality report")]),
        ])
    }
}
