import Foundation
import Logging

/// Writes every report of SPEC section 7 from the model into the output folder.
public struct ReportWriter {
    public let outputFolder: URL
    let logger: Logger

    public init(outputFolder: URL, logger: Logger = Logger(label: "referral-funnel.report")) {
        self.outputFolder = outputFolder
        self.logger = logger
    }

    /// Writes metrics.csv, the HTML pages and the weekly workbook; returns their paths.
    public func write(_ model: ReportModel) throws -> [URL] {
        do {
            try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.cannotWrite(path: outputFolder.path, reason: AtomicFile.reason(for: error))
        }
        AtomicFile.removeLeftovers(in: outputFolder)
        var written: [URL] = []
        let metrics = outputFolder.appendingPathComponent("metrics.csv")
        try timed("metrics.csv") { try MetricsCSVWriter.write(model, to: metrics) }
        written.append(metrics)
        // The workbook is written on a second core while the pages are, and renamed into
        // place last, as before (a year at bench scale: 0.8 s each).
        let workbookPath = outputFolder.appendingPathComponent(WeeklyWorkbookWriter.fileName(reportWeek: model.reportWeek)).path
        let logger = logger
        let workbook = BackgroundWork {
            try Self.timed("XLSX", logger: logger) { try WeeklyWorkbookWriter.writeUnderTemporaryName(model, to: workbookPath) }
        }
        do {
            written += try timed("HTML") { try HTMLReportWriter.write(model, to: outputFolder) }
        } catch {
            (try? workbook.wait())?.discard()
            throw error
        }
        let finished = try workbook.wait()
        try finished.rename()
        written.append(finished.url)
        return written
    }

    /// Logs each writer's wall time under --verbose, for the benchmark's per-stage table.
    private func timed<Result>(_ name: String, _ body: () throws -> Result) rethrows -> Result {
        try Self.timed(name, logger: logger, body)
    }

    private static func timed<Result>(_ name: String, logger: Logger, _ body: () throws -> Result) rethrows -> Result {
        let started = DispatchTime.now()
        let result = try body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        logger.debug("wrote \(name) in \(String(format: "%.3f", seconds)) s")
        return result
    }
}
