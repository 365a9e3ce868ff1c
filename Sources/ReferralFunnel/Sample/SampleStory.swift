/// The sample practice: Summit Orthopedics & Spine in America/Chicago, its partner
/// offices and digital sources. `pipelines/sources.yml` is rendered from this table
/// (a test keeps them equal), so the generator and the registry never disagree.
public enum SampleStory {
    public static let siteHost = "www.summitortho.example"
    public static let channels = ["fax", "portal", "web_form", "phone", "ehr", "email"]
    public static let serviceLines = ["orthopedics", "spine", "sports_medicine", "joint_replacement"]
    public static let requiredItems = ["insurance", "demographics", "clinical_notes", "imaging", "order"]
    /// How often each required item is the one missing.
    static let missingItemWeights: [Double] = [0.34, 0.12, 0.26, 0.18, 0.10]

    static func npi(_ firstNine: String) -> String {
        firstNine + String(NPI.checkDigit(forFirstNine: firstNine) ?? 0)
    }

    public static let partners: [SamplePartner] = [
        SamplePartner(
            name: "Lakeside Family Medicine", trackingSlug: "lakeside-fm",
            registeredAliases: ["Lakeside Family Med., P.C.", "Lakeside FM", "lakeside-fm"],
            typedNames: [("Lakeside Family Medicine", 50), ("Lakeside Family Med., P.C.", 24),
                         ("LAKESIDE FAMILY MEDICINE", 16), ("Lakeside FM", 8), ("Lakeside Famly Medicine", 2)],
            clinicians: [("Whitfield, Dana MD", npi("124503871")), ("Ames, Jordan DO", npi("130977412"))],
            weekdayReferrals: 2.0),
        // The low-completeness partner: most referrals arrive without insurance or notes.
        SamplePartner(
            name: "Prairie View Internal Medicine", trackingSlug: "prairieview",
            registeredAliases: ["Prairie View Internal Med", "PRAIRIE VIEW IM", "prairieview"],
            typedNames: [("Prairie View Internal Medicine", 55), ("Prairie View Internal Med", 25), ("PRAIRIE VIEW IM", 20)],
            clinicians: [("Osei, Kwame MD", npi("145290376")), ("Lindqvist, Maria NP", npi("158832019"))],
            weekdayReferrals: 1.6, incompleteShare: 0.68, returnedShareOfIncomplete: 0.8),
        // The slow one: confirmation and booking both lag, and more accepted referrals stall.
        SamplePartner(
            name: "Riverbend Primary Care", trackingSlug: "riverbend-pc",
            registeredAliases: ["Riverbend Primary Care Associates", "Riverbend PC", "riverbend-pc"],
            typedNames: [("Riverbend Primary Care", 70), ("Riverbend Primary Care Associates", 20), ("Riverbend PC", 10)],
            clinicians: [("Haddad, Samir MD", npi("162254893")), ("Brennan, Colleen PA-C", npi("171198245"))],
            weekdayReferrals: 1.4, confirmMedianHours: 46, bookingMedianDays: 6, neverBookedShare: 0.28),
        // Many no-shows: a pediatric and family practice with a transport-poor population.
        SamplePartner(
            name: "Northgate Pediatrics & Family Care", trackingSlug: "northgate",
            registeredAliases: ["Northgate Peds & Family", "Northgate Pediatrics", "northgate"],
            typedNames: [("Northgate Pediatrics & Family Care", 50), ("Northgate Pediatrics and Family Care", 30),
                         ("Northgate Peds & Family", 20)],
            clinicians: [("Mbeki, Thandi MD", npi("183367120"))],
            weekdayReferrals: 1.2, noShowShare: 0.3),
        // The lapsing source: refers steadily, then stops half-way through the window.
        SamplePartner(
            name: "Oak Hollow Family Practice", trackingSlug: "oakhollow",
            registeredAliases: ["Oak Hollow FP", "Oak Hollow Family Practice, PLLC", "oakhollow"],
            typedNames: [("Oak Hollow Family Practice", 60), ("Oak Hollow FP", 25), ("Oak Hollow Family Practice, PLLC", 15)],
            clinicians: [("Kowalski, Peter MD", npi("192740356")), ("Reyes, Lucia MD", npi("110286347"))],
            weekdayReferrals: 1.3, stopsAt: 0.5),
        // The new partner: starts a third of the way in and ramps up.
        SamplePartner(
            name: "Cedar Ridge Health Partners", trackingSlug: "cedar-ridge",
            registeredAliases: ["Cedar Ridge Health Partners, LLC", "Cedar Ridge HP", "cedar-ridge"],
            typedNames: [("Cedar Ridge Health Partners", 60), ("Cedar Ridge Health Partners, LLC", 30), ("Cedar Ridge HP", 10)],
            clinicians: [("Nakamura, Ken MD", npi("126614880")), ("Adeyemi, Funke MD", npi("135509921"))],
            weekdayReferrals: 2.2, startsAt: 0.3, fullVolumeAt: 0.8,
            channelWeights: [0.05, 0.35, 0, 0.05, 0.5, 0.05]),
        SamplePartner(
            name: "St. Brigid Sports Medicine", trackingSlug: "stbrigid",
            registeredAliases: ["St Brigid Sports Med", "Saint Brigid Sports Medicine", "stbrigid"],
            typedNames: [("St. Brigid Sports Medicine", 55), ("St Brigid Sports Med", 30), ("Saint Brigid Sports Medicine", 15)],
            clinicians: [("Chen, Robert \"Bobby\" DO", npi("147723056")), ("Farrell, Aoife MD", npi("151830664"))],
            weekdayReferrals: 1.8, incompleteShare: 0.08, confirmMedianHours: 2),
        SamplePartner(
            name: "Maple Street Clinic", trackingSlug: "maple-street",
            registeredAliases: ["Maple St. Clinic", "maple-street"],
            typedNames: [("Maple Street Clinic", 70), ("Maple St. Clinic", 30)],
            clinicians: [("Olsen, Greta MD", npi("167045523"))],
            weekdayReferrals: 0.9),
        SamplePartner(
            name: "Heartland Physical Therapy", trackingSlug: "heartland-pt",
            registeredAliases: ["Heartland PT", "Heartland Physical Therapy, Inc.", "heartland-pt"],
            typedNames: [("Heartland Physical Therapy", 60), ("Heartland PT", 30), ("Heartland Physical Therapy, Inc.", 10)],
            clinicians: [("Duarte, Marisol DPT", npi("176601238"))],
            weekdayReferrals: 0.7, channelWeights: [0.6, 0.1, 0, 0.1, 0, 0.2], npiShare: 0.5),
        SamplePartner(
            name: "Bluestem Urgent Care", trackingSlug: "bluestem-uc",
            registeredAliases: ["Bluestem UC", "Bluestem Urgent Care - North", "bluestem-uc"],
            typedNames: [("Bluestem Urgent Care", 60), ("Bluestem UC", 25), ("Bluestem Urgent Care - North", 15)],
            clinicians: [("Igwe, Chidi MD", npi("185563307")), ("Parrish, Nell PA-C", npi("194418862"))],
            weekdayReferrals: 1.0, incompleteShare: 0.3, channelWeights: [0.8, 0.1, 0, 0.1, 0, 0]),
        SamplePartner(
            name: "Westfield Women's Health", trackingSlug: "westfield-wh",
            registeredAliases: ["Westfield Womens Health", "Westfield WH", "westfield-wh"],
            typedNames: [("Westfield Women's Health", 60), ("Westfield Womens Health", 30), ("Westfield WH", 10)],
            clinicians: [("Sørensen, Ingrid MD", npi("112093345"))],
            weekdayReferrals: 0.5),
        SamplePartner(
            name: "Lincoln Avenue Internal Medicine", trackingSlug: "lincoln-ave-im",
            registeredAliases: ["Lincoln Ave Internal Medicine, PLLC", "Lincoln Ave IM", "lincoln-ave-im"],
            typedNames: [("Lincoln Avenue Internal Medicine", 50), ("Lincoln Ave Internal Medicine, PLLC", 35), ("Lincoln Ave IM", 15)],
            clinicians: [("Abernathy, Ruth MD", npi("121186674")), ("Vu, Thanh MD", npi("139907738"))],
            weekdayReferrals: 0.6),
    ]

