import Foundation
import XCTest

/// Input data is never markup, a path or a formula: a practice named like an HTML tag, one
/// named like a path out of the output folder, and one named like a spreadsheet formula go
/// through a real run and come out as text, inside the output folder.
final class HostileInputTests: XCTestCase {
    func testHostileSourceNamesStayText() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write(TemporaryPipeline.intakeHeader + """
            R1,2026-11-02 10:00,fax,<img src=x onerror=alert(1)>,,,,P1,,,accepted,,
            R2,2026-11-03 10:00,fax,../../etc/passwd,,,,P2,,,accepted,,
            R3,2026-11-04 10:00,fax,"=HYPERLINK(""http://x"",""y"")",,,,P3,,,accepted,,
            R4,2026-11-10 10:00,fax,Lakeside,,,,P4,,,accepted,,

            """, to: "intake/intake-1.csv")
        let result = try pipeline.run()
        XCTAssertEqual(result.exitCode, 0, result.standardError)

        // Every file written lies inside the output folder; nothing was written beside it.
        let written = try FileManager.default.subpathsOfDirectory(atPath: pipeline.reports.path)
        XCTAssertFalse(written.contains { $0.contains("..") }, "\(written)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: pipeline.folder.path).sorted(),
                       ["intake", "pipeline.yml", "reports", "scheduling", "sources.yml", "warehouse", "web"])
        let pages = written.filter { $0.hasSuffix(".html") }
        XCTAssertGreaterThanOrEqual(pages.count, 5)
        var sawEscapedTag = false
        for page in pages {
            let html = try String(contentsOf: pipeline.reports.appendingPathComponent(page), encoding: .utf8)
            XCTAssertFalse(html.contains("<img src=x"), "\(page) holds raw markup from the input")
            sawEscapedTag = sawEscapedTag || html.contains("&lt;img src=x onerror=alert(1)&gt;")
        }
        XCTAssertTrue(sawEscapedTag, "the name shows, escaped")

        // In the workbook the formula-like name is a string cell, and no cell is a formula.
        let workbook = try XCTUnwrap(written.first { $0.hasSuffix(".xlsx") })
        let dump = try WorkbookReader.cells(pipeline.reports.appendingPathComponent(workbook).path)
        let sheets = try XCTUnwrap(dump["sheets"] as? [String: Any])
        var formulaName: [String: Any]?
        for case let sheet as [String: Any] in sheets.values {
            for case let cell as [String: Any] in sheet["cells"] as? [Any] ?? [] {
                XCTAssertNotEqual(cell["type"] as? String, "f", "a formula cell: \(cell)")
                if (cell["value"] as? String)?.hasPrefix("=HYPERLINK") == true { formulaName = cell }
            }
        }
        XCTAssertEqual(formulaName?["type"] as? String, "s")
    }
}
