/// `sources/<slug>.html`: one source's funnel, the landing pages and campaigns of its website
/// sessions, 13-week trends, time to first appointment, missing items against all sources,
/// stalled referrals and its data-quality notes.
struct SourcePage {
    let lookup: ReportLookup
    let source: SourceInfo

    var model: ReportModel { lookup.model }
    private var window13: Period { Period(weekCount: 13, endWeek: model.reportWeek) }

    func render() -> String {
        PageLayout.document(title: source.name, model: model, location: .sources, body: [
            el("p", ["class": "lead"], [.text("Source type: "), el("span", ["class": "badge"], text: source.type)]),
            headlineSection(),
            funnelSection(),
            landingSection(),
            trendsSection(),
            firstAppointmentSection(),
            missingItemsSection(),
            stalledSection(),
            notesSection(),
        ])
    }

    private func headlineSection() -> HTMLNode {
        let columns = MetricColumn.headline
        let rows = lookup.headlinePeriods.map { period -> HTMLNode in
            let previous = lookup.previous(period)
            let before = previous.map { lookup.row($0, source.name) } ?? FunnelMetricsRow(period: period, source: source.name)
            return el("tr", [:], [el("th", ["scope": "row"], text: PeriodText.title(period))]
                + columns.map { $0.cell(current: lookup.row(period, source.name), previous: before) })
        }
        return el("section", ["id": "summary"], [
            el("h2", text: "Summary"),
            el("div", ["class": "scroll"], [
                el("table", [:], [
                    el("caption", text: "Each change compares with the previous period of the same length."),
                    el("thead", [:], [el("tr", [:], [el("th", ["scope": "col"], text: "Period")]
                        + columns.map { el("th", ["scope": "col", "class": "num"], text: $0.heading) })]),
                    el("tbody", [:], rows),
                ]),
            ]),
        ])
    }

    private func funnelSection() -> HTMLNode {
        el("section", ["id": "funnel"], [
            el("h2", text: "Funnel"),
            FunnelStages.chart(id: "funnel", row: lookup.row(window13, source.name), who: source.name,
                               periodText: PeriodText.title(window13)),
            FunnelStages.table(periods: lookup.headlinePeriods.map { (PeriodText.title($0), lookup.row($0, source.name)) },
                               caption: "Funnel stages with the share of the stage each follows from"),
        ])
    }

    /// Only for a source whose sessions have landing-page or campaign rows in the 13 weeks: a
    /// practice that refers by fax would otherwise carry two empty tables.
    private func landingSection() -> HTMLNode {
        let pages = LandingRanking(lookup.landingRanked(.landingPage, window13, source: source.name))
        let campaigns = LandingRanking(lookup.landingRanked(.campaign, window13, source: source.name))
        guard !pages.isEmpty || !campaigns.isEmpty else { return .fragment([]) }
        let caption = [el("strong", text: PeriodText.title(window13))]
        return el("section", ["id": "landing"], [
            el("h2", text: "Landing pages and campaigns"),
            el("p", ["class": "lead"], [
                .text("Where this source's website sessions landed and which campaign brought them, \(PeriodText.phrase(window13)); referrals and completed count those that came through the web form from them. Pages and campaigns with fewer than \(LandingRanking.minimumSessions) sessions are pooled into one row. All sources: "),
                el("a", ["href": "../pages.html"], text: "Pages and campaigns"), .text("."),
            ]),
        ] + [
            (id: "landing-pages", heading: "Landing page", ranking: pages, other: "(other pages)", noun: "page"),
            (id: "landing-campaigns", heading: "Campaign (utm_source / utm_medium / utm_campaign)", ranking: campaigns,
             other: "(other campaigns)", noun: "campaign"),
        ].filter { !$0.ranking.isEmpty }.map { table in
            LandingTable.table(id: table.id, caption: caption, keyHeading: table.heading, ranking: table.ranking,
                               otherLabel: table.other, noun: table.noun, metrics: LandingTable.sourcePageColumns)
        })
    }

