/// The three kinds of export the pipeline reads, with the canonical layouts of
/// SPEC section 2. A config maps other layouts onto these names.
public enum FeedKind: String, CaseIterable, Sendable, Codable {
    case web
    case intake
    case scheduling

    /// Every canonical column (JSON field for the web feed), in the spec's order.
    public var columns: [String] {
        switch self {
        case .web:
            return ["ts", "event", "session_id", "visitor_id", "page", "referrer",
                    "utm_source", "utm_medium", "utm_campaign", "form_id", "submission_id"]
        case .intake:
            return ["referral_id", "received_at", "channel", "referring_practice", "referring_npi",
                    "referring_provider", "service_line", "patient_id", "submission_id",
                    "missing_items", "status", "confirmed_at", "updated_at"]
        case .scheduling:
            return ["appointment_id", "referral_id", "patient_id", "booked_at", "starts_at", "status",
                    "department", "provider", "visit_type", "note_sent_at", "updated_at"]
        }
    }

    /// Columns a row cannot do without; a header lacking one holds the whole file back.
    public var requiredColumns: [String] {
        switch self {
        case .web: return ["ts", "event", "session_id"]
        case .intake: return ["referral_id", "received_at", "status"]
        case .scheduling: return ["appointment_id", "patient_id", "booked_at", "starts_at", "status"]
        }
    }

    /// Columns holding timestamps (section 2.1).
    public var timestampColumns: [String] {
        switch self {
        case .web: return ["ts"]
        case .intake: return ["received_at", "confirmed_at", "updated_at"]
        case .scheduling: return ["booked_at", "starts_at", "note_sent_at", "updated_at"]
        }
    }

    /// The column whose values come from a closed list, and that list.
    public var statusColumn: String { self == .web ? "event" : "status" }

    public var statusValues: [String] {
        switch self {
        case .web: return ["page_view", "form_start", "form_submit", "form_error"]
        case .intake: return ["received", "accepted", "declined", "returned", "cancelled"]
        case .scheduling: return ["scheduled", "completed", "no_show", "cancelled", "rescheduled"]
        }
    }
}
