/// Byte matchers for the fixed shapes of SPEC section 2.1. Each returns nil unless the
/// whole value is exactly one accepted shape; ranges of hours, minutes and offsets are
/// checked here, the calendar date by the caller.
enum TimestampShapes {
    @inline(__always)
    static func digitValue(_ byte: UInt8) -> Int? {
        byte >= 0x30 && byte <= 0x39 ? Int(byte &- 0x30) : nil
    }

    /// Exactly `count` digits at `index`, advancing past them.
    @inline(__always)
    static func fixedDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            guard let digit = digitValue(bytes[index + offset]) else { return nil }
            value = value * 10 + digit
        }
        index += count
        return value
    }

    /// One or two digits at `index`; `digitCount` tells which.
    @inline(__always)
    static func shortNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int,
                            digitCount: inout Int) -> Int? {
        guard index < bytes.count, let first = digitValue(bytes[index]) else { return nil }
        index += 1
        if index < bytes.count, let second = digitValue(bytes[index]) {
            index += 1
            digitCount = 2
            return first * 10 + second
        }
        digitCount = 1
        return first
    }

    @inline(__always)
    static func expect(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// `YYYY-MM-DD`, optionally `T` or space + `HH:MM[:SS[.fraction]]` + optional offset.
    static func iso8601(_ bytes: UnsafeBufferPointer<UInt8>) -> TimestampFields? {
        var index = 0
        var fields = TimestampFields()
        guard let year = fixedDigits(bytes, &index, count: 4), expect(bytes, &index, "-"),
              let month = fixedDigits(bytes, &index, count: 2), expect(bytes, &index, "-"),
              let day = fixedDigits(bytes, &index, count: 2) else { return nil }
        fields.year = year
        fields.month = month
        fields.day = day
        if index == bytes.count { return fields }

        guard bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ") else { return nil }
        index += 1
        guard let hour = fixedDigits(bytes, &index, count: 2), hour < 24, expect(bytes, &index, ":"),
              let minute = fixedDigits(bytes, &index, count: 2), minute < 60 else { return nil }
        fields.hour = hour
        fields.minute = minute
        if expect(bytes, &index, ":") {
            guard let second = fixedDigits(bytes, &index, count: 2), second < 60 else { return nil }
            fields.second = second
            if expect(bytes, &index, ".") {
                let fractionStart = index
                var microsecond = 0
                while index < bytes.count, let digit = digitValue(bytes[index]) {
                    if index - fractionStart < 6 { microsecond = microsecond * 10 + digit }
                    index += 1
                }
                guard index > fractionStart else { return nil }
                for _ in min(index - fractionStart, 6)..<6 { microsecond *= 10 }
                fields.microsecond = microsecond
            }
        }
        if index < bytes.count {
            guard let offset = offset(bytes, &index) else { return nil }
            fields.offsetSeconds = offset
        }
        return index == bytes.count ? fields : nil
    }

    /// `Z`, `±HH`, `±HHMM` or `±HH:MM`, under 24 hours.
    static func offset(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Int? {
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "Z") {
            index += 1
            return 0
        }
        let sign: Int
        switch bytes[index] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        index += 1
        guard let hours = fixedDigits(bytes, &index, count: 2), hours < 24 else { return nil }
        // Minutes are optional; what follows an offset without them is the caller's to judge
        // (end of value for ISO, a literal in a pattern).
        var minutes = 0
        var minutesIndex = index
        _ = expect(bytes, &minutesIndex, ":")
        if let value = fixedDigits(bytes, &minutesIndex, count: 2) {
            guard value < 60 else { return nil }
            minutes = value
            index = minutesIndex
        } else if minutesIndex != index {
            return nil  // `+05:` with no minutes
        }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// `M/D/YYYY`, optionally a space and `HH:MM` (24-hour, two-digit hour) or
    /// `H:MM AM`/`H:MM PM` (hour 1-12).
    static func us(_ bytes: UnsafeBufferPointer<UInt8>) -> TimestampFields? {
        var index = 0
        var digitCount = 0
        var fields = TimestampFields()
        guard let month = shortNumber(bytes, &index, digitCount: &digitCount), expect(bytes, &index, "/"),
              let day = shortNumber(bytes, &index, digitCount: &digitCount), expect(bytes, &index, "/"),
              let year = fixedDigits(bytes, &index, count: 4) else { return nil }
        fields.year = year
        fields.month = month
        fields.day = day
        if index == bytes.count { return fields }

        guard expect(bytes, &index, " "),
              let hour = shortNumber(bytes, &index, digitCount: &digitCount), expect(bytes, &index, ":"),
              let minute = fixedDigits(bytes, &index, count: 2), minute < 60 else { return nil }
        fields.minute = minute
        if index == bytes.count {
            guard digitCount == 2, hour < 24 else { return nil }
            fields.hour = hour
            return fields
        }
        guard expect(bytes, &index, " "), let meridiem = meridiem(bytes, &index),
              index == bytes.count, hour >= 1, hour <= 12 else { return nil }
        fields.hour = twentyFourHour(hour, isPM: meridiem)
        return fields
    }

    /// `AM` (false) or `PM` (true), upper case only.
    static func meridiem(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Bool? {
        guard index + 2 <= bytes.count, bytes[index + 1] == UInt8(ascii: "M") else { return nil }
        let isPM: Bool
        switch bytes[index] {
        case UInt8(ascii: "A"): isPM = false
        case UInt8(ascii: "P"): isPM = true
        default: return nil
        }
        index += 2
        return isPM
    }

    /// 12 AM is midnight, 12 PM noon.
    static func twentyFourHour(_ hour: Int, isPM: Bool) -> Int {
        (hour % 12) + (isPM ? 12 : 0)
    }
}
