/// One referring office of the sample story and how it behaves, so that the dashboards
/// have differences to show.
public struct SamplePartner: Sendable {
    public var name: String
    /// The `utm_source` value on the partner's tracking links to the referral form.
    public var trackingSlug: String
    /// Spellings registered as aliases in `pipelines/sources.yml`.
    public var registeredAliases: [String]
    /// How the intake staff type the practice's name, with weights. A spelling that is
    /// neither the name nor an alias shows up as an unregistered source (a typo).
    public var typedNames: [(String, Double)]
    /// Referring clinicians: a display name (often `Last, First MD`, so quoted in CSV) and an NPI.
    public var clinicians: [(name: String, npi: String)]
    /// Referrals a weekday at scale 1, before ramp-up or lapse.
    public var weekdayReferrals: Double
    /// Share of the window (0…1) at which the partner starts sending, ramping to full volume
    /// by `fullVolumeAt`; 0 and 0 for an established partner.
    public var startsAt: Double = 0
    public var fullVolumeAt: Double = 0
    /// Share of the window after which the partner stops sending (a lapsing source).
    public var stopsAt: Double = 1
    /// Share of referrals arriving with items missing, and of those the share sent back.
    public var incompleteShare: Double = 0.18
    public var returnedShareOfIncomplete: Double = 0.45
    public var confirmMedianHours: Double = 4
    public var bookingMedianDays: Double = 1.5
    public var neverBookedShare: Double = 0.08
    public var noShowShare: Double = 0.06
    /// Weights over `SampleStory.channels`.
    public var channelWeights: [Double] = [0.35, 0.30, 0, 0.05, 0.25, 0.05]
    /// Share of rows carrying the clinician's NPI.
    public var npiShare: Double = 0.8

    /// The share of full volume on a day at `position` (0…1) of the window.
    func volumeFactor(at position: Double) -> Double {
        if position >= stopsAt || position < startsAt { return 0 }
        if fullVolumeAt > startsAt && position < fullVolumeAt {
            return 0.15 + 0.85 * (position - startsAt) / (fullVolumeAt - startsAt)
        }
        return 1
    }
}
