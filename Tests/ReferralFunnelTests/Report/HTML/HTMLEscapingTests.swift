import Foundation
import XCTest
@testable import ReferralFunnel

/// Input text reaches every page; it must arrive as text, and source names must never steer
/// where a page is written.
final class HTMLEscapingTests: XCTestCase {
    static let scriptName = "<img src=x onerror=alert(1)>"
    static let pathName = "../../etc/passwd"
    static let hostilePath = "/q&a/<script>alert('page')</script>"
    static let hostileCampaign = ["<svg onload=alert(6)>", "e&mail", "\"><iframe src=x>"]

    /// The small fixture with two hostile source names threaded through every part of the
    /// model that carries input text.
    static func hostileModel() -> ReportModel {
        var model = HTMLFixtureModel.small()
        let sources = HTMLFixtureModel.sources([(scriptName, "unregistered"), (pathName, "practice"),
                                                ("Lakeside Family Medicine", "practice")])
        model.sources = sources
        let window13 = Period(weekCount: 13, endWeek: model.reportWeek)
        for name in [scriptName, pathName] {
            model.metrics.append(FunnelMetricsRow(period: .week(model.reportWeek), source: name, referrals: 6, complete: 1,
                                                  confirmedWithinSLA: 1))
            model.metrics.append(FunnelMetricsRow(period: window13, source: name, referrals: 40, complete: 38))
            model.stalled.append(StalledReferral(referralID: "<b>\(name)</b>", source: name, serviceLine: nil,
                                                 receivedAt: Instant(secondsSinceEpoch: 0), receivedDate: "2026-10-01",
                                                 daysWaiting: 20))
            model.firstAppointmentDays.append(FirstAppointmentSample(source: name, week: model.reportWeek, days: 3))
        }
        // Paths and utm values are input text: a page, a campaign and a source's page row.
        for period in [Period.week(model.reportWeek), window13] {
            model.landingPages.rows.append(HTMLFixtureModel.landing(period, [hostilePath], [9, 2, 1, 1, 1, 0]))
            model.campaigns.rows.append(HTMLFixtureModel.landing(period, hostileCampaign, [8, 2, 1, 1, 0, 0]))
        }
        model.landingPages.rowsBySource.append(HTMLFixtureModel.landing(window13, source: scriptName, [hostilePath], [9, 2, 1, 1, 1, 0]))
        model.campaigns.rowsBySource.append(HTMLFixtureModel.landing(window13, source: scriptName, hostileCampaign, [8, 2, 1, 1, 0, 0]))
        model.parameters.requiredItems.append("<script>alert('item')</script>")
        model.dataQuality.unregisteredSources.append(.init(
            name: scriptName, normalizedName: "img src x onerror alert 1", spellings: [scriptName, "\"quoted\" & 'single'"],
            referrals: 6, sessions: 0))
        model.dataQuality.invalidNPIs.append(.init(npi: "<svg onload=alert(2)>", source: scriptName, referrals: 1))
        model.dataQuality.quarantine.append(.init(path: pathName, column: "<th onclick=alert(4)>", reason: "\"><script>alert(3)</script>",
                                                  isWarning: false, count: 1, lines: [7]))
        model.dataQuality.files.append(.init(feed: "intake", path: "<iframe src=x>.csv", rowsRead: 1, rowsLoaded: 0,
                                             rowsQuarantined: 1, warnings: 0, heldBackReason: "<b>held</b>"))
        return model
    }

