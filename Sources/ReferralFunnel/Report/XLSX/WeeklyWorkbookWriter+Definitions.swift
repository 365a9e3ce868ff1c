extension WeeklyWorkbookWriter {
    static let definitionsHeaderRow = 1
    static let definitionsHeader = ["Metric", "Definition"]

    /// Every metric of SPEC section 4 in one plain sentence, with this pipeline's parameters.
    static func definitions(_ parameters: ReportModel.Parameters) -> [(metric: String, definition: String)] {
        let sla = plainNumber(parameters.slaHours)
        let followup = plainNumber(parameters.followupDays)
        let stall = plainNumber(parameters.stallDays)
        let window = plainNumber(parameters.linkWindowDays)
        return [
            ("Week", "An ISO week (Monday start) in the pipeline's time zone; web stages count in the week of the "
                + "session's first event, referral stages in the week the referral was received."),
            ("Source", "The canonical referral source from the registry, or an unregistered source named by its "
                + "earliest spelling."),
            ("Sessions", "Sessions with at least one page_view."),
            ("Form starts", "Of those sessions, the ones with a form_start."),
            ("Form submits", "Of those sessions, the ones with a form_submit."),
            ("Referrals", "Referrals received."),
            ("Complete", "Referrals with no missing items at receipt."),
            ("Returned", "Referrals whose status history holds returned."),
            ("Accepted", "Referrals whose status history holds accepted."),
            ("Confirmed", "Referrals with a confirmed_at."),
            ("Confirmed within SLA", "Referrals confirmed no more than \(sla) hours after they were received."),
            ("Median hours to confirm", "Median of confirmed_at minus received_at, in hours, over confirmed referrals."),
            ("Scheduled", "Referrals with at least one linked appointment."),
            ("Median days to first appointment", "Median of the first appointment's start minus received_at, in "
                + "days; the first appointment is the linked one with the earliest start that is not cancelled or "
                + "rescheduled."),
            ("P90 days to first appointment", "90th percentile of the days from receipt to first appointment."),
            ("Completed", "Referrals with a linked appointment whose status is completed."),
            ("No-show appointments", "Linked appointments with status no_show."),
            ("Attended appointments", "Linked appointments with status completed."),
            ("Closed loop", "Completed referrals with a completed appointment whose consult note was sent no more "
                + "than \(followup) days after it started."),
            ("Stalled", "Accepted referrals with no linked appointment other than cancelled or rescheduled ones, "
                + "received more than \(stall) days before as_of."),
            ("Completeness", "Complete divided by referrals."),
            ("SLA rate", "Confirmed within SLA divided by referrals."),
            ("Scheduling conversion", "Scheduled divided by referrals."),
            ("Acceptance", "Accepted divided by referrals."),
            ("Completion", "Completed divided by scheduled."),
            ("No-show rate", "No-show appointments divided by no-show plus attended appointments."),
            ("Closed-loop rate", "Closed loop divided by completed."),
            ("Submit rate", "Form submits divided by sessions."),
            ("Missing item share", "Of a source's referrals, the share missing that required item at receipt."),
            ("Days waiting", "Days from a stalled referral's receipt to as_of."),
            ("Empty cell", "A rate over zero, or a median or percentile over no values, is left empty, never 0."),
            ("Medians and percentiles", "Interpolated linearly between the two nearest values."),
            ("Appointment link", "By referral_id when it names a known referral, else to the same patient's "
                + "referral with the latest receipt not after booking and at most \(window) days before it."),
            ("4 wk", "The 4 ISO weeks ending with the report week, counted together."),
        ]
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