    // MARK: pages and campaigns (SPEC 4.1, issue 23)

    /// The partner-referral form page: partners' tracking links land here, about half the
    /// visitors submit, and the form asks for every required item and offers a slot, so its
    /// referrals mostly arrive complete and are booked at once.
    static let referralFormPage = "/refer"
    /// The blog post that search and social send many readers to, who read and leave: the
    /// page with the most sessions after the home page, and practically no submissions.
    static let popularBlogPost = "/blog/back-pain-myths"
    /// The paid campaign whose ads promise a same-week visit: its visitors submit the
    /// booking form often, but few of its referrals end in a completed visit (most are never
    /// booked once the offered slot is weeks away, and many booked ones are missed).
    static let weakCampaign = (source: "google-ads", medium: "cpc", campaign: "same-week-appointments")
    static let weakCampaignNeverBookedShare = 0.6
    static let weakCampaignNoShowShare = 0.35
    /// Of partners' web-form referrals, the share that arrives incomplete, relative to the
    /// same partner's faxes and portal uploads: the form has a field for each required item.
    static let referralFormIncompleteFactor = 0.3

    /// Landing pages with fewer than five sessions a week, so that the Pages view has a long
    /// tail to fold into "(other pages)": a zip-code page (five digits, not masked), a
    /// trailing slash, and a spelling whose case differs from the site's own link.
    static let longTailPages = ["/conditions/plantar-fasciitis", "/conditions/rotator-cuff-tear", "/physicians/dr-castillo",
                                "/physicians/dr-brandt", "/careers", "/privacy", "/news/holiday-hours-2025",
                                "/blog/2019/ice-or-heat", "/locations/60614", "/Spine-Care", "/spine-care/"]
    /// Whose newsletter preference links carry an email address in the path (`%40`), which
    /// SPEC 4.1 masks to `{id}`.
    static let newsletterReaders = ["j.morales", "pat.nguyen", "r.okonkwo", "lee.harper", "m.svensson"]

