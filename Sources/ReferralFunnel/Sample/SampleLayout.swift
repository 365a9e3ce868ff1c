/// How the sample practice's exports are spelled: the canonical layout of SPEC section 2,
/// or a second vendor's (other column names and order, status labels, US timestamps) that
/// `pipelines/vendor-export.yml` maps back onto the canonical one.
public enum SampleLayout: String, CaseIterable, Sendable {
    case canonical
    case vendor

    // MARK: intake

    /// Canonical column → vendor column, in the vendor's column order.
    public static let vendorIntakeColumns: [(canonical: String, vendor: String)] = [
        ("referral_id", "Referral ID"), ("status", "Referral Status"), ("received_at", "Date Received"),
        ("referring_practice", "Referring Practice Name"), ("referring_provider", "Referring Provider"),
        ("referring_npi", "Referring Provider NPI"), ("channel", "Source Channel"), ("service_line", "Specialty"),
        ("patient_id", "MRN"), ("submission_id", "Web Submission ID"), ("missing_items", "Missing Documentation"),
        ("confirmed_at", "Confirmation Sent"), ("updated_at", "Last Modified"),
    ]
    public static let vendorIntakeStatuses: [(vendor: String, canonical: String)] = [
        ("New", "received"), ("Accepted", "accepted"), ("Declined", "declined"),
        ("Returned - Incomplete", "returned"), ("Cancelled", "cancelled"),
    ]
    public static let vendorSchedulingColumns: [(canonical: String, vendor: String)] = [
        ("appointment_id", "Appt ID"), ("patient_id", "MRN"), ("referral_id", "Referral ID"),
        ("starts_at", "Appt Date/Time"), ("status", "Appt Status"), ("visit_type", "Visit Type"),
        ("department", "Department"), ("provider", "Provider"), ("booked_at", "Created Date"),
        ("note_sent_at", "Consult Note Sent"), ("updated_at", "Last Modified"),
    ]
    public static let vendorSchedulingStatuses: [(vendor: String, canonical: String)] = [
        ("Scheduled", "scheduled"), ("Checked Out", "completed"), ("No Show", "no_show"),
        ("Cancelled", "cancelled"), ("Rescheduled", "rescheduled"),
    ]
    public static let vendorWebFields: [(canonical: String, vendor: String)] = [
        ("ts", "timestamp"), ("event", "type"), ("session_id", "sessionId"), ("visitor_id", "visitorId"),
        ("page", "url"), ("referrer", "referrerUrl"), ("utm_source", "utmSource"), ("utm_medium", "utmMedium"),
        ("utm_campaign", "utmCampaign"), ("form_id", "formName"), ("submission_id", "submissionId"),
    ]
    public static let vendorWebEvents: [(vendor: String, canonical: String)] = [
        ("pageview", "page_view"), ("form_open", "form_start"), ("form_submitted", "form_submit"),
        ("form_validation_error", "form_error"),
    ]

    func intakeHeader() -> [String] {
        self == .canonical ? FeedKind.intake.columns : Self.vendorIntakeColumns.map(\.vendor)
    }

    func intakeFields(_ row: SampleIntakeRow) -> [String] {
        let values: [String: String] = [
            "referral_id": row.referralID, "received_at": timestamp(row.receivedAt, web: false),
            "channel": row.channel, "referring_practice": row.referringPractice,
            "referring_npi": row.referringNPI, "referring_provider": row.referringProvider,
            "service_line": row.serviceLine, "patient_id": row.patientID, "submission_id": row.submissionID,
            "missing_items": row.missingItems, "status": status(row.status, Self.vendorIntakeStatuses),
            "confirmed_at": row.confirmedAt.map { timestamp($0, web: false) } ?? "",
            "updated_at": row.updatedAt.map { timestamp($0, web: false) } ?? "",
        ]
        let columns = self == .canonical ? FeedKind.intake.columns : Self.vendorIntakeColumns.map(\.canonical)
        return limited(columns.map { values[$0] ?? "" }, row.fieldLimit)
    }

    // MARK: scheduling

