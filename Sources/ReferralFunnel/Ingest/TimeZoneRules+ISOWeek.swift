/// ISO 8601 weeks as `YYYY-Www` text: weeks start on Monday, and week 1 is the one that
/// holds the year's first Thursday (equivalently, January 4th). The week-year can differ
/// from the calendar year near New Year: 2024-12-30 is in 2025-W01, 2027-01-01 in 2026-W53.
extension TimeZoneRules {
    /// The Monday of an ISO week, or nil when the text is not a week that exists
    /// (`2026-W54`, `2025-W53`, `2026-45`).
    public static func isoWeekMonday(_ week: String) -> (year: Int, month: Int, day: Int)? {
        guard let dayNumber = mondayDayNumber(of: week) else { return nil }
        return CivilCalendar.date(dayNumber: dayNumber)
    }

    /// The week `weeks` weeks after `week` (before it when negative), or nil when `week`
    /// is not a valid ISO week. `2026-W01` minus one is `2025-W52`.
    public static func isoWeek(adding weeks: Int, to week: String) -> String? {
        guard let monday = mondayDayNumber(of: week) else { return nil }
        return isoWeekText(dayNumber: monday + 7 * weeks)
    }

    /// Every ISO week from `first` through `last`, both included, in order; empty when
    /// either is invalid or `first` is after `last`.
    public static func isoWeeks(from first: String, through last: String) -> [String] {
        guard let start = mondayDayNumber(of: first), let end = mondayDayNumber(of: last), start <= end else {
            return []
        }
        return stride(from: start, through: end, by: 7).map { isoWeekText(dayNumber: $0) }
    }

    static func isoWeekText(dayNumber: Int) -> String {
        let week = isoWeekNumber(dayNumber: dayNumber)
        return padded(week.year, width: 4) + "-W" + padded(week.week, width: 2)
    }

    static func isoWeekNumber(dayNumber: Int) -> (year: Int, week: Int) {
        // The week belongs to the year of its Thursday.
        let thursday = dayNumber - CivilCalendar.isoWeekday(dayNumber: dayNumber) + 4
        let year = CivilCalendar.date(dayNumber: thursday).year
        let dayOfYear = thursday - CivilCalendar.dayNumber(year: year, month: 1, day: 1)
        return (year, dayOfYear / 7 + 1)
    }

    /// Day number of the Monday of ISO week 1 of `year`: the Monday on or before January 4.
    static func firstMonday(ofISOYear year: Int) -> Int {
        let january4 = CivilCalendar.dayNumber(year: year, month: 1, day: 4)
        return january4 - CivilCalendar.isoWeekday(dayNumber: january4) + 1
    }

    static func mondayDayNumber(of week: String) -> Int? {
        let bytes = Array(week.utf8)
        // Exactly `YYYY-Www`.
        guard bytes.count == 8, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "W") else { return nil }
        var year = 0
        for byte in bytes[0..<4] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            year = year * 10 + Int(byte - 0x30)
        }
        var number = 0
        for byte in bytes[6..<8] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            number = number * 10 + Int(byte - 0x30)
        }
        let weeksInYear = (firstMonday(ofISOYear: year + 1) - firstMonday(ofISOYear: year)) / 7
        guard number >= 1, number <= weeksInYear else { return nil }
        return firstMonday(ofISOYear: year) + 7 * (number - 1)
    }
}