    /// Offices not in the registry: they appear in the data-quality report as unregistered.
    static let unregisteredPractices: [(name: String, clinician: String, npi: String, weekdayReferrals: Double)] = [
        ("Harbor Chiropractic", "Lund, Erik DC", npi("100462318"), 0.3),
        ("Riverside Wellness Center", "Moreau, Celine NP", "", 0.15),
    ]

    /// How callers who refer themselves by phone get typed into `referring_practice`.
    static let selfReferralSpellings: [(String, Double)] = [("Self", 40), ("", 40), ("self referral", 12), ("N/A", 8)]

    /// Digital sources in the registry: (name, aliases).
    public static let digitalSources: [(name: String, aliases: [String])] = [
        ("Google Ads", ["google-ads", "googleads"]),
        ("Organic search", ["www.google.com", "google.com", "www.bing.com", "duckduckgo.com", "search.yahoo.com"]),
        ("Patient newsletter", ["newsletter"]),
        ("Healthgrades", ["www.healthgrades.com"]),
    ]

    public static let selfSource = (name: "Patient self-referral", aliases: ["Self", "Self-referral", "self referral", "Patient"])

    /// `pipelines/sources.yml`, the registry the sample pipeline loads.
    public static func registryYAML() -> String {
        var text = """
        # Source registry of the sample practice (SPEC section 3), rendered from
        # Sources/ReferralFunnel/Sample/SampleStory.swift; a test keeps the two equal.
        # Aliases are practice spellings, utm_source values and referrer hosts; NPIs are the
        # partners' referring clinicians. Some spellings in the sample data are deliberately
        # missing here (a typo, Harbor Chiropractic, Riverside Wellness Center) so that the
        # data-quality report has unregistered sources to show.
        sources:

        """
        func quoted(_ value: String) -> String {
            "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func entry(_ name: String, _ type: String, _ aliases: [String], _ npis: [String]) {
            text += "  - name: \(quoted(name))\n    type: \(type)\n"
            text += "    aliases: [\(aliases.map(quoted).joined(separator: ", "))]\n"
            if !npis.isEmpty { text += "    npis: [\(npis.map(quoted).joined(separator: ", "))]\n" }
        }
        for partner in partners {
            entry(partner.name, "practice", partner.registeredAliases, partner.clinicians.map(\.npi))
        }
        for source in digitalSources {
            entry(source.name, "digital", source.aliases, [])
        }
        entry(selfSource.name, "self", selfSource.aliases, [])
        return text
    }
}
