/// Everything the HTML and XLSX writers show, read from the marts once. Writers only format
/// this model; they compute no metric of their own, so a number means the same on every page.
public struct ReportModel: Sendable, Equatable {
    public var pipelineName: String
    /// IANA name of the pipeline's time zone; dates below are local to it.
    public var timeZoneIdentifier: String
    /// The instant that decides `stalled` and the report week (SPEC section 4).
    public var asOf: Instant
    /// `as_of` as local text, e.g. `2026-11-28 14:03`.
    public var asOfLocalText: String
    /// The last complete ISO week before `as_of`, e.g. `2026-W47`.
    public var reportWeek: String
    /// Every week metrics.csv covers, ascending (`2026-W36` ... the week holding `as_of`).
    public var weeks: [String]
    public var parameters: Parameters
    /// Every source with at least one non-zero count in any week, by name.
    public var sources: [SourceInfo]
    /// One row per period and source, plus `(all)` per period. See `Period`.
    public var metrics: [FunnelMetricsRow]
    /// Share of referrals missing each required item, per period and source (and `(all)`).
    public var missingItems: [MissingItemShare]
    /// Days from receipt to first appointment, one sample per scheduled referral, for
    /// distribution charts; for the trailing 13 weeks up to the report week.
    public var firstAppointmentDays: [FirstAppointmentSample]
    /// Accepted referrals with no live appointment past `stall_days`, longest waiting first.
    public var stalled: [StalledReferral]
    public var dataQuality: DataQuality
    /// SPEC 4.1: the funnel by landing page and by campaign.
    public var landingPages = LandingFunnel(dimension: .landingPage)
    public var campaigns = LandingFunnel(dimension: .campaign)

    public func landingFunnel(_ dimension: LandingDimension) -> LandingFunnel {
        switch dimension {
        case .landingPage: landingPages
        case .campaign: campaigns
        }
    }

    public init(pipelineName: String, timeZoneIdentifier: String, asOf: Instant, asOfLocalText: String,
                reportWeek: String, weeks: [String], parameters: Parameters, sources: [SourceInfo],
                metrics: [FunnelMetricsRow], missingItems: [MissingItemShare],
                firstAppointmentDays: [FirstAppointmentSample], stalled: [StalledReferral],
                dataQuality: DataQuality) {
        self.pipelineName = pipelineName
        self.timeZoneIdentifier = timeZoneIdentifier
        self.asOf = asOf
        self.asOfLocalText = asOfLocalText
        self.reportWeek = reportWeek
        self.weeks = weeks
        self.parameters = parameters
        self.sources = sources
        self.metrics = metrics
        self.missingItems = missingItems
        self.firstAppointmentDays = firstAppointmentDays
        self.stalled = stalled
        self.dataQuality = dataQuality
    }

    public struct Parameters: Sendable, Equatable {
        public var slaHours: Double
        public var followupDays: Double
        public var stallDays: Double
        public var linkWindowDays: Double
        public var requiredItems: [String]
        /// The completeness the team aims for; charts draw it as a target line.
        public var completenessTarget: Double

        public init(slaHours: Double, followupDays: Double, stallDays: Double, linkWindowDays: Double,
                    requiredItems: [String], completenessTarget: Double) {
            self.slaHours = slaHours
            self.followupDays = followupDays
            self.stallDays = stallDays
            self.linkWindowDays = linkWindowDays
            self.requiredItems = requiredItems
            self.completenessTarget = completenessTarget
        }
    }
}

/// The name every report uses for the row that sums all sources.
public let allSourcesName = "(all)"

/// A span of ISO weeks that metrics are grouped by. Single weeks are what metrics.csv holds;
/// trailing windows give the dashboards their 4- and 13-week views, computed by the same SQL.
public struct Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Number of ISO weeks in the span: 1, 4 or 13.
    public var weekCount: Int
    /// The last week of the span, e.g. `2026-W47`.
    public var endWeek: String

    public init(weekCount: Int, endWeek: String) {
        self.weekCount = weekCount
        self.endWeek = endWeek
    }

    public static func week(_ week: String) -> Period { Period(weekCount: 1, endWeek: week) }

    /// `2026-W47` for one week, `4w:2026-W47` for a trailing window.
    public var key: String { weekCount == 1 ? endWeek : "\(weekCount)w:\(endWeek)" }
    public var description: String { key }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.endWeek, lhs.weekCount) < (rhs.endWeek, rhs.weekCount)
    }
}

