import Foundation

/// What a generation run wrote.
public struct SampleSummary: Equatable, Sendable {
    public var days = 0
    public var webEvents = 0
    public var referrals = 0
    public var appointments = 0
    public var intakeRows = 0
    public var schedulingRows = 0
    public var malformedLines = 0
}

/// Writes the sample practice's exports one day at a time: each day's web log, and the
/// intake and scheduling snapshots of the rows that changed that day. Only referrals and
/// appointments still in flight are held in memory (as their pending rows).
public enum SampleGenerator {
    public static func generate(_ options: SampleOptions) throws -> SampleSummary {
        try options.validate()
        var random = SampleRandom(seed: options.seed)
        var pending = SamplePendingRows(firstDay: options.startDay, days: options.days)
        var planner = SampleReferralPlanner()
        var web = SampleWebTraffic(scale: options.webScale ?? options.scale)
        var summary = SampleSummary()
        let writer = try SampleFileWriter(outputs: options.outputs)
        if !options.overwrite {
            try writer.checkNothingToOverwrite(days: options.startDay..<(options.startDay + options.days))
        }

        for index in 0..<options.days {
            let localDay = options.startDay + index
            let position = (Double(index) + 0.5) / Double(options.days)
            let traffic = web.day(localDay, position: position, random: &random)
            for submission in traffic.submissions {
                guard let arrival = webArrival(submission, random: &random) else { continue }
                planner.plan(arrival, random: &random, into: &pending)
            }
            for arrival in officeArrivals(on: localDay, position: position, scale: options.scale, random: &random) {
                planner.plan(arrival, random: &random, into: &pending)
            }
            let weekday = SampleClock.isoWeekday(ofDay: localDay)
            if weekday <= 5 {
                for _ in 0..<random.poisson(3 * options.scale) {
                    planner.planEstablishedVisit(on: localDay, random: &random, into: &pending)
                }
            }

            let rows = pending.takeDay(index)
            var mess = SampleMess(random: random)
            let webFile = mess.webFile(traffic.events)
            let intakeFile = mess.intakeFile(rows.intake)
            let schedulingFile = mess.schedulingFile(rows.scheduling)
            random = mess.random
            try writer.write(day: localDay, web: webFile, intake: intakeFile, scheduling: schedulingFile)

            summary.days += 1
            summary.webEvents += webFile.rows.count
            summary.intakeRows += intakeFile.rows.count
            summary.schedulingRows += schedulingFile.rows.count
            summary.malformedLines += mess.malformedLines
        }
        summary.referrals = planner.referralCount
        summary.appointments = planner.appointmentCount
        return summary
    }

    // MARK: arrivals

    static let arrivalHourWeights: [Double] = [0, 0, 0, 0, 0, 0, 0.2, 1, 3, 4, 4, 3, 2, 3, 4, 3.5, 2.5, 1, 0.5, 0.3, 0.2, 0.1, 0, 0]

    static func missingItems(incompleteShare: Double, random: inout SampleRandom) -> String {
        guard random.chance(incompleteShare) else { return "" }
        var missing = Set<Int>()
        let count = 1 + (random.chance(0.35) ? 1 : 0) + (random.chance(0.1) ? 1 : 0)
        for _ in 0..<count { missing.insert(random.weighted(SampleStory.missingItemWeights)) }
        return missing.sorted().map { SampleStory.requiredItems[$0] }.joined(separator: ";")
    }

    static func webArrival(_ submission: SampleWebSubmission, random: inout SampleRandom) -> SampleReferralArrival? {
        // A few submissions never reach the intake system (a failed hand-off).
        guard !random.chance(0.03) else { return nil }
        let receivedAt = SampleReferralPlanner.settle(
            submission.at + Int64(random.logNormal(median: 4, sigma: 0.6, cap: 120) * 60_000))
        var arrival = SampleReferralArrival(receivedAt: receivedAt, channel: "web_form",
                                            serviceLine: random.pick(SampleStory.serviceLines),
                                            existingPatient: random.chance(0.2), submissionID: submission.submissionID)
        switch submission.kind {
        case let .patient(campaign):
            arrival.missingItems = missingItems(incompleteShare: 0.25, random: &random)
            if campaign == SampleStory.weakCampaign.campaign {
                arrival.neverBookedShare = SampleStory.weakCampaignNeverBookedShare
                arrival.noShowShare = SampleStory.weakCampaignNoShowShare
            }
        case let .clinician(partnerIndex):
            let partner = SampleStory.partners[partnerIndex]
            apply(partner, to: &arrival, random: &random)
            arrival.missingItems = missingItems(
                incompleteShare: partner.incompleteShare * SampleStory.referralFormIncompleteFactor, random: &random)
            // The form lists the services the practice takes, so few are declined, and offers
            // the referring office a slot, so its referrals are booked at once whatever the
            // office's usual pace; whether the patient comes stays the office's.
            arrival.acceptedShare = 0.97
            arrival.bookingMedianDays = min(partner.bookingMedianDays, 0.5)
            arrival.neverBookedShare = min(partner.neverBookedShare, 0.02)
        }
        return arrival
    }

