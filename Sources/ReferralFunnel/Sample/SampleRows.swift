/// One intake snapshot row, in canonical terms; a layout decides how it is spelled.
public struct SampleIntakeRow: Sendable {
    public var referralID: String
    public var receivedAt: SampleTimestamp
    public var channel: String
    public var referringPractice: String
    public var referringNPI: String
    public var referringProvider: String
    public var serviceLine: String
    public var patientID: String
    public var submissionID: String
    public var missingItems: String
    public var status: String
    public var confirmedAt: SampleTimestamp?
    public var updatedAt: SampleTimestamp?
    /// When set, the line is cut after this many fields (a malformed row).
    public var fieldLimit: Int?
}

/// One scheduling snapshot row.
public struct SampleAppointmentRow: Sendable {
    public var appointmentID: String
    public var referralID: String
    public var patientID: String
    public var bookedAt: SampleTimestamp
    public var startsAt: SampleTimestamp
    public var status: String
    public var department: String
    public var provider: String
    public var visitType: String
    public var noteSentAt: SampleTimestamp?
    public var updatedAt: SampleTimestamp?
    public var fieldLimit: Int?
}

/// One web log line.
public struct SampleWebEvent: Sendable {
    public var ts: SampleTimestamp
    public var event: String
    public var sessionID: String?
    public var visitorID: String?
    /// A visitor id wrapped in an object: an optional field of the wrong JSON type.
    public var visitorIDAsObject = false
    public var page: String?
    public var referrer: String?
    public var utmSource: String?
    public var utmMedium: String?
    public var utmCampaign: String?
    public var formID: String?
    public var submissionID: String?
    /// A field the pipeline must ignore and never store (SPEC 2.2, 8).
    public var userAgent: String?
    /// When set, the line is cut at this share of its length: bad JSON.
    public var truncatedAt: Double?
}

/// The rows of one day's export file and how the file is encoded.
public struct SampleFile<Row: Sendable>: Sendable {
    public var rows: [Row] = []
    public var byteOrderMark = false
    public var crlf = false
}
