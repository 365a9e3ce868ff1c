import Foundation
import ReferralFunnel
import XCTest

/// Faults injected for real into the built binary (SPEC section 5, issue 9): SIGKILL at each
/// stage boundary, at moving points inside a load and while reports are written; a full disk
/// under the warehouse and under the output folder; a read-only output folder. Each run is a
/// child process; the outcome is judged against an uninterrupted run of the same inputs.
final class FaultInjectionTests: XCTestCase {
    // MARK: - Kill

    /// Stops the run at each boundary (`TestPause`), kills it there, and reruns. At the pause
    /// the warehouse must show that exact point was reached, so the kill really lands there.
    func testKillAtEachStageBoundaryThenRerunMatchesAnUninterruptedRun() throws {
        let reference = try Self.makePipeline()
        XCTAssertEqual(try reference.run().exitCode, 0)
        let workbook = try Self.workbookName(in: reference.reports)

        for point in ["ingest", "transform", "report-file:metrics.csv", "report-file:index.html", "report-file:\(workbook)"] {
            let pipeline = try Self.makePipeline()
            let run = try BackgroundRun(pipeline, pauseAt: point)
            XCTAssertTrue(run.waitUntilStopped(), "\(point): the run never reached its pause point")
            let database = try Database(path: pipeline.warehousePath, readOnly: true)
            let committedFiles = try database.scalar("select count(*) from ingested_files")?.int
            XCTAssertEqual(committedFiles, 13, "\(point): every file is committed before the transform")
            let funnelBuilt = try database.scalar("select count(*) from sqlite_master where name = 'funnel_by_source_week'")?.int
            XCTAssertEqual(funnelBuilt, point == "ingest" ? 0 : 1, point)
            let metricsPublished = FileManager.default.fileExists(atPath: pipeline.reports.appendingPathComponent("metrics.csv").path)
            XCTAssertEqual(metricsPublished, point.hasPrefix("report-file:") && point != "report-file:metrics.csv", point)
            run.kill9()

            XCTAssertEqual(try Self.integrityCheck(pipeline.warehousePath), "ok", point)
            let rerun = try pipeline.run()
            XCTAssertEqual(rerun.exitCode, 0, "\(point): \(rerun.standardError)")
            XCTAssertEqual(try pipeline.metrics(), try reference.metrics(), point)
            XCTAssertEqual(try Self.temporaryFiles(in: pipeline.reports), [], point)
        }
    }

    /// Kills runs after growing fractions of an uninterrupted run's wall time, so the kill
    /// lands inside file loads (mid-transaction), inside the transform and around them.
    /// Where it lands varies with the machine; whatever it hits, the rerun must match.
    func testKillAtMovingPointsInsideALoadThenRerunMatchesAnUninterruptedRun() throws {
        let reference = try Self.makePipeline()
        let started = Date()
        XCTAssertEqual(try reference.run().exitCode, 0)
        let wallTime = Date().timeIntervalSince(started)

        var landings: [Int] = []
        for fraction in [0.1, 0.25, 0.4, 0.55, 0.7] {
            let pipeline = try Self.makePipeline()
            let run = try BackgroundRun(pipeline)
            usleep(useconds_t(wallTime * fraction * 1_000_000))
            run.kill9()
            let committed = (try? Database(path: pipeline.warehousePath, readOnly: true)
                .scalar("select count(*) from ingested_files")?.int) ?? nil
            landings.append(committed ?? -1)
            if committed != nil {
                XCTAssertEqual(try Self.integrityCheck(pipeline.warehousePath), "ok", "kill at \(fraction)")
            }
            let rerun = try pipeline.run()
            XCTAssertEqual(rerun.exitCode, 0, "kill at \(fraction): \(rerun.standardError)")
            XCTAssertEqual(try pipeline.metrics(), try reference.metrics(), "kill at \(fraction) after \(committed ?? -1) files")
            let counts = "select (select count(*) from web_session_parts), (select count(*) from intake_rows), (select count(*) from ingested_files)"
            XCTAssertEqual(try Database(path: pipeline.warehousePath).rows(counts),
                           try Database(path: reference.warehousePath).rows(counts), "kill at \(fraction)")
        }
        // Ingest is most of the run (13 files), so some kill must have found it part done;
        // otherwise this test injected nothing inside a load.
        XCTAssertTrue(landings.contains { $0 > 0 && $0 < 13 } || landings.contains(0),
                      "no kill landed inside the load; files committed at each kill: \(landings)")
    }