public struct SourceInfo: Sendable, Equatable, Hashable {
    public var name: String
    /// `practice`, `digital`, `self`, `other`, `unregistered`, or `special` for `(direct)`
    /// and `(unattributed)`.
    public var type: String
    /// A safe file name (no path separators, no `..`), unique among sources.
    public var slug: String

    public init(name: String, type: String, slug: String) {
        self.name = name
        self.type = type
        self.slug = slug
    }
}

/// The metrics of the catalogue for one period and source.
public struct FunnelMetricsRow: Sendable, Equatable {
    public var period: Period
    public var source: String
    /// Every stored metric (counts and durations) by catalogue name. Only non-zero counts and
    /// non-empty durations are held, so two rows with the same numbers are equal.
    public private(set) var values: [Metric.Name: Double] = [:]

    public init(period: Period, source: String) {
        self.period = period
        self.source = source
    }

    /// Any metric of the catalogue: a count (0 when absent), a duration (nil for an empty
    /// set), or a rate derived from the counts (nil over zero, SPEC section 4).
    public subscript(metric: Metric) -> Double? {
        switch metric.kind {
        case .count: return values[metric.name] ?? 0
        case .durationQuantile: return values[metric.name]
        case let .rate(numerator, denominator):
            return Self.rate(count(numerator), denominator.map(count).reduce(0, +))
        }
    }

    public subscript(name: Metric.Name) -> Double? { self[MetricCatalogue.entry(name)] }

    public func count(_ name: Metric.Name) -> Int { Int(values[name] ?? 0) }

    public mutating func set(_ name: Metric.Name, _ value: Double?) {
        values[name] = value == 0 && MetricCatalogue.entry(name).isCount ? nil : value
    }

    static func rate(_ numerator: Int, _ denominator: Int) -> Double? {
        denominator == 0 ? nil : Double(numerator) / Double(denominator)
    }
}

/// Shorthands for the metrics the report code refers to by role (volume, the stalled
/// worklist, the headline rates); every other metric is reached through the catalogue.
extension FunnelMetricsRow {
    public var sessions: Int { count("sessions") }
    public var referrals: Int { count("referrals") }
    public var complete: Int { count("complete") }
    public var confirmedWithinSLA: Int { count("confirmed_within_sla") }
    public var stalled: Int { count("stalled") }
    public var medianDaysToFirstAppointment: Double? { self["median_days_to_first_appointment"] }
    public var p90DaysToFirstAppointment: Double? { self["p90_days_to_first_appointment"] }
    public var completeness: Double? { self["completeness"] }
    public var slaRate: Double? { self["sla_rate"] }
    public var schedulingConversion: Double? { self["scheduling_conversion"] }
}

public struct MissingItemShare: Sendable, Equatable {
    public var period: Period
    public var source: String
    public var item: String
    public var referrals: Int
    public var missing: Int
    public var share: Double? { FunnelMetricsRow.rate(missing, referrals) }

    public init(period: Period, source: String, item: String, referrals: Int, missing: Int) {
        self.period = period
        self.source = source
        self.item = item
        self.referrals = referrals
        self.missing = missing
    }
}

public struct FirstAppointmentSample: Sendable, Equatable {
    public var source: String
    public var week: String
    public var days: Double

    public init(source: String, week: String, days: Double) {
        self.source = source
        self.week = week
        self.days = days
    }
}

/// One line of the stalled-referral worklist. Nothing about the patient.
public struct StalledReferral: Sendable, Equatable {
    public var referralID: String
    public var source: String
    public var serviceLine: String?
    public var receivedAt: Instant
    /// Local calendar date of receipt, `YYYY-MM-DD`.
    public var receivedDate: String
    public var daysWaiting: Double

    public init(referralID: String, source: String, serviceLine: String?, receivedAt: Instant,
                receivedDate: String, daysWaiting: Double) {
        self.referralID = referralID
        self.source = source
        self.serviceLine = serviceLine
        self.receivedAt = receivedAt
        self.receivedDate = receivedDate
        self.daysWaiting = daysWaiting
    }
}

