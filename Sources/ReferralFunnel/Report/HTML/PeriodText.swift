/// How periods are named in headings and captions.
enum PeriodText {
    static func title(_ period: Period) -> String {
        period.weekCount == 1 ? "Week \(period.endWeek)" : "\(period.weekCount) weeks to \(period.endWeek)"
    }

    /// For running text: "week 2026-W47", "the 13 weeks to 2026-W47".
    static func phrase(_ period: Period) -> String {
        period.weekCount == 1 ? "week \(period.endWeek)" : "the \(period.weekCount) weeks to \(period.endWeek)"
    }

    static func comparedWith(_ previous: Period?) -> String {
        guard let previous else { return "" }
        return previous.weekCount == 1
            ? "Changes compare with \(previous.endWeek)."
            : "Changes compare with the \(previous.weekCount) weeks to \(previous.endWeek)."
    }
}
