import Foundation

/// How far one feed's ingest has come. A cold run of a year is over a thousand files, so the
/// run shows a feed as one line (updated in place on a terminal, once when the feed is done
/// in a log) rather than a line per file; this value is what those lines are made of.
public struct FeedProgress: Sendable, Equatable {
    public let feed: FeedKind
    /// The feed's new files, and their size: time left is estimated by bytes, since a
    /// year's files range from a quiet Sunday to a busy Monday.
    public let filesTotal: Int
    public let bytesTotal: Int64
    /// Files found already ingested (by size and time before reading, or by content after).
    public private(set) var alreadyIngested: Int
    public private(set) var filesDone = 0
    public private(set) var filesLoaded = 0
    public private(set) var bytesDone: Int64 = 0
    public private(set) var rowsRead = 0
    public private(set) var rowsLoaded = 0
    public private(set) var rowsQuarantined = 0
    public private(set) var warnings = 0
    public private(set) var heldBack = 0
    /// Since the feed's first file began to be read.
    public private(set) var seconds: Double = 0

    public init(feed: FeedKind, filesTotal: Int, bytesTotal: Int64, alreadyIngested: Int) {
        self.feed = feed
        self.filesTotal = filesTotal
        self.bytesTotal = bytesTotal
        self.alreadyIngested = alreadyIngested
    }

    /// Counts one new file as done, `seconds` after the feed began.
    public mutating func record(_ outcome: FileIngestOutcome, seconds: Double) {
        filesDone += 1
        bytesDone += outcome.bytes
        self.seconds = seconds
        switch outcome.disposition {
        case .loaded:
            filesLoaded += 1
            rowsRead += outcome.rowsRead
            rowsLoaded += outcome.rowsLoaded
            rowsQuarantined += outcome.rowsQuarantined
            warnings += outcome.warnings
        case .skippedAlreadyIngested:
            alreadyIngested += 1
        case .heldBack:
            rowsRead += outcome.rowsRead
            heldBack += 1
        }
    }

    public var isFinished: Bool { filesDone >= filesTotal }

    /// Rows read per second so far; nil before anything was timed.
    public var rowsPerSecond: Double? {
        seconds > 0 && rowsRead > 0 ? Double(rowsRead) / seconds : nil
    }

    /// The rest at the pace so far, weighed by bytes; nil until a file is done.
    public var secondsLeft: Double? {
        guard bytesDone > 0, seconds > 0 else { return nil }
        return seconds * Double(max(0, bytesTotal - bytesDone)) / Double(bytesDone)
    }

    /// "web: 45 of 90 files, 120,000 rows/s, about 12 s left": the line a terminal rewrites.
    public var progressLine: String {
        var parts = ["\(feed.rawValue): \(filesDone) of \(filesTotal) files"]
        if let rowsPerSecond { parts.append("\(Self.grouped(Int(rowsPerSecond.rounded()))) rows/s") }
        if let secondsLeft, !isFinished { parts.append("about \(Self.duration(secondsLeft)) left") }
        return parts.joined(separator: ", ")
    }

    /// "web: loaded 90 files, 6,012 rows (12 quarantined, 3 warnings), 1 held back,
    /// 30 already ingested, in 1.2 s (45,000 rows/s)": the line left when the feed is done.
    public var summaryLine: String {
        guard filesTotal > 0 else {
            return "\(feed.rawValue): no new files (\(alreadyIngested) already ingested)"
        }
        var text = "\(feed.rawValue): loaded \(filesLoaded) of \(filesTotal) new file(s), \(Self.grouped(rowsLoaded)) rows "
            + "(\(Self.grouped(rowsQuarantined)) quarantined, \(Self.grouped(warnings)) warnings)"
        if heldBack > 0 { text += ", \(heldBack) held back" }
        if alreadyIngested > 0 { text += ", \(alreadyIngested) already ingested" }
        text += ", in \(Self.duration(seconds))"
        if let rowsPerSecond { text += " (\(Self.grouped(Int(rowsPerSecond.rounded()))) rows/s)" }
        return text
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// "0.4 s", "12 s", "3 min 05 s": a time a person reads at a glance.
    static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        return String(format: "%d min %02d s", whole / 60, whole % 60)
    }
}

/// Told of each feed's progress as the ingest stage goes, on the thread that loads files.
/// The CLI draws it on a terminal; without one, the feed's summary line is logged anyway.
public protocol IngestProgressObserver: AnyObject {
    func feedProgressed(_ progress: FeedProgress)
    func feedFinished(_ progress: FeedProgress)
}
