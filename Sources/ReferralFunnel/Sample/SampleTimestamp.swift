/// A timestamp cell of the sample exports: an instant and the SPEC 2.1 shape it is written
/// in, or a deliberately bad value. The canonical layout writes the chosen shape; the vendor
/// layout writes the same instant in its own shape, so both load to identical instants.
public enum SampleTimestamp: Equatable, Sendable {
    case at(Int64, TimestampShape)
    /// A value no reader accepts, spelled once per layout.
    case malformed(canonical: String, vendor: String)

    public var milliseconds: Int64? {
        if case let .at(milliseconds, _) = self { return milliseconds }
        return nil
    }
}

/// Every shape of SPEC section 2.1 the canonical sample uses.
public enum TimestampShape: CaseIterable, Sendable {
    case utc                 // 2026-11-02T20:03:11Z
    case utcFraction         // 2026-11-02T20:03:11.250Z
    case offsetColon         // 2026-11-02T14:03:11-06:00
    case offsetFraction      // 2026-11-02T14:03:11.250-06:00
    case offsetCompact       // 2026-11-02T14:03:11-0600
    case offsetHour          // 2026-11-02T14:03-06
    case localSpace          // 2026-11-02 14:03:11
    case localSpaceFraction  // 2026-11-02 14:03:11.25
    case localMinutes        // 2026-11-02T14:03
    case dateOnly            // 2026-11-02 (local midnight)
    case usTwentyFour        // 11/02/2026 14:03
    case usTwelve            // 11/2/2026 2:03 PM
    case usDateOnly          // 11/02/2026 (local midnight)

    /// The coarsest unit the shape keeps, in milliseconds.
    var precision: Int64 {
        switch self {
        case .utcFraction, .offsetFraction, .localSpaceFraction: return 1
        case .utc, .offsetColon, .offsetCompact, .localSpace: return 1000
        case .offsetHour, .localMinutes, .usTwentyFour, .usTwelve: return 60_000
        case .dateOnly, .usDateOnly: return SampleClock.millisecondsPerDay
        }
    }

    var hasOffset: Bool {
        switch self {
        case .utc, .utcFraction, .offsetColon, .offsetFraction, .offsetCompact, .offsetHour: return true
        default: return false
        }
    }

    /// Whether writing `milliseconds` in this shape reads back as exactly that instant.
    func represents(_ milliseconds: Int64) -> Bool {
        if !hasOffset && !SampleClock.isUnambiguousLocally(milliseconds) { return false }
        if precision == SampleClock.millisecondsPerDay {
            let local = SampleClock.localTime(milliseconds)
            return local.hour == 0 && local.minute == 0 && local.second == 0 && local.millisecond == 0
        }
        return milliseconds % precision == 0
    }
}
