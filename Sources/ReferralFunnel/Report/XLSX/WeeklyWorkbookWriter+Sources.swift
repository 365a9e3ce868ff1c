extension WeeklyWorkbookWriter {
    static let sourcesHeaderRow = 1
    static let sourcesTableName = "SourceMetrics"

    /// The headers of the Sources table: source, type, then every metric for the report week
    /// and again for the trailing 4 weeks.
    static var sourcesHeader: [String] {
        ["Source", "Type"]
            + WeeklyMetricColumn.all.map { "\($0.label) (week)" }
            + WeeklyMetricColumn.all.map { "\($0.label) (4 wk)" }
    }

    /// One row per source active in the report week or the 4 weeks ending with it, as an
    /// Excel table that sorts and filters.
    static func writeSources(_ data: WeeklyWorkbookData, to sheet: XLSXWorksheet) throws {
        try sheet.writeText("Sources, week \(data.model.reportWeek) and the 4 weeks ending with it",
                            row: 0, column: 0, format: WeeklyWorkbookStyle.title)
        let periods = [data.reportWeek, data.trailingFourWeeks]
        let sources = data.sources(activeIn: periods, rankedBy: data.trailingFourWeeks)
        let header = sourcesHeader
        let metricCount = WeeklyMetricColumn.all.count
        for (index, source) in sources.enumerated() {
            let row = sourcesHeaderRow + 1 + index
            try writeText(source, row: row, column: 0, to: sheet)
            try writeText(data.type(of: source), row: row, column: 1, to: sheet)
            for (block, period) in periods.enumerated() {
                let metrics = data.metrics(period, source)
                for (offset, column) in WeeklyMetricColumn.all.enumerated() {
                    try sheet.writeNumber(column.value(metrics), row: row, column: 2 + block * metricCount + offset,
                                          format: column.format)
                }
            }
        }
        // A table needs a data row; an empty week gets one empty row rather than no table.
        let lastRow = sourcesHeaderRow + max(sources.count, 1)
        try sheet.addTable(XLSXCellRange(firstRow: sourcesHeaderRow, firstColumn: 0, lastRow: lastRow,
                                         lastColumn: header.count - 1),
                           name: sourcesTableName, headers: header, style: .medium(2),
                           headerFormat: WeeklyWorkbookStyle.header)

        if !sources.isEmpty {
            let dataRows = (sourcesHeaderRow + 1)...lastRow
            let target = data.model.parameters.completenessTarget
            for block in 0..<periods.count {
                for (offset, column) in WeeklyMetricColumn.all.enumerated() {
                    let sheetColumn = 2 + block * metricCount + offset
                    if column.label == "Referrals" {
                        try sheet.addConditionalFormat(.dataBar(color: WeeklyWorkbookStyle.dataBar),
                                                       range: .column(sheetColumn, rows: dataRows))
                    }
                    if column.label == "Completeness" {
                        // Red at 0%, amber at the team's target, green at 100%.
                        try sheet.addConditionalFormat(
                            .threeColorScale(minimum: .init(.number(0), color: WeeklyWorkbookStyle.poor),
                                             midpoint: .init(.number(target), color: WeeklyWorkbookStyle.middling),
                                             maximum: .init(.number(1), color: WeeklyWorkbookStyle.good)),
                            range: .column(sheetColumn, rows: dataRows))
                    }
                }
            }
        }

        try sheet.setColumnWidth(28, column: 0)
        try sheet.setColumnWidth(12, column: 1)
        try sheet.setColumnWidth(13, columns: 2...(header.count - 1))
        try sheet.freezePanes(rows: sourcesHeaderRow + 1, columns: 1)
    }
}