    /// A run with new data killed while it replaces the reports: each file is the previous
    /// complete one or the new complete one, the workbook opens, and the next run removes
    /// the temporary files the killed run left.
    func testKillDuringReportWritingLeavesPreviousOrNewReportsAndTheRerunCleansUp() throws {
        // The previous night's reports: files 0..<6 and the first intake snapshot.
        let previous = try Self.makePipeline(webFiles: 0..<6, referrals: 2_000)
        try Self.addNextWeekVisit(to: previous)
        XCTAssertEqual(try previous.run().exitCode, 0)
        // Tonight's: all twelve files and a second snapshot. Same report week, so the same
        // workbook name is replaced.
        let tonight = try Self.makePipeline(webFiles: 0..<12, referrals: 2_000, secondSnapshot: 3_000)
        try Self.addNextWeekVisit(to: tonight)
        XCTAssertEqual(try tonight.run().exitCode, 0)
        let previousMetrics = try previous.metrics()
        let tonightMetrics = try tonight.metrics()
        XCTAssertNotEqual(previousMetrics, tonightMetrics, "the two nights must differ for this test to tell them apart")
        let workbookName = try Self.workbookName(in: previous.reports)
        XCTAssertEqual(try Self.workbookName(in: tonight.reports), workbookName)
        let previousSheets = try Self.workbookSheets(previous.reports.appendingPathComponent(workbookName))
        let tonightSheets = try Self.workbookSheets(tonight.reports.appendingPathComponent(workbookName))
        XCTAssertNotEqual(previousSheets, tonightSheets)

        for point in ["report-file:metrics.csv", "report-file:data-quality.html", "report-file:\(workbookName)"] {
            let pipeline = try Self.makePipeline(webFiles: 0..<6, referrals: 2_000)
            try Self.addNextWeekVisit(to: pipeline)
            XCTAssertEqual(try pipeline.run().exitCode, 0)
            try Self.addWebFiles(6..<12, to: pipeline)
            try Self.writeIntake(3_000, to: "intake/intake-2.csv", in: pipeline)

            let run = try BackgroundRun(pipeline, pauseAt: point)
            XCTAssertTrue(run.waitUntilStopped(), "\(point): the run never reached its pause point")
            run.kill9()

            let metrics = try pipeline.metrics()
            XCTAssertTrue(metrics == previousMetrics || metrics == tonightMetrics, "\(point): metrics.csv is neither night's:\n\(metrics)")
            XCTAssertEqual(metrics == tonightMetrics, point != "report-file:metrics.csv", point)
            let sheets = try Self.workbookSheets(pipeline.reports.appendingPathComponent(workbookName))
            XCTAssertTrue(sheets == previousSheets || sheets == tonightSheets, "\(point): the workbook is neither night's")
            XCTAssertEqual(sheets, previousSheets, "\(point): the workbook is renamed into place last")
            // Every file of the set is written before any is renamed (metrics.csv, the pages,
            // the workbook last): the paused file and those after it are still temporary.
            let pausedFile = String(point.dropFirst("report-file:".count))
            let leftovers = try Self.temporaryFiles(in: pipeline.reports)
            XCTAssertTrue(leftovers.contains { $0.hasSuffix("-" + pausedFile) }, "\(point): \(leftovers)")
            XCTAssertTrue(leftovers.contains { $0.hasSuffix("-" + workbookName) }, "\(point): \(leftovers)")
            XCTAssertEqual(leftovers.contains { $0.hasSuffix("-index.html") }, point == "report-file:metrics.csv",
                           "\(point): \(leftovers)")

            let rerun = try pipeline.run()
            XCTAssertEqual(rerun.exitCode, 0, "\(point): \(rerun.standardError)")
            XCTAssertEqual(try Self.temporaryFiles(in: pipeline.reports), [], point)
            XCTAssertEqual(try pipeline.metrics(), tonightMetrics, point)
            XCTAssertEqual(try Self.workbookSheets(pipeline.reports.appendingPathComponent(workbookName)), tonightSheets, point)
        }
    }

