extension WeeklyWorkbookWriter {
    static let stalledHeaderRow = 1
    static let stalledHeader = ["Referral ID", "Source", "Service line", "Received", "Days waiting"]

    /// The worklist: accepted referrals with no live appointment past `stall_days`, longest
    /// waiting first, as the model orders them.
    static func writeStalled(_ data: WeeklyWorkbookData, to sheet: XLSXWorksheet) throws {
        let model = data.model
        try sheet.writeText(
            "Stalled referrals: accepted, no appointment, received more than "
                + "\(plainNumber(model.parameters.stallDays)) days before \(model.asOfLocalText)",
            row: 0, column: 0, format: WeeklyWorkbookStyle.title)
        try writeHeader(stalledHeader, row: stalledHeaderRow, to: sheet)
        for (index, referral) in model.stalled.enumerated() {
            let row = stalledHeaderRow + 1 + index
            try writeText(referral.referralID, row: row, column: 0, to: sheet)
            try writeText(referral.source, row: row, column: 1, to: sheet)
            try writeText(referral.serviceLine, row: row, column: 2, to: sheet)
            try sheet.writeDate(XLSXDateTime(isoDate: referral.receivedDate), row: row, column: 3,
                                format: WeeklyWorkbookStyle.date)
            try sheet.writeNumber(referral.daysWaiting, row: row, column: 4, format: WeeklyWorkbookStyle.duration)
        }
        if model.stalled.isEmpty {
            try sheet.writeText("No stalled referrals.", row: stalledHeaderRow + 1, column: 0,
                                format: WeeklyWorkbookStyle.note)
        }
        try sheet.setColumnWidth(18, column: 0)
        try sheet.setColumnWidth(28, column: 1)
        try sheet.setColumnWidth(18, column: 2)
        try sheet.setColumnWidth(12, columns: 3...4)
        try sheet.freezePanes(rows: stalledHeaderRow + 1)
    }

    /// `14` for 14.0, `1.5` for 1.5: parameters as a person writes them.
    static func plainNumber(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
