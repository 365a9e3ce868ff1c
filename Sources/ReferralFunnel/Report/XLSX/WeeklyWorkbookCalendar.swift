/// Calendar arithmetic the workbook needs to show ISO weeks as Excel dates.
enum WeeklyWorkbookCalendar {
    /// The Monday that starts ISO week `YYYY-Www`, or nil when the text is not one.
    static func monday(ofISOWeek label: String) -> XLSXDateTime? {
        let parts = label.split(separator: "-W", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let week = Int(parts[1]), (1...53).contains(week)
        else { return nil }
        // Week 1 is the week holding 4 January; step back from that day to its Monday.
        let january4 = daysSinceEpoch(year: year, month: 1, day: 4)
        let weekdayOfJanuary4 = weekday(daysSinceEpoch: january4) // 1 = Monday ... 7 = Sunday
        let monday = january4 - (weekdayOfJanuary4 - 1) + (week - 1) * 7
        return date(daysSinceEpoch: monday)
    }

    /// Days from 1970-01-01 (Howard Hinnant's days_from_civil).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// 1 = Monday ... 7 = Sunday; 1970-01-01 was a Thursday.
    static func weekday(daysSinceEpoch days: Int) -> Int {
        let mondayBased = ((days + 3) % 7 + 7) % 7
        return mondayBased + 1
    }

    /// The calendar date `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
    static func date(daysSinceEpoch days: Int) -> XLSXDateTime {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return XLSXDateTime(year: year, month: month, day: day)
    }
}
