/// A pinned timestamp pattern from a config, compiled once into elements that are matched
/// against a value's bytes.
///
/// Two ways to write one. A pattern holding `%` is in the `strptime` directives that data
/// tools share (SPEC 6.1): `%Y %m %d %H %I %M %S %p %b %B %y %z %%`; any other character
/// is literal. Otherwise it is in tokens: `YYYY` (four-digit year), `MM`/`M` (month, two
/// digits / one or two), `MMM`/`MMMM` (month name, abbreviated / in full), `DD`/`D`,
/// `HH`/`H` (24-hour), `hh`/`h` (12-hour, needs `A`), `mm`, `ss`, `A` (`AM`/`PM`), `Z` (an
/// offset as in ISO 8601); any other character is literal. Runs of token letters of
/// another length (`YY`, `MMMMM`, `m`) are rejected rather than read as literals, since
/// they are almost always a typo for a token.
///
/// A class, so that a parser holding one copies a single reference: parsers are copied per
/// value on the ingest path, and a larger value type was copied through value witnesses.
final class TimestampPattern: Sendable {
    /// Which month names a month-name element accepts (English, in any case).
    enum MonthNameForm: Sendable, Equatable {
        case abbreviation
        case fullName
        /// `%b` and `%B`: SPEC 6.1 lets both read either, as exports mix them (`Sep`, `September`).
        case either
    }

    enum Element: Sendable, Equatable {
        case year
        /// `%y`: one or two digits for 2000-2099 (SPEC 6.1), never the POSIX 19xx pivot,
        /// since no accepted instant is before 2000.
        case yearInCentury(twoDigits: Bool)
        case month(twoDigits: Bool)
        case monthName(MonthNameForm)
        case day(twoDigits: Bool)
        case hour24(twoDigits: Bool)
        case hour12(twoDigits: Bool)
        case minute(twoDigits: Bool)
        case second(twoDigits: Bool)
        /// `anyCase` for `%p`: a pinned pattern is the analyst's word for the column, so
        /// `pm` is read; the token `A` keeps the upper case of SPEC 2.1's US form.
        case meridiem(anyCase: Bool)
        case offset
        case literal(UInt8)

        var isNumber: Bool {
            switch self {
            case .monthName, .meridiem, .offset, .literal: return false
            default: return true
            }
        }

        var hasVariableWidth: Bool {
            switch self {
            case let .yearInCentury(two), let .month(two), let .day(two), let .hour24(two), let .hour12(two),
                 let .minute(two), let .second(two):
                return !two
            default: return false
            }
        }

        /// The same element taking exactly two digits.
        var twoDigitWide: Element {
            switch self {
            case .yearInCentury: return .yearInCentury(twoDigits: true)
            case .month: return .month(twoDigits: true)
            case .day: return .day(twoDigits: true)
            case .hour24: return .hour24(twoDigits: true)
            case .hour12: return .hour12(twoDigits: true)
            case .minute: return .minute(twoDigits: true)
            case .second: return .second(twoDigits: true)
            default: return self
            }
        }

        /// Which field it sets, so a field given twice can be reported.
        var field: Field? {
            switch self {
            case .year, .yearInCentury: return .year
            case .month, .monthName: return .month
            case .day: return .day
            case .hour24, .hour12: return .hour
            case .minute: return .minute
            case .second: return .second
            case .meridiem: return .meridiem
            case .offset: return .offset
            case .literal: return nil
            }
        }

        /// What a value must hold here, for the reason a value is rejected.
        var expectation: String {
            switch self {
            case .year: return "a four-digit year"
            case .yearInCentury: return "a two-digit year"
            case .month: return "a month number"
            case .monthName(.abbreviation): return "a three-letter English month name"
            case .monthName: return "an English month name"
            case .day: return "a day of the month"
            case .hour24: return "an hour 0-23"
            case .hour12: return "an hour 1-12"
            case .minute: return "minutes 0-59"
            case .second: return "seconds 0-59"
            case .meridiem: return "AM or PM"
            case .offset: return "an offset (Z, +hhmm or -hh:mm)"
            case let .literal(byte): return "'\(String(decoding: [byte], as: UTF8.self))'"
            }
        }
    }

    enum Field: String, Sendable, CaseIterable {
        case year, month, day, hour, minute, second
        case meridiem = "AM/PM"
        case offset

        var isDate: Bool { self == .year || self == .month || self == .day }
    }

    /// How the pattern was written, so that a problem names fields the way the analyst wrote them.
    enum Dialect: Sendable {
        case tokens
        case strptime

