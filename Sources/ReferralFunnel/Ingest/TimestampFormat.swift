/// How a timestamp column is read (SPEC section 2.1).
///
/// In a config, a column's format is one of `iso8601`, `us`, `excel_serial`, or a pattern:
/// in `strptime` directives such as `%d-%b-%Y %H:%M` (any pattern holding `%`), or in tokens
/// such as `DD.MM.YYYY HH:mm` (see `TimestampPattern`). A timestamp whose date and time are
/// in two export columns may take two patterns, one per column.
public enum TimestampFormat: Hashable, Sendable, CustomStringConvertible {
    /// Every shape of section 2.1, without configuration.
    case automatic
    /// Only the ISO 8601 shapes of section 2.1.
    case iso8601
    /// Only the US export shapes of section 2.1.
    case us
    /// Excel date serials (days since 1899-12-30, fraction = time of day), local time.
    case excelSerial
    /// A pinned pattern.
    case pattern(String)
    /// A pattern for the date column and one for the time column of a timestamp mapped to
    /// two export columns (SPEC 6.1).
    case dateAndTimePatterns(date: String, time: String)

    public init(configValue: String) {
        switch configValue {
        case "auto", "automatic": self = .automatic
        case "iso8601": self = .iso8601
        case "us": self = .us
        case "excel_serial": self = .excelSerial
        default: self = .pattern(configValue)
        }
    }

    public var description: String {
        switch self {
        case .automatic: return "automatic"
        case .iso8601: return "iso8601"
        case .us: return "us"
        case .excelSerial: return "excel_serial"
        case let .pattern(pattern): return pattern
        case let .dateAndTimePatterns(date, time): return "[\(date), \(time)]"
        }
    }
}
