/// What a new referral looks like on arrival, and how its source tends to be handled.
struct SampleReferralArrival {
    var receivedAt: Int64
    var receivedDateOnly = false
    var channel: String
    var referringPractice = ""
    var referringNPI = ""
    var referringProvider = ""
    var serviceLine: String
    var existingPatient: Bool
    var submissionID = ""
    var missingItems = ""
    var returnedShareOfIncomplete = 0.45
    /// Of referrals not returned, the share accepted; the rest are declined or cancelled (3:2).
    var acceptedShare = 0.9
    var confirmMedianHours = 4.0
    var bookingMedianDays = 1.5
    var neverBookedShare = 0.08
    var noShowShare = 0.06
}

/// Plans each referral's whole future at arrival (review, confirmation, booking,
/// appointments, consult notes) and files one snapshot row per day on which it changes.
/// Nothing about a referral is kept afterwards except its pending rows.
struct SampleReferralPlanner {
    private(set) var referralCount = 0
    private(set) var appointmentCount = 0
    private var patientCount = 0

    static let departments = ["orthopedics": "Orthopedics", "spine": "Spine Center, Suite 200",
                              "sports_medicine": "Sports Medicine", "joint_replacement": "Joint Replacement"]
    static let surgeons = ["Okafor, Adaeze MD", "Lindgren, Paul MD", "Castillo, Marco DO", "Brandt, Helena MD"]

    mutating func newPatientID() -> String {
        patientCount += 1
        return "MRN" + String(1_000_000 + patientCount)
    }

    // MARK: time

    /// Exports keep minutes only, and an offset-less local time in the second pass through
    /// the fall-back hour cannot be written; such instants move on an hour, so that every
    /// shape of every layout reads back the same instant.
    static func settle(_ milliseconds: Int64) -> Int64 {
        var instant = milliseconds + (60_000 - ((milliseconds % 60_000) + 60_000) % 60_000) % 60_000
        if !SampleClock.isUnambiguousLocally(instant) { instant += 3_600_000 }
        return instant
    }

    /// Staff work weekdays 8:00–17:00; anything due outside that waits for the next opening.
    static func businessHours(_ milliseconds: Int64, random: inout SampleRandom) -> Int64 {
        let local = SampleClock.localTime(milliseconds)
        var day = SampleClock.localDay(milliseconds)
        let weekday = SampleClock.isoWeekday(ofDay: day)
        if weekday <= 5 && (8..<17).contains(local.hour) { return settle(milliseconds) }
        if !(weekday <= 5 && local.hour < 8) { day += 1 }
        while SampleClock.isoWeekday(ofDay: day) > 5 { day += 1 }
        let minute = Int64(random.below(9 * 60))
        return settle(SampleClock.instant(localDay: day, millisecondOfDay: (8 * 60 + minute) * 60_000))
    }

    static func days(_ count: Double) -> Int64 { Int64(count * 86_400_000) }
    static func hours(_ count: Double) -> Int64 { Int64(count * 3_600_000) }

    // MARK: referrals

    private enum Change {
        case status(String)
        case patientAssigned
        case confirmed
        case itemsSupplied
    }

