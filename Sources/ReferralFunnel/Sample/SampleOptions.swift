import Foundation

/// What to generate and where (the `sample` command's arguments).
public struct SampleOptions: Sendable {
    public var seed: UInt64
    public var days: Int
    /// The first local day, as days since 1970-01-01.
    public var startDay: Int
    /// Multiplies every volume.
    public var scale: Double
    /// Multiplies web traffic instead of `scale` when set, so a benchmark can reach many web
    /// events without many more referrals.
    public var webScale: Double?
    /// Each layout and the folder its `web/`, `intake/` and `scheduling/` go into.
    public var outputs: [(layout: SampleLayout, folder: URL)]
    /// Replace export files already at the paths the sample writes; without it, finding one
    /// is an error and nothing is written (a mistyped --out must not overwrite real exports).
    public var overwrite: Bool

    public static let defaultStart = "2026-09-01"

    public init(seed: UInt64 = 42, days: Int = 90, startDay: Int, scale: Double = 1, webScale: Double? = nil,
                outputs: [(layout: SampleLayout, folder: URL)], overwrite: Bool = false) {
        self.seed = seed
        self.days = days
        self.startDay = startDay
        self.scale = scale
        self.webScale = webScale
        self.outputs = outputs
        self.overwrite = overwrite
    }

    /// Reads `YYYY-MM-DD` into a day number.
    public static func day(fromISODate text: String) throws -> Int {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else {
            throw SampleError.invalidOption(name: "start", problem: "expected a date such as 2026-09-01, got '\(text)'")
        }
        let number = SampleClock.daysFromCivil(year: year, month: month, day: day)
        let roundTrip = SampleClock.civilFromDays(number)
        guard roundTrip.year == year && roundTrip.month == month && roundTrip.day == day else {
            throw SampleError.invalidOption(name: "start", problem: "\(text) is not a calendar date")
        }
        return number
    }

    func validate() throws {
        guard days > 0 else { throw SampleError.invalidOption(name: "days", problem: "must be at least 1, got \(days)") }
        guard scale > 0, scale.isFinite else {
            throw SampleError.invalidOption(name: "scale", problem: "must be a positive number, got \(scale)")
        }
        if let webScale, !(webScale > 0 && webScale.isFinite) {
            throw SampleError.invalidOption(name: "web-scale", problem: "must be a positive number, got \(webScale)")
        }
        guard !outputs.isEmpty else { throw SampleError.invalidOption(name: "layout", problem: "names no layout to write") }
    }
}