    func testHostileNamesRenderAsTextAndPagesStayInsideTheOutputFolder() throws {
        let parent = FileManager.default.temporaryDirectory
            .appendingPathComponent("html-escaping-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = parent.appendingPathComponent("out", isDirectory: true)
        let written = try HTMLReportWriter.write(Self.hostileModel(), to: folder)

        let root = folder.standardizedFileURL.path + "/"
        for url in written {
            XCTAssertTrue(url.standardizedFileURL.path.hasPrefix(root), "\(url.path) is outside \(root)")
        }
        // Nothing appeared beside the output folder or under an `etc` anywhere.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["out"])
        // The `..` and `/` of the name are gone from its slug; no folder `etc` was made.
        XCTAssertEqual(try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted(), [
            "data-quality.html", "index.html", "pages.html", "sources", "sources/etc-passwd.html",
            "sources/img-src-x-onerror-alert-1.html", "sources/lakeside-family-medicine.html",
        ])

        var pages: [String: String] = [:]
        for url in written { pages[url.lastPathComponent] = try String(contentsOf: url, encoding: .utf8) }
        let all = pages.values.joined()
        for raw in ["<img", "<svg onload", "<script>alert", "<iframe", "<b>", "<th onclick"] {
            XCTAssertFalse(all.contains(raw), "raw \(raw) in a page")
        }
        let index = try XCTUnwrap(pages["index.html"])
        XCTAssertTrue(index.contains("&lt;img src=x onerror=alert(1)&gt;"))
        XCTAssertTrue(index.contains("href=\"sources/img-src-x-onerror-alert-1.html\""))
        XCTAssertTrue(index.contains("../../etc/passwd"), "the name shows as text")
        XCTAssertTrue(index.contains("href=\"sources/etc-passwd.html\""))

        let sourcePage = try XCTUnwrap(pages["img-src-x-onerror-alert-1.html"])
        XCTAssertTrue(sourcePage.contains("<h1>&lt;img src=x onerror=alert(1)&gt;</h1>"))
        XCTAssertTrue(sourcePage.contains("&lt;b&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/b&gt;"), "stalled ID as text")
        // The registry entry is YAML-quoted, then HTML-escaped.
        XCTAssertTrue(sourcePage.contains("- name: &quot;&lt;img src=x onerror=alert(1)&gt;&quot;"))
        XCTAssertTrue(sourcePage.contains("aliases: [&quot;\\&quot;quoted\\&quot; &amp; &#39;single&#39;&quot;]"))

        let landing = try XCTUnwrap(pages["pages.html"])
        XCTAssertTrue(landing.contains(">/q&amp;a/&lt;script&gt;alert(&#39;page&#39;)&lt;/script&gt;</th>"), "page path as text")
        XCTAssertTrue(landing.contains("<strong>&lt;svg onload=alert(6)&gt;</strong>"), "utm_source as text")
        XCTAssertTrue(landing.contains("<strong>e&amp;mail</strong>"), "utm_medium as text")
        XCTAssertTrue(landing.contains(">&quot;&gt;&lt;iframe src=x&gt;</th>"), "utm_campaign as text")
        XCTAssertTrue(sourcePage.contains(">/q&amp;a/&lt;script&gt;alert(&#39;page&#39;)&lt;/script&gt;</th>"),
                      "the source page's landing table")

        let quality = try XCTUnwrap(pages["data-quality.html"])
        XCTAssertTrue(quality.contains("&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"))
        XCTAssertTrue(quality.contains("&lt;iframe src=x&gt;.csv"))
    }

    func testEscapeCoversTheFiveMarkupCharactersAndControls() {
        XCTAssertEqual(HTMLEscaping.escape("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        XCTAssertEqual(HTMLEscaping.escape("nul\u{0}bell\u{7}tab\tline\n"), "nul\u{FFFD}bell\u{FFFD}tab\tline\n")
        XCTAssertEqual(HTMLEscaping.escape("Clínica Ñandú 東京"), "Clínica Ñandú 東京")
    }

    func testAttributesAreEscapedToo() {
        let node = el("a", ["href": "x\" onmouseover=\"alert(1)", "title": "<>&'"], text: "<i>")
        XCTAssertEqual(node.render(),
                       "<a href=\"x&quot; onmouseover=&quot;alert(1)\" title=\"&lt;&gt;&amp;&#39;\">&lt;i&gt;</a>")
    }
}
