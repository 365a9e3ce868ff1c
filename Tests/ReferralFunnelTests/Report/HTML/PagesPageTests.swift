import Foundation
import XCTest
@testable import ReferralFunnel

/// What pages.html and the source pages' landing section say (SPEC 4.1), beside the golden
/// files that pin every byte. The numbers are HTMLFixtureModel's landingPages and campaigns.
final class PagesPageTests: XCTestCase {
    private let html = PagesPage(lookup: ReportLookup(model: HTMLFixtureModel.small())).render()

    /// The cells of the table with `id`, one array per body row (group headings left out),
    /// each row's heading cell first, as text; the pooled row's note after a ` | `.
    private func rows(of id: String, in html: String) throws -> [[String]] {
        let table = try self.table(id, in: html)
        let body = table[(try XCTUnwrap(table.range(of: "</thead>"))).upperBound...]
        return body.components(separatedBy: "</tr>").dropLast()
            .filter { !$0.contains("class=\"group\"") }
            .map(cells)
    }

    private func table(_ id: String, in html: String) throws -> Substring {
        let start = try XCTUnwrap(html.range(of: "id=\"\(id)\""), id)
        return html[start.upperBound..<(try XCTUnwrap(html[start.upperBound...].range(of: "</table>"))).lowerBound]
    }

    /// The text of each `th` and `td` in `markup`.
    private func cells<Text: StringProtocol>(_ markup: Text) -> [String] {
        let text = String(markup)
        let cell = try! NSRegularExpression(pattern: "<t[hd][^>]*>(.*?)</t[hd]>")
        return cell.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            String(text[Range(match.range(at: 1), in: text)!])
                .replacingOccurrences(of: "<span class=\"change\">", with: " | ")
                .replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        }
    }

    func testPagesUnderFiveSessionsArePooledLastWithRatesFromTheirSums() throws {
        let table = try rows(of: "pages-13w", in: html)
        XCTAssertEqual(table.map { $0[0] }, ["/blog/knee-pain", "/refer", "/Book", "/news/q&amp;a", "/forms/{id}/confirm",
                                             "(other pages) | 3 pages under 5 sessions each"])
        // /p/a, /p/b and /p/c: 4 + 1 + 0 sessions, 3 + 0 + 0 starts, 2 submits, 1 + 1 + 1
        // referrals, 0 + 1 + 1 scheduled, 1 completed. Submit rate 2/5 and scheduling
        // conversion 2/3 come from the sums; /p/a's own rates (50%, 0%) do not.
        XCTAssertEqual(Array(table.last?.dropFirst() ?? []), ["5", "3", "2", "40%", "3", "2", "67%", "1", "50%"])
        // A page with exactly 5 sessions is shown, not pooled.
        XCTAssertEqual(table[4], ["/forms/{id}/confirm", "5", "5", "2", "40%", "1", "1", "100%", "0", "0%"])
    }

    func testEveryPeriodHasItsTableAndOnePooledRowAtMost() throws {
        XCTAssertEqual(try rows(of: "pages-1w", in: html).map { $0[0] },
                       ["/blog/knee-pain", "/refer", "/news/q&amp;a", "(other pages) | 1 page under 5 sessions each"])
        XCTAssertEqual(try rows(of: "pages-4w", in: html).map { $0[0] },
                       ["/blog/knee-pain", "/refer", "/Book", "(other pages) | 1 page under 5 sessions each"])
    }

    func testColumnsAreTheCataloguesLabels() throws {
        let table = try self.table("pages-13w", in: html)
        let headings = cells(table[..<(try XCTUnwrap(table.range(of: "</thead>"))).lowerBound])
        XCTAssertEqual(headings, ["Landing page", "Sessions", "Form starts", "Form submits", "Submit rate", "Referrals",
                                  "Scheduled", "Scheduling conversion", "Completed", "Completion"])
    }

    func testTheTopFivePagesOfThirteenWeeksEachGetAFunnel() {
        for (index, page) in ["/blog/knee-pain", "/refer", "/Book", "/news/q&amp;a", "/forms/{id}/confirm"].enumerated() {
            XCTAssertTrue(html.contains("<title id=\"page-funnel-\(index + 1)-title\">Funnel, \(page), 13 weeks to 2026-W47</title>"),
                          page)
            XCTAssertTrue(html.contains("<h3 class=\"name\">\(page)</h3><svg"), "\(page) named above its chart")
        }
        XCTAssertFalse(html.contains("page-funnel-6"), "five charts at most; the pooled row gets none")
        // /refer: 20 of 75 sessions submitted, 9 of 12 referrals scheduled, 6 of 9 completed.
        for note in ["submit rate 27%", "scheduling conversion 75%", "completion 67%"] {
            XCTAssertTrue(html.contains("class=\"muted\">\(note)</text>"), note)
        }
    }

    func testCampaignsAreGroupedBySourceAndMediumWithNoneForAbsentValues() throws {
        let groups = try self.table("campaigns-13w", in: html).components(separatedBy: "</tr>")
            .filter { $0.contains("class=\"group\"") }.flatMap(cells)
        // Groups in the order of their busiest campaign: direct 90, google/cpc 60 (and 20),
        // the newsletter 30, google/organic 15; facebook (2) and partner (3) are pooled.
        XCTAssertEqual(groups, [
            "utm_source (none) \u{00B7} utm_medium (none)", "utm_source google \u{00B7} utm_medium cpc",
            "utm_source newsletter \u{00B7} utm_medium email", "utm_source google \u{00B7} utm_medium organic",
        ])
        XCTAssertEqual(try rows(of: "campaigns-13w", in: html).map { $0[0] },
                       ["(none)", "knee-2026", "spine-fall", "nov", "(none)", "(other campaigns) | 2 campaigns under 5 sessions each"])
        XCTAssertEqual(Array(try rows(of: "campaigns-13w", in: html).last?.dropFirst() ?? []),
                       ["5", "2", "2", "40%", "2", "1", "50%", "0", "0%"])
    }

    func testTheIndexAndEveryPageLinkToThePagesPage() {
        let lookup = ReportLookup(model: HTMLFixtureModel.small())
        XCTAssertTrue(IndexPage(lookup: lookup).render().contains("<a href=\"pages.html\">Pages and campaigns</a>"))
        let source = HTMLFixtureModel.small().sources[0]
        XCTAssertTrue(SourcePage(lookup: lookup, source: source).render()
            .contains("<a href=\"../pages.html\">Pages and campaigns</a>"))
    }

    func testASourcePageListsItsSessionsPagesAndCampaignsOnlyWhenItHasSome() throws {
        let model = HTMLFixtureModel.small()
        let lookup = ReportLookup(model: model)
        func page(_ name: String) throws -> String {
            SourcePage(lookup: lookup, source: try XCTUnwrap(model.sources.first { $0.name == name })).render()
        }
        let web = try page("healthgrades.com")
        XCTAssertEqual(try rows(of: "landing-pages", in: web), [
            ["/blog/knee-pain", "60", "0", "0%", "0", "0"],
            ["/refer", "20", "4", "20%", "2", "1"],
            ["(other pages) | 1 page under 5 sessions each", "2", "1", "50%", "0", "0"],
        ])
        XCTAssertEqual(try rows(of: "landing-campaigns", in: web).map { $0[0] },
                       ["(none) / (none) / (none)", "google / cpc / knee-2026"])
        // Lakeside refers by fax and portal: no website sessions, no section.
        XCTAssertFalse(try page("Lakeside Family Medicine").contains("<section id=\"landing\">"))
    }
}
