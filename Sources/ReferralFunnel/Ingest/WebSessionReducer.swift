/// Folds one file's web events into one row per session and one per form submission, so
/// the warehouse stores sessions, not events. Memory follows the sessions in one file.
struct WebSessionReducer {
    struct SessionPart {
        var firstEventAt: Instant
        var firstEventLine: Int
        var firstUTMSource: String?
        var firstReferrerHost: String?
        /// The first event's campaign (SPEC 4.1): each the field, else the page's query string.
        var firstUTMMedium: String?
        var firstUTMCampaign: String?
        /// The part's first page_view (by ts, then line) and its page reduced to a masked
        /// path (SPEC 4.1): the session's landing page when this part holds its first one.
        var firstPageViewAt: Instant?
        var firstPageViewLine: Int?
        var landingPage: String?
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
            part.takeCampaign(of: event)
            part.mark(event, line: line)
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
            takeCampaign(of: event)
        }
        lastEventAt = max(lastEventAt, event.occurredAt)
        eventCount += 1
        mark(event, line: line)
    }

    /// The campaign of the part's first event: read only for the events that are, or replace,
    /// it, so the query string is parsed about once per session.
    mutating func takeCampaign(of event: WebEvent) {
        firstUTMMedium = event.utmMediumField
        firstUTMCampaign = event.utmCampaignField
        // The fields were cleaned as they were read (FieldReaders.name); a value taken from the
        // page's query string is cleaned here, the one place it is read.
        if firstUTMMedium == nil || firstUTMCampaign == nil, let page = event.page, WebAddress.hasQuestionMark(page) {
            let fromQuery = WebAddress.queryParameters(["utm_medium", "utm_campaign"], in: page)
            firstUTMMedium = firstUTMMedium ?? Self.cleaned(fromQuery[0])
            firstUTMCampaign = firstUTMCampaign ?? Self.cleaned(fromQuery[1])
        }
    }

    /// A query-string value without control characters; nil when nothing is left.
    private static func cleaned(_ value: String?) -> String? {
        guard let value else { return nil }
        let name = FieldReaders.removingControlCharacters(value)?.name ?? value
        return name.isEmpty ? nil : name
    }

    mutating func mark(_ event: WebEvent, line: Int) {
        switch event.event {
        case "page_view":
            hasPageView = true
            // The earliest page_view by ts, then line (lines arrive in order, so only a
            // strictly earlier ts replaces one); its path is reduced and masked only then.
            if let page = event.page, firstPageViewAt.map({ event.occurredAt < $0 }) ?? true {
                firstPageViewAt = event.occurredAt
                firstPageViewLine = line
                landingPage = LandingPagePath.path(of: page)
            }
        case "form_start": hasFormStart = true
        case "form_submit": hasFormSubmit = true
        default: break
        }
    }
}
