extension WeeklyWorkbookWriter {
    static let summaryHeader = ["Metric", "Report week", "Previous week", "Change", "4-week average",
                                "Change vs 4-week average", "vs 4 weeks before"]
    /// The arrow column: centred, so ▲, ▼ and – line up under each other.
    static let arrowFormat = XLSXFormat(horizontalAlignment: .center, verticalAlignment: .top)
    /// The headline metrics, all sources together.
    static let summaryMetrics = [
        "Sessions", "Form submits", "Submit rate", "Referrals", "Completeness", "SLA rate",
        "Median hours to confirm", "Acceptance", "Scheduling conversion", "Median days to first appointment",
        "Completion", "No-show rate", "Closed-loop rate", "Stalled",
    ]
    static let summaryHeaderRow = 5

    /// The stages the Summary's funnel chart draws, page visit to closed loop.
    static let summaryFunnelStages = [
        "Sessions", "Form submits", "Referrals", "Complete", "Accepted", "Scheduled", "Completed", "Closed loop",
    ]

    /// The report week against the previous week and the trailing 4 weeks, for all sources,
    /// and below it the week's funnel and the last 13 weeks as charts: the sheet leadership
    /// opens first answers "how did last week go" at a glance.
    static func writeSummary(_ data: WeeklyWorkbookData, to sheet: XLSXWorksheet, workbook: XLSXWorkbook) throws {
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
        // "Change vs 4-week average" and "vs 4 weeks before" wrap to two lines.
        try sheet.setRowHeight(30, row: summaryHeaderRow)
        let current = data.metrics(data.reportWeek, allSourcesName)
        let previous = data.previousWeek.map { data.metrics($0, allSourcesName) }
        let trailing = data.metrics(data.trailingFourWeeks, allSourcesName)
        // The arrow compares the week with the weeks before it, not with an average that
        // holds the week itself: summed from the weekly mart rows.
        let weeksBefore = data.weeksBeforeReportWeek(4)
        let countsBefore = weeksBefore.isEmpty ? nil
            : data.summedCounts(of: [allSourcesName], over: weeksBefore, as: allSourcesName)
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
            let baseline: Double? = countsBefore.flatMap { counts in
                switch column.kind {
                case .count: return column.value(counts).map { $0 / Double(weeksBefore.count) }
                // Summed numerator over summed denominator (FunnelMetricsRow derives it).
                case .rate: return column.value(counts)
                // A median of 4 weeks is in no mart, and weekly medians do not average into one.
                case .hours, .days: return nil
                }
            }
            try writeText(trendArrow(now, baseline), row: row, column: 6, to: sheet, format: arrowFormat)
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
        // A line of its own: one long cell would widen the page, and fitting it to the width
        // would shrink the whole sheet.
        row += 1
        try sheet.writeText(
            "▲ ▼ –: the report week above, below or level with the average of the 4 weeks before it "
                + "(rates from their summed counts; medians have no such average).",
            row: row, column: 0, format: WeeklyWorkbookStyle.note)

        row += 2
        try writeSummaryCharts(data, from: row, to: sheet, workbook: workbook)

        try sheet.setColumnWidth(34, column: 0)
        try sheet.setColumnWidth(16, columns: 1...5)
        try sheet.setColumnWidth(18, column: 6)
        try sheet.freezePanes(rows: summaryHeaderRow + 1)
    }

    /// The week's all-sources funnel as a table and a bar chart of it, then the referrals
    /// and completeness of the 13 weeks the Trends sheet lists, as two charts reading its
    /// `(all)` rows.
    private static func writeSummaryCharts(_ data: WeeklyWorkbookData, from firstRow: Int, to sheet: XLSXWorksheet,
                                           workbook: XLSXWorkbook) throws {
        try sheet.writeText("Funnel, week \(data.model.reportWeek)", row: firstRow, column: 0,
                            format: WeeklyWorkbookStyle.sectionTitle)
        let current = data.metrics(data.reportWeek, allSourcesName)
        var row = firstRow + 1
        for label in summaryFunnelStages {
            guard let column = WeeklyMetricColumn.named(label) else { continue }
            try sheet.writeText(label, row: row, column: 0)
            try sheet.writeNumber(column.value(current), row: row, column: 1, format: column.format)
            row += 1
        }
        let stages = (firstRow + 1)...(row - 1)
        let funnel = try workbook.addChart(.bar)
        try funnel.addSeries(sheet: sheet.name, categories: .column(0, rows: stages), values: .column(1, rows: stages),
                             name: .text("All sources"))
        try funnel.setTitle("All sources, week \(data.model.reportWeek)")
        try funnel.reverseCategoryAxis()
        try funnel.setLegendPosition(.none)
        try sheet.insertChart(funnel, row: firstRow, column: 2, widthScale: 1.2, heightScale: 0.9,
                              description: "Bar chart of the all-sources funnel of the report week")

        let weeks = data.trendWeeks
        guard !weeks.isEmpty,
              let referrals = trendsMetrics.firstIndex(of: "Referrals"),
              let completeness = trendsMetrics.firstIndex(of: "Completeness") else { return }
        // The Trends sheet's first block is `(all)`, one row per week.
        let trendRows = (trendsHeaderRow + 1)...(trendsHeaderRow + weeks.count)
        let chartRow = max(row + 1, firstRow + 15)
        // Side by side rather than stacked: the sheet stays one page, with Excel's Calibri
        // (more rows to a page than LibreOffice's substitute font gives) on A4 and Letter alike.
        for (offset, spec) in [(referrals, "Referrals", nil as String?),
                               (completeness, "Completeness", "0%" as String?)].enumerated() {
            let chart = try workbook.addChart(offset == 0 ? .column : .line)
            try chart.addSeries(sheet: "Trends", categories: .column(1, rows: trendRows),
                                values: .column(3 + spec.0, rows: trendRows), name: .text("All sources"))
            try chart.setTitle("\(spec.1), \(weeks.count) weeks")
            if let format = spec.2 { try chart.setValueAxisNumberFormat(format) }
            try chart.setLegendPosition(.none)
            // Columns A-C are 477 pixels wide (34 + 16 + 16 characters): a chart of 470 fits.
            try sheet.insertChart(chart, row: chartRow, column: offset * 3, widthScale: 0.98, heightScale: 0.9,
                                  description: "\(spec.1) over \(weeks.count) weeks, all sources")
        }
    }

    /// ▲ above the baseline, ▼ below, – level (within rounding noise); nil when either is
    /// missing. Direction only: whether up is good depends on the metric (stalled, no-shows).
    static func trendArrow(_ value: Double?, _ baseline: Double?) -> String? {
        guard let value, let baseline else { return nil }
        let tolerance = 1e-9 * max(1, abs(baseline))
        if value > baseline + tolerance { return "▲" }
        if value < baseline - tolerance { return "▼" }
        return "–"
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
