extension WeeklyWorkbookWriter {
    static let summaryHeader = ["Metric", "Report week", "Previous week", "Change", "4-week average",
                                "Change vs 4-week average"]
    /// The headline metrics, all sources together.
    static let summaryMetrics = [
        "Sessions", "Form submits", "Submit rate", "Referrals", "Completeness", "SLA rate",
        "Median hours to confirm", "Acceptance", "Scheduling conversion", "Median days to first appointment",
        "Completion", "No-show rate", "Closed-loop rate", "Stalled",
    ]
    static let summaryHeaderRow = 5

    /// The report week against the previous week and the trailing 4 weeks, for all sources.
    static func writeSummary(_ data: WeeklyWorkbookData, to sheet: XLSXWorksheet) throws {
        let model = data.model
        try sheet.writeText("Referral funnel, week \(model.reportWeek)", row: 0, column: 0,
                            format: WeeklyWorkbookStyle.title)
        try sheet.writeText("Pipeline", row: 1, column: 0, format: WeeklyWorkbookStyle.label)
        try sheet.writeText(model.pipelineName, row: 1, column: 1)
        try sheet.writeText("Week starting", row: 2, column: 0, format: WeeklyWorkbookStyle.label)
        if let monday = TimeZoneRules.isoWeekMonday(model.reportWeek).map(XLSXDateTime.init(date:)) {
            try sheet.writeDate(monday, row: 2, column: 1, format: WeeklyWorkbookStyle.date)
        }
        try sheet.writeText("As of", row: 3, column: 0, format: WeeklyWorkbookStyle.label)
        try sheet.writeText("\(model.asOfLocalText) (\(model.timeZoneIdentifier))", row: 3, column: 1)

        try writeHeader(summaryHeader, row: summaryHeaderRow, to: sheet)
        let current = data.metrics(data.reportWeek, allSourcesName)
        let previous = data.previousWeek.map { data.metrics($0, allSourcesName) }
        let trailing = data.metrics(data.trailingFourWeeks, allSourcesName)
        var row = summaryHeaderRow + 1
        for label in summaryMetrics {
            guard let column = WeeklyMetricColumn.named(label) else { continue }
            let now = column.value(current)
            let before = previous.flatMap(column.value)
            // Counts over 4 weeks become a weekly average to compare with one week; rates and
            // medians already describe the pooled 4 weeks and are shown as they are.
            let average = column.value(trailing).map { column.kind == .count ? $0 / 4 : $0 }
            try sheet.writeText(label, row: row, column: 0)
            try sheet.writeNumber(now, row: row, column: 1, format: column.format)
            try sheet.writeNumber(before, row: row, column: 2, format: column.format)
            try sheet.writeNumber(difference(now, before), row: row, column: 3, format: changeFormat(column.kind))
            try sheet.writeNumber(average, row: row, column: 4,
                                  format: column.kind == .count ? WeeklyWorkbookStyle.average : column.format)
            try sheet.writeNumber(difference(now, average), row: row, column: 5,
                                  format: column.kind == .count ? WeeklyWorkbookStyle.decimalChange
                                      : changeFormat(column.kind))
            row += 1
        }

        row += 1
        try sheet.writeText("What changed most", row: row, column: 0, format: WeeklyWorkbookStyle.sectionTitle)
        for line in changeLines(data) {
            row += 1
            try writeText(line, row: row, column: 0, to: sheet)
        }
        row += 2
        try sheet.writeText(
            "The 4-week columns cover the 4 weeks ending with the report week: counts are weekly averages, "
                + "rates and medians pool the 4 weeks. Rate changes are in percentage points.",
            row: row, column: 0, format: WeeklyWorkbookStyle.note)

        try sheet.setColumnWidth(34, column: 0)
        try sheet.setColumnWidth(16, columns: 1...5)
        try sheet.freezePanes(rows: summaryHeaderRow + 1)
    }

    private static func difference(_ value: Double?, _ baseline: Double?) -> Double? {
        guard let value, let baseline else { return nil }
        return value - baseline
    }

    private static func changeFormat(_ kind: WeeklyMetricColumn.Kind) -> XLSXFormat {
        switch kind {
        case .count: return WeeklyWorkbookStyle.countChange
        case .rate: return WeeklyWorkbookStyle.percentChange
        case .hours, .days: return WeeklyWorkbookStyle.decimalChange
        }
    }

    /// Plain sentences on the largest moves since the previous week.
    static func changeLines(_ data: WeeklyWorkbookData) -> [String] {
        guard let previousWeek = data.previousWeek else {
            return ["No earlier week to compare with: \(data.model.reportWeek) is the first week with data."]
        }
        let current = data.metrics(data.reportWeek, allSourcesName)
        let previous = data.metrics(previousWeek, allSourcesName)
        var lines: [String] = []

        let referralChange = current.referrals - previous.referrals
        lines.append("Referrals: \(current.referrals) against \(previous.referrals) in \(previousWeek.endWeek) "
            + "(\(signed(referralChange))).")

        // The rate that moved most, in percentage points; ties go to the earlier metric.
        var largestRate: (label: String, now: Double, before: Double)?
        for label in summaryMetrics {
            guard let column = WeeklyMetricColumn.named(label), column.kind == .rate,
                  let now = column.value(current), let before = column.value(previous) else { continue }
            if largestRate.map({ abs(now - before) > abs($0.now - $0.before) }) ?? true {
                largestRate = (label, now, before)
            }
        }
        if let largestRate, largestRate.now != largestRate.before {
            let points = (largestRate.now - largestRate.before) * 100
            lines.append("Largest rate change: \(largestRate.label) \(points > 0 ? "rose" : "fell") "
                + "\(oneDecimal(abs(points))) points, from \(percent(largestRate.before)) to \(percent(largestRate.now)).")
        } else {
            lines.append("No rate changed from \(previousWeek.endWeek).")
        }

        // The source whose referral count moved most; ties go to the source listed first.
        let sources = data.sources(activeIn: [data.reportWeek, previousWeek], rankedBy: data.reportWeek)
        var largestSource: (name: String, now: Int, before: Int)?
        for name in sources {
            let now = data.metrics(data.reportWeek, name).referrals
            let before = data.metrics(previousWeek, name).referrals
            if largestSource.map({ abs(now - before) > abs($0.now - $0.before) }) ?? true {
                largestSource = (name, now, before)
            }
        }
        if let largestSource, largestSource.now != largestSource.before {
            lines.append("Largest change by source: \(largestSource.name) sent \(largestSource.now) referrals "
                + "against \(largestSource.before) (\(signed(largestSource.now - largestSource.before))).")
        }
        return lines
    }

    private static func signed(_ value: Int) -> String {
        value > 0 ? "+\(value)" : "\(value)"
    }

    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    private static func percent(_ rate: Double) -> String {
        "\(oneDecimal(rate * 100))%"
    }
}
