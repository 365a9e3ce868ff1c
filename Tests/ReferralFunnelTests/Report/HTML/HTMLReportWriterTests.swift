import Foundation
import XCTest
@testable import ReferralFunnel

final class HTMLReportWriterTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("html-writer-\(UUID().uuidString)", isDirectory: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testWritesIndexOnePagePerSourceAndDataQuality() throws {
        let model = HTMLFixtureModel.small()
        let written = try HTMLReportWriter.write(model, to: folder)
        let relative = written.map { String($0.path.dropFirst(folder.standardizedFileURL.path.count + 1)) }
        // The Pages page after the index, then source pages in slug order, data quality last.
        XCTAssertEqual(relative, ["index.html", "pages.html", "sources/healthgrades-com.html", "sources/lakeside-family-medicine.html",
                                  "sources/northside-ortho.html", "sources/tiny-clinic.html", "data-quality.html"])
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { ($0 as NSString).lastPathComponent.hasPrefix(AtomicFile.temporaryPrefix) }
        XCTAssertEqual(leftovers, [], "temporary files must be renamed into place")
    }

    func testPagesMatchGoldenFiles() throws {
        let written = try HTMLReportWriter.write(HTMLFixtureModel.small(), to: folder)
        for url in written {
            let relative = String(url.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            try GoldenFile.assertMatches(try String(contentsOf: url, encoding: .utf8), golden: relative)
        }
    }

    func testIdenticalModelsGiveByteIdenticalPages() throws {
        let second = folder.appendingPathComponent("second", isDirectory: true)
        let first = folder.appendingPathComponent("first", isDirectory: true)
        let firstFiles = try HTMLReportWriter.write(HTMLFixtureModel.small(), to: first)
        let secondFiles = try HTMLReportWriter.write(HTMLFixtureModel.small(), to: second)
        XCTAssertEqual(firstFiles.count, secondFiles.count)
        for (a, b) in zip(firstFiles, secondFiles) {
            XCTAssertEqual(a.lastPathComponent, b.lastPathComponent)
            XCTAssertEqual(try Data(contentsOf: a), try Data(contentsOf: b), a.lastPathComponent)
        }
    }

    func testRewritingReplacesPagesInPlace() throws {
        try HTMLReportWriter.write(HTMLFixtureModel.small(), to: folder)
        var model = HTMLFixtureModel.small()
        model.pipelineName = "renamed"
        try HTMLReportWriter.write(model, to: folder)
        let index = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(index.contains("Referral funnel \u{00B7} renamed"))
    }

    func testRejectsUnsafeOrDuplicateSlugsBeforeWritingAnything() throws {
        var model = HTMLFixtureModel.small()
        model.sources[0].slug = "../../etc/passwd"
        XCTAssertThrowsError(try HTMLReportWriter.write(model, to: folder)) { error in
            XCTAssertEqual(error as? HTMLReportError,
                           .unsafeSlug(source: model.sources[0].name, slug: "../../etc/passwd"))
        }
        model = HTMLFixtureModel.small()
        model.sources[1].slug = model.sources[0].slug
        XCTAssertThrowsError(try HTMLReportWriter.write(model, to: folder)) { error in
            XCTAssertEqual(error as? HTMLReportError, .duplicateSlug(slug: model.sources[0].slug))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path))
    }

    func testEveryPageCarriesTheContentSecurityPolicyAndNoExternalReference() throws {
        for url in try HTMLReportWriter.write(HTMLFixtureModel.small(), to: folder) {
            let html = try String(contentsOf: url, encoding: .utf8)
            XCTAssertTrue(html.contains("content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; script-src &#39;unsafe-inline&#39;; img-src data:\""), url.lastPathComponent)
            for reference in ["http://", "https://", "src=\"", "@import", "url(http"] {
                // The SVG namespace is an identifier, not a fetch.
                let stripped = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
                XCTAssertFalse(stripped.contains(reference), "\(url.lastPathComponent) contains \(reference)")
            }
        }
    }
}
