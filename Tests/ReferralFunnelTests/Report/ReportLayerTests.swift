import Foundation
import XCTest

/// Reports read the marts only (and the ingest ledger and quarantine, as ingest recorded
/// them): a staging or intermediate model can then change shape without a report noticing,
/// and a mart's file says everything a report depends on.
final class ReportLayerTests: XCTestCase {
    func testNoReportCodeNamesAStagingOrIntermediateModel() throws {
        let report = Fixtures.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ReferralFunnel/Report")
        let files = try FileManager.default.subpathsOfDirectory(atPath: report.path).filter { $0.hasSuffix(".swift") }
        XCTAssertGreaterThan(files.count, 20)
        let modelName = try NSRegularExpression(pattern: #"\b(stg|int)_[a-z_]+"#)
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: report.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.components(separatedBy: "\n").enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                let range = NSRange(line.startIndex..., in: line)
                for match in modelName.matches(in: line, range: range) {
                    found.append("\(file):\(number + 1): \((line as NSString).substring(with: match.range))")
                }
            }
        }
        XCTAssertEqual(found, [], "report code reads models below the marts")
    }
}
