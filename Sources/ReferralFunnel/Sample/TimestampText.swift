/// Writes instants as text.
enum TimestampText {
    static func canonical(_ milliseconds: Int64, _ shape: TimestampShape) -> String {
        let utcShapes: Set<TimestampShape> = [.utc, .utcFraction]
        let time: SampleClock.LocalTime
        if utcShapes.contains(shape) {
            time = utcTime(milliseconds)
        } else {
            time = SampleClock.localTime(milliseconds)
        }
        var text = ""
        text.reserveCapacity(32)
        switch shape {
        case .usTwentyFour, .usDateOnly:
            pad(&text, time.month, 2); text += "/"; pad(&text, time.day, 2); text += "/"; pad(&text, time.year, 4)
            if shape == .usTwentyFour { text += " "; pad(&text, time.hour, 2); text += ":"; pad(&text, time.minute, 2) }
            return text
        case .usTwelve:
            return usTwelveHour(time)
        default:
            break
        }
        pad(&text, time.year, 4); text += "-"; pad(&text, time.month, 2); text += "-"; pad(&text, time.day, 2)
        if shape == .dateOnly { return text }
        text += shape == .localSpace || shape == .localSpaceFraction ? " " : "T"
        pad(&text, time.hour, 2); text += ":"; pad(&text, time.minute, 2)
        if shape == .offsetHour || shape == .localMinutes {
            if shape == .offsetHour { text += offsetHours(time.offsetSeconds) }
            return text
        }
        text += ":"; pad(&text, time.second, 2)
        switch shape {
        case .utcFraction, .offsetFraction:
            text += "."; pad(&text, time.millisecond, 3)
        case .localSpaceFraction:
            // Fractions of any length are allowed; trailing zeros dropped shows that.
            text += "."
            var fraction = ""
            pad(&fraction, time.millisecond, 3)
            while fraction.count > 1 && fraction.hasSuffix("0") { fraction.removeLast() }
            text += fraction
        default:
            break
        }
        switch shape {
        case .utc, .utcFraction: text += "Z"
        case .offsetColon, .offsetFraction: text += offsetColon(time.offsetSeconds)
        case .offsetCompact: text += offsetColon(time.offsetSeconds).replacingOccurrences(of: ":", with: "")
        default: break
        }
        return text
    }

    /// The vendor's scheduling system: `M/D/YYYY h:mm AM`, local time, minutes only.
    static func vendorUS(_ milliseconds: Int64) -> String {
        usTwelveHour(SampleClock.localTime(milliseconds))
    }

    /// The vendor's web analytics: ISO 8601 local time with offset and milliseconds.
    static func vendorISO(_ milliseconds: Int64) -> String {
        canonical(milliseconds, .offsetFraction)
    }

    private static func usTwelveHour(_ time: SampleClock.LocalTime) -> String {
        var text = ""
        text += String(time.month); text += "/"; text += String(time.day); text += "/"; pad(&text, time.year, 4)
        let hour = time.hour % 12 == 0 ? 12 : time.hour % 12
        text += " "; text += String(hour); text += ":"; pad(&text, time.minute, 2)
        text += time.hour < 12 ? " AM" : " PM"
        return text
    }

    private static func utcTime(_ milliseconds: Int64) -> SampleClock.LocalTime {
        let day = SampleClock.floorDivide(milliseconds, SampleClock.millisecondsPerDay)
        let inDay = milliseconds - day * SampleClock.millisecondsPerDay
        let date = SampleClock.civilFromDays(Int(day))
        return SampleClock.LocalTime(year: date.year, month: date.month, day: date.day,
                                     hour: Int(inDay / 3_600_000), minute: Int(inDay / 60_000 % 60),
                                     second: Int(inDay / 1000 % 60), millisecond: Int(inDay % 1000),
                                     offsetSeconds: 0)
    }

    private static func offsetColon(_ seconds: Int64) -> String {
        var text = seconds < 0 ? "-" : "+"
        let magnitude = Int(abs(seconds))
        pad(&text, magnitude / 3600, 2); text += ":"; pad(&text, magnitude / 60 % 60, 2)
        return text
    }

    private static func offsetHours(_ seconds: Int64) -> String {
        var text = seconds < 0 ? "-" : "+"
        pad(&text, Int(abs(seconds)) / 3600, 2)
        return text
    }

    static func pad(_ text: inout String, _ value: Int, _ width: Int) {
        let digits = String(value)
        if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
        text += digits
    }
}
