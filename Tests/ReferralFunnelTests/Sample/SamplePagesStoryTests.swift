import Foundation
import XCTest
@testable import ReferralFunnel

/// The pages-and-campaigns story of issue 23 (SPEC 4.1), computed straight from the generated
/// web log and intake and scheduling snapshots, without the pipeline: thresholds, not counts,
/// so that a change to the generator that keeps the story keeps the tests.
final class SamplePagesStoryTests: XCTestCase {
    struct Funnel {
        var sessions = 0
        var formSubmits = 0
        var referrals = 0
        var scheduled = 0
        var completed = 0
        var submitRate: Double { Double(formSubmits) / Double(max(sessions, 1)) }
        var completedShare: Double { Double(completed) / Double(max(referrals, 1)) }
        var scheduledShare: Double { Double(scheduled) / Double(max(referrals, 1)) }
    }

    struct Session {
        var landingPage: String?
        var campaign: String
        var submits = false
        var week = 0
    }

    /// SPEC 4.1's landing-page reduction, written out plainly for the sample's pages.
    static func landingPath(_ page: String) -> String {
        var path = Substring(page)
        for scheme in ["http://", "https://"] where path.lowercased().hasPrefix(scheme) {
            path = path.dropFirst(scheme.count)
            path = path[(path.firstIndex { "/?#".contains($0) } ?? path.endIndex)...]
        }
        path = path[..<(path.firstIndex { "?#".contains($0) } ?? path.endIndex)]
        var text = path.isEmpty ? "/" : String(path)
        if text.count > 1 && text.hasSuffix("/") { text.removeLast() }
        return text.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            let digitRun = segment.split { !("0"..."9").contains($0) }.map(\.count).max() ?? 0
            return segment.contains("@") || segment.contains("%40") || digitRun >= 6 ? "{id}" : String(segment)
        }.joined(separator: "/")
    }

    static func utm(_ name: String, of event: [String: Any]) -> String {
        if let value = event[name] as? String, !value.isEmpty { return value }
        guard let page = event["page"] as? String, let query = page.split(separator: "?", maxSplits: 1).dropFirst().first else { return "" }
        for pair in query.split(separator: "&") where pair.hasPrefix(name + "=") {
            let value = pair.dropFirst(name.count + 1).replacingOccurrences(of: "+", with: " ")
            if !value.isEmpty { return value.removingPercentEncoding ?? value }
        }
        return ""
    }

    /// Sessions by id and the session of each submission, from the canonical web log in file
    /// order (the generator writes each day's events sorted by time).
    static func sessions() throws -> (sessions: [String: Session], sessionOfSubmission: [String: String]) {
        let folder = try SampleFixture.folder().appendingPathComponent("web")
        let firstDay = try SampleOptions.day(fromISODate: "2026-08-31")   // a Monday
        var sessions: [String: Session] = [:]
        var sessionOfSubmission: [String: String] = [:]
        for file in try SampleFixture.files(under: folder) {
            let day = try SampleOptions.day(fromISODate: String(file.dropFirst("web-".count).prefix(10)))
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(whereSeparator: \.isNewline) {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let id = object["session_id"] as? String, let event = object["event"] as? String else { continue }
                var session = sessions[id] ?? Session(
                    campaign: ["utm_source", "utm_medium", "utm_campaign"].map { utm($0, of: object) }.joined(separator: "/"),
                    week: (day - firstDay) / 7)
                if event == "page_view", session.landingPage == nil, let page = object["page"] as? String {
                    session.landingPage = landingPath(page)
                }
                if event == "form_submit", let submission = object["submission_id"] as? String {
                    session.submits = true
                    if sessionOfSubmission[submission] == nil { sessionOfSubmission[submission] = id }
                }
                sessions[id] = session
            }
        }
        return (sessions, sessionOfSubmission)
    }

    /// Web-form referrals' outcomes: submission id → (scheduled, completed), linking
    /// appointments by referral id or, when they carry none, by the referral's patient.
    static func referralOutcomes() throws -> [String: (scheduled: Bool, completed: Bool)] {
        let root = try SampleFixture.folder()
        var submissionOfReferral: [String: String] = [:]
        var referralOfPatient: [String: String] = [:]
        let intake = root.appendingPathComponent("intake")
        for file in try SampleFixture.files(under: intake) {
            for record in try SampleCSV.records(of: intake.appendingPathComponent(file)).records {
                guard let id = record["referral_id"], !id.isEmpty,
                      FeedKind.intake.statusValues.contains(record["status"] ?? "") else { continue }
                if let submission = record["submission_id"], !submission.isEmpty { submissionOfReferral[id] = submission }
                if let patient = record["patient_id"], !patient.isEmpty { referralOfPatient[patient] = id }
            }
        }
        var latest: [String: (status: String, referral: String)] = [:]
        let scheduling = root.appendingPathComponent("scheduling")
        for file in try SampleFixture.files(under: scheduling) {
            for record in try SampleCSV.records(of: scheduling.appendingPathComponent(file)).records {
                guard let id = record["appointment_id"], !id.isEmpty, !(record["updated_at"] ?? "").isEmpty else { continue }
                let referral = record["referral_id"].flatMap { $0.isEmpty ? nil : $0 }
                    ?? referralOfPatient[record["patient_id"] ?? ""] ?? ""
                latest[id] = (record["status"] ?? "", referral)
            }
        }
        var outcomes = submissionOfReferral.values.reduce(into: [String: (scheduled: Bool, completed: Bool)]()) {
            $0[$1] = (false, false)
        }
        for appointment in latest.values {
            guard let submission = submissionOfReferral[appointment.referral] else { continue }
            outcomes[submission]?.scheduled = true
            if appointment.status == "completed" { outcomes[submission]?.completed = true }
        }
        return outcomes
    }

    /// Funnels by landing page and by campaign (`source/medium/campaign`), over the 90 days.
    static let funnels: Result<(pages: [String: Funnel], campaigns: [String: Funnel], weeklyPages: [String: [Int: Int]]), Error> = Result(catching: {
        let (sessions, sessionOfSubmission) = try SamplePagesStoryTests.sessions()
        var pages: [String: Funnel] = [:]
        var campaigns: [String: Funnel] = [:]
        var weeklyPages: [String: [Int: Int]] = [:]
        for session in sessions.values {
            guard let page = session.landingPage else { continue }
            for key in [\Funnel.sessions, session.submits ? \Funnel.formSubmits : nil].compactMap({ $0 }) {
                pages[page, default: Funnel()][keyPath: key] += 1
                campaigns[session.campaign, default: Funnel()][keyPath: key] += 1
            }
            weeklyPages[page, default: [:]][session.week, default: 0] += 1
        }
        for (submission, outcome) in try SamplePagesStoryTests.referralOutcomes() {
            guard let id = sessionOfSubmission[submission], let session = sessions[id], let page = session.landingPage else { continue }
            for key in [\Funnel.referrals, outcome.scheduled ? \Funnel.scheduled : nil, outcome.completed ? \Funnel.completed : nil]
                .compactMap({ $0 }) {
                pages[page, default: Funnel()][keyPath: key] += 1
                campaigns[session.campaign, default: Funnel()][keyPath: key] += 1
            }
        }
        return (pages, campaigns, weeklyPages)
    })

    func testReferralFormPageConvertsPartnerTraffic() throws {
        let pages = try Self.funnels.get().pages
        let refer = try XCTUnwrap(pages[SampleStory.referralFormPage])
        XCTAssertGreaterThanOrEqual(refer.sessions, 80)
        XCTAssertGreaterThanOrEqual(refer.referrals, 40)
        // Partners come to refer: about half their sessions submit, against a few percent elsewhere.
        XCTAssertGreaterThan(refer.submitRate, 0.35)
        let busyPages = pages.filter { $0.key != SampleStory.referralFormPage && $0.value.sessions >= 50 }
        XCTAssertGreaterThan(refer.submitRate, 2 * (busyPages.values.map(\.submitRate).max() ?? 1))
        // And their referrals are booked and seen (the last weeks' referrals have not been yet).
        XCTAssertGreaterThan(refer.scheduledShare, 0.8)
        XCTAssertGreaterThan(refer.completedShare, 0.6)
    }

    func testPopularBlogPostBringsReadersNotReferrals() throws {
        let pages = try Self.funnels.get().pages
        let post = try XCTUnwrap(pages[SampleStory.popularBlogPost])
        // Second only to the home page, and well ahead of every other page.
        let others = pages.filter { $0.key != SampleStory.popularBlogPost && $0.key != "/" }.values.map(\.sessions)
        XCTAssertGreaterThan(post.sessions, 250)
        XCTAssertGreaterThan(Double(post.sessions), 1.3 * Double(others.max() ?? 0))
        XCTAssertLessThanOrEqual(post.submitRate, 0.01)
        XCTAssertLessThanOrEqual(post.referrals, 2)
    }

    func testOnePaidCampaignRarelyCompletes() throws {
        let campaigns = try Self.funnels.get().campaigns
        let weak = SampleStory.weakCampaign
        let key = "\(weak.source)/\(weak.medium)/\(weak.campaign)"
        let campaign = try XCTUnwrap(campaigns[key])
        XCTAssertGreaterThanOrEqual(campaign.referrals, 20)
        XCTAssertGreaterThan(campaign.submitRate, 0.1, "its visitors do submit the booking form")
        XCTAssertLessThan(campaign.completedShare, 0.3)
        // The lowest of every campaign with enough referrals to judge (direct traffic included),
        // and far below the rest of the website's referrals taken together.
        let others = campaigns.filter { $0.key != key }
        XCTAssertGreaterThanOrEqual(others.filter { $0.value.referrals >= 10 }.count, 3)
        for (other, funnel) in others where funnel.referrals >= 10 {
            XCTAssertGreaterThan(funnel.completedShare, campaign.completedShare, other)
        }
        let rest = others.values.reduce(into: Funnel()) { $0.referrals += $1.referrals; $0.completed += $1.completed }
        XCTAssertGreaterThan(rest.completedShare, 2 * campaign.completedShare)
    }

    func testLandingPagesCarryMaskedSegmentsAndALongTail() throws {
        let (pages, _, weekly) = try Self.funnels.get()
        XCTAssertGreaterThanOrEqual(pages["/forms/{id}/confirm"]?.sessions ?? 0, 5, "booking confirmations reopened")
        XCTAssertGreaterThanOrEqual(pages["/newsletter/preferences/{id}"]?.sessions ?? 0, 3, "email addresses in paths")
        XCTAssertFalse(pages.keys.contains { $0.contains("%40") || $0.contains("?") }, "\(pages.keys.sorted())")
        // Five-digit zip codes are not record numbers; SPEC 4.1 masks six digits or more.
        XCTAssertNotNil(pages["/locations/60614"])
        let longTail = weekly.filter { $0.value.values.allSatisfy { $0 < 5 } }.keys
        XCTAssertGreaterThanOrEqual(longTail.count, 8, "\(longTail.sorted())")
    }
}
