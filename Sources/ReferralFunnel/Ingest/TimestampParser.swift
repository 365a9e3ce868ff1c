import Foundation

/// Reads timestamp values (SPEC section 2.1) straight from their UTF-8 bytes.
///
/// This runs once per timestamp cell of every row, so it never allocates and never calls
/// a Foundation date formatter: it matches the accepted shapes byte by byte, checks the
/// date is real, and turns local wall times into instants through precomputed
/// `TimeZoneRules`.
///
/// Time zone choices (SPEC 2.1): a value with an offset is exact. A value without one is
/// local time in the pipeline's zone; a wall time that occurs twice (the fall-back hour)
/// is its first occurrence, and one inside the spring-forward gap is read with the offset
/// in force before the gap (Chicago's 2026-03-08 02:30 becomes 03:30 CDT, 08:30Z).
/// Fractional seconds beyond microseconds are truncated, as Python's `fromisoformat` does.
public struct TimestampParser: Sendable {
    /// Which shapes a parser reads. The format itself is not stored: ingest copies a parser
    /// per value, and once `TimestampFormat` had two kinds of payload that copy went through
    /// value witnesses, about 5% of a CSV validate's time; this and the pattern's reference
    /// copy inline.
    private enum Form: Sendable {
        case automatic, iso8601, us, excelSerial, pattern
    }

    private let form: Form
    public let rules: TimeZoneRules
    public var timeZone: TimeZone { rules.timeZone }
    private let pattern: TimestampPattern?

    public var format: TimestampFormat {
        switch form {
        case .automatic: return .automatic
        case .iso8601: return .iso8601
        case .us: return .us
        case .excelSerial: return .excelSerial
        case .pattern: return .pattern(pattern?.source ?? "")
        }
    }

    /// Builds the zone's offset tables; when parsing several columns in one zone, build
    /// `TimeZoneRules` once and use `init(format:rules:)`.
    public init(format: TimestampFormat = .automatic, timeZone: TimeZone) throws {
        try self.init(format: format, rules: TimeZoneRules(timeZone: timeZone))
    }

    public init(format: TimestampFormat = .automatic, rules: TimeZoneRules) throws {
        self.rules = rules
        switch format {
        case .automatic: (form, pattern) = (.automatic, nil)
        case .iso8601: (form, pattern) = (.iso8601, nil)
        case .us: (form, pattern) = (.us, nil)
        case .excelSerial: (form, pattern) = (.excelSerial, nil)
        case let .pattern(text):
            switch TimestampPattern.compile(text) {
            case let .success(compiled): (form, pattern) = (.pattern, compiled)
            case let .failure(problem):
                throw IngestError.unusableTimestampFormat(format: text, problem: problem.message)
            }
        case .dateAndTimePatterns:
            throw IngestError.unusableTimestampFormat(format: format.description, problem: Self.pairOnOneColumn)
        }
    }

    static let pairOnOneColumn = "two patterns (a date, then a time) need the column mapped to two export columns in columns"

    /// Why a format cannot be used for a column read from one export column, or nil when it can.
    public static func problem(with format: TimestampFormat) -> String? {
        switch format {
        case let .pattern(text):
            if case let .failure(problem) = TimestampPattern.compile(text) { return problem.message }
            return nil
        case .dateAndTimePatterns:
            return pairOnOneColumn
        case .automatic, .iso8601, .us, .excelSerial:
            return nil
        }
    }

    /// The instant a value stands for, or nil when it is a bad value.
    public func parse(_ text: String) -> Instant? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// The same, for callers that hold the value's bytes and want to skip making a String.
    ///
    /// Every form, pinned patterns and Excel serials included, ends here, so this is the one
    /// place the accepted range of instants (SPEC 2.1) is enforced.
    public func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Instant? {
        guard let instant = parseIgnoringRange(utf8: bytes), Instant.acceptedRange.contains(instant) else { return nil }
        return instant
    }