    private func trendsSection() -> HTMLNode {
        let weeks = lookup.trendWeeks
        let rows = weeks.map { lookup.row(.week($0), source.name) }
        let volume = ColumnChart(
            id: "trend-volume", title: "Referrals per week, \(source.name)",
            description: "Referrals received each week from \(weeks.first ?? "") to \(weeks.last ?? ""): "
                + zip(weeks, rows).map { "\($0) \($1.referrals)" }.joined(separator: ", ") + ".",
            columns: zip(weeks, rows).map { .init(label: TrendChart.shortWeek($0), value: $1.referrals) },
            xAxisTitle: "ISO week", yAxisTitle: "Referrals")
        let series: [(String, KeyPath<FunnelMetricsRow, Double?>)] = [
            ("Complete", \.completeness), ("Confirmed in SLA", \.slaRate), ("Scheduled", \.schedulingConversion),
        ]
        let rates = TrendChart(
            id: "trend-rates", title: "Weekly rates, \(source.name)",
            description: "Completeness, SLA rate and scheduling conversion per week from \(weeks.first ?? "") to \(weeks.last ?? ""); weeks without referrals have no value. The table below lists the numbers.",
            weeks: weeks, series: series.map { name, keyPath in .init(name: name, values: rows.map { $0[keyPath: keyPath] }) })
        let tableRows = zip(weeks, rows).map { week, row in
            el("tr", [:], [
                el("th", ["scope": "row"], text: week),
                el("td", ["class": "num"], text: String(row.referrals)),
                el("td", ["class": "num"], text: ValueFormat.percent(row.completeness)),
                el("td", ["class": "num"], text: ValueFormat.percent(row.slaRate)),
                el("td", ["class": "num"], text: ValueFormat.percent(row.schedulingConversion)),
                el("td", ["class": "num"], text: ValueFormat.days(row.medianDaysToFirstAppointment)),
                el("td", ["class": "num"], text: String(row.stalled)),
            ])
        }
        let headings = ["Week", "Referrals", "Complete", "Confirmed in SLA", "Scheduled", "Median days to 1st appt", "Stalled"]
        return el("section", ["id": "trends"], [
            el("h2", text: "13-week trends"),
            el("div", ["class": "grid"], [volume.render(), rates.render()]),
            el("div", ["class": "scroll"], [
                el("table", [:], [
                    el("caption", text: "Weekly values, weeks by when referrals were received"),
                    el("thead", [:], [el("tr", [:], headings.enumerated().map {
                        el("th", ["scope": "col", "class": $0.offset == 0 ? "" : "num"], text: $0.element)
                    })]),
                    el("tbody", [:], tableRows),
                ]),
            ]),
        ])
    }

    /// Week-wide bins up to eight weeks, then one open bin, so a long tail stays visible.
    static func histogramColumns(_ days: [Double]) -> [ColumnChart.Column] {
        let binCount = 9
        var counts = Array(repeating: 0, count: binCount)
        for value in days {
            let bin = min(max(Int((value / 7).rounded(.down)), 0), binCount - 1)
            counts[bin] += 1
        }
        return counts.enumerated().map { index, count in
            let label = index == binCount - 1 ? "\(index * 7)+" : "\(index * 7)\u{2013}\(index * 7 + 6)"
            return .init(label: label, value: count)
        }
    }

    private func firstAppointmentSection() -> HTMLNode {
        let samples = lookup.firstAppointmentDays(of: source.name)
        let row = lookup.row(window13, source.name)
        let summary = "Median \(ValueFormat.days(row.medianDaysToFirstAppointment)) days, 90th percentile \(ValueFormat.days(row.p90DaysToFirstAppointment)) days over \(samples.count) scheduled referrals, \(PeriodText.phrase(window13))."
        var content: [HTMLNode] = [el("h2", text: "Time to first appointment"), el("p", ["class": "lead"], text: summary)]
        if samples.isEmpty {
            content.append(el("p", ["class": "ok"], text: "No scheduled referrals in these 13 weeks."))
        } else {
            let columns = Self.histogramColumns(samples)
            content.append(ColumnChart(
                id: "first-appointment", title: "Days from receipt to first appointment, \(source.name)",
                description: "Number of referrals by days to first appointment: "
                    + columns.map { "\($0.label) days: \($0.value)" }.joined(separator: ", ") + ".",
                columns: columns, xAxisTitle: "Days from receipt to first appointment", yAxisTitle: "Referrals").render())
        }
        return el("section", ["id": "first-appointment"], content)
    }

