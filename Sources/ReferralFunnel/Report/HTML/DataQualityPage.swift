/// `data-quality.html`: a short verdict, then per feed what was read and whether it is
/// fresh, what was held back or quarantined (by reason and line number, never the row's
/// text), unregistered sources with their registry entries, invalid NPIs, appointment link
/// rates, and last the per-file list, folded per feed.
struct DataQualityPage {
    let model: ReportModel

    private var quality: DataQuality { model.dataQuality }

    func render() -> String {
        // What needs attention first, the per-file list last: a year of nightly exports is
        // over a thousand files, which used to open the page.
        PageLayout.document(title: "Data quality", model: model, location: .root, body: [
            verdictSection(), feedsSection(), heldBackSection(), quarantineSection(), unregisteredSection(),
            invalidNPISection(), linksSection(), filesSection(),
        ])
    }

    private func verdictSection() -> HTMLNode {
        let stale = quality.feeds.filter(\.isStale).map(\.feed)
        let heldBack = quality.files.filter { $0.heldBackReason != nil }.count
        let rejected = quality.quarantine.filter { !$0.isWarning }.reduce(0) { $0 + $1.count }
        let warnings = quality.quarantine.filter(\.isWarning).reduce(0) { $0 + $1.count }
        let unregistered = quality.unregisteredSources.count
        func item(_ text: String, needsAttention: Bool) -> HTMLNode {
            el("li", ["class": needsAttention ? "stale" : "ok"], text: text)
        }
        return el("section", ["id": "verdict"], [
            el("h2", text: "In short"),
            el("ul", ["class": "verdict"], [
                item(stale.isEmpty ? "All feeds are fresh." : "Stale: \(stale.joined(separator: ", ")).",
                     needsAttention: !stale.isEmpty),
                item(heldBack == 0 ? "No file held back." : "\(heldBack) file(s) held back: nothing from them loaded.",
                     needsAttention: heldBack > 0),
                item("\(rejected) row(s) quarantined, \(warnings) value(s) dropped with a warning.",
                     needsAttention: rejected > 0),
                item(unregistered == 0 ? "Every source is in the registry."
                        : "\(unregistered) unregistered source(s), with registry entries to paste below.",
                     needsAttention: unregistered > 0),
            ]),
        ])
    }

    private func table(caption: String? = nil, headings: [(String, Bool)], rows: [[HTMLNode]]) -> HTMLNode {
        var parts: [HTMLNode] = []
        if let caption { parts.append(el("caption", text: caption)) }
        parts.append(el("thead", [:], [el("tr", [:], headings.map { heading, isNumber in
            el("th", ["scope": "col", "class": isNumber ? "num" : ""], text: heading)
        })]))
        parts.append(el("tbody", [:], rows.map { el("tr", [:], $0) }))
        return el("div", ["class": "scroll"], [el("table", [:], parts)])
    }

    private func number(_ value: Int) -> HTMLNode { el("td", ["class": "num"], text: String(value)) }

    /// Every input file, folded per feed and then per month of the data it carries: the list
    /// grows by three files a night, over a thousand a year, and a month is what an analyst
    /// looks for. Each fold says what it holds before it is opened.
    private func filesSection() -> HTMLNode {
        var content: [HTMLNode] = [el("h2", text: "Input files")]
        if quality.files.isEmpty { content.append(el("p", ["class": "ok"], text: "No input files.")) }
        let months = quality.filesByFeedAndMonth
        var feeds: [String] = []
        for month in months where !feeds.contains(month.feed) { feeds.append(month.feed) }
        for feed in feeds {
            let ofFeed = months.filter { $0.feed == feed }
            let monthFolds = ofFeed.map { month -> HTMLNode in
                let rows = month.files.map { file -> [HTMLNode] in
                    [el("td", ["class": "name"], text: file.path), number(file.rowsRead),
                     number(file.rowsLoaded), number(file.rowsQuarantined), number(file.warnings),
                     file.heldBackReason == nil ? el("td", text: "loaded") : el("td", ["class": "stale"], text: "held back")]
                }
                var summary = "\(month.month ?? "no data loaded"): \(month.files.count) file(s), "
                    + "\(month.rowsLoaded) rows loaded, \(month.rowsQuarantined) quarantined"
                if month.heldBack > 0 { summary += ", \(month.heldBack) held back" }
                return el("details", ["class": "month"], [
                    el("summary", text: summary),
                    table(headings: [("File", false), ("Rows read", true), ("Loaded", true), ("Quarantined", true),
                                     ("Warnings", true), ("Status", false)], rows: rows),
                ])
            }
            let fileCount = ofFeed.reduce(0) { $0 + $1.files.count }
            content.append(el("details", [:], [el("summary", text: "\(feed): \(fileCount) file(s) in \(ofFeed.count) month(s)")]
                + monthFolds))
        }
        return el("section", ["id": "files"], content)
    }

