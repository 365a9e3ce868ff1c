extension WeeklyWorkbookWriter {
    static let completenessHeaderRow = 1

    static func completenessHeader(items: [String]) -> [String] {
        ["Source", "Referrals (week)"] + items.map { "\($0) (week)" }
            + ["Referrals (4 wk)"] + items.map { "\($0) (4 wk)" }
    }

    /// Source by required item: the share of referrals missing it at receipt, for the report
    /// week and the 4 weeks ending with it.
    static func writeCompleteness(_ data: WeeklyWorkbookData, to sheet: XLSXWorksheet) throws {
        try sheet.writeText("Share of referrals missing each required item at receipt", row: 0, column: 0,
                            format: WeeklyWorkbookStyle.title)
        let items = data.missingItemNames
        let header = completenessHeader(items: items)
        try writeHeader(header, row: completenessHeaderRow, to: sheet)
        let periods = [data.reportWeek, data.trailingFourWeeks]
        let sources = [allSourcesName] + data.sources(activeIn: periods, rankedBy: data.trailingFourWeeks)
        for (index, source) in sources.enumerated() {
            let row = completenessHeaderRow + 1 + index
            try writeText(source, row: row, column: 0, to: sheet,
                          format: source == allSourcesName ? WeeklyWorkbookStyle.label : WeeklyWorkbookStyle.text)
            for (block, period) in periods.enumerated() {
                let first = 1 + block * (items.count + 1)
                try sheet.writeNumber(data.metrics(period, source).referrals, row: row, column: first,
                                      format: WeeklyWorkbookStyle.count)
                for (offset, item) in items.enumerated() {
                    try sheet.writeNumber(data.missingShare(period, source, item)?.share, row: row,
                                          column: first + 1 + offset, format: WeeklyWorkbookStyle.percent)
                }
            }
        }
        if !items.isEmpty {
            let rows = (completenessHeaderRow + 1)...(completenessHeaderRow + sources.count)
            for block in 0..<periods.count {
                let first = 2 + block * (items.count + 1)
                // Green where little is missing, red where much is.
                try sheet.addConditionalFormat(
                    .threeColorScale(minimum: .init(.number(0), color: WeeklyWorkbookStyle.good),
                                     midpoint: .init(.number(0.25), color: WeeklyWorkbookStyle.middling),
                                     maximum: .init(.number(1), color: WeeklyWorkbookStyle.poor)),
                    range: XLSXCellRange(firstRow: rows.lowerBound, firstColumn: first, lastRow: rows.upperBound,
                                         lastColumn: first + items.count - 1))
            }
        }
        try sheet.setColumnWidth(28, column: 0)
        try sheet.setColumnWidth(14, columns: 1...(header.count - 1))
        try sheet.freezePanes(rows: completenessHeaderRow + 1, columns: 1)
    }
}
