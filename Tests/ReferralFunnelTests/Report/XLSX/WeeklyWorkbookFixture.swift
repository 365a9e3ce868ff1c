import ReferralFunnel

/// A small hand-made report model: four sources, two of them named like attacks on a
/// spreadsheet or a page, with numbers chosen so that no two columns of a row share a value
/// by accident (a column written from the wrong field then shows up as a mismatch).
enum WeeklyWorkbookFixture {
    static let hyperlinkSource = "=HYPERLINK(\"http://x\",\"y\")"
    static let imageSource = "<img src=x onerror=alert(1)>"
    static let practiceSource = "Lakeside Family Medicine"
    static let directSource = "(direct)"
    static let reportWeek = "2026-W47"
    /// 2026-11-25T14:03:00Z, a Wednesday in 2026-W48, so the report week is 2026-W47.
    static let asOf = Instant(secondsSinceEpoch: 1_795_615_380)

    static func model() -> ReportModel {
        let week47 = Period.week("2026-W47")
        let week46 = Period.week("2026-W46")
        let fourWeeks = Period(weekCount: 4, endWeek: "2026-W47")
        let thirteenWeeks = Period(weekCount: 13, endWeek: "2026-W47")
        var metrics: [FunnelMetricsRow] = [
            FunnelMetricsRow(period: week47, source: allSourcesName, sessions: 130, formStarts: 31, formSubmits: 22,
                             referrals: 14, complete: 9, returned: 2, accepted: 11, declined: 2, confirmed: 10,
                             confirmedWithinSLA: 7, medianHoursToConfirm: 20.25, scheduled: 6,
                             medianDaysToFirstAppointment: 8.5, p90DaysToFirstAppointment: 19.75, completed: 4,
                             noShowAppointments: 1, attendedAppointments: 4, closedLoop: 3, stalled: 2),
            FunnelMetricsRow(period: week47, source: practiceSource, sessions: 40, formStarts: 12, formSubmits: 9,
                             referrals: 8, complete: 6, returned: 1, accepted: 7, declined: 1, confirmed: 7,
                             confirmedWithinSLA: 5,
                             medianHoursToConfirm: 18.5, scheduled: 5, medianDaysToFirstAppointment: 9.25,
                             p90DaysToFirstAppointment: 21.4, completed: 3, noShowAppointments: 1,
                             attendedAppointments: 3, closedLoop: 2, stalled: 1),
            // No sessions and nothing scheduled: submit rate and completion must stay empty.
            FunnelMetricsRow(period: week47, source: hyperlinkSource, referrals: 3, complete: 0, returned: 1,
                             accepted: 2, declined: 1, confirmed: 1, confirmedWithinSLA: 1, medianHoursToConfirm: 30,
                             stalled: 1),
            FunnelMetricsRow(period: week47, source: directSource, sessions: 90, formStarts: 19, formSubmits: 13,
                             referrals: 3, complete: 3, accepted: 2, confirmed: 2, confirmedWithinSLA: 1,
                             medianHoursToConfirm: 26, scheduled: 1, medianDaysToFirstAppointment: 5,
                             p90DaysToFirstAppointment: 5, completed: 1, attendedAppointments: 1, closedLoop: 1),
            FunnelMetricsRow(period: week46, source: allSourcesName, sessions: 110, formStarts: 25, formSubmits: 17,
                             referrals: 10, complete: 8, returned: 1, accepted: 8, confirmed: 8,
                             confirmedWithinSLA: 7, medianHoursToConfirm: 15, scheduled: 6,
                             medianDaysToFirstAppointment: 7, p90DaysToFirstAppointment: 15, completed: 5,
                             noShowAppointments: 0, attendedAppointments: 5, closedLoop: 4, stalled: 0),
            FunnelMetricsRow(period: week46, source: practiceSource, sessions: 35, formStarts: 10, formSubmits: 7,
                             referrals: 6, complete: 5, accepted: 5, confirmed: 5, confirmedWithinSLA: 4,
                             medianHoursToConfirm: 12, scheduled: 4, medianDaysToFirstAppointment: 7.5,
                             p90DaysToFirstAppointment: 14, completed: 3, attendedAppointments: 3, closedLoop: 3),
            FunnelMetricsRow(period: week46, source: imageSource, sessions: 75, formStarts: 15, formSubmits: 10,
                             referrals: 4, complete: 3, returned: 1, accepted: 3, confirmed: 3, confirmedWithinSLA: 3,
                             medianHoursToConfirm: 16, scheduled: 2, medianDaysToFirstAppointment: 6,
                             p90DaysToFirstAppointment: 6.8, completed: 2, attendedAppointments: 2, closedLoop: 1),
            FunnelMetricsRow(period: fourWeeks, source: allSourcesName, sessions: 480, formStarts: 101,
                             formSubmits: 77, referrals: 45, complete: 33, returned: 5, accepted: 37, confirmed: 35,
                             confirmedWithinSLA: 27, medianHoursToConfirm: 17.75, scheduled: 24,
                             medianDaysToFirstAppointment: 7.9, p90DaysToFirstAppointment: 18.3, completed: 17,
                             noShowAppointments: 2, attendedAppointments: 18, closedLoop: 13, stalled: 3),
            FunnelMetricsRow(period: fourWeeks, source: practiceSource, sessions: 150, formStarts: 44,
                             formSubmits: 32, referrals: 26, complete: 20, returned: 2, accepted: 23, confirmed: 22,
                             confirmedWithinSLA: 17, medianHoursToConfirm: 16.2, scheduled: 15,
                             medianDaysToFirstAppointment: 8.1, p90DaysToFirstAppointment: 20.6, completed: 11,
                             noShowAppointments: 2, attendedAppointments: 12, closedLoop: 9, stalled: 1),
            FunnelMetricsRow(period: fourWeeks, source: hyperlinkSource, referrals: 3, complete: 0, returned: 1,
                             accepted: 2, confirmed: 1, confirmedWithinSLA: 1, medianHoursToConfirm: 30,
                             stalled: 1),
            FunnelMetricsRow(period: fourWeeks, source: imageSource, sessions: 75, formStarts: 15, formSubmits: 10,
                             referrals: 4, complete: 3, returned: 1, accepted: 3, confirmed: 3, confirmedWithinSLA: 3,
                             medianHoursToConfirm: 16, scheduled: 2, medianDaysToFirstAppointment: 6,
                             p90DaysToFirstAppointment: 6.8, completed: 2, attendedAppointments: 2, closedLoop: 1),
            FunnelMetricsRow(period: fourWeeks, source: directSource, sessions: 255, formStarts: 42, formSubmits: 35,
                             referrals: 12, complete: 10, returned: 1, accepted: 9, confirmed: 9,
                             confirmedWithinSLA: 6, medianHoursToConfirm: 24.5, scheduled: 7,
                             medianDaysToFirstAppointment: 6.6, p90DaysToFirstAppointment: 12.2, completed: 4,
                             attendedAppointments: 4, closedLoop: 3, stalled: 1),
            FunnelMetricsRow(period: thirteenWeeks, source: allSourcesName, sessions: 1500, referrals: 140,
                             complete: 100),
            FunnelMetricsRow(period: thirteenWeeks, source: practiceSource, sessions: 500, referrals: 80, complete: 61),
            FunnelMetricsRow(period: thirteenWeeks, source: directSource, sessions: 900, referrals: 40, complete: 30),
            FunnelMetricsRow(period: thirteenWeeks, source: imageSource, sessions: 100, referrals: 17, complete: 9),
            FunnelMetricsRow(period: thirteenWeeks, source: hyperlinkSource, referrals: 3),
        ]
        // Two earlier weeks with only an (all) row, so the trend covers four weeks.
        metrics.append(FunnelMetricsRow(period: .week("2026-W44"), source: allSourcesName, sessions: 120,
                                        referrals: 11, complete: 8))
        metrics.append(FunnelMetricsRow(period: .week("2026-W45"), source: allSourcesName, sessions: 120,
                                        referrals: 10, complete: 8))

        let items = ["insurance card", "clinical notes"]
        var missing: [MissingItemShare] = []
        for (period, source, referrals, missingCounts) in [
            (week47, allSourcesName, 14, [3, 4]), (week47, practiceSource, 8, [1, 2]),
            (week47, hyperlinkSource, 3, [2, 2]), (week47, directSource, 3, [0, 0]),
            (fourWeeks, allSourcesName, 45, [7, 9]), (fourWeeks, practiceSource, 26, [3, 4]),
        ] {
            for (item, count) in zip(items, missingCounts) {
                missing.append(MissingItemShare(period: period, source: source, item: item, referrals: referrals,
                                                missing: count))
            }
        }

        let stalled = [
            StalledReferral(referralID: "R-1042", source: practiceSource, serviceLine: "orthopedics",
                            receivedAt: Instant(secondsSinceEpoch: 1_793_200_000), receivedDate: "2026-10-28",
                            daysWaiting: 27.95),
            StalledReferral(referralID: "=1+1", source: hyperlinkSource, serviceLine: nil,
                            receivedAt: Instant(secondsSinceEpoch: 1_794_000_000), receivedDate: "2026-11-06",
                            daysWaiting: 18.7),
        ]
        let quality = DataQuality(
            files: [
                .init(feed: "intake", path: "data/intake-2026-11-20.csv", rowsRead: 120, rowsLoaded: 118,
                      rowsQuarantined: 2, warnings: 1, heldBackReason: nil, dataMonth: "2026-11"),
                .init(feed: "scheduling", path: "data/=cmd|' /C calc'!A0.csv", rowsRead: 40, rowsLoaded: 0,
                      rowsQuarantined: 9, warnings: 0, heldBackReason: "22.5% of rows rejected, above 5%"),
            ],
            quarantine: [
                .init(path: "data/intake-2026-11-20.csv", column: "received_at", reason: "bad timestamp",
                      isWarning: false, count: 2, lines: [7, 19]),
            ],
            unregisteredSources: [
                .init(name: hyperlinkSource, normalizedName: "hyperlink http x y", spellings: [hyperlinkSource],
                      referrals: 3, sessions: 0),
            ],
            invalidNPIs: [.init(npi: "0012", source: practiceSource, referrals: 1)],
            appointmentLinks: .init(appointments: 30, linkedByReferralID: 21, linkedByPatient: 6, unlinked: 3),
            feeds: [.init(feed: "web", files: 4, lastFileDate: "2026-11-24", daysSinceLastFile: 1.25, isStale: false)])

        var model = ReportModel(
            pipelineName: "nightly", timeZoneIdentifier: "America/Chicago", asOf: asOf,
            asOfLocalText: "2026-11-25 08:03", reportWeek: reportWeek,
            weeks: ["2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48"],
            parameters: .init(slaHours: 24, followupDays: 7, stallDays: 14, linkWindowDays: 90,
                              requiredItems: items, completenessTarget: 0.8),
            sources: [
                SourceInfo(name: directSource, type: "special", slug: "direct"),
                SourceInfo(name: hyperlinkSource, type: "unregistered", slug: "hyperlink-http-x-y"),
                SourceInfo(name: imageSource, type: "unregistered", slug: "img-src-x"),
                SourceInfo(name: practiceSource, type: "practice", slug: "lakeside-family-medicine"),
            ],
            metrics: metrics, missingItems: missing, firstAppointmentDays: [], stalled: stalled,
            dataQuality: quality)
        model.landingPages = landingPages(week47: week47, thirteenWeeks: thirteenWeeks)
        model.campaigns = campaigns(week47: week47)
        return model
    }