public struct DataQuality: Sendable, Equatable {
    public var files: [IngestedFile]
    /// Quarantined rows and warnings, grouped by file and reason, with their line numbers.
    /// Never the raw text.
    public var quarantine: [QuarantineGroup]
    public var unregisteredSources: [UnregisteredSource]
    public var invalidNPIs: [InvalidNPI]
    public var appointmentLinks: AppointmentLinkStats
    public var feeds: [FeedFreshness]

    public init(files: [IngestedFile], quarantine: [QuarantineGroup], unregisteredSources: [UnregisteredSource],
                invalidNPIs: [InvalidNPI], appointmentLinks: AppointmentLinkStats, feeds: [FeedFreshness]) {
        self.files = files
        self.quarantine = quarantine
        self.unregisteredSources = unregisteredSources
        self.invalidNPIs = invalidNPIs
        self.appointmentLinks = appointmentLinks
        self.feeds = feeds
    }

    public struct IngestedFile: Sendable, Equatable {
        public var feed: String
        /// Path relative to the config's folder when it lies under it.
        public var path: String
        public var rowsRead: Int
        public var rowsLoaded: Int
        public var rowsQuarantined: Int
        public var warnings: Int
        /// Why the whole file was held back, or nil when it loaded.
        public var heldBackReason: String?
        /// The local month (`2026-11`) of the newest instant the file carries, which the
        /// data-quality page groups a feed's files by; nil when nothing of it loaded.
        public var dataMonth: String?

        public init(feed: String, path: String, rowsRead: Int, rowsLoaded: Int, rowsQuarantined: Int,
                    warnings: Int, heldBackReason: String?, dataMonth: String? = nil) {
            self.dataMonth = dataMonth
            self.feed = feed
            self.path = path
            self.rowsRead = rowsRead
            self.rowsLoaded = rowsLoaded
            self.rowsQuarantined = rowsQuarantined
            self.warnings = warnings
            self.heldBackReason = heldBackReason
        }
    }

    public struct QuarantineGroup: Sendable, Equatable {
        public var path: String
        public var column: String?
        public var reason: String
        /// `true` for a bad optional value whose row still loaded.
        public var isWarning: Bool
        public var count: Int
        /// The first few line numbers, ascending.
        public var lines: [Int]

        public init(path: String, column: String?, reason: String, isWarning: Bool, count: Int, lines: [Int]) {
            self.path = path
            self.column = column
            self.reason = reason
            self.isWarning = isWarning
            self.count = count
            self.lines = lines
        }
    }

    public struct UnregisteredSource: Sendable, Equatable {
        public var name: String
        public var normalizedName: String
        /// Every spelling seen, most frequent first.
        public var spellings: [String]
        public var referrals: Int
        public var sessions: Int

        public init(name: String, normalizedName: String, spellings: [String], referrals: Int, sessions: Int) {
            self.name = name
            self.normalizedName = normalizedName
            self.spellings = spellings
            self.referrals = referrals
            self.sessions = sessions
        }
    }

    public struct InvalidNPI: Sendable, Equatable {
        public var npi: String
        public var source: String
        public var referrals: Int

        public init(npi: String, source: String, referrals: Int) {
            self.npi = npi
            self.source = source
            self.referrals = referrals
        }
    }

    public struct AppointmentLinkStats: Sendable, Equatable {
        public var appointments: Int
        public var linkedByReferralID: Int
        public var linkedByPatient: Int
        public var unlinked: Int

        public init(appointments: Int, linkedByReferralID: Int, linkedByPatient: Int, unlinked: Int) {
            self.appointments = appointments
            self.linkedByReferralID = linkedByReferralID
            self.linkedByPatient = linkedByPatient
            self.unlinked = unlinked
        }
    }

    public struct FeedFreshness: Sendable, Equatable {
        public var feed: String
        public var files: Int
        /// Local date of the newest file's ingest, `YYYY-MM-DD`, or nil when none.
        public var lastFileDate: String?
        public var daysSinceLastFile: Double?
        public var isStale: Bool

        public init(feed: String, files: Int, lastFileDate: String?, daysSinceLastFile: Double?, isStale: Bool) {
            self.feed = feed
            self.files = files
            self.lastFileDate = lastFileDate
            self.daysSinceLastFile = daysSinceLastFile
            self.isStale = isStale
        }
    }
}
