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

    /// Writes metrics.csv, pages.csv, campaigns.csv, the HTML pages and the weekly workbook;
    /// returns their paths.
    ///
    /// The set is replaced as a whole: every new file is written under its temporary name
    /// first, and only once all are complete are they renamed into place (the workbook
    /// last), so a failure part way (a full disk) leaves the old set as it was, not a mix of
    /// new and old files. The pages of the old set the new one lacks go with it.
    public func write(_ model: ReportModel) throws -> [URL] {
        do {
            try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.cannotWrite(path: outputFolder.path, reason: AtomicFile.reason(for: error))
        }
        var manifest = try ReportManifest(folder: outputFolder)
        var written: [AtomicFile.Written] = []
        do {
            let metrics = outputFolder.appendingPathComponent("metrics.csv")
            try manifest.willWrite(metrics)
            written.append(try timed("metrics.csv") { try MetricsCSVWriter.writeUnderTemporaryName(model, to: metrics) })
            for dimension in LandingDimension.allCases {
                let url = outputFolder.appendingPathComponent(dimension.csvFileName)
                try manifest.willWrite(url)
                written.append(try timed(dimension.csvFileName) {
                    try LandingCSVWriter.writeUnderTemporaryName(dimension, model, to: url)
                })
            }
            // The workbook is written on a second core while the pages are (a year at bench
            // scale: 0.8 s each).
            let workbookPath = outputFolder.appendingPathComponent(WeeklyWorkbookWriter.fileName(reportWeek: model.reportWeek)).path
            try manifest.willWrite(URL(fileURLWithPath: workbookPath))
            let logger = logger
            let workbook = BackgroundWork {
                try Self.timed("XLSX", logger: logger) { try WeeklyWorkbookWriter.writeUnderTemporaryName(model, to: workbookPath) }
            }
            do {
                written += try timed("HTML") {
                    try HTMLReportWriter.writeUnderTemporaryNames(model, to: outputFolder, willWrite: manifest.willWrite)
                }
            } catch {
                (try? workbook.wait())?.discard()
                throw error
            }
            written.append(try workbook.wait())
        } catch {
            written.forEach { $0.discard() }
            throw error
        }
        try AtomicFile.rename(written)
        try manifest.replaceSet(with: written.map(\.url))
        return written.map(\.url)
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