    static func apply(_ partner: SamplePartner, to arrival: inout SampleReferralArrival, random: inout SampleRandom) {
        let clinician = random.pick(partner.clinicians)
        arrival.referringPractice = random.chance(0.015) ? "N/A"
            : partner.typedNames[random.weighted(partner.typedNames.map(\.1))].0
        if random.chance(partner.npiShare) {
            // Now and then a digit is lost in typing: a malformed NPI for the data-quality report.
            arrival.referringNPI = random.chance(0.01) ? String(clinician.npi.dropLast()) : clinician.npi
        }
        arrival.referringProvider = random.chance(0.02) ? clinician.name + "\nc/o referral coordinator" : clinician.name
        arrival.returnedShareOfIncomplete = partner.returnedShareOfIncomplete
        arrival.confirmMedianHours = partner.confirmMedianHours
        arrival.bookingMedianDays = partner.bookingMedianDays
        arrival.neverBookedShare = partner.neverBookedShare
        arrival.noShowShare = partner.noShowShare
    }

    static func officeArrivalTime(on localDay: Int, random: inout SampleRandom) -> Int64 {
        let hour = random.weighted(arrivalHourWeights)
        let minute = random.below(60)
        return SampleReferralPlanner.settle(SampleClock.instant(localDay: localDay,
                                                                millisecondOfDay: Int64(hour * 60 + minute) * 60_000))
    }

    static func officeArrivals(on localDay: Int, position: Double, scale: Double,
                               random: inout SampleRandom) -> [SampleReferralArrival] {
        let weekdayFactor = SampleClock.isoWeekday(ofDay: localDay) <= 5 ? 1.0 : 0.08
        var arrivals: [SampleReferralArrival] = []
        for partner in SampleStory.partners {
            let count = random.poisson(partner.weekdayReferrals * partner.volumeFactor(at: position) * weekdayFactor * scale)
            for _ in 0..<count {
                let channel = SampleStory.channels[random.weighted(partner.channelWeights)]
                var arrival = SampleReferralArrival(receivedAt: officeArrivalTime(on: localDay, random: &random),
                                                    channel: channel, serviceLine: random.pick(SampleStory.serviceLines),
                                                    existingPatient: random.chance(0.6))
                if channel == "fax" && random.chance(0.04) {
                    // The fax log keeps the date only: local midnight, written as a bare date.
                    arrival.receivedAt = SampleClock.instant(localDay: localDay, millisecondOfDay: 0)
                    arrival.receivedDateOnly = true
                }
                apply(partner, to: &arrival, random: &random)
                arrival.missingItems = missingItems(incompleteShare: partner.incompleteShare, random: &random)
                arrivals.append(arrival)
            }
        }
        for office in SampleStory.unregisteredPractices {
            for _ in 0..<random.poisson(office.weekdayReferrals * weekdayFactor * scale) {
                var arrival = SampleReferralArrival(receivedAt: officeArrivalTime(on: localDay, random: &random),
                                                    channel: random.chance(0.7) ? "fax" : "phone",
                                                    serviceLine: random.pick(SampleStory.serviceLines),
                                                    existingPatient: random.chance(0.4))
                arrival.referringPractice = office.name
                arrival.referringNPI = office.npi
                arrival.referringProvider = office.clinician
                arrival.missingItems = missingItems(incompleteShare: 0.3, random: &random)
                arrivals.append(arrival)
            }
        }
        for _ in 0..<random.poisson(0.6 * weekdayFactor * scale) {
            var arrival = SampleReferralArrival(receivedAt: officeArrivalTime(on: localDay, random: &random),
                                                channel: "phone", serviceLine: random.pick(SampleStory.serviceLines),
                                                existingPatient: random.chance(0.5))
            let spellings = SampleStory.selfReferralSpellings
            arrival.referringPractice = spellings[random.weighted(spellings.map(\.1))].0
            arrival.missingItems = missingItems(incompleteShare: 0.2, random: &random)
            arrivals.append(arrival)
        }
        return arrivals
    }
}