    mutating func plan(_ arrival: SampleReferralArrival, random: inout SampleRandom, into pending: inout SamplePendingRows) {
        referralCount += 1
        let referralID = "RF" + String(1_000_000 + referralCount)
        let received = arrival.receivedAt
        var changes: [(Int64, Change)] = [(received, .status("received"))]
        let patientID = newPatientID()

        let decidedAt = Self.businessHours(received + Self.hours(random.logNormal(median: 5, sigma: 1.0, cap: 480)), random: &random)
        var acceptedAt: Int64?
        if !arrival.missingItems.isEmpty && random.chance(arrival.returnedShareOfIncomplete) {
            changes.append((decidedAt, .status("returned")))
            if random.chance(0.55) {
                let resubmittedAt = Self.businessHours(
                    decidedAt + Self.days(random.logNormal(median: 3, sigma: 0.8, cap: 40)), random: &random)
                changes.append((resubmittedAt, .itemsSupplied))
                changes.append((resubmittedAt, .status("accepted")))
                acceptedAt = resubmittedAt
            }
        } else {
            let outcome = random.weighted([arrival.acceptedShare, 0.6 * (1 - arrival.acceptedShare),
                                           0.4 * (1 - arrival.acceptedShare)])
            if outcome == 0 {
                changes.append((decidedAt, .status("accepted")))
                acceptedAt = decidedAt
            } else {
                changes.append((decidedAt, .status(outcome == 1 ? "declined" : "cancelled")))
            }
        }
        if let acceptedAt, !arrival.existingPatient {
            changes.append((acceptedAt, .patientAssigned))
        }
        if random.chance(0.93) {
            let confirmedAt = Self.businessHours(
                received + Self.hours(random.logNormal(median: arrival.confirmMedianHours, sigma: 0.9, cap: 720)),
                random: &random)
            changes.append((confirmedAt, .confirmed))
        }
        if let acceptedAt {
            if random.chance(0.03) {
                let cancelledAt = Self.businessHours(acceptedAt + Self.days(random.logNormal(median: 4, sigma: 0.8, cap: 60)), random: &random)
                changes.append((cancelledAt, .status("cancelled")))
            } else if !random.chance(arrival.neverBookedShare) {
                let bookedAt = Self.businessHours(
                    acceptedAt + Self.days(random.logNormal(median: arrival.bookingMedianDays, sigma: 0.9, cap: 60)),
                    random: &random)
                let department = Self.departments[arrival.serviceLine] ?? "Orthopedics"
                planAppointment(referralID: random.chance(0.9) ? referralID : "", patientID: patientID,
                                bookedAt: bookedAt, visitType: "New Patient", department: department,
                                noShowShare: arrival.noShowShare, depth: 0, random: &random, into: &pending)
            }
        }

        var row = PendingIntakeRow(
            sequence: 0, referralID: referralID, receivedAt: received, receivedDateOnly: arrival.receivedDateOnly,
            channel: arrival.channel, referringPractice: arrival.referringPractice, referringNPI: arrival.referringNPI,
            referringProvider: arrival.referringProvider, serviceLine: arrival.serviceLine,
            patientID: arrival.existingPatient ? patientID : "", submissionID: arrival.submissionID,
            missingItems: arrival.missingItems, status: "received", confirmedAt: nil, updatedAt: received)
        let ordered = changes.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
        var index = 0
        while index < ordered.count {
            let day = SampleClock.localDay(ordered[index].0)
            while index < ordered.count && SampleClock.localDay(ordered[index].0) == day {
                let (at, change) = ordered[index]
                switch change {
                case let .status(status): row.status = status
                case .patientAssigned: row.patientID = patientID
                case .confirmed: row.confirmedAt = at
                case .itemsSupplied: row.missingItems = ""
                }
                row.updatedAt = at
                index += 1
            }
            row.sequence = pending.nextSequence()
            pending.add(row)
            if random.chance(0.04) {
                pending.repeatNextDay(row, withoutUpdatedAt: random.chance(0.3))
            }
        }
    }

    // MARK: appointments

