import Foundation

/// Writes the weekly leadership workbook (`weekly-<ISO week>.xlsx`, SPEC section 7) from a
/// `ReportModel`: one sheet per question, native charts, numbers as numbers.
///
/// Every value that comes from input data (source names, referral IDs, service lines, file
/// paths, reasons) goes through the text writer, so nothing from the data can become a
/// formula. The document's creation date is the model's `as_of`, so the same inputs give the
/// same XML in every part of the file.
public enum WeeklyWorkbookWriter {
    /// The sheets, in workbook order.
    public static let sheetNames = [
        "Summary", "Sources", "Funnel", "Trends", "Pages", "Campaigns", "Completeness", "Stalled", "Data quality",
        "Definitions",
    ]

    /// The file name SPEC section 7 gives the workbook of `reportWeek`.
    public static func fileName(reportWeek: String) -> String {
        "weekly-\(reportWeek).xlsx"
    }

    /// Writes the workbook to a temporary name beside `path` and renames it into place, so a
    /// reader never sees half a file.
    public static func write(_ model: ReportModel, to path: String) throws {
        try writeUnderTemporaryName(model, to: path).rename()
    }

    /// Writes the workbook under a temporary name beside `path`, for the caller to rename.
    public static func writeUnderTemporaryName(_ model: ReportModel, to path: String) throws -> AtomicFile.Written {
        try AtomicFile.Written(URL(fileURLWithPath: path)) { temporary in
            do {
                try writeWorkbook(model, to: temporary.path)
            } catch let XLSXError.library(_, _, message) {
                // Name the workbook the user knows, not its temporary name.
                throw PipelineError.cannotWrite(path: path, reason: "libxlsxwriter: \(message)")
            }
        }
    }

    private static func writeWorkbook(_ model: ReportModel, to path: String) throws {
        let properties = XLSXDocumentProperties(
            title: "Referral funnel, week \(model.reportWeek)",
            subject: "Weekly referral funnel by source",
            author: "referral-funnel",
            keywords: "referrals, funnel, \(model.reportWeek)",
            comments: "Pipeline \(model.pipelineName), as of \(model.asOfLocalText) (\(model.timeZoneIdentifier)).",
            createdSecondsSinceEpoch: model.asOf.secondsSinceEpoch)
        let workbook = try XLSXWorkbook(path: path, properties: properties)
        let data = WeeklyWorkbookData(model: model)
        // Sheets are added in `sheetNames` order; each writer fills the sheet it is given. The
        // stalled worklist, the one sheet that grows with the history, is written top to
        // bottom and streams.
        let sheets = try sheetNames.map { try workbook.addWorksheet(named: $0, rowsInOrder: $0 == "Stalled") }
        try writeSummary(data, to: sheets[0], workbook: workbook)
        try writeSources(data, to: sheets[1])
        try writeFunnel(data, to: sheets[2], workbook: workbook)
        try writeTrends(data, to: sheets[3], workbook: workbook)
        try writeLanding(.landingPage, data, to: sheets[4], workbook: workbook)
        try writeLanding(.campaign, data, to: sheets[5], workbook: workbook)
        try writeCompleteness(data, to: sheets[6])
        try writeStalled(data, to: sheets[7])
        try writeDataQuality(data, to: sheets[8])
        try writeDefinitions(data, to: sheets[9])
        for sheet in sheets {
            try sheet.setPrintLayout(XLSXPrintLayout(
                orientation: portraitSheets.contains(sheet.name) ? .portrait : .landscape,
                repeatedRows: sheet.frozenRows > 0 ? 0...(sheet.frozenRows - 1) : nil,
                headerLeft: "Referral funnel · \(model.pipelineName)", headerRight: "Week \(model.reportWeek)"))
        }
        try workbook.close()
    }

    /// The sheets narrow enough to print upright; the others are tables of many columns or
    /// wide charts, printed landscape.
    static let portraitSheets: Set<String> = ["Summary", "Stalled", "Definitions"]

    /// Writes the header labels of a sheet's table in `row`.
    static func writeHeader(_ labels: [String], row: Int, firstColumn: Int = 0, to sheet: XLSXWorksheet) throws {
        for (offset, label) in labels.enumerated() {
            try sheet.writeText(label, row: row, column: firstColumn + offset, format: WeeklyWorkbookStyle.header)
        }
    }

    /// Text from the data or the model, always as a string cell; nil leaves the cell empty.
    static func writeText(_ text: String?, row: Int, column: Int, to sheet: XLSXWorksheet,
                          format: XLSXFormat = WeeklyWorkbookStyle.text) throws {
        guard let text else { return }
        try sheet.writeText(fittingInACell(text), row: row, column: column, format: format)
    }

    /// libxlsxwriter refuses text over 32,767 UTF-8 bytes; a free-text practice name that
    /// long should cost one cell its tail, not the whole workbook.
    static func fittingInACell(_ text: String) -> String {
        let limit = 32_767
        guard text.utf8.count > limit else { return text }
        let ellipsis = "…"
        var kept = ""
        var bytes = ellipsis.utf8.count
        for character in text {
            let size = String(character).utf8.count
            guard bytes + size <= limit else { break }
            kept.append(character)
            bytes += size
        }
        return kept + ellipsis
    }
}