    private func missingItemsSection() -> HTMLNode {
        let items = model.parameters.requiredItems
        var content: [HTMLNode] = [
            el("h2", text: "Missing items"),
            el("p", ["class": "lead"], text: "Share of referrals missing each required item at receipt, \(PeriodText.phrase(window13)), against all sources."),
        ]
        guard !items.isEmpty else {
            content.append(el("p", ["class": "ok"], text: "The pipeline lists no required items."))
            return el("section", ["id": "missing-items"], content)
        }
        let mine = items.map { lookup.missingShare(window13, source.name, item: $0) }
        let everyone = items.map { lookup.missingShare(window13, allSourcesName, item: $0) }
        content.append(GroupedBarChart(
            id: "missing-items", title: "Missing items, \(source.name) against all sources",
            description: "Share of referrals missing each item: "
                + zip(mine, everyone).map { "\($0.item) \(ValueFormat.percent($0.share)) against \(ValueFormat.percent($1.share))" }.joined(separator: ", ") + ".",
            firstName: source.name, secondName: "All sources",
            groups: zip(mine, everyone).map { .init(label: $0.item, first: $0.share, second: $1.share) }).render())
        let rows = zip(mine, everyone).map { share, all in
            el("tr", [:], [
                el("th", ["scope": "row"], text: share.item),
                el("td", ["class": "num"], text: "\(share.missing) of \(share.referrals)"),
                el("td", ["class": "num"], text: ValueFormat.percent(share.share)),
                el("td", ["class": "num"], text: ValueFormat.percent(all.share)),
            ])
        }
        content.append(el("table", [:], [
            el("thead", [:], [el("tr", [:], [
                el("th", ["scope": "col"], text: "Item"), el("th", ["scope": "col", "class": "num"], text: "Missing"),
                el("th", ["scope": "col", "class": "num"], text: "This source"),
                el("th", ["scope": "col", "class": "num"], text: "All sources"),
            ])]),
            el("tbody", [:], rows),
        ]))
        return el("section", ["id": "missing-items"], content)
    }

    private func stalledSection() -> HTMLNode {
        let stalled = lookup.stalled(of: source.name)
        var content: [HTMLNode] = [
            el("h2", text: "Stalled referrals"),
            el("p", ["class": "lead"], text: "Accepted with no live appointment more than \(ChartStyle.number(model.parameters.stallDays)) days after receipt, longest waiting first."),
        ]
        if stalled.isEmpty {
            content.append(el("p", ["class": "ok"], text: "None."))
        } else {
            content.append(el("table", [:], [
                el("thead", [:], [el("tr", [:], [el("th", ["scope": "col"], text: "Referral ID"),
                                               el("th", ["scope": "col", "class": "num"], text: "Days waiting")])]),
                el("tbody", [:], stalled.map { referral in
                    el("tr", [:], [el("td", text: referral.referralID),
                                  el("td", ["class": "num"], text: ValueFormat.days(referral.daysWaiting))])
                }),
            ]))
        }
        return el("section", ["id": "stalled"], content)
    }

    private func notesSection() -> HTMLNode {
        let quality = model.dataQuality
        var notes: [HTMLNode] = []
        if let unregistered = quality.unregisteredSources.first(where: { $0.name == source.name }) {
            notes.append(el("li", [:], [
                .text("Not in the source registry. To register it, add this entry to the registry file:"),
                el("pre", [:], [el("code", text: RegistryEntry.yaml(for: unregistered))]),
            ]))
        } else if source.type == "unregistered" {
            notes.append(el("li", text: "Not in the source registry."))
        }
        for npi in quality.invalidNPIs where npi.source == source.name {
            notes.append(el("li", text: "Invalid NPI \u{201C}\(npi.npi)\u{201D} on \(npi.referrals) referral\(npi.referrals == 1 ? "" : "s")."))
        }
        return el("section", ["id": "notes"], [
            el("h2", text: "Data-quality notes"),
            notes.isEmpty ? el("p", ["class": "ok"], text: "None for this source.") : el("ul", [:], notes),
            el("p", [:], [el("a", ["href": "../data-quality.html"], text: "Full data-quality report")]),
        ])
    }
}
