import Foundation
import ReferralFunnel

/// What `TimestampParser` must do with any bytes: automatic, ISO 8601, US, Excel serial
/// and pinned-pattern parsing. Checked by the fuzz target (Fuzz/Sources/
/// FuzzTimestampParser) and, on the committed corpus, by FuzzRegressionTests.
///
/// An input holding a line feed is a pinned pattern (before it) and a value (after it);
/// any other input is a value, also tried against a few fixed patterns.
enum TimestampParserProperties {
    struct Zone: Sendable {
        let rules: TimeZoneRules
        let automatic: TimestampParser
        let excelSerial: TimestampParser
    }

    static func zone(_ identifier: String) -> Zone? {
        guard let timeZone = TimeZone(identifier: identifier) else { return nil }
        let rules = TimeZoneRules(timeZone: timeZone)
        guard let automatic = try? TimestampParser(format: .automatic, rules: rules),
              let excelSerial = try? TimestampParser(format: .excelSerial, rules: rules) else { return nil }
        return Zone(rules: rules, automatic: automatic, excelSerial: excelSerial)
    }

    /// Chicago has the DST rules the sample practice uses; Lord Howe moves its clocks by
    /// 30 minutes; Dublin's tz data has a negative DST (winter time).
    static let localZones = ["America/Chicago", "Australia/Lord_Howe", "Europe/Dublin"].compactMap(zone)
    /// Reads a value without an offset as its own wall clock, which the others are checked against.
    static let utc = zone("UTC")
    /// A fixed +14:00, to tell values with an offset (same instant as in UTC) from those without.
    static let plusFourteen = zone("Etc/GMT-14")

    /// SPEC 2.1's accepted instants, 2000-01-01T00:00Z up to 2100-01-01T00:00Z, in
    /// microseconds, written out here rather than borrowed from the library.
    static let acceptedRange: Range<Int64> = 946_684_800_000_000..<4_102_444_800_000_000

    /// Within two days of a bound of the accepted range, one reading of a value may fall
    /// inside and another outside: local readings differ by at most a day and a few hours
    /// between zones.
    static func isNearRangeBound(_ microseconds: Int64) -> Bool {
        let twoDays: Int64 = 2 * 86_400_000_000
        return abs(microseconds - acceptedRange.lowerBound) < twoDays || abs(microseconds - acceptedRange.upperBound) < twoDays
    }

    static let fixedPatterns = ["DD.MM.YYYY HH:mm", "YYYY-MM-DDTHH:mm:ssZ", "M/D/YYYY h:mm A",
                                "YYYYMMDDHHmmss", "D-M-YYYY H:mm Z", "DD MMM YYYY HH:mm",
                                "%d-%b-%Y %I:%M %p", "%Y%m%d %H:%M:%S %z", "%B %d, %y"]

    static func violations(in input: [UInt8]) -> [String] {
        guard let utc, let plusFourteen, localZones.count == 3 else { return ["timestamps: time zone data missing"] }
        var problems: [String] = []
        let value: [UInt8]
        var patterns = fixedPatterns
        if let lineFeed = input.firstIndex(of: 0x0A) {
            value = Array(input[(lineFeed + 1)...])
            patterns = String(validating: input[..<lineFeed], as: UTF8.self).map { [$0] } ?? []
        } else {
            value = input
        }
        let text = String(decoding: value, as: UTF8.self)
        let parse = { (parser: TimestampParser) in value.withUnsafeBufferPointer { parser.parse(utf8: $0) } }

        let wallClock = parse(utc.automatic)
        let inPlusFourteen = parse(plusFourteen.automatic)
        let readings = ([wallClock, inPlusFourteen] + localZones.map { parse($0.automatic) }).compactMap { $0 }
        // Accepted in one zone and not in another is right only at the edge of the range.
        let mayDependOnZone = readings.contains { isNearRangeBound($0.microsecondsSinceEpoch) }
        if (wallClock == nil) != (inPlusFourteen == nil), !mayDependOnZone {
            problems.append("timestamps: automatic parsing of \(text.debugDescription) depends on the zone")
        }
        for instant in readings where !acceptedRange.contains(instant.microsecondsSinceEpoch) {
            problems.append("timestamps: \(text.debugDescription) gave \(instant), outside the accepted range")
        }
        let hasOffset = wallClock != nil && wallClock == inPlusFourteen
        for zone in localZones + [utc] {
            let label = "\(text.debugDescription) (automatic, \(zone.rules.identifier))"
            let instant = parse(zone.automatic)
            if String(validating: value, as: UTF8.self) != nil, zone.automatic.parse(text) != instant {
                problems.append("timestamps: \(label) parses differently from a String and from bytes")
            }
            if (instant == nil) != (wallClock == nil), !mayDependOnZone {
                problems.append("timestamps: \(label) is accepted in one zone and not another")
            }
            guard let instant, let wallClock else { continue }
            problems += roundTripProblems(instant, label: label, zone: zone)
            if hasOffset {
                if instant != wallClock { problems.append("timestamps: \(label) has an offset but depends on the zone") }
            } else {
                problems += wallClockProblems(instant, wallClock: wallClock, label: label, zone: zone)
            }
        }

        problems += excelSerialProblems(value, text: text, parse: parse)

        for pattern in patterns {
            guard let parser = try? TimestampParser(format: .pattern(pattern), rules: localZones[0].rules),
                  let instant = parse(parser) else { continue }
            problems += roundTripProblems(instant, label: "\(text.debugDescription) (pattern \(pattern.debugDescription))",
                                          zone: localZones[0])
        }
        return problems
    }

