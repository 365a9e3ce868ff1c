import Foundation
import XCTest

/// Golden files for HTML pages, read from the source tree (not the test bundle) so they can
/// be recorded: a missing golden, or any golden when RECORD_SNAPSHOTS=1, is written and the
/// test fails saying so; otherwise the text must match exactly.
enum GoldenFile {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // HTML
        .deletingLastPathComponent()   // Report
        .deletingLastPathComponent()   // ReferralFunnelTests
        .appendingPathComponent("Fixtures/html-golden", isDirectory: true)

    static func assertMatches(_ actual: String, golden relativePath: String,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let url = folder.appendingPathComponent(relativePath)
        let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        guard !recording, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            XCTFail("Recorded golden file \(url.path); check it in and run the tests again.", file: file, line: line)
            return
        }
        guard expected != actual else { return }
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        let firstDifference = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
        let lineNumber = (firstDifference?.offset ?? min(expectedLines.count, actualLines.count)) + 1
        XCTFail("""
            \(relativePath) differs from its golden file at line \(lineNumber) \
            (run with RECORD_SNAPSHOTS=1 to re-record after checking the change).
            expected: \(firstDifference?.element.0.prefix(300) ?? "(end of file)")
            actual:   \(firstDifference?.element.1.prefix(300) ?? "(end of file)")
            """, file: file, line: line)
    }
}
