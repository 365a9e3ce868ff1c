import Foundation

/// Writes every report of SPEC section 7 from the model into the output folder.
public struct ReportWriter {
    public let outputFolder: URL

    public init(outputFolder: URL) {
        self.outputFolder = outputFolder
    }

    /// Writes metrics.csv, the HTML pages and the weekly workbook; returns their paths.
    public func write(_ model: ReportModel) throws -> [URL] {
        do {
            try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.cannotWrite(path: outputFolder.path, reason: (error as NSError).localizedDescription)
        }
        AtomicFile.removeLeftovers(in: outputFolder)
        var written: [URL] = []
        let metrics = outputFolder.appendingPathComponent("metrics.csv")
        try MetricsCSVWriter.write(model, to: metrics)
        written.append(metrics)
        written += try HTMLReportWriter.write(model, to: outputFolder)
        let workbook = outputFolder.appendingPathComponent(WeeklyWorkbookWriter.fileName(reportWeek: model.reportWeek))
        try WeeklyWorkbookWriter.write(model, to: workbook.path)
        written.append(workbook)
        return written
    }
}