    mutating func planAppointment(referralID: String, patientID: String, bookedAt: Int64, visitType: String,
                                  department: String, noShowShare: Double, depth: Int,
                                  random: inout SampleRandom, into pending: inout SamplePendingRows) {
        appointmentCount += 1
        let appointmentID = "AP" + String(1_000_000 + appointmentCount)
        var startDay = SampleClock.localDay(bookedAt)
            + max(1, Int(random.logNormal(median: depth == 0 ? 9 : 6, sigma: 0.7, cap: 120).rounded()))
        while SampleClock.isoWeekday(ofDay: startDay) > 5 { startDay += 1 }
        let startsAt = SampleClock.instant(localDay: startDay, millisecondOfDay: Int64(8 * 60 + 15 * random.below(34)) * 60_000)
        let provider = random.pick(Self.surgeons)
        var changes: [(Int64, status: String, noteSent: Bool)] = [(bookedAt, "scheduled", false)]
        var followUp: (at: Int64, visitType: String)?
        let outcome = random.weighted([depth < 3 ? 0.07 : 0, 0.05, noShowShare, 1 - 0.12 - noShowShare])
        switch outcome {
        case 0, 1:
            let span = Double(startsAt - bookedAt)
            let changedAt = Self.settle(bookedAt + max(60_000, Int64(span * (0.2 + 0.7 * random.unit()))))
            changes.append((changedAt, outcome == 0 ? "rescheduled" : "cancelled", false))
            if outcome == 0 {
                followUp = (changedAt, visitType)
            } else if random.chance(0.5) {
                followUp = (Self.businessHours(changedAt + Self.days(random.logNormal(median: 2, sigma: 0.8, cap: 30)), random: &random), visitType)
            }
        case 2:
            changes.append((Self.settle(startsAt + 20 * 60_000), "no_show", false))
            if random.chance(0.4) {
                followUp = (Self.businessHours(startsAt + Self.days(random.logNormal(median: 1.5, sigma: 0.8, cap: 30)), random: &random), visitType)
            }
        default:
            let completedAt = Self.settle(startsAt + Int64(random.logNormal(median: 50, sigma: 0.3, cap: 240) * 60_000))
            changes.append((completedAt, "completed", false))
            if random.chance(0.85) {
                let noteAt = max(completedAt, Self.businessHours(
                    startsAt + Self.hours(random.logNormal(median: 30, sigma: 1.1, cap: 1440)), random: &random))
                changes.append((noteAt, "completed", true))
            }
            if depth < 2 && random.chance(0.3) {
                followUp = (completedAt, "Follow-up")
            }
        }

        var row = PendingAppointmentRow(
            sequence: 0, appointmentID: appointmentID, referralID: referralID, patientID: patientID,
            bookedAt: bookedAt, startsAt: startsAt, status: "scheduled", department: department,
            provider: provider, visitType: visitType, noteSentAt: nil, updatedAt: bookedAt)
        var index = 0
        while index < changes.count {
            let day = SampleClock.localDay(changes[index].0)
            while index < changes.count && SampleClock.localDay(changes[index].0) == day {
                row.status = changes[index].status
                if changes[index].noteSent { row.noteSentAt = changes[index].0 }
                row.updatedAt = changes[index].0
                index += 1
            }
            row.sequence = pending.nextSequence()
            pending.add(row)
            if random.chance(0.03) {
                pending.repeatNextDay(row, withoutUpdatedAt: random.chance(0.3))
            }
        }
        if let followUp {
            planAppointment(referralID: referralID, patientID: patientID, bookedAt: followUp.at, visitType: followUp.visitType,
                            department: department, noShowShare: noShowShare, depth: depth + 1,
                            random: &random, into: &pending)
        }
    }

    /// An established patient's visit that no referral in the window explains.
    mutating func planEstablishedVisit(on localDay: Int, random: inout SampleRandom, into pending: inout SamplePendingRows) {
        let bookedAt = Self.settle(SampleClock.instant(localDay: localDay,
                                                       millisecondOfDay: Int64(8 * 60 + random.below(9 * 60)) * 60_000))
        let department = Self.departments[random.pick(SampleStory.serviceLines)] ?? "Orthopedics"
        planAppointment(referralID: "", patientID: newPatientID(), bookedAt: bookedAt,
                        visitType: random.chance(0.5) ? "Follow-up" : "Post-op", department: department,
                        noShowShare: 0.05, depth: 2, random: &random, into: &pending)
    }
}