        func spelling(_ field: Field) -> String {
            switch (self, field) {
            case (.tokens, .year): return "YYYY"
            case (.tokens, .month): return "MM, M, MMM or MMMM"
            case (.tokens, .day): return "DD or D"
            case (.tokens, .hour): return "HH, H, hh or h"
            case (.tokens, .minute): return "mm"
            case (.tokens, .second): return "ss"
            case (.tokens, .meridiem): return "A"
            case (.tokens, .offset): return "Z"
            case (.strptime, .year): return "%Y or %y"
            case (.strptime, .month): return "%m, %b or %B"
            case (.strptime, .day): return "%d"
            case (.strptime, .hour): return "%H or %I"
            case (.strptime, .minute): return "%M"
            case (.strptime, .second): return "%S"
            case (.strptime, .meridiem): return "%p"
            case (.strptime, .offset): return "%z"
            }
        }

        var twelveHour: String { self == .tokens ? "hh or h" : "%I" }
    }

    struct Problem: Error, Equatable {
        var message: String
    }

    /// Where a value stops matching, for the reason it is rejected: the element it failed
    /// at (nil when the value goes on after the pattern ends) and the byte offset there.
    struct Mismatch: Equatable {
        var elementIndex: Int?
        var byteOffset: Int
    }

    /// What has been read of a timestamp so far; a date and a time read from two columns
    /// fill one reading.
    struct Reading {
        var fields = TimestampFields()
        var twelveHour = 0
        var isPM = false

        var completed: TimestampFields {
            var completed = fields
            if twelveHour != 0 { completed.hour = TimestampShapes.twentyFourHour(twelveHour, isPM: isPM) }
            return completed
        }
    }

    let elements: [Element]
    /// Each element as the pattern writes it (`%b`, `MMM`, `-`), parallel to `elements`.
    let spellings: [String]
    let dialect: Dialect
    /// The pattern as written, for reasons that name it.
    let source: String

    private init(elements: [Element], spellings: [String], dialect: Dialect) {
        self.elements = elements
        self.spellings = spellings
        self.dialect = dialect
        source = spellings.joined()
    }

    static let tokenList = "YYYY, MM, M, MMM, MMMM, DD, D, HH, H, hh, h, mm, ss, A, Z"
    static let directiveList = "%Y %y %m %b %B %d %H %I %M %S %p %z %%"

    var fields: Set<Field> { Set(elements.compactMap(\.field)) }

    /// Compiles a pattern; one for the time column of a timestamp in two columns has no
    /// date, so it is compiled without `requiresDate`.
    static func compile(_ text: String, requiresDate: Bool = true) -> Result<TimestampPattern, Problem> {
        let parsed = text.contains("%") ? directives(text) : tokens(text)
        guard case let .success(pattern) = parsed else { return parsed }
        if let problem = problem(with: pattern.elements, dialect: pattern.dialect, requiresDate: requiresDate) {
            return .failure(Problem(message: problem))
        }
        return .success(pattern)
    }

    /// The elements from `range`, as a pattern of their own.
    private func part(_ range: Range<Int>) -> TimestampPattern {
        TimestampPattern(elements: Array(elements[range]), spellings: Array(spellings[range]), dialect: dialect)
    }

    /// A pattern for a joined date and time split where its time begins, for a timestamp
    /// whose date and time are in two columns: the date part is everything before the first
    /// time field less the literals that separate the two (`%m/%d/%Y %H:%M` gives `%m/%d/%Y`
    /// and `%H:%M`), so each column's value is read without joining them.
    func splitAtTime() -> Result<(date: TimestampPattern, time: TimestampPattern), Problem> {
        guard let timeStart = elements.firstIndex(where: { $0.field.map { !$0.isDate } ?? false }) else {
            return .failure(Problem(message: "the pattern has no time for the time column; give two patterns, [date, time]"))
        }
        var dateEnd = timeStart
        while dateEnd > 0, case .literal = elements[dateEnd - 1] { dateEnd -= 1 }
        return Self.dateAndTime(date: part(0..<dateEnd), time: part(timeStart..<elements.count))
            .mapError { Problem(message: "the pattern must give the whole date before the time to read two columns (\($0.message)); "
                + "give two patterns, [date, time]") }
    }

