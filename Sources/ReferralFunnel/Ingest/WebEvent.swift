/// One web log event reduced to what the funnel keeps (SPEC sections 2.2 and 8).
struct WebEvent {
    var occurredAt: Instant
    var event: String
    var sessionID: String
    /// The `utm_source` field, else the page's query-string parameter; nil when none.
    var utmSource: String?
    var referrerHost: String?
    var submissionID: String?
    /// The `page` as written, query string included; the reducer keeps only the landing
    /// page's masked path and the first event's campaign read from it (SPEC 4.1 and 8), so
    /// the reduction happens once per session rather than for every event.
    var page: String?
    /// The `utm_medium` and `utm_campaign` fields as written (SPEC 4.1 reads the page's query
    /// string when a field is absent, for the session's first event only).
    var utmMediumField: String?
    var utmCampaignField: String?
}

/// Maps one JSON Lines object onto a `WebEvent`, through the feed's field names and event map.
struct WebEventMapper {
    /// The canonical fields this mapper reads (SPEC 2.2); every other field is ignored.
    enum Field: Int, CaseIterable {
        case timestamp, event, sessionID, page, referrer, utmSource, submissionID
        case visitorID, utmMedium, utmCampaign, formID

        var canonicalName: String {
            switch self {
            case .timestamp: "ts"
            case .event: "event"
            case .sessionID: "session_id"
            case .page: "page"
            case .referrer: "referrer"
            case .utmSource: "utm_source"
            case .submissionID: "submission_id"
            case .visitorID: "visitor_id"
            case .utmMedium: "utm_medium"
            case .utmCampaign: "utm_campaign"
            case .formID: "form_id"
            }
        }
    }

    let readers: FieldReaders
    /// The export's names of the fields, for the reader to keep and the rest to skip.
    let readKeys: JSONKeySet
    /// Each field's position in `readKeys` (two fields renamed to one column share one).
    private let keyIndexOfField: [Int]

    init(readers: FieldReaders) {
        self.readers = readers
        let exportNames = Field.allCases.map { readers.feed.exportName(of: $0.canonicalName) }
        // Read only to warn when not text; a name a config also gives a field whose text is
        // read keeps its text.
        let kindOnlyFields: [Field] = [.visitorID, .formID]
        let textFieldNames = Set(Field.allCases.filter { !kindOnlyFields.contains($0) }.map { exportNames[$0.rawValue] })
        readKeys = JSONKeySet(exportNames, kindOnly: Set(kindOnlyFields.map { exportNames[$0.rawValue] }).subtracting(textFieldNames))
        keyIndexOfField = exportNames.map { [readKeys] in readKeys.index(of: $0) ?? 0 }
    }

    func event(from object: JSONObjectLine, warnings: inout [QuarantineEntry]) throws(RowProblem) -> WebEvent {
        let line = object.lineNumber
        // One pass over the members, by the key positions the parser found: ten million
        // events made per-field searches with string comparisons a tenth of the ingest.
        // A later duplicate key replaces an earlier one, as in JavaScript. One slot per
        // `Field` case: the key set holds at most that many names.
        var values = InlineArray<11, JSONValue?>(repeating: nil)
        for member in object.members {
            if let index = member.keptKeyIndex ?? readKeys.index(of: member.key) {
                values[index] = member.value
            }
        }
        func value(of field: Field) -> JSONValue? { values[keyIndexOfField[field.rawValue]] }

        /// Text of a required field; anything but a non-empty string or number costs the row.
        func requiredText(_ field: Field) throws(RowProblem) -> String {
            let name = field.canonicalName
            switch value(of: field) {
            case let .string(text)? where !text.isEmpty: return text
            case let .number(text)?: return text
            case .bool?, .nested?: throw RowProblem(column: name, reason: "\(name) is not text")
            default: throw RowProblem(column: name, reason: "required value \(name) is missing")
            }
        }

        /// Text of an optional field; an object, list or boolean is dropped with a warning.
        func optionalText(_ field: Field) -> String? {
            switch value(of: field) {
            case let .string(text)? where !text.isEmpty: return text
            case let .number(text)?: return text
            case .bool?, .nested?:
                let name = field.canonicalName
                warnings.append(.warning(line: line, column: name, reason: "\(name) is not text; loaded as empty"))
                return nil
            default: return nil
            }
        }

        let timestamp = value(of: .timestamp)
        guard case let .string(timestampText)? = timestamp else {
            if timestamp == nil || timestamp == .null {
                throw RowProblem(column: "ts", reason: "required value ts is missing")
            }
            throw RowProblem(column: "ts", reason: "ts is not a string")
        }
        let occurredAt = try readers.requiredInstant(timestampText, column: "ts")
        let event = try readers.status(try requiredText(.event))
        let sessionID = try requiredText(.sessionID)
        let page = optionalText(.page)
        let referrer = optionalText(.referrer)
        var utmSource = readers.sourceName(optionalText(.utmSource), column: "utm_source", line: line, warnings: &warnings)
        let submissionID = optionalText(.submissionID)
        let utmMedium = readers.name(optionalText(.utmMedium), column: "utm_medium", line: line, warnings: &warnings)
        let utmCampaign = readers.name(optionalText(.utmCampaign), column: "utm_campaign", line: line, warnings: &warnings)
        _ = optionalText(.visitorID)
        _ = optionalText(.formID)

        if event == "page_view" && page == nil {
            throw RowProblem(column: "page", reason: "page_view without page")
        }
        if event == "form_submit" && submissionID == nil {
            throw RowProblem(column: "submission_id", reason: "form_submit without submission_id")
        }
        if utmSource == nil, let page {
            utmSource = readers.sourceName(WebAddress.queryParameter("utm_source", in: page), column: "page",
                                           describedAs: "the page's utm_source", line: line, warnings: &warnings)
        }
        return WebEvent(occurredAt: occurredAt, event: event, sessionID: sessionID, utmSource: utmSource,
                        referrerHost: readers.referrerHost(referrer, line: line, warnings: &warnings),
                        submissionID: event == "form_submit" ? submissionID : nil,
                        page: page, utmMediumField: utmMedium, utmCampaignField: utmCampaign)
    }
}
