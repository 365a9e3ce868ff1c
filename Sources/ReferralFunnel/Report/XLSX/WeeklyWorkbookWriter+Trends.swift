extension WeeklyWorkbookWriter {
    static let trendsHeaderRow = 1
    static let trendsMetrics = [
        "Sessions", "Referrals", "Completeness", "SLA rate", "Scheduling conversion",
        "Median days to first appointment", "Stalled",
    ]
    static var trendsHeader: [String] { ["Source", "Week", "Week starting"] + trendsMetrics }
    /// A line per source beyond this many makes a chart a tangle: the charts draw the top
    /// sources by referrals over the charted weeks and one line for the others combined; the
    /// table still lists every source.
    static let trendsChartedSources = 6
    /// The block of rows, after every source's, that the "all others" line reads. A name in
    /// parentheses, like `(all)`, which the source registry keeps for the pipeline's own.
    static let otherSourcesName = "(all others)"

    /// 13 weeks for `(all)` and each source, one block of rows per source so that every
    /// source's weeks form one range a chart series can read; when there are more sources
    /// than the charts draw, a last block sums the others. Three line charts beside it.
    static func writeTrends(_ data: WeeklyWorkbookData, to sheet: XLSXWorksheet, workbook: XLSXWorkbook) throws {
        let weeks = data.trendWeeks
        try sheet.writeText("Trends, \(weeks.count) weeks ending \(data.model.reportWeek)", row: 0, column: 0,
                            format: WeeklyWorkbookStyle.title)
        try writeHeader(trendsHeader, row: trendsHeaderRow, to: sheet)
        let periods = weeks.map(Period.week)
        // Ranked by referrals over the trailing 13 weeks: the charted weeks.
        let ranked = data.sources(activeIn: periods, rankedBy: data.trailingThirteenWeeks)
        let charted = Array(ranked.prefix(trendsChartedSources))
        let others = Array(ranked.dropFirst(trendsChartedSources))
        let columns = trendsMetrics.compactMap(WeeklyMetricColumn.named)
        // Blocks in order: `(all)` first (the Summary's charts read its rows), each source,
        // then the others combined (told by position, not name: a source could be called that).
        var blockStarts: [Int] = []
        var row = trendsHeaderRow + 1
        let blocks = [allSourcesName] + ranked + (others.isEmpty ? [] : [otherSourcesName])
        for (block, source) in blocks.enumerated() {
            let isOthers = !others.isEmpty && block == blocks.count - 1
            blockStarts.append(row)
            for period in periods {
                try writeText(source, row: row, column: 0, to: sheet,
                              format: isOthers ? WeeklyWorkbookStyle.label : WeeklyWorkbookStyle.text)
                try sheet.writeText(period.endWeek, row: row, column: 1)
                if let monday = TimeZoneRules.isoWeekMonday(period.endWeek).map(XLSXDateTime.init(date:)) {
                    try sheet.writeDate(monday, row: row, column: 2, format: WeeklyWorkbookStyle.date)
                }
                let metrics = isOthers
                    ? data.summedCounts(of: others, over: [period], as: otherSourcesName)
                    : data.metrics(period, source)
                for (offset, column) in columns.enumerated() {
                    try sheet.writeNumber(column.value(metrics), row: row, column: 3 + offset, format: column.format)
                }
                row += 1
            }
        }

        if !weeks.isEmpty {
            // The median of the others combined is no mart's number (medians do not add up),
            // so that chart draws the top sources alone.
            let charts: [(metric: String, title: String, axis: String, numberFormat: String?, withOthers: Bool)] = [
                ("Referrals", "Referrals per week", "Referrals", nil, true),
                ("Completeness", "Completeness per week", "Complete at receipt", "0%", true),
                ("Median days to first appointment", "Median days to first appointment", "Days", nil, false),
            ]
            let chartColumn = trendsHeader.count + 1
            let weekRows = (trendsHeaderRow + 1)...(trendsHeaderRow + weeks.count)
            for (index, spec) in charts.enumerated() {
                // Blocks 1...charted.count are the top sources; the last, the others.
                let lines = Array(blockStarts.dropFirst().prefix(charted.count))
                    + (spec.withOthers && !others.isEmpty ? [blockStarts[blockStarts.count - 1]] : [])
                // A chart without a series is refused by the library: no source, no chart.
                guard let metricIndex = trendsMetrics.firstIndex(of: spec.metric), !lines.isEmpty else { continue }
                let chart = try workbook.addChart(.line)
                for start in lines {
                    let rows = start...(start + weeks.count - 1)
                    // The series name is the source cell itself: a name from the data is never
                    // handed to the chart as text, where a leading '=' would become a formula.
                    try chart.addSeries(sheet: sheet.name, categories: .column(1, rows: weekRows),
                                        values: .column(3 + metricIndex, rows: rows),
                                        name: .cell(sheet: sheet.name, row: start, column: 0))
                }
                try chart.setTitle(spec.title)
                try chart.setCategoryAxisName("ISO week")
                try chart.setValueAxisName(spec.axis)
                if let numberFormat = spec.numberFormat { try chart.setValueAxisNumberFormat(numberFormat) }
                try chart.setLegendPosition(.bottom)
                // Beside the table at fixed rows, so on the first page whatever the number of
                // sources: three charts of 16 rows end by row 51 (ChartPageBreakTests checks).
                try sheet.insertChart(chart, row: trendsHeaderRow + index * 17, column: chartColumn, widthScale: 1.5,
                                      heightScale: 1.1, description: spec.title)
            }
        }

        try sheet.setColumnWidth(28, column: 0)
        try sheet.setColumnWidth(10, column: 1)
        try sheet.setColumnWidth(12, column: 2)
        try sheet.setColumnWidth(13, columns: 3...(trendsHeader.count - 1))
        try sheet.freezePanes(rows: trendsHeaderRow + 1, columns: 1)
    }
}
