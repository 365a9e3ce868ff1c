/// A web form submission that becomes an intake referral.
struct SampleWebSubmission {
    /// A patient booking carries its session's paid campaign, if any, since one campaign's
    /// bookings fare worse than others (SampleStory.weakCampaign).
    enum Kind { case patient(campaign: String?), clinician(partnerIndex: Int) }
    var at: Int64
    var submissionID: String
    var kind: Kind
}

/// Generates one day of website sessions: landing pages, traffic sources, browsing, and
/// the two forms (patients booking, clinicians referring) whose submissions become referrals.
struct SampleWebTraffic {
    var scale: Double

    static let contentPages = ["/", "/spine-care", "/joint-replacement", "/sports-medicine", "/physicians",
                               "/physicians/dr-okafor", "/physicians/dr-lindgren", "/locations", "/insurance",
                               "/conditions/herniated-disc", "/conditions/knee-arthritis", "/patient-forms"]
    static let blogPages = ["/blog/back-pain-myths", "/blog/acl-recovery-timeline", "/blog/when-to-see-a-spine-specialist"]
    static let hourWeights: [Double] = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3.5, 4.5, 5, 5,
                                        4.5, 4.5, 4.5, 4, 3.5, 3.5, 4, 4.5, 4.5, 4, 3, 2]
    static let userAgents = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0 Safari/537.36",
                             "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"]
    static let site = "https://" + SampleStory.siteHost

    enum Origin: Int, CaseIterable {
        case organic, paid, newsletter, healthgrades, facebook, yelp, partnerLink, direct, ownSite
    }

    /// Events (with the instant they sort by) and the submissions that reach intake.
    mutating func day(_ localDay: Int, position: Double, random: inout SampleRandom)
        -> (events: [(Int64, SampleWebEvent)], submissions: [SampleWebSubmission]) {
        let weekday = SampleClock.isoWeekday(ofDay: localDay)
        let newsletterDay = weekday == 2
        let base: Double = weekday == 6 ? 16 : weekday == 7 ? 18 : 26
        let sessions = random.poisson((base + (newsletterDay ? 10 : 0)) * scale)
        let partnerWeights = SampleStory.partners.map { $0.weekdayReferrals * $0.volumeFactor(at: position) }
        let partnerLinkWeight = 9 * partnerWeights.reduce(0, +) / 17
        // Facebook shares of the popular blog post make Facebook a little larger than Yelp,
        // and the same-week campaign adds to the paid budget.
        let originWeights: [Double] = [34, 16, newsletterDay ? 25 : weekday == 3 ? 8 : 1.5, 5, 5, 1,
                                       partnerLinkWeight, 22, 2]
        var events: [(Int64, SampleWebEvent)] = []
        var submissions: [SampleWebSubmission] = []
        for _ in 0..<sessions {
            let origin = Origin(rawValue: random.weighted(originWeights)) ?? .direct
            let hour = random.weighted(Self.hourWeights)
            let millisecondOfDay = Int64(hour) * 3_600_000 + Int64(random.below(3_600_000))
            var clock = SampleClock.instant(localDay: localDay, millisecondOfDay: millisecondOfDay)
            let wholeSeconds = random.chance(0.2)
            session(origin: origin, start: &clock, wholeSeconds: wholeSeconds, partnerWeights: partnerWeights,
                    random: &random, events: &events, submissions: &submissions)
        }
        return (events, submissions)
    }

    private func session(origin: Origin, start clock: inout Int64, wholeSeconds: Bool, partnerWeights: [Double],
                         random: inout SampleRandom, events: inout [(Int64, SampleWebEvent)],
                         submissions: inout [SampleWebSubmission]) {
        let sessionID = "s_" + random.hex(20)
        let visitorID: String? = random.chance(0.85) ? "v_" + random.hex(12) : nil
        var landing = random.pick(Self.contentPages)
        var referrer: String?
        var utm: (source: String, medium: String, campaign: String)?
        var utmInQuery = true
        var partnerIndex: Int?
        // What the landing page's `page` says beyond its path: a query string no UTM reads, or
        // a trailing slash, both of which SPEC 4.1 strips from the landing page.
        var landingSuffix = ""
        switch origin {
        case .organic:
            referrer = ["https://www.google.com/", "https://www.google.com/", "https://www.google.com/",
                        "https://www.bing.com/search?q=orthopedic+surgeon+near+me", "https://duckduckgo.com/"][random.below(5)]
            // The blog post ranks well in search; a few searches land on rarely visited pages.
            landing = random.chance(0.4) ? SampleStory.popularBlogPost
                : random.chance(0.07) ? random.pick(SampleStory.longTailPages) : landing
        case .paid:
            let campaign = random.pick(["fall-spine", "knee-pain", SampleStory.weakCampaign.campaign,
                                        SampleStory.weakCampaign.campaign])
            // The same-week ads lead straight to the booking form; the others to service pages.
            landing = campaign == SampleStory.weakCampaign.campaign ? "/book" : random.pick(["/spine-care", "/joint-replacement"])
            utm = (random.chance(0.1) ? "Google-Ads" : "google-ads", "cpc", campaign)
            utmInQuery = random.chance(0.7)
            referrer = "https://www.google.com/"
        case .newsletter:
            // Now and then a reader follows the preferences link, whose path names them.
            landing = random.chance(0.06)
                ? "/newsletter/preferences/" + random.pick(SampleStory.newsletterReaders) + "%40example.com"
                : random.pick(Self.blogPages)
            utm = ("newsletter", "email", random.chance(0.3) ? "fall%20clinic%20hours" : "monthly-newsletter")
        case .healthgrades:
            landing = random.pick(["/physicians/dr-okafor", "/physicians/dr-lindgren"])
            referrer = "https://www.healthgrades.com/physician/dr-adaeze-okafor-x7k2p"
        case .facebook:
            referrer = "https://l.facebook.com/"
            if random.chance(0.85) {
                landing = SampleStory.popularBlogPost
                landingSuffix = "/?fbclid=" + random.hex(24)
            }
        case .yelp:
            referrer = "https://www.yelp.com/biz/summit-orthopedics-and-spine"
        case .partnerLink:
            let index = random.weighted(partnerWeights)
            partnerIndex = index
            landing = SampleStory.referralFormPage
            utm = (SampleStory.partners[index].trackingSlug, "partner-link", "referral-form")
        case .direct:
            // Patients reopen their booking confirmation (a record number in the path), or
            // type an address seen elsewhere.
            landing = random.chance(0.04) ? "/forms/" + String(2_026_000_000 + random.below(1_000_000)) + "/confirm"
                : random.chance(0.05) ? random.pick(SampleStory.longTailPages)
                : random.chance(0.5) ? "/" : landing
        case .ownSite:
            referrer = Self.site + random.pick(Self.contentPages)
        }
        let userAgent: String? = random.chance(0.12) ? random.pick(Self.userAgents) : nil
        func stamp(_ milliseconds: Int64) -> (Int64, SampleTimestamp) {
            let instant = wholeSeconds ? milliseconds - milliseconds % 1000 : milliseconds
            let shapes: [(TimestampShape, Double)] = wholeSeconds
                ? [(.utc, 55), (.offsetColon, 20), (.offsetCompact, 10), (.localSpace, 10), (.utcFraction, 5)]
                : [(.utcFraction, 88), (.offsetFraction, 9), (.localSpaceFraction, 3)]
            var shape = shapes[random.weighted(shapes.map(\.1))].0
            if !shape.represents(instant) { shape = .utcFraction }
            return (instant, .at(instant, shape))
        }
        func advance() {
            clock += Int64(random.logNormal(median: 35_000, sigma: 1.0, cap: 1_800_000)) + 1000
        }
        func emit(_ event: String, page: String?, referrer: String?, form: String? = nil, submission: String? = nil) {
            let (instant, ts) = stamp(clock)
            events.append((instant, SampleWebEvent(ts: ts, event: event, sessionID: sessionID, visitorID: visitorID,
                                                   page: page, referrer: referrer, formID: form, submissionID: submission)))
        }
        var landingPage = landing + landingSuffix
        if let utm, utmInQuery {
            landingPage += "?utm_source=\(utm.source)&utm_medium=\(utm.medium)&utm_campaign=\(utm.campaign)"
            if origin == .paid { landingPage += "&gclid=" + random.hex(16) }
        }
        let (firstInstant, firstTs) = stamp(clock)
        var first = SampleWebEvent(ts: firstTs, event: "page_view", sessionID: sessionID, visitorID: visitorID,
                                   page: landingPage, referrer: referrer, userAgent: userAgent)
        if let utm, !utmInQuery {
            first.utmSource = utm.source
            first.utmMedium = utm.medium
            first.utmCampaign = utm.campaign
        }
        events.append((firstInstant, first))
        var previous = Self.site + landing
        let browsing = min(random.poisson(1.3), 6)
        for _ in 0..<browsing {
            advance()
            let page = random.pick(Self.contentPages)
            emit("page_view", page: page, referrer: previous)
            previous = Self.site + page
        }
        // The forms: partners' links lead to the clinician referral form, everyone else may book.
        let form: String
        let startShare: Double
        if partnerIndex != nil {
            form = "clinician-referral"
            startShare = 0.7
        } else {
            form = "patient-booking"
            if landing == SampleStory.popularBlogPost {
                startShare = 0.004   // readers, not patients
            } else if utm?.campaign == SampleStory.weakCampaign.campaign {
                startShare = 0.45    // the ad promised a visit this week, and landed on the form
            } else {
                // Searchers who skip the blog post came looking for care; with the post's
                // readers they keep the website's bookings about a tenth of all referrals.
                startShare = origin == .paid ? 0.18 : origin == .newsletter ? 0.05 : 0.13
            }
        }
        guard random.chance(startShare) else { return }
        let formPage = partnerIndex != nil ? SampleStory.referralFormPage : "/book"
        if landing != formPage {
            advance()
            emit("page_view", page: formPage, referrer: previous)
        }
        advance()
        emit("form_start", page: formPage, referrer: nil, form: form)
        if random.chance(0.22) {
            advance()
            emit("form_error", page: formPage, referrer: nil, form: form)
            guard random.chance(0.6) else { return }
        }
        guard random.chance(partnerIndex != nil ? 0.75 : 0.55) else { return }
        advance()
        let submissionID = "sub_" + random.hex(16)
        emit("form_submit", page: formPage, referrer: nil, form: form, submission: submissionID)
        let kind: SampleWebSubmission.Kind = partnerIndex.map { .clinician(partnerIndex: $0) } ?? .patient(campaign: utm?.campaign)
        submissions.append(SampleWebSubmission(at: clock, submissionID: submissionID, kind: kind))
    }
}
