extension WeeklyWorkbookWriter {
    static let trendsHeaderRow = 1
    static let trendsMetrics = [
        "Sessions", "Referrals", "Completeness", "SLA rate", "Scheduling conversion",
        "Median days to first appointment", "Stalled",
    ]
    static var trendsHeader: [String] { ["Source", "Week", "Week starting"] + trendsMetrics }
    /// Lines beyond this many sources (plus `(all)`) make a chart unreadable; the table still
    /// lists every source.
    static let trendsChartedSources = 7

    /// 13 weeks for `(all)` and each source, one block of rows per source so that every
    /// source's weeks form one range a chart series can read. Three line charts beside it.
    static func writeTrends(_ data: WeeklyWorkbookData, to sheet: XLSXWorksheet, workbook: XLSXWorkbook) throws {
        let weeks = data.trendWeeks
        try sheet.writeText("Trends, \(weeks.count) weeks ending \(data.model.reportWeek)", row: 0, column: 0,
                            format: WeeklyWorkbookStyle.title)
        try writeHeader(trendsHeader, row: trendsHeaderRow, to: sheet)
        let periods = weeks.map(Period.week)
        let sources = [allSourcesName] + data.sources(activeIn: periods, rankedBy: data.trailingThirteenWeeks)
        let columns = trendsMetrics.compactMap(WeeklyMetricColumn.named)
        var blockStarts: [Int] = []
        var row = trendsHeaderRow + 1
        for source in sources {
            blockStarts.append(row)
            for period in periods {
                try writeText(source, row: row, column: 0, to: sheet)
                try sheet.writeText(period.endWeek, row: row, column: 1)
                if let monday = TimeZoneRules.isoWeekMonday(period.endWeek).map(XLSXDateTime.init(date:)) {
                    try sheet.writeDate(monday, row: row, column: 2, format: WeeklyWorkbookStyle.date)
                }
                let metrics = data.metrics(period, source)
                for (offset, column) in columns.enumerated() {
                    try sheet.writeNumber(column.value(metrics), row: row, column: 3 + offset, format: column.format)
                }
                row += 1
            }
        }

        if !weeks.isEmpty {
            let charts: [(metric: String, title: String, axis: String, numberFormat: String?)] = [
                ("Referrals", "Referrals per week", "Referrals", nil),
                ("Completeness", "Completeness per week", "Complete at receipt", "0%"),
                ("Median days to first appointment", "Median days to first appointment", "Days", nil),
            ]
            let chartColumn = trendsHeader.count + 1
            for (index, spec) in charts.enumerated() {
                guard let metricIndex = trendsMetrics.firstIndex(of: spec.metric) else { continue }
                let chart = try workbook.addChart(.line)
                for start in blockStarts.prefix(1 + trendsChartedSources) {
                    let rows = start...(start + weeks.count - 1)
                    // The series name is the source cell itself: a name from the data is never
                    // handed to the chart as text, where a leading '=' would become a formula.
                    try chart.addSeries(sheet: sheet.name,
                                        categories: .column(1, rows: (blockStarts[0])...(blockStarts[0] + weeks.count - 1)),
                                        values: .column(3 + metricIndex, rows: rows),
                                        name: .cell(sheet: sheet.name, row: start, column: 0))
                }
                try chart.setTitle(spec.title)
                try chart.setCategoryAxisName("ISO week")
                try chart.setValueAxisName(spec.axis)
                if let numberFormat = spec.numberFormat { try chart.setValueAxisNumberFormat(numberFormat) }
                try chart.setLegendPosition(.bottom)
                try sheet.insertChart(chart, row: trendsHeaderRow + index * 22, column: chartColumn, widthScale: 1.5,
                                      heightScale: 1.45, description: spec.title)
            }
        }

        try sheet.setColumnWidth(28, column: 0)
        try sheet.setColumnWidth(10, column: 1)
        try sheet.setColumnWidth(12, column: 2)
        try sheet.setColumnWidth(13, columns: 3...(trendsHeader.count - 1))
        try sheet.freezePanes(rows: trendsHeaderRow + 1, columns: 1)
    }
}
