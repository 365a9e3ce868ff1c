/// Maps one intake CSV row (SPEC section 2.3) onto the `intake_rows` columns after
/// `file_id`, which the writer binds: rows are mapped before their file has a ledger id.
struct IntakeRowMapper {
    let readers: FieldReaders
    let hasher: PatientIdentifierHasher.Keyed

    static let insertSQL = """
        insert into intake_rows (file_id, line, referral_id, received_at, channel, referring_practice,
            referring_npi, referring_provider, service_line, patient_key, submission_id, missing_items,
            status, confirmed_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The row's values, and the newest instant it carries (for the feed's freshness).
    func values(of row: CSVRow, line: Int,
                warnings: inout [QuarantineEntry]) throws(RowProblem) -> (values: [DatabaseValue], latest: Instant) {
        let referralID = try row.required("referral_id")
        let receivedAt = try readers.requiredInstant(try row.required("received_at"), time: row.time("received_at"), column: "received_at")
        let status = try readers.status(try row.required("status"))
        let confirmedAt = readers.optionalInstant(row.text("confirmed_at"), time: row.time("confirmed_at"), column: "confirmed_at",
                                                line: line, warnings: &warnings)
        let updatedAt = readers.optionalInstant(row.text("updated_at"), time: row.time("updated_at"), column: "updated_at",
                                                line: line, warnings: &warnings)
        func name(_ column: String) -> DatabaseValue {
            readers.name(row.text(column), column: column, line: line, warnings: &warnings).databaseValue
        }
        return ([
            .integer(Int64(line)), .text(referralID),
            .integer(receivedAt.microsecondsSinceEpoch),
            name("channel"),
            readers.sourceName(row.text("referring_practice"), column: "referring_practice", line: line,
                               warnings: &warnings).databaseValue,
            name("referring_npi"),
            name("referring_provider"),
            name("service_line"),
            row.text("patient_id").map(hasher.hash).databaseValue,
            row.text("submission_id").databaseValue,
            .text(readers.name(row.text("missing_items"), column: "missing_items", line: line, warnings: &warnings) ?? ""),
            .text(status),
            confirmedAt.map(\.microsecondsSinceEpoch).databaseValue,
            updatedAt.map(\.microsecondsSinceEpoch).databaseValue,
        ], max(receivedAt, updatedAt ?? receivedAt))
    }
}

/// Maps one scheduling CSV row (SPEC section 2.4) onto the `appointment_rows` columns
/// after `file_id`, which the writer binds.
struct SchedulingRowMapper {
    let readers: FieldReaders
    let hasher: PatientIdentifierHasher.Keyed

    static let insertSQL = """
        insert into appointment_rows (file_id, line, appointment_id, referral_id, patient_key, booked_at,
            starts_at, status, department, provider, visit_type, note_sent_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The row's values, and the newest instant it carries (for the feed's freshness).
    func values(of row: CSVRow, line: Int,
                warnings: inout [QuarantineEntry]) throws(RowProblem) -> (values: [DatabaseValue], latest: Instant) {
        let appointmentID = try row.required("appointment_id")
        let patientKey = hasher.hash(try row.required("patient_id"))
        let bookedAt = try readers.requiredInstant(try row.required("booked_at"), time: row.time("booked_at"), column: "booked_at")
        let startsAt = try readers.requiredInstant(try row.required("starts_at"), time: row.time("starts_at"), column: "starts_at")
        let status = try readers.status(try row.required("status"))
        let noteSentAt = readers.optionalInstant(row.text("note_sent_at"), time: row.time("note_sent_at"), column: "note_sent_at",
                                                line: line, warnings: &warnings)
        let updatedAt = readers.optionalInstant(row.text("updated_at"), time: row.time("updated_at"), column: "updated_at",
                                                line: line, warnings: &warnings)
        func name(_ column: String) -> DatabaseValue {
            readers.name(row.text(column), column: column, line: line, warnings: &warnings).databaseValue
        }
        return ([
            .integer(Int64(line)), .text(appointmentID),
            row.text("referral_id").databaseValue,
            .text(patientKey),
            .integer(bookedAt.microsecondsSinceEpoch),
            .integer(startsAt.microsecondsSinceEpoch),
            .text(status),
            name("department"),
            name("provider"),
            name("visit_type"),
            noteSentAt.map(\.microsecondsSinceEpoch).databaseValue,
            updatedAt.map(\.microsecondsSinceEpoch).databaseValue,
        ], max(bookedAt, updatedAt ?? bookedAt))
    }
}
