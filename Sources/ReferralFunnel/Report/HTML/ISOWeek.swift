/// An ISO week such as `2026-W47`, with the arithmetic the dashboards need to find the
/// previous period. Pure calendar math: no time zone is involved, since weeks are already
/// local in the model.
struct ISOWeek: Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 of the week's Monday.
    let mondayDayNumber: Int

    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].first == "W", let year = Int(parts[0]),
              let week = Int(parts[1].dropFirst()), (1...53).contains(week) else { return nil }
        let mondayOfWeekOne = Self.mondayOfWeekOne(isoYear: year)
        let monday = mondayOfWeekOne + (week - 1) * 7
        // Week 53 exists only in long years; reject it elsewhere rather than roll over.
        guard week < 53 || Self.mondayOfWeekOne(isoYear: year + 1) > monday else { return nil }
        mondayDayNumber = monday
    }

    private init(mondayDayNumber: Int) {
        self.mondayDayNumber = mondayDayNumber
    }

    func adding(weeks: Int) -> ISOWeek { ISOWeek(mondayDayNumber: mondayDayNumber + 7 * weeks) }

    var description: String {
        // The ISO year is the calendar year of the week's Thursday.
        let thursday = mondayDayNumber + 3
        let year = Self.civilYear(dayNumber: thursday)
        let week = (mondayDayNumber - Self.mondayOfWeekOne(isoYear: year)) / 7 + 1
        return "\(year)-W" + (week < 10 ? "0\(week)" : "\(week)")
    }

    static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool { lhs.mondayDayNumber < rhs.mondayDayNumber }

    /// Week 1 is the week holding January 4th.
    private static func mondayOfWeekOne(isoYear: Int) -> Int {
        let januaryFourth = dayNumber(year: isoYear, month: 1, day: 4)
        return januaryFourth - weekdayIndex(dayNumber: januaryFourth)
    }

    /// 0 for Monday ... 6 for Sunday. 1970-01-01 was a Thursday (index 3).
    private static func weekdayIndex(dayNumber: Int) -> Int {
        ((dayNumber + 3) % 7 + 7) % 7
    }

    /// Howard Hinnant's days-from-civil algorithm.
    private static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilYear(dayNumber: Int) -> Int {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }
}
