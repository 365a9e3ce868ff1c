extension WeeklyWorkbookWriter {
    static let definitionsHeaderRow = 1
    static let definitionsHeader = ["Metric", "Definition"]

    /// Every metric of the catalogue in one plain sentence, with this pipeline's parameters,
    /// between the terms a reader needs first and those that explain the cells.
    static func definitions(_ parameters: ReportModel.Parameters) -> [(metric: String, definition: String)] {
        let metrics = MetricCatalogue.all.map { metric in
            (metric: metric.label, definition: metric.definition { parameterText($0, parameters) })
        }
        return [
            ("Week", "An ISO week (Monday start) in the pipeline's time zone; web stages count in the week of the "
                + "session's first event, referral stages in the week the referral was received."),
            ("Source", "The canonical referral source from the registry, or an unregistered source named by its "
                + "earliest spelling."),
        ] + metrics + [
            ("Missing item share", "Of a source's referrals, the share missing that required item at receipt."),
            ("Days waiting", "Days from a stalled referral's receipt to as_of."),
            ("Empty cell", "A rate over zero, or a median or percentile over no values, is left empty, never 0."),
            ("Medians and percentiles", "Interpolated linearly between the two nearest values."),
            ("Appointment link", "By referral_id when it names a known referral, else to the same patient's "
                + "referral with the latest receipt not after booking and at most "
                + "\(plainNumber(parameters.linkWindowDays)) days before it."),
            ("4 wk", "The 4 ISO weeks ending with the report week, counted together."),
        ]
    }

    /// A catalogue definition's `{parameter}` as this pipeline sets it.
    private static func parameterText(_ name: String, _ parameters: ReportModel.Parameters) -> String {
        switch name {
        case "sla_hours": return plainNumber(parameters.slaHours)
        case "followup_days": return plainNumber(parameters.followupDays)
        case "stall_days": return plainNumber(parameters.stallDays)
        default: return "{\(name)}"
        }
    }

    static func writeDefinitions(_ data: WeeklyWorkbookData, to sheet: XLSXWorksheet) throws {
        try sheet.writeText("Definitions", row: 0, column: 0, format: WeeklyWorkbookStyle.title)
        try writeHeader(definitionsHeader, row: definitionsHeaderRow, to: sheet)
        for (index, entry) in definitions(data.model.parameters).enumerated() {
            let row = definitionsHeaderRow + 1 + index
            try sheet.writeText(entry.metric, row: row, column: 0, format: WeeklyWorkbookStyle.label)
            try sheet.writeText(entry.definition, row: row, column: 1, format: WeeklyWorkbookStyle.wrappedText)
        }
        try sheet.setColumnWidth(32, column: 0)
        try sheet.setColumnWidth(100, column: 1)
        try sheet.freezePanes(rows: definitionsHeaderRow + 1)
    }
}