    /// Checks that a date pattern and a time pattern together make one timestamp: the date
    /// part holds the whole date and nothing else (its column alone is a date at midnight),
    /// the time part an hour and no date field.
    static func dateAndTime(date: TimestampPattern, time: TimestampPattern) -> Result<(date: TimestampPattern, time: TimestampPattern), Problem> {
        if let problem = problem(with: date.elements, dialect: date.dialect) {
            return .failure(Problem(message: "the date pattern: \(problem)"))
        }
        if let field = Field.allCases.first(where: { !$0.isDate && date.fields.contains($0) }) {
            return .failure(Problem(message: "the date pattern holds a time field, the \(field.rawValue)"))
        }
        if let field = Field.allCases.first(where: { $0.isDate && time.fields.contains($0) }) {
            return .failure(Problem(message: "the time pattern holds a date field, the \(field.rawValue)"))
        }
        guard time.fields.contains(.hour) else {
            return .failure(Problem(message: "the time pattern has no hour (\(time.dialect.spelling(.hour)))"))
        }
        // Read as one: fields given once, AM/PM with a 12-hour hour. The space stands for the
        // column boundary, so a date ending in `%d` is not taken as running into the hour.
        let joined = date.elements + [.literal(UInt8(ascii: " "))] + time.elements
        if let problem = problem(with: joined, dialect: time.dialect) {
            return .failure(Problem(message: "the time pattern: \(problem)"))
        }
        return .success((date, time))
    }

