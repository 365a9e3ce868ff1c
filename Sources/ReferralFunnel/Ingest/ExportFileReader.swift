/// Reads one export through its feed's mapping, row by row: parses, maps and validates each
/// row, counts and keeps what is quarantined, and hands every usable row to a consumer.
/// The one place the per-row rules of SPEC section 5 live; ingest and `validate` differ
/// only in their consumer (the warehouse, or nothing), so both judge a file the same way.
struct ExportFileReader: Sendable {
    /// Rejected rows kept in memory per file (for a held-back file's record and the
    /// validation report); past this the rest are counted only.
    static let quarantineMemoryLimit = 100_000

    let feed: FeedConfig
    let readers: FieldReaders
    let hasher: PatientIdentifierHasher

    init(feed: FeedConfig, readers: FieldReaders, hasher: PatientIdentifierHasher) {
        self.feed = feed
        self.readers = readers
        self.hasher = hasher
    }

    /// Reads the whole file. Throws only when the file itself cannot be read.
    func read<Consumer: MappedRowConsumer>(_ path: String, into consumer: inout Consumer) throws -> ExportFileReading {
        var reading = ExportFileReading()
        switch feed.kind {
        case .web:
            try readWeb(path, into: &consumer, reading: &reading)
        case .intake, .scheduling:
            try readCSV(path, into: &consumer, reading: &reading)
        }
        return reading
    }

    // MARK: - CSV feeds

    private func readCSV<Consumer: MappedRowConsumer>(_ path: String, into consumer: inout Consumer,
                                                      reading: inout ExportFileReading) throws {
        var reader = try CSVReader(path: path)
        try mapCSV(&reader, into: &consumer, reading: &reading)
        (reading.sha256, reading.sizeBytes) = try reader.fingerprint()
    }

    private func mapCSV<Consumer: MappedRowConsumer>(_ reader: inout CSVReader, into consumer: inout Consumer,
                                                     reading: inout ExportFileReading) throws {
        var columns: CSVColumnMap?
        let keyedHasher = hasher.keyed()
        let intake = IntakeRowMapper(readers: readers, hasher: keyedHasher)
        let scheduling = SchedulingRowMapper(readers: readers, hasher: keyedHasher)

        while let result = reader.next() {
            guard let columnMap = columns else {
                switch result {
                case let .record(header):
                    do {
                        columns = try CSVColumnMap(header: header.fields, feed: feed)
                    } catch {
                        reading.headerProblem = error.reason
                        return
                    }
                case let .malformed(row):
                    reading.headerProblem = "the header row is unreadable (line \(row.lineNumber): \(row.reason))"
                    return
                }
                continue
            }
            reading.rowsRead += 1
            switch result {
            case let .malformed(row):
                reading.reject(.rejected(line: row.lineNumber, reason: row.reason, rawText: row.rawText))
            case let .record(record):
                guard record.fields.count == columnMap.headerCount else {
                    reading.reject(.rejected(line: record.lineNumber,
                                             reason: "row has \(record.fields.count) fields; the header has \(columnMap.headerCount)",
                                             rawText: record.rawText))
                    continue
                }
                let row = CSVRow(fields: record.fields, columns: columnMap)
                var warnings: [QuarantineEntry] = []
                do {
                    let mapped = feed.kind == .intake
                        ? try intake.values(of: row, line: record.lineNumber, warnings: &warnings)
                        : try scheduling.values(of: row, line: record.lineNumber, warnings: &warnings)
                    try consumer.consumeSnapshotRow(mapped.values)
                    reading.note(mapped.latest)
                    reading.accept(warnings: warnings)
                } catch let problem as RowProblem {
                    reading.reject(.rejected(line: record.lineNumber, column: problem.column, reason: problem.reason,
                                             rawText: record.rawText))
                }
            }
        }
        if let failure = reader.readFailure {
            throw failure
        }
        if columns == nil {
            reading.headerProblem = "the file is empty: no header row"
        }
    }

    // MARK: - Web feed

    private func readWeb<Consumer: MappedRowConsumer>(_ path: String, into consumer: inout Consumer,
                                                      reading: inout ExportFileReading) throws {
        var reader = try JSONLinesReader(path: path)
        try mapWeb(&reader, into: &consumer, reading: &reading)
        (reading.sha256, reading.sizeBytes) = try reader.fingerprint()
    }

    private func mapWeb<Consumer: MappedRowConsumer>(_ reader: inout JSONLinesReader, into consumer: inout Consumer,
                                                     reading: inout ExportFileReading) throws {
        let mapper = WebEventMapper(readers: readers)
        reader.keptKeys = mapper.readKeys
        reader.keepsRawTextOfObjects = false
        while let result = reader.next() {
            reading.rowsRead += 1
            switch result {
            case let .malformed(lineNumber, rawText, reason):
                reading.reject(.rejected(line: lineNumber, reason: reason, rawText: rawText))
            case let .object(object):
                var warnings: [QuarantineEntry] = []
                let event: WebEvent
                do {
                    event = try mapper.event(from: object, warnings: &warnings)
                } catch {
                    reading.reject(.rejected(line: object.lineNumber, column: error.column, reason: error.reason,
                                             rawText: reader.lastLineRawText()))
                    continue
                }
                try consumer.consumeWebEvent(event, line: object.lineNumber)
                reading.note(event.occurredAt)
                reading.accept(warnings: warnings)
            }
        }
        if let failure = reader.readFailure {
            throw failure
        }
    }
}

/// Where the rows an `ExportFileReader` maps go. Errors thrown here (the warehouse's) stop
/// the read; row problems never reach a consumer.
protocol MappedRowConsumer {
    /// One usable intake or scheduling row, as the values of its feed's insert statement
    /// after the leading `file_id`.
    mutating func consumeSnapshotRow(_ values: [DatabaseValue]) throws
    /// One usable web event and the line it came from.
    mutating func consumeWebEvent(_ event: WebEvent, line: Int) throws
}

/// A consumer that keeps nothing, for judging a file without loading it.
struct DiscardingRowConsumer: MappedRowConsumer {
    mutating func consumeSnapshotRow(_ values: [DatabaseValue]) {}
    mutating func consumeWebEvent(_ event: WebEvent, line: Int) {}
}