    func schedulingHeader() -> [String] {
        self == .canonical ? FeedKind.scheduling.columns : Self.vendorSchedulingColumns.map(\.vendor)
    }

    func appointmentFields(_ row: SampleAppointmentRow) -> [String] {
        let values: [String: String] = [
            "appointment_id": row.appointmentID, "referral_id": row.referralID, "patient_id": row.patientID,
            "booked_at": timestamp(row.bookedAt, web: false), "starts_at": timestamp(row.startsAt, web: false),
            "status": status(row.status, Self.vendorSchedulingStatuses), "department": row.department,
            "provider": row.provider, "visit_type": row.visitType,
            "note_sent_at": row.noteSentAt.map { timestamp($0, web: false) } ?? "",
            "updated_at": row.updatedAt.map { timestamp($0, web: false) } ?? "",
        ]
        let columns = self == .canonical ? FeedKind.scheduling.columns : Self.vendorSchedulingColumns.map(\.canonical)
        return limited(columns.map { values[$0] ?? "" }, row.fieldLimit)
    }

    // MARK: web

    func webLine(_ event: SampleWebEvent) -> String {
        var line = "{"
        var first = true
        func name(_ canonical: String) -> String {
            guard self == .vendor else { return canonical }
            return Self.vendorWebFields.first { $0.canonical == canonical }?.vendor ?? canonical
        }
        func add(_ key: String, raw: String) {
            if !first { line += "," }
            first = false
            line += JSONText.quoted(key) + ":" + raw
        }
        func add(_ key: String, _ value: String?) {
            if let value { add(key, raw: JSONText.quoted(value)) }
        }
        switch event.ts {
        case let .malformed(canonical, vendor) where canonical.hasPrefix("#"):
            // A bare JSON number: the `#` marks a ts that is not a string.
            add(name("ts"), raw: String((self == .canonical ? canonical : vendor).dropFirst()))
        default:
            add(name("ts"), timestamp(event.ts, web: true))
        }
        add(name("event"), status(event.event, Self.vendorWebEvents))
        add(name("session_id"), event.sessionID)
        if event.visitorIDAsObject, let visitor = event.visitorID {
            add(name("visitor_id"), raw: "{\"id\":" + JSONText.quoted(visitor) + "}")
        } else {
            add(name("visitor_id"), event.visitorID)
        }
        add(name("page"), event.page)
        add(name("referrer"), event.referrer)
        add(name("utm_source"), event.utmSource)
        add(name("utm_medium"), event.utmMedium)
        add(name("utm_campaign"), event.utmCampaign)
        add(name("form_id"), event.formID)
        add(name("submission_id"), event.submissionID)
        add(self == .canonical ? "user_agent" : "userAgent", event.userAgent)
        line += "}"
        if let share = event.truncatedAt {
            let bytes = Array(line.utf8)
            line = String(decoding: bytes.prefix(max(1, Int(Double(bytes.count) * share))), as: UTF8.self)
        }
        return line
    }

    // MARK: values

    private func timestamp(_ value: SampleTimestamp, web: Bool) -> String {
        switch (value, self) {
        case let (.at(milliseconds, shape), .canonical):
            return TimestampText.canonical(milliseconds, shape)
        case let (.at(milliseconds, _), .vendor):
            return web ? TimestampText.vendorISO(milliseconds) : TimestampText.vendorUS(milliseconds)
        case let (.malformed(canonical, _), .canonical):
            return canonical
        case let (.malformed(_, vendor), .vendor):
            return vendor
        }
    }

    /// The vendor's label for a canonical status; a value outside the list (an unknown
    /// status) keeps its vendor spelling, which the mapping does not know either.
    private func status(_ canonical: String, _ labels: [(vendor: String, canonical: String)]) -> String {
        guard self == .vendor else { return canonical }
        if let label = labels.first(where: { $0.canonical == canonical }) { return label.vendor }
        return canonical.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    private func limited(_ fields: [String], _ limit: Int?) -> [String] {
        guard let limit else { return fields }
        return Array(fields.prefix(limit))
    }
}