    /// Whether a value that `parse` rejects has a readable form but an instant outside the
    /// accepted range, so that a report can say which of the two is wrong with it.
    public func isOutsideAcceptedRange(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            parseIgnoringRange(utf8: bytes).map { !Instant.acceptedRange.contains($0) } ?? false
        }
    }

    /// Why a value that `parse` rejects does not match a pinned pattern: where it stops
    /// matching, or that it is no real date. Nil for the other formats, whose reasons need
    /// no detail, and for a value `parse` accepts.
    func patternMismatchDescription(_ text: String) -> String? {
        guard let pattern else { return nil }
        var text = text
        return text.withUTF8 { bytes in
            if let description = pattern.mismatchDescription(bytes) { return description }
            return parse(utf8: bytes) == nil ? "it is not a real calendar date" : nil
        }
    }

    /// The instant read fields stand for, when it is in the accepted range (SPEC 2.1).
    func instantInAcceptedRange(_ fields: TimestampFields) -> Instant? {
        guard let instant = resolve(fields), Instant.acceptedRange.contains(instant) else { return nil }
        return instant
    }

    /// The same, for fields read from two columns: whether their instant is outside the range.
    func isOutsideAcceptedRange(_ fields: TimestampFields) -> Bool {
        resolve(fields).map { !Instant.acceptedRange.contains($0) } ?? false
    }

    private func parseIgnoringRange(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Instant? {
        let fields: TimestampFields?
        switch form {
        case .automatic:
            if bytes.count > 4, bytes[4] == UInt8(ascii: "-") {
                fields = TimestampShapes.iso8601(bytes)
            } else {
                fields = TimestampShapes.us(bytes)
            }
        case .iso8601: fields = TimestampShapes.iso8601(bytes)
        case .us: fields = TimestampShapes.us(bytes)
        case .excelSerial: return excelSerial(bytes)
        case .pattern: fields = pattern?.match(bytes)
        }
        guard let fields else { return nil }
        return resolve(fields)
    }

    private func resolve(_ fields: TimestampFields) -> Instant? {
        guard CivilCalendar.isValidDate(year: fields.year, month: fields.month, day: fields.day) else { return nil }
        if let offset = fields.offsetSeconds {
            let localSecond = Int64(CivilCalendar.dayNumber(year: fields.year, month: fields.month, day: fields.day))
                * 86_400 + Int64(fields.hour * 3600 + fields.minute * 60 + fields.second)
            return Instant(microsecondsSinceEpoch: (localSecond - Int64(offset)) * Instant.microsecondsPerSecond
                + Int64(fields.microsecond))
        }
        return rules.instant(localYear: fields.year, month: fields.month, day: fields.day,
                             hour: fields.hour, minute: fields.minute, second: fields.second,
                             microsecond: fields.microsecond)
    }

    /// Excel date serials: whole days since 1899-12-30 (so serials from 61 on, i.e.
    /// 1900-03-01, match Excel's calendar), fraction = local time of day. The fraction is
    /// rounded to the millisecond, Excel's own resolution, so `46328.5833333333` is 14:00
    /// and not 13:59:59.99999.
    private func excelSerial(_ bytes: UnsafeBufferPointer<UInt8>) -> Instant? {
        var index = 0
        var days = 0
        while index < bytes.count, let digit = TimestampShapes.digitValue(bytes[index]) {
            days = days * 10 + digit
            index += 1
            guard index <= 7 else { return nil }
        }
        guard index > 0 else { return nil }
        var fractionMilliseconds: Int64 = 0
        if index < bytes.count {
            guard bytes[index] == UInt8(ascii: ".") else { return nil }
            index += 1
            var numerator: Int64 = 0
            var denominator: Int64 = 1
            let fractionStart = index
            while index < bytes.count, let digit = TimestampShapes.digitValue(bytes[index]) {
                // Ten digits resolve 8.64 µs, far below the millisecond we round to.
                if index - fractionStart < 10 {
                    numerator = numerator * 10 + Int64(digit)
                    denominator *= 10
                }
                index += 1
            }
            guard index > fractionStart, index == bytes.count else { return nil }
            fractionMilliseconds = (numerator * 86_400_000 + denominator / 2) / denominator
        }
        let dayNumber = CivilCalendar.dayNumber(year: 1899, month: 12, day: 30) + days
            + Int(fractionMilliseconds / 86_400_000)
        let millisecondOfDay = Int(fractionMilliseconds % 86_400_000)
        let date = CivilCalendar.date(dayNumber: dayNumber)
        let secondOfDay = millisecondOfDay / 1000
        return rules.instant(localYear: date.year, month: date.month, day: date.day,
                             hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60,
                             microsecond: millisecondOfDay % 1000 * 1000)
    }
}

/// The pieces of a timestamp as written, before the date is checked or the zone applied.
struct TimestampFields {
    var year = 0
    var month = 0
    var day = 0
    var hour = 0
    var minute = 0
    var second = 0
    var microsecond = 0
    /// nil for local time.
    var offsetSeconds: Int?
}
