/// A snapshot row waiting for the day its export is written. Instants are still bare
/// milliseconds; the day's export style decides their shapes when the file is written.
struct PendingIntakeRow {
    var sequence: Int
    var referralID: String
    var receivedAt: Int64
    var receivedDateOnly: Bool
    var channel: String
    var referringPractice: String
    var referringNPI: String
    var referringProvider: String
    var serviceLine: String
    var patientID: String
    var submissionID: String
    var missingItems: String
    var status: String
    var confirmedAt: Int64?
    var updatedAt: Int64
    /// A repeat of an unchanged row that the export wrote without `updated_at`.
    var withoutUpdatedAt = false
}

struct PendingAppointmentRow {
    var sequence: Int
    var appointmentID: String
    var referralID: String
    var patientID: String
    var bookedAt: Int64
    var startsAt: Int64
    var status: String
    var department: String
    var provider: String
    var visitType: String
    var noteSentAt: Int64?
    var updatedAt: Int64
    var withoutUpdatedAt = false
}

/// Rows keyed by the window day of the export that carries them. Only rows for days not
/// yet written are held, so memory follows the volume in flight, not the window's length.
struct SamplePendingRows {
    let firstDay: Int
    let days: Int
    private(set) var intake: [Int: [PendingIntakeRow]] = [:]
    private(set) var scheduling: [Int: [PendingAppointmentRow]] = [:]
    private var sequence = 0

    init(firstDay: Int, days: Int) {
        self.firstDay = firstDay
        self.days = days
    }

    mutating func nextSequence() -> Int {
        sequence += 1
        return sequence
    }

    /// Files the row under the export of the local day of its last change; changes after
    /// the window are never exported.
    mutating func add(_ row: PendingIntakeRow) {
        let index = SampleClock.localDay(row.updatedAt) - firstDay
        guard (0..<days).contains(index) else { return }
        intake[index, default: []].append(row)
    }

    mutating func add(_ row: PendingAppointmentRow) {
        let index = SampleClock.localDay(row.updatedAt) - firstDay
        guard (0..<days).contains(index) else { return }
        scheduling[index, default: []].append(row)
    }

    /// A row repeated, unchanged, in the next day's export (exports often carry rows that
    /// did not change).
    mutating func repeatNextDay(_ row: PendingIntakeRow, withoutUpdatedAt: Bool) {
        let index = SampleClock.localDay(row.updatedAt) - firstDay + 1
        guard (0..<days).contains(index) else { return }
        var copy = row
        copy.sequence = nextSequence()
        copy.withoutUpdatedAt = withoutUpdatedAt
        intake[index, default: []].append(copy)
    }

    mutating func repeatNextDay(_ row: PendingAppointmentRow, withoutUpdatedAt: Bool) {
        let index = SampleClock.localDay(row.updatedAt) - firstDay + 1
        guard (0..<days).contains(index) else { return }
        var copy = row
        copy.sequence = nextSequence()
        copy.withoutUpdatedAt = withoutUpdatedAt
        scheduling[index, default: []].append(copy)
    }

    /// Hands over one day's rows in export order (by last change, then creation) and forgets them.
    mutating func takeDay(_ index: Int) -> (intake: [PendingIntakeRow], scheduling: [PendingAppointmentRow]) {
        let intakeRows = (intake.removeValue(forKey: index) ?? [])
            .sorted { ($0.updatedAt, $0.sequence) < ($1.updatedAt, $1.sequence) }
        let schedulingRows = (scheduling.removeValue(forKey: index) ?? [])
            .sorted { ($0.updatedAt, $0.sequence) < ($1.updatedAt, $1.sequence) }
        return (intakeRows, schedulingRows)
    }
}
