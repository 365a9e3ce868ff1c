import XCTest
@testable import ReferralFunnel

final class AttentionFlagsTests: XCTestCase {
    private func flags(_ model: ReportModel) -> [String] {
        AttentionFlags.flags(ReportLookup(model: model)).map { "\($0.source.name): \($0.kind.rawValue)" }
    }

    func testFixtureRaisesTheExpectedFlagsOnly() {
        // Lakeside: 2 of 6 complete (33%) against 48 of 60 over 13 weeks (80%): a drop of 47
        // points; 6 stalled in the 4 weeks to W47 against 1 in the 4 weeks to W43: rising.
        // Northside: referrals in all 10 weeks W35-W44, none in W45-W47: lapsed.
        // Tiny Clinic: 1 of 2 unconfirmed, 1 of 2 incomplete: too few referrals to say anything.
        XCTAssertEqual(flags(HTMLFixtureModel.small()), [
            "Lakeside Family Medicine: Completeness drop",
            "Lakeside Family Medicine: Stalled rising",
            "Northside Ortho: Stopped referring",
        ])
    }

    func testSLABreachesNeedFiveReferralsAndAFifthLate() throws {
        var model = HTMLFixtureModel.small()
        let index = try XCTUnwrap(model.metrics.firstIndex {
            $0.period == .week("2026-W47") && $0.source == "Lakeside Family Medicine"
        })
        // 2 of 6 late is 33%, over the 20% line.
        model.metrics[index].set("confirmed_within_sla", 4)
        XCTAssertTrue(flags(model).contains("Lakeside Family Medicine: SLA breaches"))
        // 1 of 6 late is 17%: no flag.
        model.metrics[index].set("confirmed_within_sla", 5)
        XCTAssertFalse(flags(model).contains("Lakeside Family Medicine: SLA breaches"))
        // 4 referrals, all late: still too few.
        model.metrics[index].set("referrals", 4)
        model.metrics[index].set("confirmed_within_sla", 0)
        XCTAssertFalse(flags(model).contains("Lakeside Family Medicine: SLA breaches"))
    }

    func testFlagsShowOnTheIndexWithALinkToTheSource() throws {
        let html = IndexPage(lookup: ReportLookup(model: HTMLFixtureModel.small())).render()
        XCTAssertTrue(html.contains("<span class=\"kind\">Stopped referring:</span><a href=\"sources/northside-ortho.html\">Northside Ortho</a>"))
        XCTAssertTrue(html.contains("33% complete in 2026-W47 (2 of 6) against 80% over 13 weeks."))
    }
}
