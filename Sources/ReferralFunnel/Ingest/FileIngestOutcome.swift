/// What happened to one input file in a run.
public struct FileIngestOutcome: Sendable, Equatable {
    public enum Disposition: Sendable, Equatable {
        case loaded
        /// Same content as a file already ingested: nothing read.
        case skippedAlreadyIngested
        /// Nothing from it loaded; the reason names the problem.
        case heldBack(reason: String)
    }

    public var feed: FeedKind
    public var path: String
    public var disposition: Disposition
    public var rowsRead = 0
    public var rowsLoaded = 0
    public var rowsQuarantined = 0
    public var warnings = 0
    public var bytes: Int64 = 0

    public var isHeldBack: Bool {
        if case .heldBack = disposition { return true }
        return false
    }
}