    private func heldBackSection() -> HTMLNode {
        let held = quality.files.filter { $0.heldBackReason != nil }
        return el("section", ["id": "held-back"], [
            el("h2", text: "Held-back files"),
            el("p", ["class": "lead"], text: "Nothing from these files was loaded; fix or replace them and run again."),
            held.isEmpty ? el("p", ["class": "ok"], text: "None.")
                : table(headings: [("Feed", false), ("File", false), ("Reason", false)], rows: held.map {
                    [el("td", text: $0.feed), el("td", ["class": "name"], text: $0.path), el("td", text: $0.heldBackReason ?? "")]
                }),
        ])
    }

    /// Counts by feed and reason first (a year repeats a few reasons over hundreds of files),
    /// then, folded, each file's lines for repair.
    private func quarantineSection() -> HTMLNode {
        let summaryRows = quality.quarantineByReason.map { reason -> [HTMLNode] in
            [el("td", text: reason.feed ?? ValueFormat.missing), el("td", text: reason.column ?? ValueFormat.missing),
             el("td", text: reason.reason), el("td", text: reason.isWarning ? "warning (row loaded)" : "rejected"),
             number(reason.rows), number(reason.files)]
        }
        let fileRows = quality.quarantine.map { group -> [HTMLNode] in
            var lines = group.lines.map(String.init).joined(separator: ", ")
            if group.count > group.lines.count { lines += ", \u{2026}" }
            return [el("td", ["class": "name"], text: group.path), el("td", text: group.column ?? ValueFormat.missing),
                    el("td", text: group.reason), el("td", text: group.isWarning ? "warning (row loaded)" : "rejected"),
                    number(group.count), el("td", text: lines)]
        }
        var content: [HTMLNode] = [
            el("h2", text: "Quarantine"),
            el("p", ["class": "lead"], text: "Rows that could not be used, and optional values dropped with a warning, by feed and reason. The rows' text stays in the warehouse for repair and is never shown here."),
        ]
        if fileRows.isEmpty {
            content.append(el("p", ["class": "ok"], text: "Nothing quarantined."))
        } else {
            content.append(table(headings: [("Feed", false), ("Column", false), ("Reason", false), ("Kind", false),
                                            ("Rows", true), ("Files", true)], rows: summaryRows))
            content.append(el("details", [:], [
                el("summary", text: "By file and line (\(fileRows.count) group(s))"),
                table(headings: [("File", false), ("Column", false), ("Reason", false), ("Kind", false),
                                 ("Count", true), ("Lines", false)], rows: fileRows),
            ]))
        }
        return el("section", ["id": "quarantine"], content)
    }

