extension WeeklyWorkbookWriter {
    static let dataQualityHeaderRow = 1
    static let dataQualityFilesHeader = ["Feed", "Month of the data", "Files", "Rows read", "Rows loaded",
                                         "Rows quarantined", "Warnings", "Files held back"]

    /// Files by feed and month (a year of nightly files is over a thousand, which printed
    /// over twenty pages one per row), held-back files by name, quarantine by feed and reason,
    /// then unregistered sources, malformed NPIs, appointment links and feed freshness. The
    /// per-file and per-line detail is on the data-quality page. Never a row's raw text.
    static func writeDataQuality(_ data: WeeklyWorkbookData, to sheet: XLSXWorksheet) throws {
        let quality = data.model.dataQuality
        let count = WeeklyWorkbookStyle.count
        try sheet.writeText("Data quality", row: 0, column: 0, format: WeeklyWorkbookStyle.title)
        try writeHeader(dataQualityFilesHeader, row: dataQualityHeaderRow, to: sheet)
        var row = dataQualityHeaderRow + 1
        for month in quality.filesByFeedAndMonth {
            try writeText(month.feed, row: row, column: 0, to: sheet)
            try writeText(month.month ?? "no data loaded", row: row, column: 1, to: sheet)
            for (offset, value) in [month.files.count, month.rowsRead, month.rowsLoaded, month.rowsQuarantined,
                                    month.warnings, month.heldBack].enumerated() {
                try sheet.writeNumber(value, row: row, column: 2 + offset, format: count)
            }
            row += 1
        }
        if quality.files.isEmpty { row = try writeNone("No files ingested.", row: row, to: sheet) }

        let heldBack = quality.files.filter { $0.heldBackReason != nil }
        row = try writeSection("Held-back files (nothing from them loaded)", header: ["Feed", "File", "Held back because"],
                               row: row + 1, to: sheet)
        for file in heldBack {
            try writeText(file.feed, row: row, column: 0, to: sheet)
            try writeText(file.path, row: row, column: 1, to: sheet)
            try writeText(file.heldBackReason, row: row, column: 2, to: sheet, format: WeeklyWorkbookStyle.wrappedText)
            row += 1
        }
        if heldBack.isEmpty { row = try writeNone("None.", row: row, to: sheet) }

        row = try writeSection("Quarantined rows and warnings, by feed and reason",
                               header: ["Feed", "Column", "Reason", "Kind", "Rows", "Files"], row: row + 1, to: sheet)
        for reason in quality.quarantineByReason {
            try writeText(reason.feed, row: row, column: 0, to: sheet)
            try writeText(reason.column, row: row, column: 1, to: sheet)
            try writeText(reason.reason, row: row, column: 2, to: sheet, format: WeeklyWorkbookStyle.wrappedText)
            try sheet.writeText(reason.isWarning ? "warning (row loaded)" : "row quarantined", row: row, column: 3)
            try sheet.writeNumber(reason.rows, row: row, column: 4, format: count)
            try sheet.writeNumber(reason.files, row: row, column: 5, format: count)
            row += 1
        }
        if quality.quarantine.isEmpty { row = try writeNone("Nothing quarantined.", row: row, to: sheet) }

        row = try writeSection("Unregistered sources (add an alias to the registry)",
                               header: ["Source", "Normalized name", "Spellings seen", "Referrals", "Sessions"],
                               row: row + 1, to: sheet)
        for source in quality.unregisteredSources {
            try writeText(source.name, row: row, column: 0, to: sheet)
            try writeText(source.normalizedName, row: row, column: 1, to: sheet)
            try writeText(source.spellings.joined(separator: "; "), row: row, column: 2, to: sheet,
                          format: WeeklyWorkbookStyle.wrappedText)
            try sheet.writeNumber(source.referrals, row: row, column: 3, format: count)
            try sheet.writeNumber(source.sessions, row: row, column: 4, format: count)
            row += 1
        }
        if quality.unregisteredSources.isEmpty { row = try writeNone("None.", row: row, to: sheet) }

        row = try writeSection("Malformed referring NPIs", header: ["NPI", "Source", "Referrals"], row: row + 1,
                               to: sheet)
        for npi in quality.invalidNPIs {
            try writeText(npi.npi, row: row, column: 0, to: sheet)
            try writeText(npi.source, row: row, column: 1, to: sheet)
            try sheet.writeNumber(npi.referrals, row: row, column: 2, format: count)
            row += 1
        }
        if quality.invalidNPIs.isEmpty { row = try writeNone("None.", row: row, to: sheet) }

        let links = quality.appointmentLinks
        row = try writeSection("Appointment links",
                               header: ["Appointments", "Linked by referral ID", "Linked by patient", "Unlinked"],
                               row: row + 1, to: sheet)
        for (column, value) in [links.appointments, links.linkedByReferralID, links.linkedByPatient, links.unlinked]
            .enumerated() {
            try sheet.writeNumber(value, row: row, column: column, format: count)
        }
        row += 1

        row = try writeSection("Feed freshness", header: ["Feed", "Files", "Last file", "Days since last file", "Stale"],
                               row: row + 1, to: sheet)
        for feed in quality.feeds {
            try writeText(feed.feed, row: row, column: 0, to: sheet)
            try sheet.writeNumber(feed.files, row: row, column: 1, format: count)
            if let lastFileDate = feed.lastFileDate {
                try sheet.writeDate(XLSXDateTime(isoDate: lastFileDate), row: row, column: 2,
                                    format: WeeklyWorkbookStyle.date)
            }
            try sheet.writeNumber(feed.daysSinceLastFile, row: row, column: 3, format: WeeklyWorkbookStyle.duration)
            try sheet.writeText(feed.isStale ? "yes" : "no", row: row, column: 4)
            row += 1
        }

        try sheet.setColumnWidth(30, column: 0)
        try sheet.setColumnWidth(34, column: 1)
        try sheet.setColumnWidth(30, column: 2)
        try sheet.setColumnWidth(16, columns: 3...7)
        try sheet.freezePanes(rows: dataQualityHeaderRow + 1)
    }

    /// A section title and its header row; returns the first row for its data.
    private static func writeSection(_ title: String, header: [String], row: Int, to sheet: XLSXWorksheet) throws -> Int {
        try sheet.writeText(title, row: row, column: 0, format: WeeklyWorkbookStyle.sectionTitle)
        try writeHeader(header, row: row + 1, to: sheet)
        return row + 2
    }

    private static func writeNone(_ text: String, row: Int, to sheet: XLSXWorksheet) throws -> Int {
        try sheet.writeText(text, row: row, column: 0, format: WeeklyWorkbookStyle.note)
        return row + 1
    }
}
