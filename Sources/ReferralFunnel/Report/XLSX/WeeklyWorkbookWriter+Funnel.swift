extension WeeklyWorkbookWriter {
    static let funnelHeaderRow = 1
    /// The stages from page visit to closed loop, in funnel order.
    static let funnelStages = [
        "Sessions", "Form starts", "Form submits", "Referrals", "Complete", "Accepted", "Confirmed", "Scheduled",
        "Completed", "Closed loop",
    ]
    static let funnelConversions = [
        "Submit rate", "Completeness", "Acceptance", "Scheduling conversion", "Completion", "Closed-loop rate",
    ]

    static var funnelHeader: [String] { ["Source", "Type"] + funnelStages + funnelConversions }
    static var funnelColumnWidths: [Double] { [28, 12] + Array(repeating: 12, count: funnelHeader.count - 2) }
    /// Of Excel's default 480 x 288 pixel chart; 20 pixels are a row.
    static let funnelChartScale = (width: 1.6, height: 1.4)

    /// Stage counts and conversions per source for the report week, `(all)` first, and a bar
    /// chart of the all-sources funnel.
    static func writeFunnel(_ data: WeeklyWorkbookData, to sheet: XLSXWorksheet, workbook: XLSXWorkbook) throws {
        let week = data.model.reportWeek
        try sheet.writeText("Funnel by source, week \(week)", row: 0, column: 0, format: WeeklyWorkbookStyle.title)
        try writeHeader(funnelHeader, row: funnelHeaderRow, to: sheet)
        let sources = [allSourcesName] + data.sources(activeIn: [data.reportWeek], rankedBy: data.reportWeek)
        let columns = (funnelStages + funnelConversions).compactMap(WeeklyMetricColumn.named)
        for (index, source) in sources.enumerated() {
            let row = funnelHeaderRow + 1 + index
            let metrics = data.metrics(data.reportWeek, source)
            try writeText(source, row: row, column: 0, to: sheet,
                          format: source == allSourcesName ? WeeklyWorkbookStyle.label : WeeklyWorkbookStyle.text)
            try writeText(data.type(of: source), row: row, column: 1, to: sheet)
            for (offset, column) in columns.enumerated() {
                try sheet.writeNumber(column.value(metrics), row: row, column: 2 + offset, format: column.format)
            }
        }

        // The chart reads the stage labels from the header and the counts from the (all) row.
        let allRow = funnelHeaderRow + 1
        let stageColumns = 2...(1 + funnelStages.count)
        let chart = try workbook.addChart(.bar)
        try chart.addSeries(sheet: sheet.name,
                            categories: .row(funnelHeaderRow, columns: stageColumns),
                            values: .row(allRow, columns: stageColumns),
                            name: .text("All sources"))
        try chart.setTitle("All sources funnel, week \(week)")
        try chart.setValueAxisName("Count")
        try chart.reverseCategoryAxis()
        try chart.setLegendPosition(.none)
        let chartRow = funnelHeaderRow + sources.count + 2
        try sheet.insertChart(chart, row: chartRow, column: 0, widthScale: funnelChartScale.width,
                              heightScale: funnelChartScale.height, description: "Bar chart of the all-sources funnel")
        // The table grows with the sources, so the chart below it may fall across a page
        // break: then it starts a page of its own.
        let widths = funnelColumnWidths
        let chartRows = Int((funnelChartScale.height * 288 / 20).rounded(.up))
        let firstPage = XLSXPrintLayout.firstPageRows(
            widthPixels: widths.map(XLSXPrintLayout.columnPixels).reduce(0, +),
            orientation: portraitSheets.contains(sheet.name) ? .portrait : .landscape)
        if chartRow + chartRows > firstPage {
            try sheet.setRowPageBreaks([chartRow])
        }

        for (column, width) in widths.enumerated() {
            try sheet.setColumnWidth(width, column: column)
        }
        try sheet.freezePanes(rows: funnelHeaderRow + 1, columns: 1)
    }
}
