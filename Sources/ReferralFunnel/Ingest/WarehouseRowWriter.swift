/// The rows one `ExportFileReader` mapped, held until the file has a ledger id: snapshot
/// rows as mapped, web events folded into sessions and form submissions. Built on a parsing
/// thread, handed to the writer thread; memory follows one file, not the history.
struct CollectedRows: MappedRowConsumer, Sendable {
    private(set) var snapshotRows: [[DatabaseValue]] = []
    private(set) var sessions = WebSessionReducer()

    mutating func consumeSnapshotRow(_ values: [DatabaseValue]) {
        snapshotRows.append(values)
    }

    mutating func consumeWebEvent(_ event: WebEvent, line: Int) {
        sessions.add(event, line: line)
    }
}

/// Stores one file's collected rows under its ledger id. The caller owns the transaction.
struct WarehouseRowWriter {
    let database: Database

    func write(_ rows: CollectedRows, feed: FeedKind, fileID: Int64) throws {
        switch feed {
        case .web:
            try writeSessions(rows.sessions, fileID: fileID)
        case .intake:
            try writeSnapshotRows(rows.snapshotRows, insertSQL: IntakeRowMapper.insertSQL, fileID: fileID)
        case .scheduling:
            try writeSnapshotRows(rows.snapshotRows, insertSQL: SchedulingRowMapper.insertSQL, fileID: fileID)
        }
    }

    private func writeSnapshotRows(_ rows: [[DatabaseValue]], insertSQL: String, fileID: Int64) throws {
        guard !rows.isEmpty else { return }
        let insert = try database.prepare(insertSQL)
        for values in rows {
            try insert.run(values, after: .integer(fileID))
        }
    }

    private func writeSessions(_ sessions: WebSessionReducer, fileID: Int64) throws {
        guard !sessions.sessions.isEmpty || !sessions.submissions.isEmpty else { return }
        let insertSession = try database.prepare("""
            insert into web_session_parts (session_id, file_id, first_event_at, first_event_line, first_utm_source,
                first_referrer_host, last_event_at, event_count, has_page_view, has_form_start, has_form_submit,
                first_utm_medium, first_utm_campaign, first_page_view_at, first_page_view_line, landing_page)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // In key order (file, line), so a file's rows append to the end of the table's B-tree.
        // The lines are sorted with the parts' places, not the parts: a part is over a hundred
        // bytes, and moving whole parts was the sort's main cost.
        let parts = sessions.sessions
        let order = parts.indices.map { (line: parts.values[$0].firstEventLine, index: $0) }.sorted { $0.line < $1.line }
        for (_, index) in order {
            let (sessionID, part) = parts[index]
            try insertSession.run { row in
                try row.bind(sessionID, at: 1)
                try row.bind(fileID, at: 2)
                try row.bind(part.firstEventAt.microsecondsSinceEpoch, at: 3)
                try row.bind(Int64(part.firstEventLine), at: 4)
                try row.bind(part.firstUTMSource, at: 5)
                try row.bind(part.firstReferrerHost, at: 6)
                try row.bind(part.lastEventAt.microsecondsSinceEpoch, at: 7)
                try row.bind(Int64(part.eventCount), at: 8)
                try row.bind(Int64(part.hasPageView ? 1 : 0), at: 9)
                try row.bind(Int64(part.hasFormStart ? 1 : 0), at: 10)
                try row.bind(Int64(part.hasFormSubmit ? 1 : 0), at: 11)
                try row.bind(part.firstUTMMedium, at: 12)
                try row.bind(part.firstUTMCampaign, at: 13)
                try row.bind(part.firstPageViewAt?.microsecondsSinceEpoch, at: 14)
                try row.bind(part.firstPageViewLine.map(Int64.init), at: 15)
                try row.bind(part.landingPage, at: 16)
            }
        }
        let insertSubmission = try database.prepare(
            "insert into web_form_submits (submission_id, file_id, line, session_id, submitted_at) values (?, ?, ?, ?, ?)")
        for (submissionID, submission) in sessions.submissions.sorted(by: { $0.value.line < $1.value.line }) {
            try insertSubmission.run { row in
                try row.bind(submissionID, at: 1)
                try row.bind(fileID, at: 2)
                try row.bind(Int64(submission.line), at: 3)
                try row.bind(submission.sessionID, at: 4)
                try row.bind(submission.submittedAt.microsecondsSinceEpoch, at: 5)
            }
        }
    }
}
