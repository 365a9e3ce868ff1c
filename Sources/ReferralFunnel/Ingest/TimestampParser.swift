import Foundation

/// Placeholder until the section 2.1 parser lands.
public struct TimestampParser: Sendable {
    public let format: TimestampFormat
    public let timeZone: TimeZone

    public init(format: TimestampFormat = .automatic, timeZone: TimeZone) throws {
        self.format = format
        self.timeZone = timeZone
    }

    /// Why a format cannot be used, or nil when it can.
    public static func problem(with format: TimestampFormat) -> String? { nil }

    public func parse(_ text: String) -> Instant? { nil }
}
