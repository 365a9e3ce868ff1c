/// One web log event reduced to what the funnel keeps (SPEC sections 2.2 and 8).
struct WebEvent {
    var occurredAt: Instant
    var event: String
    var sessionID: String
    /// The `utm_source` field, else the page's query-string parameter; nil when none.
    var utmSource: String?
    var referrerHost: String?
    var submissionID: String?
}

/// Maps one JSON Lines object onto a `WebEvent`, through the feed's field names and event map.
struct WebEventMapper {
    let readers: FieldReaders

    /// The canonical fields this mapper reads (SPEC 2.2); every other field is ignored.
    static let canonicalFields = ["ts", "event", "session_id", "page", "referrer", "utm_source", "submission_id",
                                  "visitor_id", "utm_medium", "utm_campaign", "form_id"]

    /// The export's names of those fields, for the reader to keep and the rest to skip.
    var readKeys: JSONKeySet {
        JSONKeySet(Self.canonicalFields.map { readers.feed.exportName(of: $0) })
    }

    func event(from object: JSONObjectLine, warnings: inout [QuarantineEntry]) throws(RowProblem) -> WebEvent {
        let line = object.lineNumber
        func field(_ name: String) -> JSONValue? { object[readers.feed.exportName(of: name)] }

        /// Text of a required field; anything but a non-empty string or number costs the row.
        func requiredText(_ name: String) throws(RowProblem) -> String {
            switch field(name) {
            case let .string(text)? where !text.isEmpty: return text
            case let .number(text)?: return text
            case .bool?, .nested?: throw RowProblem(column: name, reason: "\(name) is not text")
            default: throw RowProblem(column: name, reason: "required value \(name) is missing")
            }
        }

        /// Text of an optional field; an object, list or boolean is dropped with a warning.
        func optionalText(_ name: String) -> String? {
            switch field(name) {
            case let .string(text)? where !text.isEmpty: return text
            case let .number(text)?: return text
            case .bool?, .nested?:
                warnings.append(.warning(line: line, column: name, reason: "\(name) is not text; loaded as empty"))
                return nil
            default: return nil
            }
        }

        guard case let .string(timestampText)? = field("ts") else {
            if field("ts") == nil || field("ts") == .null {
                throw RowProblem(column: "ts", reason: "required value ts is missing")
            }
            throw RowProblem(column: "ts", reason: "ts is not a string")
        }
        let occurredAt = try readers.requiredInstant(timestampText, column: "ts")
        let event = try readers.status(try requiredText("event"))
        let sessionID = try requiredText("session_id")
        let page = optionalText("page")
        let referrer = optionalText("referrer")
        var utmSource = optionalText("utm_source")
        let submissionID = optionalText("submission_id")
        _ = optionalText("visitor_id")
        _ = optionalText("utm_medium")
        _ = optionalText("utm_campaign")
        _ = optionalText("form_id")

        if event == "page_view" && page == nil {
            throw RowProblem(column: "page", reason: "page_view without page")
        }
        if event == "form_submit" && submissionID == nil {
            throw RowProblem(column: "submission_id", reason: "form_submit without submission_id")
        }
        if utmSource == nil, let page {
            utmSource = WebAddress.queryParameter("utm_source", in: page)
        }
        return WebEvent(occurredAt: occurredAt, event: event, sessionID: sessionID, utmSource: utmSource,
                        referrerHost: referrer.flatMap(WebAddress.host(of:)),
                        submissionID: event == "form_submit" ? submissionID : nil)
    }
}
