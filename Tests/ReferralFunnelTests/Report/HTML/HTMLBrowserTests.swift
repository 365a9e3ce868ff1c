import Foundation
import XCTest
import ReferralFunnel

/// Opens every generated page in headless Chromium from file:// (Tests/browser/check_pages.py)
/// and fails on a console error, a network request, or a page without a chart or a table.
/// Needs Debian's `chromium` (`make test` installs it) and python3; skipped without Chromium
/// on a developer machine, but never in CI.
final class HTMLBrowserTests: XCTestCase {
    static let chromium = "/usr/bin/chromium"
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("browser/check_pages.py")

    func testEveryPageLoadsCleanlyInARealBrowser() throws {
        let environment = ProcessInfo.processInfo.environment
        if !FileManager.default.isExecutableFile(atPath: Self.chromium) {
            if environment["CI"] == nil {
                throw XCTSkip("\(Self.chromium) is not installed (make test installs it); CI never skips this test.")
            }
            XCTFail("\(Self.chromium) is missing in CI; the Makefile's test-deps should have installed it.")
            return
        }
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("html-browser-\(UUID().uuidString)", isDirectory: true)
        let reports = output.appendingPathComponent("reports", isDirectory: true)
        let screenshots = output.appendingPathComponent("screenshots", isDirectory: true)
        // Both the ordinary fixture and the hostile one: escaped names must not turn into
        // elements, scripts or requests.
        try HTMLReportWriter.write(HTMLFixtureModel.small(), to: reports.appendingPathComponent("fixture"))
        try HTMLReportWriter.write(HTMLEscapingTests.hostileModel(), to: reports.appendingPathComponent("hostile"))

        for name in ["fixture", "hostile"] {
            let (status, text) = try run(["/usr/bin/env", "python3", Self.script.path,
                                          reports.appendingPathComponent(name).path,
                                          screenshots.appendingPathComponent(name).path, Self.chromium])
            print("Browser check of the \(name) pages:\n\(text)")
            XCTAssertEqual(status, 0, "browser check of the \(name) pages failed:\n\(text)")
        }
        for shot in ["index.png", "source.png"] {
            let path = screenshots.appendingPathComponent("fixture/\(shot)").path
            XCTAssertTrue(FileManager.default.fileExists(atPath: path), "missing screenshot \(path)")
        }
        print("Screenshots saved under \(screenshots.path)")
    }

    private func run(_ arguments: [String]) throws -> (Int32, String) {
        let result = try ChildProcess.run(URL(fileURLWithPath: arguments[0]), Array(arguments.dropFirst()))
        return (result.exitCode, result.standardOutput + result.standardError)
    }
}