    /// A landing page that is also a formula, to stay text in the Pages sheet.
    static let formulaPage = "=cmd|'/c calc'!A1"

    /// W47: the blog post brings the most sessions and no referral; /refer fewer sessions and
    /// most referrals; /a (3 sessions) and the formula page (1 session, 1 referral) have fewer
    /// than five and are summed into `(other pages)`: 4 sessions, 1 form submit, 1 referral.
    /// 13 weeks: /refer 6 referrals, the formula page 2, the blog post none (not charted).
    static func landingPages(week47: Period, thirteenWeeks: Period) -> LandingFunnel {
        func row(_ page: String, _ period: Period, _ source: String = allSourcesName, sessions: Int, starts: Int,
                 submits: Int, referrals: Int, scheduled: Int, completed: Int) -> LandingFunnelRow {
            LandingFunnelRow(key: [page], metrics: FunnelMetricsRow(
                period: period, source: source, sessions: sessions, formStarts: starts, formSubmits: submits,
                referrals: referrals, scheduled: scheduled, completed: completed))
        }
        return LandingFunnel(dimension: .landingPage, rows: [
            row("/blog/knee-myths", week47, sessions: 30, starts: 2, submits: 0, referrals: 0, scheduled: 0, completed: 0),
            row("/refer", week47, sessions: 12, starts: 9, submits: 8, referrals: 6, scheduled: 5, completed: 4),
            row("/a", week47, sessions: 3, starts: 1, submits: 0, referrals: 0, scheduled: 0, completed: 0),
            row(formulaPage, week47, sessions: 1, starts: 1, submits: 1, referrals: 1, scheduled: 0, completed: 0),
            row("/refer", thirteenWeeks, sessions: 70, starts: 50, submits: 40, referrals: 6, scheduled: 5, completed: 4),
            row("/blog/knee-myths", thirteenWeeks, sessions: 300, starts: 5, submits: 0, referrals: 0, scheduled: 0,
                completed: 0),
            row(formulaPage, thirteenWeeks, sessions: 6, starts: 2, submits: 2, referrals: 2, scheduled: 1, completed: 1),
        ], rowsBySource: [
            row("/refer", thirteenWeeks, practiceSource, sessions: 60, starts: 45, submits: 36, referrals: 5, scheduled: 4,
                completed: 3),
        ])
    }

    /// W47: a paid campaign and the sessions without any utm value.
    static func campaigns(week47: Period) -> LandingFunnel {
        LandingFunnel(dimension: .campaign, rows: [
            LandingFunnelRow(key: ["google", "cpc", "knee-pain"], metrics: FunnelMetricsRow(
                period: week47, source: allSourcesName, sessions: 20, formStarts: 6, formSubmits: 5, referrals: 5,
                scheduled: 2, completed: 0)),
            LandingFunnelRow(key: ["", "", ""], metrics: FunnelMetricsRow(
                period: week47, source: allSourcesName, sessions: 26, formStarts: 7, formSubmits: 4, referrals: 4,
                scheduled: 3, completed: 1)),
        ])
    }
}
