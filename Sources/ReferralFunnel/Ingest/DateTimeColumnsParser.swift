/// Reads a timestamp whose date and time are in two export columns (SPEC 6.1) as one local
/// timestamp in the pipeline's zone: an empty time is midnight.
///
/// With patterns (two, or one for the joined value split where its time begins), each
/// column's value is matched against its own part into one set of fields, so no joined
/// string is built per row. With a named format (`automatic`, `iso8601`, `us`), the two
/// values are read as the date, a space and the time, the form those shapes take.
struct DateTimeColumnsParser: Sendable {
    private enum Method: Sendable {
        case patterns(date: TimestampPattern, time: TimestampPattern)
        case joinedWithSpace

        var isJoined: Bool {
            if case .joinedWithSpace = self { return true }
            return false
        }
    }

    let format: TimestampFormat
    /// Resolves fields in the zone (and reads joined values for a named format).
    private let parser: TimestampParser
    private let method: Method

    init(format: TimestampFormat, rules: TimeZoneRules) throws {
        self.format = format
        switch Self.method(for: format) {
        case let .success(method):
            self.method = method
            parser = try TimestampParser(format: method.isJoined ? format : .automatic, rules: rules)
        case let .failure(problem):
            throw IngestError.unusableTimestampFormat(format: format.description, problem: problem.message)
        }
    }

    /// Why a format cannot read a timestamp in two columns, or nil when it can.
    static func problem(with format: TimestampFormat) -> String? {
        if case let .failure(problem) = method(for: format) { return problem.message }
        return nil
    }

    private static func method(for format: TimestampFormat) -> Result<Method, TimestampPattern.Problem> {
        switch format {
        case .automatic, .iso8601, .us:
            return .success(Method.joinedWithSpace)
        case .excelSerial:
            return .failure(.init(message: "excel_serial cannot read a date and a time in two columns; "
                + "give two patterns, [date, time]"))
        case let .pattern(text):
            return TimestampPattern.compile(text).flatMap { $0.splitAtTime() }
                .map { Method.patterns(date: $0.date, time: $0.time) }
        case let .dateAndTimePatterns(dateText, timeText):
            let date = TimestampPattern.compile(dateText).mapError {
                TimestampPattern.Problem(message: "the date pattern '\(dateText)': \($0.message)")
            }
            let time = TimestampPattern.compile(timeText, requiresDate: false).mapError {
                TimestampPattern.Problem(message: "the time pattern '\(timeText)': \($0.message)")
            }
            return date.flatMap { date in time.flatMap { TimestampPattern.dateAndTime(date: date, time: $0) } }
                .map { Method.patterns(date: $0.date, time: $0.time) }
        }
    }

    /// The instant of a date and an optional time (nil when the time cell is empty), or nil
    /// when they are a bad value.
    func parse(date: String, time: String?) -> Instant? {
        switch method {
        case let .patterns(datePattern, timePattern):
            return read(date: date, time: time, datePattern, timePattern).flatMap { parser.instantInAcceptedRange($0) }
        case .joinedWithSpace:
            return joined(date: date, time: time) { parser.parse(utf8: $0) }
        }
    }

    /// Why a date and time that `parse` rejects are a bad value, after `column`'s name.
    func rejectionReason(date: String, time: String?, column: String, exportColumns: DateTimeColumns) -> String {
        let columns = "'\(exportColumns.date)' and '\(exportColumns.time)'"
        switch method {
        case let .patterns(datePattern, timePattern):
            if let fields = read(date: date, time: time, datePattern, timePattern) {
                return parser.isOutsideAcceptedRange(fields)
                    ? "\(column) (from \(columns)) is outside the accepted years, 2000-01-01 to 2099-12-31 (UTC)"
                    : "\(column) (from \(columns)) is not a real calendar date"
            }
            var date = date
            if let mismatch = date.withUTF8({ datePattern.mismatchDescription($0) }) {
                return "\(column)'s date ('\(exportColumns.date)') does not match the pinned format '\(datePattern.source)': \(mismatch)"
            }
            var time = time ?? ""
            let mismatch = time.withUTF8 { timePattern.mismatchDescription($0) } ?? "it is not a time"
            return "\(column)'s time ('\(exportColumns.time)') does not match the pinned format '\(timePattern.source)': \(mismatch)"
        case .joinedWithSpace:
            let outside = joined(date: date, time: time) { bytes in
                parser.isOutsideAcceptedRange(String(decoding: bytes, as: UTF8.self))
            }
            if outside { return "\(column) (from \(columns)) is outside the accepted years, 2000-01-01 to 2099-12-31 (UTC)" }
            return format == .automatic
                ? "\(column) (from \(columns), read as date, space, time) is not a timestamp of a supported form"
                : "\(column) (from \(columns), read as date, space, time) does not match the pinned format \(format)"
        }
    }

    /// The fields of a date and a time read with their patterns, or nil when either does not match.
    private func read(date: String, time: String?, _ datePattern: TimestampPattern,
                      _ timePattern: TimestampPattern) -> TimestampFields? {
        var reading = TimestampPattern.Reading()
        var date = date
        guard date.withUTF8({ datePattern.firstMismatch(in: $0, reading: &reading) }) == nil else { return nil }
        if var time {
            guard time.withUTF8({ timePattern.firstMismatch(in: $0, reading: &reading) }) == nil else { return nil }
        }
        return reading.completed
    }

    /// Calls `body` with the date, a space and the time, in a buffer on the stack, or with the
    /// date alone when there is no time.
    private func joined<Result>(date: String, time: String?, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var date = date
        guard var time else { return date.withUTF8(body) }
        return date.withUTF8 { dateBytes in
            time.withUTF8 { timeBytes in
                // UInt8 is trivial: the buffer needs no deinitializing.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: dateBytes.count + 1 + timeBytes.count) { buffer in
                    let dateEnd = buffer.initialize(fromContentsOf: dateBytes)
                    buffer.initializeElement(at: dateEnd, to: UInt8(ascii: " "))
                    _ = buffer[(dateEnd + 1)...].initialize(fromContentsOf: timeBytes)
                    return body(UnsafeBufferPointer(buffer))
                }
            }
        }
    }
}
