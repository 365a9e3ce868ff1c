extension WeeklyWorkbookWriter {
    static let landingHeaderRow = 1
    /// How many pages the Pages sheet's chart ranks by referrals.
    static let chartedPageCount = 10

    /// The columns after the period and the key: the catalogue's landing-page counts and rates.
    static var landingMetricColumns: [WeeklyMetricColumn] {
        MetricCatalogue.landingPageColumns.map(WeeklyMetricColumn.init(metric:))
    }

    static func landingHeader(_ dimension: LandingDimension) -> [String] {
        let keys = switch dimension {
        case .landingPage: ["Landing page"]
        case .campaign: ["utm_source", "utm_medium", "utm_campaign"]
        }
        return ["Period"] + keys + landingMetricColumns.map(\.label)
    }

    /// The report week, the 4 and the 13 weeks ending with it, as the Period column names them.
    static func landingPeriods(_ data: WeeklyWorkbookData) -> [(period: Period, label: String)] {
        let week = data.model.reportWeek
        return [(data.reportWeek, "Week \(week)"), (data.trailingFourWeeks, "4 weeks to \(week)"),
                (data.trailingThirteenWeeks, "13 weeks to \(week)")]
    }

    /// SPEC 4.1 in the workbook: one table (it filters and sorts) of the landing pages or
    /// campaigns of each period, most sessions first, keys with fewer than five sessions in
    /// one `(other …)` row per period. The Pages sheet adds a bar chart of the pages that
    /// brought the most referrals over the 13 weeks.
    static func writeLanding(_ dimension: LandingDimension, _ data: WeeklyWorkbookData, to sheet: XLSXWorksheet,
                             workbook: XLSXWorkbook) throws {
        let funnel = data.model.landingFunnel(dimension)
        let noun = dimension == .landingPage ? "Landing pages" : "Campaigns"
        try sheet.writeText("\(noun): the week \(data.model.reportWeek) and the 4 and 13 weeks ending with it",
                            row: 0, column: 0, format: WeeklyWorkbookStyle.title)
        let header = landingHeader(dimension)
        let keyCount = dimension.keyColumns.count
        var row = landingHeaderRow + 1
        for (period, label) in landingPeriods(data) {
            for line in funnel.rankedGroupingSmallNumbers(period) {
                try writeText(label, row: row, column: 0, to: sheet)
                if let others = line.othersLabel {
                    try writeText(others, row: row, column: 1, to: sheet, format: WeeklyWorkbookStyle.note)
                } else {
                    for (offset, value) in line.key.enumerated() {
                        try writeText(value.isEmpty ? "(none)" : value, row: row, column: 1 + offset, to: sheet)
                    }
                }
                for (offset, column) in landingMetricColumns.enumerated() {
                    try sheet.writeNumber(column.value(line.metrics), row: row, column: 1 + keyCount + offset,
                                          format: column.format)
                }
                row += 1
            }
        }
        let lastRow = max(row - 1, landingHeaderRow + 1)
        try sheet.addTable(XLSXCellRange(firstRow: landingHeaderRow, firstColumn: 0, lastRow: lastRow,
                                         lastColumn: header.count - 1),
                           name: dimension == .landingPage ? "LandingPages" : "Campaigns", headers: header,
                           style: .medium(2), headerFormat: WeeklyWorkbookStyle.header)
        let widths = landingColumnWidths(dimension)
        for (column, width) in widths.enumerated() {
            try sheet.setColumnWidth(width, column: column)
        }
        try sheet.freezePanes(rows: landingHeaderRow + 1)

        if dimension == .landingPage {
            try writeTopPagesChart(funnel, data, at: lastRow + 2, columnWidths: widths, to: sheet, workbook: workbook)
        }
    }

    static func landingColumnWidths(_ dimension: LandingDimension) -> [Double] {
        let keys: [Double] = dimension == .landingPage ? [36] : [18, 18, 18]
        return [20] + keys + landingMetricColumns.map { _ in 12 }
    }

    static let topPagesChartScale = (width: 1.4, height: 1.2)
    /// The small table the chart reads sits to the right of the chart, in these columns.
    static let topPagesTableColumn = 6

    /// The pages with the most referrals over the 13 weeks (pages alone, not the grouped
    /// tail), as a small table the chart reads, and a bar chart of it beside the table. The
    /// main table above grows with the pages, so when the chart may fall across a page break
    /// it starts a page of its own.
    private static func writeTopPagesChart(_ funnel: LandingFunnel, _ data: WeeklyWorkbookData, at firstRow: Int,
                                           columnWidths: [Double], to sheet: XLSXWorksheet,
                                           workbook: XLSXWorkbook) throws {
        let period = data.trailingThirteenWeeks
        let top = funnel.ranked(period)
            .filter { $0.metrics.referrals > 0 }
            .sorted { lhs, rhs in
                if lhs.metrics.referrals != rhs.metrics.referrals { return lhs.metrics.referrals > rhs.metrics.referrals }
                return LandingFunnelRow.keyPrecedes(lhs.key, rhs.key)
            }
            .prefix(chartedPageCount)
        let title = "Top landing pages by referrals, 13 weeks to \(data.model.reportWeek)"
        let tableColumn = topPagesTableColumn
        try sheet.writeText(title, row: firstRow, column: tableColumn, format: WeeklyWorkbookStyle.sectionTitle)
        guard !top.isEmpty else {
            try sheet.writeText("No referral came through the web in these weeks.", row: firstRow + 1, column: tableColumn,
                                format: WeeklyWorkbookStyle.note)
            return
        }
        let headerRow = firstRow + 1
        try writeHeader(["Landing page", "Referrals"], row: headerRow, firstColumn: tableColumn, to: sheet)
        for (index, line) in top.enumerated() {
            try writeText(line.keyText, row: headerRow + 1 + index, column: tableColumn, to: sheet)
            try sheet.writeNumber(line.metrics.referrals, row: headerRow + 1 + index, column: tableColumn + 1,
                                  format: WeeklyWorkbookStyle.count)
        }
        let rows = (headerRow + 1)...(headerRow + top.count)
        let chart = try workbook.addChart(.bar)
        try chart.addSeries(sheet: sheet.name, categories: .column(tableColumn, rows: rows),
                            values: .column(tableColumn + 1, rows: rows), name: .text("Referrals"))
        try chart.setTitle(title)
        try chart.setValueAxisName("Referrals")
        try chart.reverseCategoryAxis()
        try chart.setLegendPosition(.none)
        try sheet.insertChart(chart, row: firstRow, column: 0, widthScale: topPagesChartScale.width,
                              heightScale: topPagesChartScale.height,
                              description: "Bar chart of the landing pages with the most referrals")
        let chartRows = Int((topPagesChartScale.height * 288 / 20).rounded(.up))
        let firstPage = XLSXPrintLayout.firstPageRows(widthPixels: columnWidths.map(XLSXPrintLayout.columnPixels).reduce(0, +),
                                                      orientation: .landscape)
        if firstRow + max(chartRows, top.count + 2) > firstPage {
            try sheet.setRowPageBreaks([firstRow])
        }
    }
}
