import ReferralFunnel

/// Small hand-made report models for the HTML tests. Numbers are chosen so each flag rule
/// has one case that fires and one that must not.
enum HTMLFixtureModel {
    static let reportWeek = "2026-W47"
    /// 2026-W35 ... 2026-W48 (the week holding as_of).
    static let weeks = (35...48).map { "2026-W\($0)" }

    static func sources(_ entries: [(name: String, type: String)]) -> [SourceInfo] {
        let slugs = SourceSlug.slugs(for: entries.map(\.name))
        return entries.map { SourceInfo(name: $0.name, type: $0.type, slug: slugs[$0.name] ?? "") }
    }

    /// Lakeside: a regular practice whose completeness drops in the report week (2 of 6
    /// against 48 of 60 over 13 weeks: 33% vs 80%, more than 15 points) and whose stalled
    /// count rises (6 in the last 4 weeks against 1 before).
    /// Northside: referred every week until W44, then nothing for 3 weeks: lapsed.
    /// Tiny Clinic: 1 of 2 incomplete and unconfirmed in the report week: too few to flag.
    /// healthgrades.com: web only, unregistered.
    static func small() -> ReportModel {
        let sourceList = sources([("Lakeside Family Medicine", "practice"), ("Northside Ortho", "practice"),
                                  ("Tiny Clinic", "unregistered"), ("healthgrades.com", "unregistered")])
        var metrics: [FunnelMetricsRow] = []
        for (index, week) in weeks.dropLast().enumerated() {
            let isReportWeek = week == reportWeek
            // Lakeside: 4 referrals a week before the report week, all complete; 6 in it, 2 complete.
            metrics.append(FunnelMetricsRow(
                period: .week(week), source: "Lakeside Family Medicine",
                referrals: isReportWeek ? 6 : 4, complete: isReportWeek ? 2 : 4, accepted: isReportWeek ? 5 : 4,
                confirmed: isReportWeek ? 6 : 4, confirmedWithinSLA: isReportWeek ? 6 : 3,
                medianHoursToConfirm: 5, scheduled: isReportWeek ? 1 : 3,
                medianDaysToFirstAppointment: 10 + Double(index % 3), p90DaysToFirstAppointment: 20 + Double(index % 4),
                completed: isReportWeek ? 0 : 2, attendedAppointments: isReportWeek ? 0 : 2, closedLoop: isReportWeek ? 0 : 1,
                stalled: index >= 9 ? (isReportWeek ? 0 : 2) : 0))
            if index < 10 {
                metrics.append(FunnelMetricsRow(period: .week(week), source: "Northside Ortho", referrals: 2, complete: 1,
                                                accepted: 2, confirmed: 2, confirmedWithinSLA: 2, scheduled: 1,
                                                medianDaysToFirstAppointment: 7, p90DaysToFirstAppointment: 7))
            }
            metrics.append(FunnelMetricsRow(period: .week(week), source: "healthgrades.com", sessions: 10 + index,
                                            formStarts: 3, formSubmits: 1))
        }
        metrics.append(FunnelMetricsRow(period: .week(reportWeek), source: "Tiny Clinic", referrals: 2, complete: 1,
                                        accepted: 1, confirmed: 1, confirmedWithinSLA: 1))

        // Trailing windows, written out rather than summed by the test, the way the
        // marts deliver them.
        metrics += [
            FunnelMetricsRow(period: Period(weekCount: 4, endWeek: reportWeek), source: "Lakeside Family Medicine",
                             referrals: 18, complete: 14, accepted: 17, confirmed: 18, confirmedWithinSLA: 15,
                             scheduled: 10, medianDaysToFirstAppointment: 11, p90DaysToFirstAppointment: 22,
                             completed: 6, attendedAppointments: 6, closedLoop: 3, stalled: 6),
            FunnelMetricsRow(period: Period(weekCount: 4, endWeek: "2026-W43"), source: "Lakeside Family Medicine",
                             referrals: 16, complete: 16, accepted: 16, confirmed: 16, confirmedWithinSLA: 12,
                             scheduled: 12, medianDaysToFirstAppointment: 10.5, p90DaysToFirstAppointment: 21,
                             completed: 8, attendedAppointments: 8, closedLoop: 4, stalled: 1),
            FunnelMetricsRow(period: Period(weekCount: 13, endWeek: reportWeek), source: "Lakeside Family Medicine",
                             referrals: 60, complete: 48, accepted: 55, confirmed: 58, confirmedWithinSLA: 42,
                             scheduled: 37, medianDaysToFirstAppointment: 10.75, p90DaysToFirstAppointment: 21.6,
                             completed: 24, noShowAppointments: 3, attendedAppointments: 24, closedLoop: 12, stalled: 7),
            FunnelMetricsRow(period: Period(weekCount: 13, endWeek: reportWeek), source: "Northside Ortho",
                             referrals: 18, complete: 9, accepted: 18, confirmed: 18, confirmedWithinSLA: 18,
                             scheduled: 9, medianDaysToFirstAppointment: 7, p90DaysToFirstAppointment: 7),
            FunnelMetricsRow(period: Period(weekCount: 4, endWeek: reportWeek), source: "Tiny Clinic",
                             referrals: 2, complete: 1, accepted: 1, confirmed: 1, confirmedWithinSLA: 1),
            FunnelMetricsRow(period: Period(weekCount: 13, endWeek: reportWeek), source: "Tiny Clinic",
                             referrals: 2, complete: 1, accepted: 1, confirmed: 1, confirmedWithinSLA: 1),
            FunnelMetricsRow(period: Period(weekCount: 13, endWeek: reportWeek), source: "healthgrades.com",
                             sessions: 220, formStarts: 39, formSubmits: 13),
            FunnelMetricsRow(period: .week(reportWeek), source: allSourcesName, sessions: 22, formStarts: 3,
                             formSubmits: 1, referrals: 8, complete: 3, accepted: 6, declined: 1, confirmed: 7,
                             confirmedWithinSLA: 7,
                             scheduled: 1, medianDaysToFirstAppointment: 12),
            FunnelMetricsRow(period: .week("2026-W46"), source: allSourcesName, sessions: 21, formStarts: 3,
                             formSubmits: 1, referrals: 4, complete: 4, accepted: 4, confirmed: 4, confirmedWithinSLA: 3,
                             scheduled: 3, medianDaysToFirstAppointment: 11, completed: 2, attendedAppointments: 2,
                             closedLoop: 1, stalled: 2),
            FunnelMetricsRow(period: Period(weekCount: 4, endWeek: reportWeek), source: allSourcesName, sessions: 86,
                             formStarts: 12, formSubmits: 4, referrals: 20, complete: 15, accepted: 18, declined: 2, confirmed: 19,
                             confirmedWithinSLA: 16, scheduled: 10, medianDaysToFirstAppointment: 11,
                             p90DaysToFirstAppointment: 22, completed: 6, attendedAppointments: 6, closedLoop: 3, stalled: 6),
            FunnelMetricsRow(period: Period(weekCount: 13, endWeek: reportWeek), source: allSourcesName, sessions: 220,
                             formStarts: 39, formSubmits: 13, referrals: 80, complete: 58, accepted: 74, declined: 3, confirmed: 77,
                             confirmedWithinSLA: 61, scheduled: 46, medianDaysToFirstAppointment: 9.5,
                             p90DaysToFirstAppointment: 20, completed: 24, attendedAppointments: 24, closedLoop: 12, stalled: 7),
        ]
        let window13 = Period(weekCount: 13, endWeek: reportWeek)
        var model = ReportModel(
            pipelineName: "nightly", timeZoneIdentifier: "America/Chicago",
            asOf: Instant(secondsSinceEpoch: 1_795_871_000), asOfLocalText: "2026-11-28 14:03",
            reportWeek: reportWeek, weeks: weeks,
            parameters: .init(slaHours: 24, followupDays: 7, stallDays: 14, linkWindowDays: 90,
                              requiredItems: ["insurance", "clinical_notes"], completenessTarget: 0.85),
            sources: sourceList, metrics: metrics,
            missingItems: [
                MissingItemShare(period: window13, source: "Lakeside Family Medicine", item: "insurance", referrals: 60, missing: 9),
                MissingItemShare(period: window13, source: "Lakeside Family Medicine", item: "clinical_notes", referrals: 60, missing: 4),
                MissingItemShare(period: window13, source: allSourcesName, item: "insurance", referrals: 80, missing: 16),
                MissingItemShare(period: window13, source: allSourcesName, item: "clinical_notes", referrals: 80, missing: 8),
            ],
            firstAppointmentDays: [3.5, 6.9, 7, 10, 12.25, 13.9, 20, 41, 75].map {
                FirstAppointmentSample(source: "Lakeside Family Medicine", week: "2026-W40", days: $0)
            },
            stalled: [
                StalledReferral(referralID: "R-1042", source: "Lakeside Family Medicine", serviceLine: "spine",
                                receivedAt: Instant(secondsSinceEpoch: 1_793_000_000), receivedDate: "2026-10-26",
                                daysWaiting: 33.2),
                StalledReferral(referralID: "R-1077", source: "Lakeside Family Medicine", serviceLine: nil,
                                receivedAt: Instant(secondsSinceEpoch: 1_793_900_000), receivedDate: "2026-11-05",
                                daysWaiting: 22.8),
            ],
            dataQuality: DataQuality(
                files: [
                    .init(feed: "intake", path: "data/intake/intake-2026-10-30.csv", rowsRead: 80, rowsLoaded: 80,
                          rowsQuarantined: 0, warnings: 0, heldBackReason: nil, dataMonth: "2026-10"),
                    .init(feed: "intake", path: "data/intake/intake-2026-11-27.csv", rowsRead: 120, rowsLoaded: 118,
                          rowsQuarantined: 2, warnings: 1, heldBackReason: nil, dataMonth: "2026-11"),
                    .init(feed: "scheduling", path: "data/scheduling/scheduling-2026-11-27.csv", rowsRead: 40, rowsLoaded: 0,
                          rowsQuarantined: 9, warnings: 0, heldBackReason: "9 of 40 rows rejected (22.5%), above max_reject_rate 5%"),
                ],
                quarantine: [
                    .init(path: "data/intake/intake-2026-11-27.csv", column: "received_at", reason: "bad timestamp",
                          isWarning: false, count: 2, lines: [14, 88]),
                    .init(path: "data/intake/intake-2026-11-27.csv", column: "confirmed_at", reason: "bad timestamp",
                          isWarning: true, count: 1, lines: [40]),
                ],
                unregisteredSources: [
                    .init(name: "Tiny Clinic", normalizedName: "tiny clinic", spellings: ["Tiny Clinic", "TINY CLINIC, PLLC"],
                          referrals: 2, sessions: 0),
                    .init(name: "healthgrades.com", normalizedName: "healthgradescom", spellings: ["healthgrades.com"],
                          referrals: 0, sessions: 220),
                ],
                invalidNPIs: [.init(npi: "12345", source: "Tiny Clinic", referrals: 1)],
                appointmentLinks: .init(appointments: 50, linkedByReferralID: 40, linkedByPatient: 6, unlinked: 4),
                feeds: [
                    .init(feed: "web", files: 14, lastFileDate: "2026-11-28", daysSinceLastFile: 0.4, isStale: false),
                    .init(feed: "scheduling", files: 3, lastFileDate: "2026-11-20", daysSinceLastFile: 8.6, isStale: true),
                ]))
        model.landingPages = landingPages()
        model.campaigns = campaigns()
        return model
    }

