import Foundation
import XCTest

/// The sample's weekly workbook printed as leadership prints it: through LibreOffice's
/// headless Calc to PDF (`make test` installs `libreoffice-calc-nogui` and poppler). Before
/// the sheets had a page setup it printed as 79 pages with charts cut in half; the page
/// setup is read back from the workbook's own XML, the way a spreadsheet program reads it.
///
/// Saves the Summary sheet's first page (pdftoppm) and data-quality.html (Chromium) as PNG
/// under `.build/test-output/workbook-print/`, the sources of `docs/summary-sheet-sample.png`
/// and `docs/data-quality-sample.png`. Skipped without LibreOffice on a developer machine,
/// never under CI=true.
final class WorkbookPrintTests: XCTestCase {
    static let soffice = "/usr/bin/soffice"
    static let pdfinfo = "/usr/bin/pdfinfo"
    static let pdftoppm = "/usr/bin/pdftoppm"
    static let maximumPages = 20

    static var outputFolder: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url.appendingPathComponent(".build/test-output/workbook-print", isDirectory: true)
    }

    func testTheSampleWorkbookPrintsOnAFewPagesWithAPageSetupOnEverySheet() throws {
        let tools = [Self.soffice, Self.pdfinfo, Self.pdftoppm]
        let missing = tools.filter { !FileManager.default.isExecutableFile(atPath: $0) }
        if !missing.isEmpty {
            if ProcessInfo.processInfo.environment["CI"] != "true" {
                throw XCTSkip("\(missing.joined(separator: ", ")) not installed (make test installs them); CI never skips this test.")
            }
            return XCTFail("\(missing.joined(separator: ", ")) missing under CI; the Makefile's test-deps should have installed them.")
        }

        let practice = try SamplePracticeTests.copyOfSamplePractice()
        addTeardownBlock { try? FileManager.default.removeItem(at: practice) }
        let run = try CommandRunner.run(["run", "pipelines/nightly.yml", "--quiet"], in: practice)
        XCTAssertEqual(run.exitCode, 0, run.standardError)
        let reports = practice.appendingPathComponent("reports/nightly")
        let workbook = reports.appendingPathComponent("weekly-2026-W47.xlsx")

        try checkPageSetup(of: workbook.path)

        // One conversion, with a profile of its own: two soffice processes sharing the
        // default profile wait for each other's lock, or fail.
        let pdfFolder = practice.appendingPathComponent("pdf", isDirectory: true)
        let profile = practice.appendingPathComponent("libreoffice-profile", isDirectory: true)
        let converted = try ChildProcess.run(URL(fileURLWithPath: Self.soffice),
                                             ["-env:UserInstallation=\(profile.absoluteString)", "--headless",
                                              "--convert-to", "pdf", "--outdir", pdfFolder.path, workbook.path],
                                             timeout: 300)
        XCTAssertEqual(converted.exitCode, 0, converted.standardOutput + converted.standardError)
        let pdf = pdfFolder.appendingPathComponent("weekly-2026-W47.pdf")
        let info = try ChildProcess.run(URL(fileURLWithPath: Self.pdfinfo), [pdf.path])
        XCTAssertEqual(info.exitCode, 0, info.standardError)
        let pagesLine = info.standardOutput.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        let pages = pagesLine.flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
        XCTAssertNotNil(pages, info.standardOutput)
        XCTAssertLessThanOrEqual(pages ?? .max, Self.maximumPages, "the sample workbook prints on \(pages ?? -1) pages")

        let output = Self.outputFolder
        try? FileManager.default.removeItem(at: output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: pdf, to: output.appendingPathComponent("weekly-2026-W47.pdf"))
        // 80 dpi: a US Letter page is 680 x 880, the size of the picture in docs/.
        let summary = try ChildProcess.run(URL(fileURLWithPath: Self.pdftoppm),
                                           ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf.path,
                                            output.appendingPathComponent("summary-sheet").path])
        XCTAssertEqual(summary.exitCode, 0, summary.standardError)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("summary-sheet.png").path))

        try screenshot(reports.appendingPathComponent("data-quality.html"),
                       to: output.appendingPathComponent("data-quality.png"), scratch: practice)
        print("Printed the sample workbook on \(pages ?? -1) pages; PDF and screenshots under \(output.path)")
    }

    /// Every sheet: fitted to one page wide, gridlines off, the "page N of M" footer, and
    /// its frozen header rows repeated on every page.
    private func checkPageSetup(of workbook: String) throws {
        let xml = try WorkbookReader.namedXML(workbook)
        let workbookXML = try XCTUnwrap(xml["xl/workbook.xml"])
        let sheetNames = Self.matches(#"<sheet name="([^"]*)""#, in: workbookXML)
        XCTAssertFalse(sheetNames.isEmpty, workbookXML)
        for (index, name) in sheetNames.enumerated() {
            let sheet = try XCTUnwrap(xml["sheet:\(name)"], "no worksheet part for \(name)")
            // fitToWidth's default is 1, so writers leave it out; fitToPage turns fitting on.
            let pageSetup = try XCTUnwrap(Self.matches("(<pageSetup [^>]*>)", in: sheet).first, "\(name): no pageSetup")
            XCTAssertTrue(!pageSetup.contains("fitToWidth=") || pageSetup.contains(#"fitToWidth="1""#), "\(name): \(pageSetup)")
            XCTAssertTrue(pageSetup.contains(#"fitToHeight="0""#), "\(name): as many pages tall as needed: \(pageSetup)")
            XCTAssertTrue(sheet.contains(#"<pageSetUpPr fitToPage="1"/>"#), "\(name): not fitted to the page")
            XCTAssertFalse(sheet.contains(#"gridLines="1""#), "\(name): prints gridlines")
            let footer = Self.matches("<oddFooter>([^<]*)</oddFooter>", in: sheet).first ?? ""
            XCTAssertTrue(footer.contains("&amp;P") && footer.contains("&amp;N"), "\(name): footer '\(footer)'")
            let header = Self.matches("<oddHeader>([^<]*)</oddHeader>", in: sheet).first ?? ""
            XCTAssertTrue(header.contains("Week 2026-W47"), "\(name): header '\(header)'")
            // A frozen pane of N header rows prints them on every page: _xlnm.Print_Titles
            // of that sheet (localSheetId is its index) names rows 1 to N.
            if let frozen = Self.matches(#"<pane [^>]*ySplit="(\d+)""#, in: sheet).first.flatMap(Int.init) {
                let titles = Self.matches(#"<definedName name="_xlnm.Print_Titles" localSheetId="\#(index)">([^<]*)<"#,
                                          in: workbookXML).first ?? ""
                XCTAssertTrue(titles.hasSuffix("!$1:$\(frozen)"), "\(name): print titles '\(titles)', \(frozen) frozen rows")
            }
        }
    }

    /// data-quality.html as a reader first sees it, at the size of docs/data-quality-sample.png.
    private func screenshot(_ page: URL, to png: URL, scratch: URL) throws {
        let chromium = HTMLBrowserTests.chromium
        guard FileManager.default.isExecutableFile(atPath: chromium) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("\(chromium) missing under CI") }
            return
        }
        let shot = try ChildProcess.run(URL(fileURLWithPath: chromium),
                                        ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                                         "--user-data-dir=\(scratch.appendingPathComponent("chromium-profile").path)",
                                         "--window-size=1100,1300", "--screenshot=\(png.path)", page.absoluteString],
                                        timeout: 120)
        XCTAssertEqual(shot.exitCode, 0, shot.standardError)
        XCTAssertTrue(FileManager.default.fileExists(atPath: png.path), shot.standardError)
    }

    /// The first capture group of every match.
    private static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
