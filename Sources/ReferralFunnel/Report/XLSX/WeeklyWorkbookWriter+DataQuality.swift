extension WeeklyWorkbookWriter {
    static let dataQualityHeaderRow = 1
    static let dataQualityFilesHeader = ["Feed", "File", "Rows read", "Rows loaded", "Rows quarantined", "Warnings",
                                         "Held back because"]

    /// Per file read/loaded/quarantined/held back, then quarantine reasons, unregistered
    /// sources, malformed NPIs, appointment links and feed freshness. Never a row's raw text.
    static func writeDataQuality(_ data: WeeklyWorkbookData, to sheet: XLSXWorksheet) throws {
        let quality = data.model.dataQuality
        let count = WeeklyWorkbookStyle.count
        try sheet.writeText("Data quality", row: 0, column: 0, format: WeeklyWorkbookStyle.title)
        try writeHeader(dataQualityFilesHeader, row: dataQualityHeaderRow, to: sheet)
        var row = dataQualityHeaderRow + 1
        for file in quality.files {
            try writeText(file.feed, row: row, column: 0, to: sheet)
            try writeText(file.path, row: row, column: 1, to: sheet)
            try sheet.writeNumber(file.rowsRead, row: row, column: 2, format: count)
            try sheet.writeNumber(file.rowsLoaded, row: row, column: 3, format: count)
            try sheet.writeNumber(file.rowsQuarantined, row: row, column: 4, format: count)
            try sheet.writeNumber(file.warnings, row: row, column: 5, format: count)
            try writeText(file.heldBackReason, row: row, column: 6, to: sheet, format: WeeklyWorkbookStyle.wrappedText)
            row += 1
        }
        if quality.files.isEmpty { row = try writeNone("No files ingested.", row: row, to: sheet) }

        row = try writeSection("Quarantined rows and warnings",
                               header: ["File", "Column", "Reason", "Kind", "Rows", "First lines"], row: row + 1,
                               to: sheet)
        for group in quality.quarantine {
            try writeText(group.path, row: row, column: 0, to: sheet)
            try writeText(group.column, row: row, column: 1, to: sheet)
            try writeText(group.reason, row: row, column: 2, to: sheet, format: WeeklyWorkbookStyle.wrappedText)
            try sheet.writeText(group.isWarning ? "warning (row loaded)" : "row quarantined", row: row, column: 3)
            try sheet.writeNumber(group.count, row: row, column: 4, format: count)
            try sheet.writeText(group.lines.map(String.init).joined(separator: ", "), row: row, column: 5)
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
        try sheet.setColumnWidth(16, columns: 3...5)
        try sheet.setColumnWidth(36, column: 6)
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
