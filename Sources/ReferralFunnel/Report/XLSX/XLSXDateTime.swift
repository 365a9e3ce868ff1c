/// A local calendar date and time as Excel stores it: no time zone.
public struct XLSXDateTime: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Double

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Reads `YYYY-MM-DD`, rejecting days that do not exist (`2026-02-30`).
    /// A date at midnight, from calendar parts such as `TimeZoneRules.isoWeekMonday` gives.
    public init(date: (year: Int, month: Int, day: Int)) {
        self.init(year: date.year, month: date.month, day: date.day)
    }

    public init(isoDate text: String) throws {
        // Read from the UTF-8 bytes: the worklist converts one date per stalled referral
        // (53,000 at bench scale), and splitting into substrings was 4% of the report stage.
        let parts = text.utf8.withContiguousStorageIfAvailable(Self.yearMonthDay) ?? Self.yearMonthDay(Array(text.utf8))
        guard let (year, month, day) = parts, (1...12).contains(month), day >= 1,
              day <= Self.daysInMonth(year: year, month: month)
        else { throw XLSXError.invalidDate(text) }
        self.init(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD` as numbers, or nil for any other shape.
    private static func yearMonthDay<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> (Int, Int, Int)? where Bytes.Index == Int {
        guard bytes.count == 10, bytes[bytes.startIndex + 4] == UInt8(ascii: "-"),
              bytes[bytes.startIndex + 7] == UInt8(ascii: "-") else { return nil }
        func number(_ offsets: Range<Int>) -> Int? {
            var value = 0
            for offset in offsets {
                let digit = Int(bytes[bytes.startIndex + offset]) - Int(UInt8(ascii: "0"))
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return (year, month, day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2:
            let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return isLeap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }
}
