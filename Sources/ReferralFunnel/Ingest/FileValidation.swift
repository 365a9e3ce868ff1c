/// What ingest would do with one export (SPEC section 5), as `validate` reports it.
public struct FileValidation: Sendable, Equatable {
    /// Rows sharing one problem: the column, the reason, and where.
    public struct ProblemGroup: Sendable, Equatable {
        public var column: String?
        public var reason: String
        public var isWarning: Bool
        public var count: Int
        /// Line numbers in file order; at most `FileValidation.linesPerGroup`.
        public var lines: [Int]
    }

    /// Line numbers listed per problem group; the count covers the rest.
    public static let linesPerGroup = 20

    public var feed: FeedKind
    public var path: String
    public var rowsRead: Int
    /// Rows that would load: zero when the file would be held back.
    public var rowsToLoad: Int
    public var rowsQuarantined: Int
    public var warnings: Int
    /// Nil when the file would load.
    public var heldBackReason: String?
    /// Quarantined rows first, then warnings, each in order of their first line.
    public var problems: [ProblemGroup]

    public var isHeldBack: Bool { heldBackReason != nil }

    init(feed: FeedKind, path: String, reading: ExportFileReading, heldBackReason: String?) {
        self.feed = feed
        self.path = path
        self.rowsRead = reading.rowsRead
        self.rowsToLoad = heldBackReason == nil ? reading.rowsMapped : 0
        self.rowsQuarantined = reading.rowsQuarantined
        self.warnings = reading.warnings
        self.heldBackReason = heldBackReason
        self.problems = Self.group(reading.entries)
    }

    private struct GroupKey: Hashable {
        var column: String?
        var reason: String
        var isWarning: Bool
    }

    private static func group(_ entries: [QuarantineEntry]) -> [ProblemGroup] {
        var order: [GroupKey] = []
        var groups: [GroupKey: ProblemGroup] = [:]
        for entry in entries {
            let key = GroupKey(column: entry.column, reason: entry.reason, isWarning: entry.isWarning)
            if groups[key] == nil {
                order.append(key)
                groups[key] = ProblemGroup(column: entry.column, reason: entry.reason, isWarning: entry.isWarning,
                                           count: 0, lines: [])
            }
            groups[key]?.count += 1
            if let count = groups[key]?.lines.count, count < linesPerGroup {
                groups[key]?.lines.append(entry.line)
            }
        }
        let ordered = order.compactMap { groups[$0] }
        return ordered.filter { !$0.isWarning } + ordered.filter(\.isWarning)
    }
}
