/// Calendar arithmetic for the sample practice's time zone, America/Chicago.
///
/// The US daylight-saving rule in force since 2007 is written out here instead of read from
/// the machine's tz database, so that the committed sample regenerates byte for byte on any
/// machine. A test checks it against Foundation's `TimeZone` over the default window.
/// Instants are milliseconds since 1970-01-01T00:00:00Z.
public enum SampleClock {
    public static let standardOffsetSeconds: Int64 = -6 * 3600
    public static let daylightOffsetSeconds: Int64 = -5 * 3600
    static let millisecondsPerDay: Int64 = 86_400_000

    /// A wall-clock reading in the practice's time zone.
    public struct LocalTime: Equatable, Sendable {
        public var year: Int
        public var month: Int
        public var day: Int
        public var hour: Int
        public var minute: Int
        public var second: Int
        public var millisecond: Int
        public var offsetSeconds: Int64
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    // The calendar arithmetic is the ingest side's; only the DST rule above is the sample's own.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        CivilCalendar.dayNumber(year: year, month: month, day: day)
    }

    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        CivilCalendar.date(dayNumber: days)
    }

    /// ISO weekday of a day number: Monday 1 … Sunday 7 (1970-01-01 was a Thursday).
    public static func isoWeekday(ofDay days: Int) -> Int {
        CivilCalendar.isoWeekday(dayNumber: days)
    }

    /// The day number of the `nth` Sunday of a month.
    static func nthSunday(_ nth: Int, year: Int, month: Int) -> Int {
        let first = daysFromCivil(year: year, month: month, day: 1)
        let untilSunday = (7 - isoWeekday(ofDay: first)) % 7
        return first + untilSunday + 7 * (nth - 1)
    }

    /// Daylight time runs from the second Sunday of March, 02:00 standard time, to the
    /// first Sunday of November, 02:00 daylight time.
    static func daylightWindow(year: Int) -> Range<Int64> {
        let start = Int64(nthSunday(2, year: year, month: 3)) * millisecondsPerDay
            + (2 * 3600 - standardOffsetSeconds) * 1000
        let end = Int64(nthSunday(1, year: year, month: 11)) * millisecondsPerDay
            + (2 * 3600 - daylightOffsetSeconds) * 1000
        return start..<end
    }

    public static func offsetSeconds(at milliseconds: Int64) -> Int64 {
        let approximateDay = Int(floorDivide(milliseconds + standardOffsetSeconds * 1000, millisecondsPerDay))
        let year = civilFromDays(approximateDay).year
        return daylightWindow(year: year).contains(milliseconds) ? daylightOffsetSeconds : standardOffsetSeconds
    }

    public static func localTime(_ milliseconds: Int64) -> LocalTime {
        let offset = offsetSeconds(at: milliseconds)
        let local = milliseconds + offset * 1000
        let day = floorDivide(local, millisecondsPerDay)
        let inDay = local - day * millisecondsPerDay
        let date = civilFromDays(Int(day))
        return LocalTime(year: date.year, month: date.month, day: date.day,
                         hour: Int(inDay / 3_600_000), minute: Int(inDay / 60_000 % 60),
                         second: Int(inDay / 1000 % 60), millisecond: Int(inDay % 1000),
                         offsetSeconds: offset)
    }

    /// The local day number (days since 1970-01-01 on the wall calendar) an instant falls on.
    public static func localDay(_ milliseconds: Int64) -> Int {
        Int(floorDivide(milliseconds + offsetSeconds(at: milliseconds) * 1000, millisecondsPerDay))
    }

    /// The instant of a wall-clock time, read as SPEC 2.1 reads an offset-less value: the
    /// first occurrence of a repeated time, and the offset before the gap for a skipped one.
    public static func instant(localDay: Int, millisecondOfDay: Int64) -> Int64 {
        let wall = Int64(localDay) * millisecondsPerDay + millisecondOfDay
        let asDaylight = wall - daylightOffsetSeconds * 1000
        if offsetSeconds(at: asDaylight) == daylightOffsetSeconds { return asDaylight }
        return wall - standardOffsetSeconds * 1000
    }

    /// Whether writing the instant as an offset-less local time reads back as the same
    /// instant; false only in the second pass through the fall-back hour.
    public static func isUnambiguousLocally(_ milliseconds: Int64) -> Bool {
        let local = milliseconds + offsetSeconds(at: milliseconds) * 1000
        let day = Int(floorDivide(local, millisecondsPerDay))
        return instant(localDay: day, millisecondOfDay: local - Int64(day) * millisecondsPerDay) == milliseconds
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}
