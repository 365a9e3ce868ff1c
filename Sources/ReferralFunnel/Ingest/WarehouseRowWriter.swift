/// Stores the rows one `ExportFileReader` maps: snapshot rows are inserted as they come;
/// web events are folded into sessions and form submissions, written by `finish()`.
/// The caller owns the transaction.
struct WarehouseRowWriter: MappedRowConsumer {
    private let database: Database
    private let fileID: Int64
    private let snapshotInsert: Statement?
    private var sessions = WebSessionReducer()

    init(database: Database, feed: FeedKind, fileID: Int64) throws {
        self.database = database
        self.fileID = fileID
        switch feed {
        case .web: snapshotInsert = nil
        case .intake: snapshotInsert = try database.prepare(IntakeRowMapper.insertSQL)
        case .scheduling: snapshotInsert = try database.prepare(SchedulingRowMapper.insertSQL)
        }
    }

    mutating func consumeSnapshotRow(_ values: [DatabaseValue]) throws {
        try snapshotInsert?.run(values)
    }

    mutating func consumeWebEvent(_ event: WebEvent, line: Int) {
        sessions.add(event, line: line)
    }

    /// Writes what was held back until the whole file was read (the web sessions).
    func finish() throws {
        guard !sessions.sessions.isEmpty || !sessions.submissions.isEmpty else { return }
        let insertSession = try database.prepare("""
            insert into web_session_parts (session_id, file_id, first_event_at, first_event_line, first_utm_source,
                first_referrer_host, last_event_at, event_count, has_page_view, has_form_start, has_form_submit)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (sessionID, part) in sessions.sessions {
            try insertSession.run([
                .text(sessionID), .integer(fileID), .integer(part.firstEventAt.microsecondsSinceEpoch),
                .integer(Int64(part.firstEventLine)), part.firstUTMSource.databaseValue, part.firstReferrerHost.databaseValue,
                .integer(part.lastEventAt.microsecondsSinceEpoch), .integer(Int64(part.eventCount)),
                .integer(part.hasPageView ? 1 : 0), .integer(part.hasFormStart ? 1 : 0), .integer(part.hasFormSubmit ? 1 : 0),
            ])
        }
        let insertSubmission = try database.prepare(
            "insert into web_form_submits (submission_id, file_id, line, session_id, submitted_at) values (?, ?, ?, ?, ?)")
        for (submissionID, submission) in sessions.submissions {
            try insertSubmission.run([
                .text(submissionID), .integer(fileID), .integer(Int64(submission.line)),
                .text(submission.sessionID), .integer(submission.submittedAt.microsecondsSinceEpoch),
            ])
        }
    }
}
