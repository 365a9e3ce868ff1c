/// Writes an instant as ISO 8601 with an explicit offset, for round trips through the
/// timestamp parser. The calendar arithmetic is written out here on purpose rather than
/// borrowed from the library, so a mistake there cannot hide itself.
enum ISO8601Text {
    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]` followed by `Z` (offset 0) or `±HH:MM`; nil when the
    /// local year has no four-digit form or the offset is not whole minutes under 24 hours.
    static func text(microsecondsSinceEpoch: Int64, offsetSeconds: Int, utcAsZ: Bool = true) -> String? {
        guard offsetSeconds % 60 == 0, abs(offsetSeconds) < 86_400 else { return nil }
        let local = microsecondsSinceEpoch + Int64(offsetSeconds) * 1_000_000
        let microsecondsPerDay: Int64 = 86_400_000_000
        var days = local / microsecondsPerDay
        var remainder = local % microsecondsPerDay
        if remainder < 0 {
            days -= 1
            remainder += microsecondsPerDay
        }
        let date = civilDate(daysSinceEpoch: days)
        guard (0...9999).contains(date.year) else { return nil }
        let second = Int(remainder / 1_000_000)
        let microsecond = Int(remainder % 1_000_000)
        var text = padded(date.year, 4) + "-" + padded(date.month, 2) + "-" + padded(date.day, 2)
            + "T" + padded(second / 3600, 2) + ":" + padded(second / 60 % 60, 2) + ":" + padded(second % 60, 2)
        if microsecond != 0 { text += "." + padded(microsecond, 6) }
        if offsetSeconds == 0 && utcAsZ { return text + "Z" }
        let magnitude = abs(offsetSeconds) / 60
        return text + (offsetSeconds < 0 ? "-" : "+") + padded(magnitude / 60, 2) + ":" + padded(magnitude % 60, 2)
    }

    /// Walks whole 400-year cycles (146 097 days), then years, then months.
    static func civilDate(daysSinceEpoch: Int64) -> (year: Int, month: Int, day: Int) {
        var days = daysSinceEpoch
        var year = 1970
        let cycles = days >= 0 ? days / 146_097 : (days - 146_096) / 146_097
        days -= cycles * 146_097
        year += Int(cycles) * 400
        while days >= daysInYear(year) {
            days -= daysInYear(year)
            year += 1
        }
        var month = 1
        while days >= daysInMonth(year, month) {
            days -= daysInMonth(year, month)
            month += 1
        }
        return (year, month, Int(days) + 1)
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInYear(_ year: Int) -> Int64 { isLeap(year) ? 366 : 365 }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int64 {
        [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
