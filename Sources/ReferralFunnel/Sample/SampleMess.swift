/// The imperfections real exports carry, added at low rates when a day's files are put
/// together: mixed timestamp shapes, duplicate rows, unchanged repeats, BOM and CRLF files,
/// optional cells of the wrong kind, and now and then one malformed line. A file gets at
/// most one malformed line and only when it has at least 25 rows, so no file comes near
/// the 5% reject limit.
struct SampleMess {
    var random: SampleRandom
    private(set) var malformedLines = 0

    static let minimumRowsForMalformedLine = 25
    /// Shapes that can carry any minute-precision instant of the intake and scheduling feeds.
    static let minuteShapes: [TimestampShape] = [.utc, .utcFraction, .offsetColon, .offsetFraction, .offsetCompact,
                                                 .offsetHour, .localSpace, .localSpaceFraction, .localMinutes,
                                                 .usTwentyFour, .usTwelve]

    init(random: SampleRandom) {
        self.random = random
    }

    // MARK: web

    mutating func webFile(_ events: [(Int64, SampleWebEvent)]) -> SampleFile<SampleWebEvent> {
        let ordered = events.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
        var file = SampleFile<SampleWebEvent>()
        file.crlf = random.chance(0.05)
        for (_, (_, event)) in ordered {
            var event = event
            if event.visitorID != nil && random.chance(0.002) { event.visitorIDAsObject = true }
            file.rows.append(event)
            if random.chance(0.003) { file.rows.append(event) }
        }
        if file.rows.count >= Self.minimumRowsForMalformedLine && random.chance(0.25) {
            var broken = file.rows[random.below(file.rows.count)]
            broken.visitorIDAsObject = false
            switch random.below(5) {
            case 0:
                broken.truncatedAt = 0.6
            case 1:
                if let instant = broken.ts.milliseconds {
                    let time = SampleClock.localTime(instant)
                    var date = ""
                    TimestampText.pad(&date, time.year, 4); date += "-"
                    TimestampText.pad(&date, time.month, 2); date += "-"; TimestampText.pad(&date, time.day, 2)
                    var minutes = ""
                    TimestampText.pad(&minutes, time.minute, 2); minutes += ":"; TimestampText.pad(&minutes, time.second, 2)
                    broken.ts = .malformed(canonical: "\(date)T25:\(minutes)Z", vendor: "\(date)T25:\(minutes).000-06:00")
                }
            case 2:
                if let instant = broken.ts.milliseconds {
                    broken.ts = .malformed(canonical: "#\(instant / 1000)", vendor: "#\(instant / 1000)")
                }
            case 3:
                broken.event = "page_leave"
            default:
                broken.sessionID = nil
            }
            file.rows.insert(broken, at: random.below(file.rows.count + 1))
            malformedLines += 1
        }
        return file
    }

    // MARK: intake

    mutating func intakeFile(_ pending: [PendingIntakeRow]) -> SampleFile<SampleIntakeRow> {
        var file = SampleFile<SampleIntakeRow>()
        file.byteOrderMark = random.chance(0.1)
        file.crlf = random.chance(0.2)
        let dominant = dominantShape()
        for source in pending {
            let usDate = dominant == .usTwelve || dominant == .usTwentyFour || random.chance(0.3)
            let receivedAt: SampleTimestamp = source.receivedDateOnly
                ? .at(source.receivedAt, usDate ? .usDateOnly : .dateOnly)
                : stamp(source.receivedAt, dominant)
            var confirmedAt = source.confirmedAt.map { stamp($0, dominant) }
            if confirmedAt == nil && source.status == "received" && random.chance(0.01) {
                confirmedAt = .malformed(canonical: "pending", vendor: "pending")
            }
            let row = SampleIntakeRow(
                referralID: source.referralID, receivedAt: receivedAt, channel: source.channel,
                referringPractice: source.referringPractice, referringNPI: source.referringNPI,
                referringProvider: source.referringProvider, serviceLine: source.serviceLine,
                patientID: source.patientID, submissionID: source.submissionID, missingItems: source.missingItems,
                status: source.status, confirmedAt: confirmedAt,
                updatedAt: source.withoutUpdatedAt ? nil : stamp(source.updatedAt, dominant))
            file.rows.append(row)
            if random.chance(0.005) { file.rows.append(row) }
        }
        if file.rows.count >= Self.minimumRowsForMalformedLine && random.chance(0.3) {
            var broken = file.rows[random.below(file.rows.count)]
            switch random.below(4) {
            case 0: broken.status = "pending_review"
            case 1: broken.receivedAt = badTimestamp(broken.receivedAt.milliseconds ?? 0)
            case 2: broken.referralID = ""
            default: broken.fieldLimit = 7
            }
            file.rows.insert(broken, at: random.below(file.rows.count + 1))
            malformedLines += 1
        }
        return file
    }