    /// A first run killed once its ingest is committed, with the scratch databases of the
    /// builds on the second connection beside the warehouse: the rerun, which loads nothing
    /// new and so starts no such build, used to leave them there for good. Now it removes
    /// them, and its numbers are an uninterrupted run's.
    func testScratchDatabasesOfAKilledFirstRunAreRemovedByTheNextRun() throws {
        let reference = try Self.makePipeline(webFiles: 0..<3, referrals: 300)
        XCTAssertEqual(try reference.run().exitCode, 0)
        let pipeline = try Self.makePipeline(webFiles: 0..<3, referrals: 300)
        let run = try BackgroundRun(pipeline, pauseAt: "ingest")
        XCTAssertTrue(run.waitUntilStopped(), "the run never reached its pause point")
        run.kill9()
        let warehouseFolder = URL(fileURLWithPath: pipeline.warehousePath).deletingLastPathComponent()
        func scratchFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: warehouseFolder.path).filter { $0.hasSuffix("-build") }
        }
        XCTAssertFalse(try scratchFiles().isEmpty, "the killed run must leave a scratch database for this test to see")

        let rerun = try pipeline.run()
        XCTAssertEqual(rerun.exitCode, 0, rerun.standardError)
        XCTAssertEqual(try scratchFiles(), [])
        XCTAssertEqual(try pipeline.metrics(), try reference.metrics())
    }

    // MARK: - Full disk and read-only folder

    /// The warehouse on a 1 MiB tmpfs fills while loading: one line naming the warehouse and
    /// the full disk, exit 1, an intact warehouse; after the tmpfs grows, the rerun matches.
    func testFullDiskUnderTheWarehouseFailsCleanlyAndTheRerunAfterFreeingSpaceSucceeds() throws {
        let reference = try Self.makePipeline()
        XCTAssertEqual(try reference.run().exitCode, 0)
        let warehouseBytes = try Self.bytes(under: URL(fileURLWithPath: reference.warehousePath).deletingLastPathComponent())
        XCTAssertGreaterThan(warehouseBytes, 3 << 20, "the warehouse must outgrow the 1 MiB disk for this test to inject anything")

        let pipeline = try Self.makePipeline()
        let warehouseFolder = URL(fileURLWithPath: pipeline.warehousePath).deletingLastPathComponent()
        try TestMount.tmpfs(at: warehouseFolder, size: "1m", unmountAfter: self)

        let failed = try pipeline.run()
        XCTAssertEqual(failed.exitCode, 1, failed.standardError)
        let errorLines = failed.standardError.split(separator: "\n").filter { $0.hasPrefix("error:") }
        XCTAssertEqual(errorLines.count, 1, failed.standardError)
        let message = String(errorLines.first ?? "")
        XCTAssertTrue(message.contains(pipeline.warehousePath) || message.contains("warehouse/test.sqlite"), message)
        XCTAssertTrue(message.contains("full"), message)
        XCTAssertFalse(message.contains("insert into"), "no SQL in the one-line error: \(message)")
        XCTAssertEqual(try Self.integrityCheck(pipeline.warehousePath), "ok")
        XCTAssertFalse(FileManager.default.fileExists(atPath: pipeline.reports.appendingPathComponent("metrics.csv").path))

        try TestMount.remount(warehouseFolder, options: "size=256m")
        let rerun = try pipeline.run()
        XCTAssertEqual(rerun.exitCode, 0, rerun.standardError)
        XCTAssertEqual(try pipeline.metrics(), try reference.metrics())
        XCTAssertEqual(try Self.integrityCheck(pipeline.warehousePath), "ok")
    }

    /// The output folder on a tmpfs too small for every report: 16 KiB (metrics.csv fits,
    /// the pages do not), then room for all but half the workbook (libxlsxwriter's zip
    /// fails, or a page does: the workbook is written beside the pages). One line naming a
    /// final file and the full disk, exit 1, no temporary file left, no report in place
    /// (the set is replaced whole); after the tmpfs grows, the rerun writes every report.
    func testFullDiskUnderTheOutputFolderFailsCleanlyAndTheRerunAfterFreeingSpaceSucceeds() throws {
        let reference = try Self.makePipeline()
        XCTAssertEqual(try reference.run().exitCode, 0)
        let workbook = try Self.workbookName(in: reference.reports)
        // tmpfs counts whole 4 KiB pages per file.
        var pagesBeforeWorkbook = 0
        var workbookPages = 0
        for case let relative as String in FileManager.default.enumerator(atPath: reference.reports.path) ?? .init() {
            let attributes = try FileManager.default.attributesOfItem(atPath: reference.reports.appendingPathComponent(relative).path)
            guard attributes[.type] as? FileAttributeType == .typeRegular, let size = attributes[.size] as? Int else { continue }
            if relative == workbook { workbookPages = (size + 4095) / 4096 } else { pagesBeforeWorkbook += (size + 4095) / 4096 }
        }
        XCTAssertGreaterThan(workbookPages, 2)

        for size in ["16k", "\((pagesBeforeWorkbook + workbookPages / 2) * 4)k"] {
            let pipeline = try Self.makePipeline()
            try TestMount.tmpfs(at: pipeline.reports, size: size, unmountAfter: self)
            let failed = try pipeline.run()
            XCTAssertEqual(failed.exitCode, 1, failed.standardError)
            let message = Self.onlyErrorLine(failed.standardError)
            XCTAssertTrue(message.contains("cannot write \(pipeline.reports.path)/"), "names the report file: \(message)")
            XCTAssertTrue(message.hasSuffix("No space left on device"), "says the disk is full: \(message)")
            XCTAssertFalse(message.contains(AtomicFile.temporaryPrefix), "names the file, not its temporary name: \(message)")
            XCTAssertEqual(try Self.temporaryFiles(in: pipeline.reports), [], size)
            // No file of the set is moved into place until all are written: there was no
            // set before, and there is none now.
            let inPlace = try FileManager.default.subpathsOfDirectory(atPath: pipeline.reports.path)
                .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".html") || $0.hasSuffix(".xlsx") }
            XCTAssertEqual(inPlace, [], size)
            XCTAssertEqual(try Self.integrityCheck(pipeline.warehousePath), "ok", size)
            XCTAssertEqual(try Database(path: pipeline.warehousePath, readOnly: true)
                .scalar("select status from runs order by run_id desc limit 1")?.string, "failed", size)

            try TestMount.remount(pipeline.reports, options: "size=64m")
            let rerun = try pipeline.run()
            XCTAssertEqual(rerun.exitCode, 0, rerun.standardError)
            XCTAssertEqual(try pipeline.metrics(), try reference.metrics(), size)
            XCTAssertEqual(try Self.workbookSheets(pipeline.reports.appendingPathComponent(workbook)),
                           try Self.workbookSheets(reference.reports.appendingPathComponent(workbook)), size)
        }
    }

    /// The output folder bind-mounted read-only over itself (root ignores chmod): one line
    /// naming the file and the read-only file system, exit 1, the warehouse intact and the
    /// run recorded as failed; once writable again, the rerun writes the reports.
    func testReadOnlyOutputFolderFailsCleanlyAndTheRerunAfterwardsSucceeds() throws {
        let reference = try Self.makePipeline(webFiles: 0..<2, referrals: 500)
        XCTAssertEqual(try reference.run().exitCode, 0)

        let pipeline = try Self.makePipeline(webFiles: 0..<2, referrals: 500)
        try FileManager.default.createDirectory(at: pipeline.reports, withIntermediateDirectories: true)
        try TestMount.readOnlyBind(pipeline.reports, unmountAfter: self)
        let failed = try pipeline.run()
        XCTAssertEqual(failed.exitCode, 1, failed.standardError)
        let message = Self.onlyErrorLine(failed.standardError)
        XCTAssertTrue(message.contains(pipeline.reports.appendingPathComponent("metrics.csv").path), "names the file: \(message)")
        XCTAssertTrue(message.hasSuffix("Read-only file system"), "says why: \(message)")
        XCTAssertEqual(try Self.integrityCheck(pipeline.warehousePath), "ok")
        XCTAssertEqual(try Database(path: pipeline.warehousePath, readOnly: true)
            .scalar("select status from runs order by run_id desc limit 1")?.string, "failed")

        try TestMount.remount(pipeline.reports, options: "rw,bind")
        let rerun = try pipeline.run()
        XCTAssertEqual(rerun.exitCode, 0, rerun.standardError)
        XCTAssertEqual(try pipeline.metrics(), try reference.metrics())
    }

    // MARK: - Inputs and checks

    /// Web logs of 6,000 page views each (three per session, all from lakeside-fm, in
    /// 2026-W45) and an intake snapshot of `referrals` referrals; optionally a second,
    /// larger snapshot, which repeats the first's referrals and adds more.
    static func makePipeline(webFiles: Range<Int> = 0..<12, referrals: Int = 3_000, secondSnapshot: Int? = nil) throws -> TemporaryPipeline {
        let pipeline = try TemporaryPipeline()
        try addWebFiles(webFiles, to: pipeline)
        try writeIntake(referrals, to: "intake/intake-1.csv", in: pipeline)
        if let secondSnapshot {
            try writeIntake(secondSnapshot, to: "intake/intake-2.csv", in: pipeline)
        }
        return pipeline
    }

    static func addWebFiles(_ files: Range<Int>, to pipeline: TemporaryPipeline) throws {
        for file in files {
            var lines = ""
            for event in 0..<6_000 {
                let session = file * 10_000 + event / 3
                lines += #"{"ts":"2026-11-0\#(2 + file % 5)T10:\#(String(format: "%02d", event % 60)):00Z","event":"page_view","session_id":"s\#(session)","page":"/?utm_source=lakeside-fm"}"# + "\n"
            }
            try pipeline.write(lines, to: String(format: "web/web-%02d.jsonl", file))
        }
    }

    /// One visit on Tuesday 2026-11-10 (W46) moves as_of into W46, making W45, where the
    /// other data lies, the report week: the workbook then shows what changed between nights.
    static func addNextWeekVisit(to pipeline: TemporaryPipeline) throws {
        try pipeline.write(#"{"ts":"2026-11-10T10:00:00Z","event":"page_view","session_id":"next-week","page":"/?utm_source=lakeside-fm"}"# + "\n",
                           to: "web/web-next-week.jsonl")
    }

    static func writeIntake(_ referrals: Int, to path: String, in pipeline: TemporaryPipeline) throws {
        var intake = TemporaryPipeline.intakeHeader
        for referral in 0..<referrals {
            intake += "R\(referral),2026-11-0\(2 + referral % 5) 10:00,fax,Lakeside,,,,P\(referral),,,received,,\n"
        }
        try pipeline.write(intake, to: path)
    }

    static func integrityCheck(_ warehouse: String) throws -> String? {
        try Database(path: warehouse, readOnly: true).scalar("pragma integrity_check")?.string
    }

    /// Paths (relative to `folder`) of report files still under a temporary name.
    static func temporaryFiles(in folder: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return enumerator.compactMap { $0 as? String }
            .filter { ($0 as NSString).lastPathComponent.hasPrefix(AtomicFile.temporaryPrefix) }
            .sorted()
    }

    static func bytes(under folder: URL) throws -> Int {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.fileSizeKey])
            .reduce(0) { $0 + (try $1.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0) }
    }

    /// The one weekly workbook's file name in a report folder (the week is the model's
    /// report week, which the test data does not pin down by itself).
    static func workbookName(in folder: URL) throws -> String {
        let workbooks = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("weekly-") && $0.hasSuffix(".xlsx") }
        XCTAssertEqual(workbooks.count, 1, "\(workbooks)")
        return try XCTUnwrap(workbooks.first, "no workbook in \(folder.path)")
    }

    /// The workbook's sheets as openpyxl reads them, as a dictionary two workbooks can be
    /// compared by; throws when openpyxl cannot open the file. Without the Data quality
    /// sheet, which lists each file by its path in the test's own temporary folder.
    static func workbookSheets(_ url: URL) throws -> NSDictionary {
        let dump = try WorkbookReader.cells(url.path)
        let sheets = try XCTUnwrap(dump["sheets"] as? [String: Any], "no sheets in \(url.lastPathComponent)")
        XCTAssertNotNil(sheets["Data quality"], "sheet names changed: \(sheets.keys.sorted())")
        return sheets.filter { $0.key != "Data quality" } as NSDictionary
    }

    /// The single `error:` line a failed command printed; fails the test when there is not
    /// exactly one.
    static func onlyErrorLine(_ standardError: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let lines = standardError.split(separator: "\n").filter { $0.hasPrefix("error:") }
        XCTAssertEqual(lines.count, 1, "expected one error line in: \(standardError)", file: file, line: line)
        return String(lines.first ?? "")
    }
}
