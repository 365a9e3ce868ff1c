/// `data-quality.html`: what was read, what was held back or quarantined (by reason and
/// line number, never the row's text), unregistered sources with their registry entries,
/// invalid NPIs, appointment link rates and stale feeds.
struct DataQualityPage {
    let model: ReportModel

    private var quality: DataQuality { model.dataQuality }

    func render() -> String {
        PageLayout.document(title: "Data quality", model: model, location: .root, body: [
            filesSection(), heldBackSection(), quarantineSection(), unregisteredSection(),
            invalidNPISection(), linksSection(), feedsSection(),
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

    private func filesSection() -> HTMLNode {
        let rows = quality.files.map { file -> [HTMLNode] in
            [el("td", text: file.feed), el("td", ["class": "name"], text: file.path), number(file.rowsRead),
             number(file.rowsLoaded), number(file.rowsQuarantined), number(file.warnings),
             file.heldBackReason == nil ? el("td", text: "loaded") : el("td", ["class": "stale"], text: "held back")]
        }
        return el("section", ["id": "files"], [
            el("h2", text: "Input files"),
            quality.files.isEmpty ? el("p", ["class": "ok"], text: "No input files.")
                : table(headings: [("Feed", false), ("File", false), ("Rows read", true), ("Loaded", true),
                                   ("Quarantined", true), ("Warnings", true), ("Status", false)], rows: rows),
        ])
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

    private func quarantineSection() -> HTMLNode {
        let rows = quality.quarantine.map { group -> [HTMLNode] in
            var lines = group.lines.map(String.init).joined(separator: ", ")
            if group.count > group.lines.count { lines += ", \u{2026}" }
            return [el("td", ["class": "name"], text: group.path), el("td", text: group.column ?? ValueFormat.missing),
                    el("td", text: group.reason), el("td", text: group.isWarning ? "warning (row loaded)" : "rejected"),
                    number(group.count), el("td", text: lines)]
        }
        return el("section", ["id": "quarantine"], [
            el("h2", text: "Quarantine"),
            el("p", ["class": "lead"], text: "Rows that could not be used, and optional values dropped with a warning, by file and reason. The rows' text stays in the warehouse for repair and is never shown here."),
            rows.isEmpty ? el("p", ["class": "ok"], text: "Nothing quarantined.")
                : table(headings: [("File", false), ("Column", false), ("Reason", false), ("Kind", false),
                                   ("Count", true), ("Lines", false)], rows: rows),
        ])
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

    private func feedsSection() -> HTMLNode {
        el("section", ["id": "feeds"], [
            el("h2", text: "Feed freshness"),
            quality.feeds.isEmpty ? el("p", ["class": "ok"], text: "No feeds.")
                : table(headings: [("Feed", false), ("Files", true), ("Newest file", false), ("Days since", true), ("Status", false)],
                        rows: quality.feeds.map {
                    [el("td", text: $0.feed), number($0.files), el("td", text: $0.lastFileDate ?? ValueFormat.missing),
                     el("td", ["class": "num"], text: ValueFormat.days($0.daysSinceLastFile)),
                     $0.isStale ? el("td", ["class": "stale"], text: "stale") : el("td", text: "fresh")]
                }),
        ])
    }
}