    private static func tokens(_ text: String) -> Result<TimestampPattern, Problem> {
        let characters = Array(text)
        guard !characters.isEmpty else { return .failure(Problem(message: "the pattern is empty")) }
        var elements: [Element] = []
        var spellings: [String] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            var runLength = 1
            while index + runLength < characters.count, characters[index + runLength] == character { runLength += 1 }
            let element: Element?
            switch (character, runLength) {
            case ("Y", 4): element = .year
            case ("M", 1), ("M", 2): element = .month(twoDigits: runLength == 2)
            case ("M", 3): element = .monthName(.abbreviation)
            case ("M", 4): element = .monthName(.fullName)
            case ("D", 1), ("D", 2): element = .day(twoDigits: runLength == 2)
            case ("H", 1), ("H", 2): element = .hour24(twoDigits: runLength == 2)
            case ("h", 1), ("h", 2): element = .hour12(twoDigits: runLength == 2)
            case ("m", 2): element = .minute(twoDigits: true)
            case ("s", 2): element = .second(twoDigits: true)
            case ("A", 1): element = .meridiem(anyCase: false)
            case ("Z", 1): element = .offset
            case ("Y", _), ("M", _), ("D", _), ("H", _), ("h", _), ("m", _), ("s", _), ("A", _), ("Z", _):
                let run = String(repeating: character, count: runLength)
                return .failure(Problem(message: "'\(run)' is not a token (tokens: \(tokenList))"))
            default:
                element = nil
            }
            if let element {
                elements.append(element)
                spellings.append(String(repeating: character, count: runLength))
                index += runLength
            } else {
                appendLiteral(character, to: &elements, spellings: &spellings)
                index += 1
            }
        }
        return .success(TimestampPattern(elements: elements, spellings: spellings, dialect: .tokens))
    }

    /// A literal character is matched byte by byte; its first byte carries its spelling,
    /// so that the spellings joined give the pattern back.
    private static func appendLiteral(_ character: Character, to elements: inout [Element], spellings: inout [String]) {
        for (offset, byte) in String(character).utf8.enumerated() {
            elements.append(.literal(byte))
            spellings.append(offset == 0 ? String(character) : "")
        }
    }


    private static func directives(_ text: String) -> Result<TimestampPattern, Problem> {
        var elements: [Element] = []
        var spellings: [String] = []
        var characters = text.makeIterator()
        while let character = characters.next() {
            guard character == "%" else {
                appendLiteral(character, to: &elements, spellings: &spellings)
                continue
            }
            guard let directive = characters.next() else {
                return .failure(Problem(message: "the pattern ends with a lone '%' (write %% for a percent sign)"))
            }
            let element: Element
            switch directive {
            case "Y": element = .year
            case "y": element = .yearInCentury(twoDigits: false)
            case "m": element = .month(twoDigits: false)
            case "b", "B": element = .monthName(.either)
            case "d": element = .day(twoDigits: false)
            case "H": element = .hour24(twoDigits: false)
            case "I": element = .hour12(twoDigits: false)
            case "M": element = .minute(twoDigits: false)
            case "S": element = .second(twoDigits: false)
            case "p": element = .meridiem(anyCase: true)
            case "z": element = .offset
            case "%": element = .literal(UInt8(ascii: "%"))
            default:
                return .failure(Problem(message: "'%\(directive)' is not a supported directive (supported: \(directiveList))"))
            }
            elements.append(element)
            spellings.append("%\(directive)")
        }
        // Numeric fields take one or two digits (SPEC 6.1), but one directly followed by
        // another number (`%Y%m%d`) can only be told apart when it has two: compact forms are
        // zero-padded, so there it takes exactly two rather than guessing.
        for index in elements.indices.dropLast() where elements[index].hasVariableWidth && elements[index + 1].isNumber {
            elements[index] = elements[index].twoDigitWide
        }
        return .success(TimestampPattern(elements: elements, spellings: spellings, dialect: .strptime))
    }

    /// Why elements cannot make a timestamp. A date part alone (`requiresDate`) needs a
    /// year, month and day; a time part read from its own column needs none.
    static func problem(with elements: [Element], dialect: Dialect, requiresDate: Bool = true) -> String? {
        var fields: Set<Field> = []
        for field in elements.compactMap(\.field) {
            guard fields.insert(field).inserted else { return "the \(field.rawValue) appears twice" }
        }
        if requiresDate {
            for field in [Field.year, .month, .day] where !fields.contains(field) {
                return "the pattern has no \(field.rawValue) (\(dialect.spelling(field)))"
            }
        }
        let hasTwelveHour = elements.contains { if case .hour12 = $0 { return true } else { return false } }
        let twelveHour = dialect.twelveHour, meridiem = dialect.spelling(.meridiem)
        let minute = dialect.spelling(.minute), second = dialect.spelling(.second)
        if hasTwelveHour && !fields.contains(.meridiem) { return "a 12-hour hour (\(twelveHour)) needs \(meridiem) for AM/PM" }
        if fields.contains(.meridiem) && !hasTwelveHour { return "\(meridiem) (AM/PM) needs a 12-hour hour (\(twelveHour))" }
        if fields.contains(.minute) && !fields.contains(.hour) { return "minutes (\(minute)) need an hour" }
        if fields.contains(.second) && !fields.contains(.minute) { return "seconds (\(second)) need minutes (\(minute))" }
        if fields.contains(.hour) && !fields.contains(.minute) { return "an hour needs minutes (\(minute))" }
        for (element, next) in zip(elements, elements.dropFirst()) where element.hasVariableWidth && next.isNumber {
            return "a one-or-two-digit token is followed directly by digits, so values are ambiguous; use the two-digit token"
        }
        return nil
    }

    /// The fields of a value, or nil when it does not match.
    func match(_ bytes: UnsafeBufferPointer<UInt8>) -> TimestampFields? {
        var reading = Reading()
        guard firstMismatch(in: bytes, reading: &reading) == nil else { return nil }
        return reading.completed
    }

    /// Reads a value into `reading`; nil when the whole value matched, else where it stopped.
    func firstMismatch(in bytes: UnsafeBufferPointer<UInt8>, reading: inout Reading) -> Mismatch? {
        var index = 0
        var digitCount = 0
        for (elementIndex, element) in elements.enumerated() {
            let start = index
            let matched: Bool
            switch element {
            case .year:
                matched = assign(TimestampShapes.fixedDigits(bytes, &index, count: 4), to: &reading.fields.year)
            case let .yearInCentury(twoDigits):
                let value = number(bytes, &index, twoDigits: twoDigits, digitCount: &digitCount)
                matched = assign(value.map { 2000 + $0 }, to: &reading.fields.year)
            case let .month(twoDigits):
                matched = assign(number(bytes, &index, twoDigits: twoDigits, digitCount: &digitCount), to: &reading.fields.month)
            case let .monthName(form):
                matched = assign(Self.monthNumber(bytes, &index, form: form), to: &reading.fields.month)
            case let .day(twoDigits):
                matched = assign(number(bytes, &index, twoDigits: twoDigits, digitCount: &digitCount), to: &reading.fields.day)
            case let .hour24(twoDigits):
                let value = number(bytes, &index, twoDigits: twoDigits, digitCount: &digitCount)
                matched = assign(value.flatMap { $0 < 24 ? $0 : nil }, to: &reading.fields.hour)
            case let .hour12(twoDigits):
                let value = number(bytes, &index, twoDigits: twoDigits, digitCount: &digitCount)
                matched = assign(value.flatMap { (1...12).contains($0) ? $0 : nil }, to: &reading.twelveHour)
            case let .minute(twoDigits):
                let value = number(bytes, &index, twoDigits: twoDigits, digitCount: &digitCount)
                matched = assign(value.flatMap { $0 < 60 ? $0 : nil }, to: &reading.fields.minute)
            case let .second(twoDigits):
                let value = number(bytes, &index, twoDigits: twoDigits, digitCount: &digitCount)
                matched = assign(value.flatMap { $0 < 60 ? $0 : nil }, to: &reading.fields.second)
            case let .meridiem(anyCase):
                let value: Bool?
                if anyCase {
                    value = Self.meridiemInAnyCase(bytes, &index)
                } else {
                    value = TimestampShapes.meridiem(bytes, &index)
                }
                matched = assign(value, to: &reading.isPM)
            case .offset:
                if let value = TimestampShapes.offset(bytes, &index) {
                    reading.fields.offsetSeconds = value
                    matched = true
                } else {
                    matched = false
                }
            case let .literal(byte):
                matched = index < bytes.count && bytes[index] == byte
                if matched { index += 1 }
            }
            if !matched { return Mismatch(elementIndex: elementIndex, byteOffset: start) }
        }
        return index == bytes.count ? nil : Mismatch(elementIndex: nil, byteOffset: index)
    }

    @inline(__always)
    private func assign<Value>(_ value: Value?, to field: inout Value) -> Bool {
        guard let value else { return false }
        field = value
        return true
    }

    private func number(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, twoDigits: Bool,
                        digitCount: inout Int) -> Int? {
        if twoDigits { return TimestampShapes.fixedDigits(bytes, &index, count: 2) }
        return TimestampShapes.shortNumber(bytes, &index, digitCount: &digitCount)
    }

    /// English month names in lower case; the abbreviation is the first three letters.
    private static let monthNames: [[UInt8]] = [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ].map { Array($0.utf8) }

    /// The month (1-12) a name at `index` stands for, in any case, advancing past it. A full
    /// name is tried before its abbreviation, so `June` is not read as `Jun` plus an `e`.
    static func monthNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, form: MonthNameForm) -> Int? {
        for (offset, name) in monthNames.enumerated() {
            if form != .abbreviation, matchesIgnoringCase(bytes, at: index, name[...]) {
                index += name.count
                return offset + 1
            }
            if form != .fullName, matchesIgnoringCase(bytes, at: index, name[..<3]) {
                index += 3
                return offset + 1
            }
        }
        return nil
    }

    /// Whether the bytes at `index` spell `lowerCaseLetters` in any case. OR-ing 0x20 folds
    /// only ASCII letters onto their lower case; no other byte lands on one.
    @inline(__always)
    private static func matchesIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int,
                                            _ lowerCaseLetters: ArraySlice<UInt8>) -> Bool {
        guard index + lowerCaseLetters.count <= bytes.count else { return false }
        var position = index
        for letter in lowerCaseLetters {
            guard bytes[position] | 0x20 == letter else { return false }
            position += 1
        }
        return true
    }

    /// `AM`/`PM` in any case (`am`, `Pm`): false for AM, true for PM.
    private static func meridiemInAnyCase(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Bool? {
        guard index + 2 <= bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "m") else { return nil }
        let isPM: Bool
        switch bytes[index] | 0x20 {
        case UInt8(ascii: "a"): isPM = false
        case UInt8(ascii: "p"): isPM = true
        default: return nil
        }
        index += 2
        return isPM
    }

    /// Says where a value that did not match stops matching, without quoting it: reasons
    /// are shown in reports, which never show an input's text (SPEC 8), and rows that fail
    /// alike should share one reason there. Runs only for rejected values.
    func mismatchDescription(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var reading = Reading()
        guard let mismatch = firstMismatch(in: bytes, reading: &reading) else { return nil }
        let shape = Self.shape(of: bytes)
        let place = mismatch.byteOffset < bytes.count ? "at character \(mismatch.byteOffset + 1)" : "at the end"
        guard let elementIndex = mismatch.elementIndex else {
            return "the value goes on after the pattern ends, at character \(mismatch.byteOffset + 1) of a value shaped \(shape)"
        }
        let element = elements[elementIndex]
        let spelling = spellings[elementIndex]
        let expected: String
        if case .literal = element {
            expected = spelling.isEmpty ? element.expectation : "'\(spelling)'"
        } else {
            expected = "\(spelling) (\(element.expectation))"
        }
        return "expected \(expected) \(place) of a value shaped \(shape)"
    }

    /// A value's form with its content masked: digits as 9, letters as a or A, anything
    /// else as written; at most 40 characters.
    static func shape(of bytes: UnsafeBufferPointer<UInt8>) -> String {
        var masked: [UInt8] = []
        for byte in bytes.prefix(40) {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): masked.append(UInt8(ascii: "9"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): masked.append(UInt8(ascii: "a"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): masked.append(UInt8(ascii: "A"))
            case 0x20...0x7E: masked.append(byte)
            default: masked.append(UInt8(ascii: "?"))  // control or non-ASCII bytes
            }
        }
        let text = String(decoding: masked, as: UTF8.self)
        return "'" + text + (bytes.count > 40 ? "...'" : "'")
    }
}
