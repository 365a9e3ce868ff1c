/// Where the index asks the team to look. Every rule needs enough referrals behind it that
/// a flag means a pattern, not one late fax: a week with 1 of 2 referrals incomplete says
/// nothing.
struct AttentionFlag: Equatable {
    enum Kind: String {
        case completenessDrop = "Completeness drop"
        case slaBreaches = "SLA breaches"
        case lapsed = "Stopped referring"
        case stalledRising = "Stalled rising"
    }

    var kind: Kind
    var source: SourceInfo
    var message: String
}

enum AttentionFlags {
    /// Fewest referrals in a period before a rate in it can raise a flag.
    static let minimumReferrals = 5
    /// Completeness this far (as a share) below the trailing 13-week value raises a flag.
    static let completenessDropThreshold = 0.15
    /// Share of a week's referrals confirmed late or not at all that raises a flag.
    static let slaBreachShare = 0.2
    /// A source is "regular" when it referred in at least this many of the 10 weeks before
    /// the last 3; it has lapsed when those last 3 weeks (ending with the report week) are empty.
    static let regularWeeks = 6
    static let quietWeeks = 3
    /// Fewest stalled referrals in the last 4 weeks' cohort before "rising" is a flag.
    static let minimumStalled = 5

    static func flags(_ lookup: ReportLookup) -> [AttentionFlag] {
        let model = lookup.model
        let week = Period.week(model.reportWeek)
        let window13 = Period(weekCount: 13, endWeek: model.reportWeek)
        let window4 = Period(weekCount: 4, endWeek: model.reportWeek)
        let trendWeeks = lookup.trendWeeks
        var flags: [AttentionFlag] = []
        for source in lookup.sourcesByVolume {
            let current = lookup.row(week, source.name)
            let trailing = lookup.row(window13, source.name)
            if current.referrals >= minimumReferrals, trailing.referrals >= 2 * minimumReferrals,
               let now = current.completeness, let usual = trailing.completeness,
               now <= usual - completenessDropThreshold {
                flags.append(AttentionFlag(kind: .completenessDrop, source: source, message:
                    "\(ValueFormat.percent(now)) complete in \(model.reportWeek) (\(current.complete) of \(current.referrals)) against \(ValueFormat.percent(usual)) over 13 weeks."))
            }
            let breaches = current.referrals - current.confirmedWithinSLA
            if current.referrals >= minimumReferrals,
               Double(breaches) / Double(current.referrals) >= slaBreachShare {
                flags.append(AttentionFlag(kind: .slaBreaches, source: source, message:
                    "\(breaches) of \(current.referrals) referrals in \(model.reportWeek) not confirmed within \(ChartStyle.number(model.parameters.slaHours)) hours."))
            }
            let weekly = trendWeeks.map { lookup.row(.week($0), source.name).referrals }
            let earlier = weekly.dropLast(quietWeeks)
            let recent = weekly.suffix(quietWeeks)
            let activeEarlierWeeks = earlier.filter { $0 > 0 }.count
            if activeEarlierWeeks >= regularWeeks, recent.allSatisfy({ $0 == 0 }) {
                flags.append(AttentionFlag(kind: .lapsed, source: source, message:
                    "Referred in \(activeEarlierWeeks) of the \(earlier.count) weeks to \(trendWeeks[earlier.count - 1]), none in the \(quietWeeks) weeks since."))
            }
            let stalledNow = lookup.row(window4, source.name).stalled
            if let previousPeriod = lookup.previous(window4) {
                let stalledBefore = lookup.row(previousPeriod, source.name).stalled
                if stalledNow >= minimumStalled, stalledNow > stalledBefore {
                    flags.append(AttentionFlag(kind: .stalledRising, source: source, message:
                        "\(stalledNow) stalled referrals received in the 4 weeks to \(model.reportWeek), up from \(stalledBefore) in the 4 weeks before."))
                }
            }
        }
        return flags
    }
}