    /// A row of the landing-page or campaign views; `counts` in `MetricCatalogue.landingPageCounts`
    /// order: sessions, form starts, form submits, referrals, scheduled, completed.
    static func landing(_ period: Period, source: String = allSourcesName, _ key: [String], _ counts: [Int]) -> LandingFunnelRow {
        var metrics = FunnelMetricsRow(period: period, source: source)
        for (metric, count) in zip(MetricCatalogue.landingPageCounts, counts) {
            metrics.set(metric.name, Double(count))
        }
        return LandingFunnelRow(key: key, metrics: metrics)
    }

    /// 13 weeks: the blog post brings the most sessions and no referral; /refer converts; three
    /// pages under 5 sessions pool into "(other pages)" with 5 sessions, 2 submits (40%), 3
    /// referrals, 2 scheduled (67%) and 1 completed (50%), rates no average of theirs gives.
    /// `/news/q&a` puts an ampersand in a path. Only healthgrades.com's sessions are by source.
    static func landingPages() -> LandingFunnel {
        let week = Period.week(reportWeek)
        let window4 = Period(weekCount: 4, endWeek: reportWeek)
        let window13 = Period(weekCount: 13, endWeek: reportWeek)
        return LandingFunnel(dimension: .landingPage, rows: [
            landing(week, ["/refer"], [8, 4, 3, 1, 0, 0]),
            landing(week, ["/blog/knee-pain"], [9, 1, 0, 0, 0, 0]),
            landing(week, ["/news/q&a"], [5, 1, 1, 0, 0, 0]),
            landing(week, ["/Book"], [2, 1, 1, 1, 0, 0]),
            landing(window4, ["/refer"], [30, 12, 10, 5, 4, 2]),
            landing(window4, ["/blog/knee-pain"], [40, 3, 1, 0, 0, 0]),
            landing(window4, ["/Book"], [10, 4, 2, 1, 1, 1]),
            landing(window4, ["/p/a"], [2, 1, 0, 0, 0, 0]),
            landing(window13, ["/blog/knee-pain"], [100, 6, 1, 0, 0, 0]),
            landing(window13, ["/refer"], [75, 30, 20, 12, 9, 6]),
            landing(window13, ["/Book"], [28, 8, 4, 3, 2, 1]),
            landing(window13, ["/news/q&a"], [7, 2, 1, 0, 0, 0]),
            landing(window13, ["/forms/{id}/confirm"], [5, 5, 2, 1, 1, 0]),
            landing(window13, ["/p/a"], [4, 3, 2, 1, 0, 1]),
            landing(window13, ["/p/b"], [1, 0, 0, 1, 1, 0]),
            landing(window13, ["/p/c"], [0, 0, 0, 1, 1, 0]),
        ], rowsBySource: [
            landing(window13, source: "healthgrades.com", ["/blog/knee-pain"], [60, 2, 0, 0, 0, 0]),
            landing(window13, source: "healthgrades.com", ["/refer"], [20, 6, 4, 2, 1, 1]),
            landing(window13, source: "healthgrades.com", ["/p/a"], [2, 1, 1, 0, 0, 0]),
        ])
    }

