import Foundation
import Logging
import ReferralFunnel
import Synchronization

/// The one line at the bottom of a terminal that a cold run rewrites (with `\r`) as each
/// file of a feed loads. Log lines go through `StatusLineLogHandler`, which takes the line
/// away first and draws it again after, so a warning is printed whole on a line of its own
/// and never run into the progress text.
final class TerminalStatusLine: Sendable {
    private let shown = Mutex<String?>(nil)

    /// Standard error is a terminal (not a pipe, a file or cron's mail) that understands
    /// the erase-line code.
    static var isAvailable: Bool {
        isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    func show(_ text: String) {
        shown.withLock { shown in
            shown = String(text.prefix(Self.columns() - 1))
            Self.write("\r" + (shown ?? "") + Self.eraseToEndOfLine)
        }
    }

    func clear() {
        shown.withLock { shown in
            if shown != nil { Self.write("\r" + Self.eraseToEndOfLine) }
            shown = nil
        }
    }

    /// Runs `body` (which writes a whole line) with the status line taken away, then draws
    /// it again below.
    func whileCleared(_ body: () -> Void) {
        shown.withLock { shown in
            if shown != nil { Self.write("\r" + Self.eraseToEndOfLine) }
            body()
            if let shown { Self.write(shown + Self.eraseToEndOfLine) }
        }
    }

    private static let eraseToEndOfLine = "\u{1B}[K"

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The terminal's width, so that a long line never wraps (a wrapped line is not
    /// rewritten by `\r`, and the run would scroll after all).
    private static func columns() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 else { return 80 }
        return Int(size.ws_col)
    }
}

/// swift-log's standard-error handler, with the terminal's status line kept out of the way.
struct StatusLineLogHandler: LogHandler {
    var inner: StreamLogHandler
    let statusLine: TerminalStatusLine

    func log(event: LogEvent) {
        statusLine.whileCleared { inner.log(event: event) }
    }

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set { inner.metadataProvider = newValue }
    }

    var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }
}

/// Draws each feed's progress on the status line, at most a few times a second (a year's
/// small files load faster than a terminal is worth redrawing), and takes it away when the
/// feed is done: the feed's summary line, logged next, stays in its place.
final class TerminalIngestProgress: IngestProgressObserver {
    private let statusLine: TerminalStatusLine
    private var lastDrawn: DispatchTime?
    static let redrawNanoseconds: UInt64 = 200_000_000

    init(statusLine: TerminalStatusLine) {
        self.statusLine = statusLine
    }

    func feedProgressed(_ progress: FeedProgress) {
        let now = DispatchTime.now()
        if let lastDrawn, now.uptimeNanoseconds - lastDrawn.uptimeNanoseconds < Self.redrawNanoseconds,
           !progress.isFinished {
            return
        }
        lastDrawn = now
        statusLine.show(progress.progressLine)
    }

    func feedFinished(_ progress: FeedProgress) {
        clear()
    }

    func clear() {
        lastDrawn = nil
        statusLine.clear()
    }
}
