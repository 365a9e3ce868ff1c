/// The data-quality summaries the page and the workbook both show, so that a year of nightly
/// files (over a thousand) reads as a few rows per feed: only sums and groupings of the
/// model's own rows, in one place.
extension DataQuality {
    /// One feed's files whose data falls in one local month (`month` nil: nothing loaded).
    public struct MonthOfFiles: Sendable, Equatable {
        public var feed: String
        public var month: String?
        public var files: [IngestedFile]

        public var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
        public var rowsLoaded: Int { files.reduce(0) { $0 + $1.rowsLoaded } }
        public var rowsQuarantined: Int { files.reduce(0) { $0 + $1.rowsQuarantined } }
        public var warnings: Int { files.reduce(0) { $0 + $1.warnings } }
        public var heldBack: Int { files.filter { $0.heldBackReason != nil }.count }
    }

    /// Feeds in the order their files come, then months newest first, files with nothing
    /// loaded last.
    public var filesByFeedAndMonth: [MonthOfFiles] {
        var feeds: [String] = []
        for file in files where !feeds.contains(file.feed) { feeds.append(file.feed) }
        return feeds.flatMap { feed -> [MonthOfFiles] in
            let ofFeed = files.filter { $0.feed == feed }
            let months = Set(ofFeed.map { $0.dataMonth ?? "" }).sorted { lhs, rhs in
                lhs.isEmpty != rhs.isEmpty ? !lhs.isEmpty : lhs > rhs
            }
            return months.map { month in
                MonthOfFiles(feed: feed, month: month.isEmpty ? nil : month,
                             files: ofFeed.filter { ($0.dataMonth ?? "") == month })
            }
        }
    }

    /// Quarantined rows and warnings of one feed, column and reason, over every file.
    public struct QuarantineReason: Sendable, Equatable {
        public var feed: String?
        public var column: String?
        public var reason: String
        public var isWarning: Bool
        public var rows: Int
        public var files: Int
    }

    /// `quarantine` added up by feed, column, reason and kind, in first-seen order: a year
    /// repeats a few reasons over hundreds of files.
    public var quarantineByReason: [QuarantineReason] {
        let feedByPath = Dictionary(files.map { ($0.path, $0.feed) }, uniquingKeysWith: { first, _ in first })
        var reasons: [QuarantineReason] = []
        for group in quarantine {
            let feed = feedByPath[group.path]
            if let index = reasons.firstIndex(where: {
                $0.feed == feed && $0.column == group.column && $0.reason == group.reason && $0.isWarning == group.isWarning
            }) {
                reasons[index].rows += group.count
                reasons[index].files += 1
            } else {
                reasons.append(QuarantineReason(feed: feed, column: group.column, reason: group.reason,
                                                isWarning: group.isWarning, rows: group.count, files: 1))
            }
        }
        return reasons
    }
}
