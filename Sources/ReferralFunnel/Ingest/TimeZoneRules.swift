import Foundation

/// A time zone's UTC offsets, read from Foundation once and then answered with a binary
/// search over sorted arrays, so converting millions of rows never calls into ICU.
///
/// Offsets are precomputed for 1900 through 2200; before that range the first known offset
/// applies and after it the last one.
///
/// Local wall times that are ambiguous or missing follow SPEC section 2.1:
/// - a time that occurs twice (the fall-back hour) is its **first** occurrence, i.e. read
///   with the offset in force before the transition (America/Chicago 2026-11-01 01:30 is
///   06:30Z, still CDT);
/// - a time in the spring-forward gap is read with the offset in force **before** the gap
///   (America/Chicago 2026-03-08 02:30 is 08:30Z, which is 03:30 CDT).
/// Both rules come down to "the earliest period whose offset explains the wall time, or
/// the period just before the gap", which is what `instant(localYear:...)` computes.
public struct TimeZoneRules: Sendable {
    public var timeZone: TimeZone { tables.timeZone }
    public var identifier: String { timeZone.identifier }

    /// The offset tables, behind one reference: rules are copied into every timestamp
    /// parser and passed by value, and a copy of six arrays and a zone retained seven
    /// objects (1.2 million copies in three days of bench-scale exports).
    private let tables: Tables

    private final class Tables: Sendable {
        let timeZone: TimeZone
        /// Period `k` starts at `periodStarts[k]` (seconds since the epoch) and has UTC
        /// offset `periodOffsets[k]`; period 0 starts at `Int64.min`.
        let periodStarts: [Int64]
        let periodOffsets: [Int]
        /// `periodStarts[k] + periodOffsets[k]`: the wall clock (as seconds since a local
        /// epoch) at which period `k` begins. Increasing, since transitions are months apart.
        let periodLocalStarts: [Int64]
        /// A binary search over a few hundred periods costs more than parsing the
        /// timestamp, so both searches start from a table: for each bucket of `bucketShift`
        /// bits of seconds from `tableStart`, the last period begun by the bucket's start.
        /// Transitions are months apart, so a lookup then walks forward one step at most.
        let periodByBucket: [Int32]
        let localPeriodByBucket: [Int32]
        let tableStart: Int64

        init(timeZone: TimeZone, periodStarts: [Int64], periodOffsets: [Int], periodLocalStarts: [Int64],
             periodByBucket: [Int32], localPeriodByBucket: [Int32], tableStart: Int64) {
            self.timeZone = timeZone
            self.periodStarts = periodStarts
            self.periodOffsets = periodOffsets
            self.periodLocalStarts = periodLocalStarts
            self.periodByBucket = periodByBucket
            self.localPeriodByBucket = localPeriodByBucket
            self.tableStart = tableStart
        }
    }

    private var periodStarts: [Int64] { tables.periodStarts }
    private var periodOffsets: [Int] { tables.periodOffsets }
    private var periodLocalStarts: [Int64] { tables.periodLocalStarts }
    private var tableStart: Int64 { tables.tableStart }
    private static let bucketShift: Int64 = 20

    static let firstYear = 1900
    static let lastYear = 2200

    public init(timeZone: TimeZone) {
        let firstSecond = Int64(CivilCalendar.dayNumber(year: Self.firstYear, month: 1, day: 1)) * 86_400
        let lastSecond = Int64(CivilCalendar.dayNumber(year: Self.lastYear + 1, month: 1, day: 1)) * 86_400
        let end = Date(timeIntervalSince1970: TimeInterval(lastSecond))
        var moment = Date(timeIntervalSince1970: TimeInterval(firstSecond))

        var starts: [Int64] = [Int64.min]
        var offsets: [Int] = [timeZone.secondsFromGMT(for: moment)]
        while let transition = timeZone.nextDaylightSavingTimeTransition(after: moment),
              transition < end, transition > moment {
            let offset = timeZone.secondsFromGMT(for: transition)
            // Some transitions change only the zone's abbreviation or DST flag; they do
            // not move the clock and would only lengthen the search.
            if offset != offsets[offsets.count - 1] {
                starts.append(Int64(transition.timeIntervalSince1970.rounded(.down)))
                offsets.append(offset)
            }
            moment = transition
        }
        let localStarts = zip(starts, offsets).enumerated().map { index, period in
            index == 0 ? Int64.min : period.0 + Int64(period.1)
        }
        let bucketCount = Int((lastSecond - firstSecond) >> Self.bucketShift) + 1
        tables = Tables(timeZone: timeZone, periodStarts: starts, periodOffsets: offsets, periodLocalStarts: localStarts,
                        periodByBucket: Self.bucketTable(starts, from: firstSecond, count: bucketCount),
                        localPeriodByBucket: Self.bucketTable(localStarts, from: firstSecond, count: bucketCount),
                        tableStart: firstSecond)
    }

