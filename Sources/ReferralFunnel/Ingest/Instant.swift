/// A point in time, as microseconds since 1970-01-01T00:00:00Z.
///
/// Integer microseconds keep comparisons exact (the snapshot rule breaks ties on equal
/// `updated_at` values) and store as a plain SQLite INTEGER.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var microsecondsSinceEpoch: Int64

    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    public init(secondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = secondsSinceEpoch * 1_000_000
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    public static let microsecondsPerSecond: Int64 = 1_000_000
    public static let microsecondsPerHour: Int64 = 3_600_000_000
    public static let microsecondsPerDay: Int64 = 86_400_000_000

    /// The instants input may hold: 2000-01-01T00:00:00Z up to, not including,
    /// 2100-01-01T00:00:00Z (SPEC section 2.1). A year such as 9999 is a typo or a
    /// placeholder, never a referral: read as a real instant it moved the report week to
    /// 9999-W51 and made `metrics.csv` one row for every week in between.
    public static let acceptedRange = Instant(secondsSinceEpoch: 946_684_800)..<Instant(secondsSinceEpoch: 4_102_444_800)

    /// Whole seconds, rounded toward negative infinity.
    public var secondsSinceEpoch: Int64 {
        microsecondsSinceEpoch >= 0
            ? microsecondsSinceEpoch / Self.microsecondsPerSecond
            : -((-microsecondsSinceEpoch + Self.microsecondsPerSecond - 1) / Self.microsecondsPerSecond)
    }

    public var description: String { "Instant(\(microsecondsSinceEpoch)µs)" }
}
