/// Folds one file's web events into one row per session and one per form submission, so
/// the warehouse stores sessions, not events. Memory follows the sessions in one file.
struct WebSessionReducer {
    struct SessionPart {
        var firstEventAt: Instant
        var firstEventLine: Int
        var firstUTMSource: String?
        var firstReferrerHost: String?
        var lastEventAt: Instant
        var eventCount = 1
        var hasPageView = false
        var hasFormStart = false
        var hasFormSubmit = false
    }

    struct Submission {
        var sessionID: String
        var submittedAt: Instant
        var line: Int
    }

    private(set) var sessions: [String: SessionPart] = [:]
    private(set) var submissions: [String: Submission] = [:]

    mutating func add(_ event: WebEvent, line: Int) {
        // One hash of the session id per event, and the part updated where it is stored.
        if let index = sessions.index(forKey: event.sessionID) {
            sessions.values[index].merge(event, line: line)
        } else {
            var part = SessionPart(firstEventAt: event.occurredAt, firstEventLine: line,
                                   firstUTMSource: event.utmSource, firstReferrerHost: event.referrerHost,
                                   lastEventAt: event.occurredAt)
            part.mark(event.event)
            sessions[event.sessionID] = part
        }
        if let submissionID = event.submissionID {
            if let existing = submissions[submissionID], existing.submittedAt <= event.occurredAt {
                return
            }
            submissions[submissionID] = Submission(sessionID: event.sessionID, submittedAt: event.occurredAt, line: line)
        }
    }
}

extension WebSessionReducer.SessionPart {
    mutating func merge(_ event: WebEvent, line: Int) {
        // Within a file, the first event is the earliest by ts, then by line; lines arrive
        // in order, so only a strictly earlier ts replaces it.
        if event.occurredAt < firstEventAt {
            firstEventAt = event.occurredAt
            firstEventLine = line
            firstUTMSource = event.utmSource
            firstReferrerHost = event.referrerHost
        }
        lastEventAt = max(lastEventAt, event.occurredAt)
        eventCount += 1
        mark(event.event)
    }

    mutating func mark(_ event: String) {
        switch event {
        case "page_view": hasPageView = true
        case "form_start": hasFormStart = true
        case "form_submit": hasFormSubmit = true
        default: break
        }
    }
}
