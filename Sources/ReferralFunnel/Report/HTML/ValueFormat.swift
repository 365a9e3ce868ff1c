import Foundation

/// How numbers read on the pages. A missing value (a rate over zero, an empty median) is an
/// em dash, never 0.
enum ValueFormat {
    static let missing = "\u{2014}"
    static let minus = "\u{2212}"

    static func percent(_ rate: Double?) -> String {
        guard let rate else { return missing }
        return FixedPointText.format(rate * 100, decimals: 0) + "%"
    }

    static func days(_ days: Double?) -> String {
        guard let days else { return missing }
        return FixedPointText.format(days, decimals: 1)
    }

    static func count(_ count: Int) -> String { String(count) }

    /// Change in a count: `+3`, `−2`, `±0`.
    static func countChange(_ current: Int, _ previous: Int) -> String {
        signed(Double(current - previous), decimals: 0, unit: "")
    }

    /// Change in a rate in percentage points; nothing when either side is missing.
    static func rateChange(_ current: Double?, _ previous: Double?) -> String? {
        guard let current, let previous else { return nil }
        return signed((current - previous) * 100, decimals: 0, unit: " pp")
    }

    static func daysChange(_ current: Double?, _ previous: Double?) -> String? {
        guard let current, let previous else { return nil }
        return signed(current - previous, decimals: 1, unit: " d")
    }

    private static func signed(_ value: Double, decimals: Int, unit: String) -> String {
        let magnitude = FixedPointText.format(abs(value), decimals: decimals)
        // Rounds to zero: no sign, so "+0 pp" never suggests a change that is not there.
        if Double(magnitude) == 0 { return "\u{00B1}" + magnitude + unit }
        return (value > 0 ? "+" : minus) + magnitude + unit
    }

    /// A plain number for `data-sort` attributes; missing values sort below every number.
    static func sortKey(_ value: Double?) -> String {
        guard let value else { return "-1e308" }
        return FixedPointText.format(value, decimals: 6)
    }

    /// Shortens a label for a chart axis; the full text stays in the chart's table and title.
    static func truncated(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "\u{2026}"
    }
}