    /// Written back as ISO 8601 in UTC and with the zone's offset, the instant parses back
    /// to itself.
    static func roundTripProblems(_ instant: Instant, label: String, zone: Zone) -> [String] {
        var problems: [String] = []
        let offset = zone.rules.offsetSeconds(at: instant)
        for (written, offsetSeconds) in [(ISO8601Text.text(microsecondsSinceEpoch: instant.microsecondsSinceEpoch, offsetSeconds: 0), 0),
                                         (ISO8601Text.text(microsecondsSinceEpoch: instant.microsecondsSinceEpoch, offsetSeconds: offset, utcAsZ: false), offset)] {
            guard let written else { continue }
            let again = zone.automatic.parse(written)
            if again != instant {
                problems.append("timestamps: \(label) gave \(instant), written as \(written) (offset \(offsetSeconds)) it reads as \(String(describing: again))")
            }
        }
        return problems
    }

    /// A local value without an offset names its wall-clock time (SPEC 2.1): the instant
    /// shows that wall clock in the zone and is its first occurrence, or, when the wall
    /// clock never occurs (a spring-forward gap), it is read with the offset in force
    /// before the gap. Checked against offsets the zone really has near the instant.
    static func wallClockProblems(_ instant: Instant, wallClock: Instant, label: String, zone: Zone) -> [String] {
        let rules = zone.rules
        let local = wallClock.microsecondsSinceEpoch
        let offset = Int64(rules.offsetSeconds(at: instant)) * 1_000_000
        let day: Int64 = 86_400_000_000
        let nearbyOffsets = Set([-2 * day, -day, day, 2 * day].map {
            Int64(rules.offsetSeconds(at: Instant(microsecondsSinceEpoch: instant.microsecondsSinceEpoch + $0))) * 1_000_000
        }).union([offset])
        func occurs(withOffset candidate: Int64) -> Bool {
            Int64(rules.offsetSeconds(at: Instant(microsecondsSinceEpoch: local - candidate))) * 1_000_000 == candidate
        }
        if instant.microsecondsSinceEpoch + offset == local {
            if nearbyOffsets.contains(where: { $0 > offset && occurs(withOffset: $0) }) {
                return ["timestamps: \(label) is not the first occurrence of its wall-clock time"]
            }
            return []
        }
        if nearbyOffsets.contains(where: occurs(withOffset:)) {
            return ["timestamps: \(label) does not show its wall-clock time in the zone, though that time occurs"]
        }
        let offsetBefore = Int64(rules.offsetSeconds(at: Instant(microsecondsSinceEpoch: instant.microsecondsSinceEpoch - day))) * 1_000_000
        if local - instant.microsecondsSinceEpoch != offsetBefore {
            return ["timestamps: \(label) falls in a gap but is not read with the offset before it"]
        }
        return []
    }

    /// Accepted exactly when the value is 1 to 7 digits, optionally a point and more
    /// digits, and its instant is in the accepted range; in UTC the instant is within a
    /// millisecond of the serial's exact value (days since 1899-12-30, which is 25 569 days
    /// before the epoch), and it has whole milliseconds.
    static func excelSerialProblems(_ value: [UInt8], text: String, parse: (TimestampParser) -> Instant?) -> [String] {
        guard let utc else { return [] }
        var problems: [String] = []
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        let point = value.firstIndex(of: UInt8(ascii: "."))
        let whole = value[..<(point ?? value.count)]
        let fraction = point.map { value[($0 + 1)...] }
        let isSerial = (1...7).contains(whole.count) && whole.allSatisfy(isDigit)
            && (fraction.map { !$0.isEmpty && $0.allSatisfy(isDigit) } ?? true)
        let label = "\(text.debugDescription) (excel serial)"
        let instant = parse(utc.excelSerial)
        // Rounding to the millisecond may carry a serial a hair outside the range in or out.
        let exactMicroseconds = isSerial ? Double(text).map { ($0 - 25_569) * 86_400_000_000 } : nil
        let isInRange = exactMicroseconds.map {
            $0 >= Double(acceptedRange.lowerBound) && $0 < Double(acceptedRange.upperBound)
        } ?? false
        let isAtRangeBound = exactMicroseconds.map {
            abs($0 - Double(acceptedRange.lowerBound)) <= 1_000 || abs($0 - Double(acceptedRange.upperBound)) <= 1_000
        } ?? false
        if (instant != nil) != (isSerial && isInRange), !isAtRangeBound {
            problems.append("timestamps: \(label) is \(instant == nil ? "rejected" : "accepted")")
        }
        if let instant, let serial = Double(text) {
            let exact = (serial - 25_569) * 86_400_000_000
            if abs(Double(instant.microsecondsSinceEpoch) - exact) > 1_000 {
                problems.append("timestamps: \(label) gave \(instant), more than a millisecond from the serial")
            }
            if instant.microsecondsSinceEpoch % 1_000 != 0 {
                problems.append("timestamps: \(label) gave \(instant), not whole milliseconds")
            }
        }
        for zone in localZones {
            if let local = parse(zone.excelSerial) {
                problems += roundTripProblems(local, label: "\(label) in \(zone.rules.identifier)", zone: zone)
            } else if let instant, !isNearRangeBound(instant.microsecondsSinceEpoch) {
                problems.append("timestamps: \(label) is accepted in UTC but not in \(zone.rules.identifier)")
            }
        }
        return problems
    }
}
