import Foundation
import XCTest
import ReferralFunnel

/// Opens every generated page in headless Chromium from file:// (Tests/browser/check_pages.py)
/// and fails on a console error, a network request, a page without a chart or a table, or a
/// page whose rendered content misses one of `expectations`.
/// Needs Debian's `chromium` (`make test` installs it) and python3; skipped without Chromium
/// on a developer machine, but never in CI.
final class HTMLBrowserTests: XCTestCase {
    static let chromium = "/usr/bin/chromium"
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("browser/check_pages.py")

    /// Per fixture: page, CSS selector, text the first match must contain as the reader sees
    /// it. The Pages page's top row and pooled row, and the hostile path and utm value read
    /// back as text (a `<script>` that became an element would leave the text empty).
    static let expectations: [String: [(page: String, selector: String, text: String)]] = [
        "fixture": [
            ("pages.html", "#pages-13w > tbody:first-of-type > tr:first-child > th", "/blog/knee-pain"),
            ("pages.html", "#pages-13w tr.other > th", "(other pages)3 pages under 5 sessions each"),
            ("pages.html", "#page-funnel-2-title", "Funnel, /refer, 13 weeks to 2026-W47"),
            ("pages.html", "#campaigns-13w > tbody:nth-of-type(2) > tr.group > th", "utm_source google \u{00B7} utm_medium cpc"),
            ("sources/healthgrades-com.html", "#landing-pages > tbody:first-of-type > tr:first-child > th", "/blog/knee-pain"),
        ],
        "hostile": [
            ("pages.html", "#page-funnel-4-title", "Funnel, \(HTMLEscapingTests.hostilePath), 13 weeks"),
            ("pages.html", "#campaigns-13w > tbody:nth-of-type(5) > tr.group strong", HTMLEscapingTests.hostileCampaign[0]),
            ("sources/img-src-x-onerror-alert-1.html", "#landing-pages th[scope=row]", HTMLEscapingTests.hostilePath),
        ],
    ]

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
            let expected = (Self.expectations[name] ?? []).flatMap { ["--expect", $0.page, $0.selector, $0.text] }
            let (status, text) = try run(["/usr/bin/env", "python3", Self.script.path,
                                          reports.appendingPathComponent(name).path,
                                          screenshots.appendingPathComponent(name).path, Self.chromium] + expected)
            print("Browser check of the \(name) pages:\n\(text)")
            XCTAssertEqual(status, 0, "browser check of the \(name) pages failed:\n\(text)")
        }
        for shot in ["index.png", "pages.png", "source.png"] {
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