    /// 13 weeks: direct traffic (no utm value), two google/cpc campaigns, a newsletter and
    /// google/organic without a campaign; two campaigns under 5 sessions pool into
    /// "(other campaigns)".
    static func campaigns() -> LandingFunnel {
        let week = Period.week(reportWeek)
        let window4 = Period(weekCount: 4, endWeek: reportWeek)
        let window13 = Period(weekCount: 13, endWeek: reportWeek)
        return LandingFunnel(dimension: .campaign, rows: [
            landing(week, ["", "", ""], [12, 3, 2, 1, 0, 0]),
            landing(week, ["google", "cpc", "knee-2026"], [10, 3, 3, 1, 0, 0]),
            landing(week, ["facebook", "paid_social", "ortho"], [2, 1, 0, 0, 0, 0]),
            landing(window4, ["", "", ""], [40, 10, 6, 3, 3, 2]),
            landing(window4, ["google", "cpc", "knee-2026"], [36, 8, 7, 3, 2, 1]),
            landing(window4, ["newsletter", "email", "nov"], [6, 2, 0, 0, 0, 0]),
            landing(window13, ["", "", ""], [90, 20, 12, 8, 6, 4]),
            landing(window13, ["google", "cpc", "knee-2026"], [60, 15, 10, 4, 2, 0]),
            landing(window13, ["google", "cpc", "spine-fall"], [20, 4, 2, 2, 2, 2]),
            landing(window13, ["newsletter", "email", "nov"], [30, 6, 3, 1, 1, 1]),
            landing(window13, ["google", "organic", ""], [15, 3, 1, 1, 1, 1]),
            landing(window13, ["facebook", "paid_social", "ortho"], [2, 1, 1, 1, 0, 0]),
            landing(window13, ["partner", "", ""], [3, 1, 1, 1, 1, 0]),
        ], rowsBySource: [
            landing(window13, source: "healthgrades.com", ["", "", ""], [70, 7, 4, 2, 1, 1]),
            landing(window13, source: "healthgrades.com", ["google", "cpc", "knee-2026"], [12, 2, 1, 0, 0, 0]),
        ])
    }
}