    private static func bucketTable(_ values: [Int64], from start: Int64, count: Int) -> [Int32] {
        var table: [Int32] = []
        table.reserveCapacity(count)
        var index = 0
        for bucket in 0..<count {
            let bucketStart = start + (Int64(bucket) << bucketShift)
            while index + 1 < values.count, values[index + 1] <= bucketStart { index += 1 }
            table.append(Int32(index))
        }
        return table
    }

    /// The number of offset changes found, for tests and diagnostics.
    var transitionCount: Int { periodStarts.count - 1 }

    // MARK: Offsets

    public func offsetSeconds(at instant: Instant) -> Int {
        periodOffsets[period(containingSecond: instant.secondsSinceEpoch)]
    }

    private func period(containingSecond second: Int64) -> Int {
        lastIndex(in: periodStarts, table: tables.periodByBucket, notAbove: second)
    }

    /// The last index `k` with `values[k] <= target`, or 0 when none is. `values[0]` is
    /// `Int64.min`, so 0 is also the true answer in that case.
    @inline(__always)
    private func lastIndex(in values: [Int64], table: [Int32], notAbove target: Int64) -> Int {
        let bucket = (target - tableStart) >> Self.bucketShift
        if target >= tableStart, bucket < table.count {
            var index = Int(table[Int(bucket)])
            while index + 1 < values.count, values[index + 1] <= target { index += 1 }
            return index
        }
        var low = 0
        var high = values.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if values[middle] <= target {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return low
    }

    // MARK: Local time to instant

    /// The instant of a local wall time in this zone (see the type's comment for the
    /// fall-back and spring-forward rules). Fields are not validated here; callers pass
    /// real dates.
    public func instant(localYear year: Int, month: Int, day: Int,
                        hour: Int, minute: Int, second: Int, microsecond: Int = 0) -> Instant {
        let localSecond = Int64(CivilCalendar.dayNumber(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
        let utcSecond = utcSecond(forLocalSecond: localSecond)
        return Instant(microsecondsSinceEpoch: utcSecond * Instant.microsecondsPerSecond + Int64(microsecond))
    }

    func utcSecond(forLocalSecond localSecond: Int64) -> Int64 {
        // The last period whose wall clock has begun by `localSecond`. Either it holds the
        // wall time, or the wall time falls in the gap after it, where the rule is again
        // "the offset before the gap": both use this period's offset...
        var index = lastIndex(in: periodLocalStarts, table: tables.localPeriodByBucket, notAbove: localSecond)
        // ...unless an earlier period's wall clock had not yet ended (a fall-back overlap):
        // then the earlier, first occurrence wins.
        while index > 0, localSecond < periodStarts[index] + Int64(periodOffsets[index - 1]) {
            index -= 1
        }
        return localSecond - Int64(periodOffsets[index])
    }

    // MARK: Local calendar

    /// The local day number (days since 1970-01-01) and second of that day.
    func localDayAndSecond(of instant: Instant) -> (day: Int, secondOfDay: Int) {
        let local = instant.secondsSinceEpoch + Int64(offsetSeconds(at: instant))
        let day = CivilCalendar.floorDivide(local, 86_400)
        return (Int(day), Int(local - day * 86_400))
    }

    /// The local day number (days since 1970-01-01) of the instant.
    func localDayNumber(of instant: Instant) -> Int {
        localDayAndSecond(of: instant).day
    }

    /// ISO 8601 week (`YYYY-Www`) of the instant's local date.
    public func isoWeek(of instant: Instant) -> String {
        Self.isoWeekText(dayNumber: localDayNumber(of: instant))
    }

    /// `YYYY-MM-DD` of the instant's local date.
    public func localDateText(of instant: Instant) -> String {
        Self.dateText(dayNumber: localDayNumber(of: instant))
    }

    /// `YYYY-MM-DD HH:MM` in local time.
    public func localDateTimeText(of instant: Instant) -> String {
        let local = localDayAndSecond(of: instant)
        let date = CivilCalendar.date(dayNumber: local.day)
        return Self.dateText(year: date.year, month: date.month, day: date.day) + " "
            + Self.padded(local.secondOfDay / 3600, width: 2) + ":"
            + Self.padded(local.secondOfDay / 60 % 60, width: 2)
    }

    /// `YYYY-MM-DD` of a day number.
    static func dateText(dayNumber: Int) -> String {
        let date = CivilCalendar.date(dayNumber: dayNumber)
        return dateText(year: date.year, month: date.month, day: date.day)
    }

    static func dateText(year: Int, month: Int, day: Int) -> String {
        padded(year, width: 4) + "-" + padded(month, width: 2) + "-" + padded(day, width: 2)
    }

    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