    // MARK: scheduling

    mutating func schedulingFile(_ pending: [PendingAppointmentRow]) -> SampleFile<SampleAppointmentRow> {
        var file = SampleFile<SampleAppointmentRow>()
        file.byteOrderMark = random.chance(0.1)
        file.crlf = random.chance(0.2)
        let dominant = dominantShape()
        for source in pending {
            var noteSentAt = source.noteSentAt.map { stamp($0, dominant) }
            if noteSentAt == nil && source.status == "completed" && random.chance(0.01) {
                noteSentAt = .malformed(canonical: "see chart", vendor: "see chart")
            }
            let row = SampleAppointmentRow(
                appointmentID: source.appointmentID, referralID: source.referralID, patientID: source.patientID,
                bookedAt: stamp(source.bookedAt, dominant), startsAt: stamp(source.startsAt, dominant),
                status: source.status, department: source.department, provider: source.provider,
                visitType: source.visitType, noteSentAt: noteSentAt,
                updatedAt: source.withoutUpdatedAt ? nil : stamp(source.updatedAt, dominant))
            file.rows.append(row)
            if random.chance(0.005) { file.rows.append(row) }
        }
        if file.rows.count >= Self.minimumRowsForMalformedLine && random.chance(0.3) {
            var broken = file.rows[random.below(file.rows.count)]
            switch random.below(4) {
            case 0: broken.status = "checked_in"
            case 1: broken.startsAt = badTimestamp(broken.startsAt.milliseconds ?? 0)
            case 2: broken.appointmentID = ""
            default: broken.fieldLimit = 6
            }
            file.rows.insert(broken, at: random.below(file.rows.count + 1))
            malformedLines += 1
        }
        return file
    }

    // MARK: timestamps

    /// Most days the export writes one shape; a system change or a hand edit brings others.
    private mutating func dominantShape() -> TimestampShape {
        let shapes: [(TimestampShape, Double)] = [(.localSpace, 80), (.offsetColon, 6), (.utc, 5), (.localMinutes, 4),
                                                  (.usTwentyFour, 3), (.usTwelve, 2)]
        return shapes[random.weighted(shapes.map(\.1))].0
    }

    private mutating func stamp(_ milliseconds: Int64, _ dominant: TimestampShape) -> SampleTimestamp {
        var shape = random.chance(0.05) ? random.pick(Self.minuteShapes) : dominant
        if !shape.represents(milliseconds) { shape = .offsetFraction }
        return .at(milliseconds, shape)
    }

    /// A value SPEC 2.1 rejects, spelled in each layout's own style.
    private mutating func badTimestamp(_ milliseconds: Int64) -> SampleTimestamp {
        let time = SampleClock.localTime(milliseconds)
        let hour = time.hour % 12 == 0 ? 12 : time.hour % 12
        var minute = ""
        TimestampText.pad(&minute, time.minute, 2)
        let meridiem = time.hour < 12 ? "AM" : "PM"
        switch random.below(4) {
        case 0:
            let text = "\(time.month)/\(time.day)/\(time.year % 100) \(hour):\(minute) \(meridiem)"
            return .malformed(canonical: text, vendor: text)
        case 1:
            let text = "\(time.month)/\(time.day)/\(time.year) \(hour):\(minute) \(meridiem.lowercased())"
            return .malformed(canonical: text, vendor: text)
        case 2:
            return .malformed(canonical: "\(time.year)-02-30 09:\(minute)", vendor: "2/30/\(time.year) 9:\(minute) AM")
        default:
            var date = ""
            TimestampText.pad(&date, time.month, 2); date += "/"; TimestampText.pad(&date, time.day, 2)
            date += "/\(time.year)"
            return .malformed(canonical: "\(date) 24:00", vendor: "\(date) 24:00")
        }
    }
}