    private func unregisteredSection() -> HTMLNode {
        let sources = quality.unregisteredSources
        var content: [HTMLNode] = [
            el("h2", text: "Unregistered sources"),
            el("p", ["class": "lead"], text: "Names that matched no registry entry. Check the type, then paste the entries into the source registry file (or add a spelling as an alias of an existing source)."),
        ]
        if sources.isEmpty {
            content.append(el("p", ["class": "ok"], text: "None."))
        } else {
            content.append(table(headings: [("Name", false), ("Spellings seen", false), ("Referrals", true), ("Sessions", true)],
                                 rows: sources.map {
                [el("td", ["class": "name"], text: $0.name), el("td", ["class": "name"], text: $0.spellings.joined(separator: " | ")),
                 number($0.referrals), number($0.sessions)]
            }))
            content.append(el("pre", [:], [el("code", text: sources.map(RegistryEntry.yaml).joined(separator: "\n") + "\n")]))
        }
        return el("section", ["id": "unregistered"], content)
    }

    private func invalidNPISection() -> HTMLNode {
        el("section", ["id": "invalid-npis"], [
            el("h2", text: "Invalid NPIs"),
            el("p", ["class": "lead"], text: "Referring NPIs that are not 10 digits with a valid check digit; the referrals loaded."),
            quality.invalidNPIs.isEmpty ? el("p", ["class": "ok"], text: "None.")
                : table(headings: [("NPI as sent", false), ("Source", false), ("Referrals", true)], rows: quality.invalidNPIs.map {
                    [el("td", text: $0.npi), el("td", ["class": "name"], text: $0.source), number($0.referrals)]
                }),
        ])
    }

    private func linksSection() -> HTMLNode {
        let links = quality.appointmentLinks
        let parts: [(String, Int)] = [("By referral ID", links.linkedByReferralID), ("By patient and date", links.linkedByPatient),
                                      ("Not linked", links.unlinked)]
        let bars = parts.map { name, count -> HorizontalBarChart.Bar in
            let share = FunnelMetricsRow.rate(count, links.appointments)
            return .init(label: name, value: share, valueText: "\(ValueFormat.percent(share)) (\(count))",
                         isMarked: name == "Not linked")
        }
        return el("section", ["id": "links"], [
            el("h2", text: "Appointment links"),
            el("p", ["class": "lead"], text: "How the \(links.appointments) appointments were matched to referrals."),
            HorizontalBarChart(id: "links", title: "Appointments by how they link to a referral",
                               description: bars.map { "\($0.label): \($0.valueText)" }.joined(separator: "; ") + ".",
                               bars: bars, scale: .percent, missingText: "no appointments", labelWidth: 150,
                               noteWidth: 30).render(),
            table(headings: [("Link", false), ("Appointments", true), ("Share", true)], rows: zip(parts, bars).map {
                [el("th", ["scope": "row"], text: $0.0), number($0.1), el("td", ["class": "num"], text: ValueFormat.percent($1.value))]
            }),
        ])
    }

    /// Per feed: what it brought overall, and whether its data is current.
    private func feedsSection() -> HTMLNode {
        let rows = quality.feeds.map { feed -> [HTMLNode] in
            let files = quality.files.filter { $0.feed == feed.feed }
            func total(_ count: (DataQuality.IngestedFile) -> Int) -> Int { files.reduce(0) { $0 + count($1) } }
            return [el("td", text: feed.feed), number(feed.files), number(total(\.rowsRead)), number(total(\.rowsLoaded)),
                    number(total(\.rowsQuarantined)), number(total(\.warnings)),
                    number(files.filter { $0.heldBackReason != nil }.count),
                    el("td", text: feed.lastFileDate ?? ValueFormat.missing),
                    el("td", ["class": "num"], text: ValueFormat.days(feed.daysSinceLastFile)),
                    feed.isStale ? el("td", ["class": "stale"], text: "stale") : el("td", text: "fresh")]
        }
        return el("section", ["id": "feeds"], [
            el("h2", text: "Feeds"),
            quality.feeds.isEmpty ? el("p", ["class": "ok"], text: "No feeds.")
                : table(headings: [("Feed", false), ("Files", true), ("Rows read", true), ("Loaded", true),
                                   ("Quarantined", true), ("Warnings", true), ("Held back", true), ("Newest data", false),
                                   ("Days since", true), ("Status", false)], rows: rows),
        ])
    }
}
