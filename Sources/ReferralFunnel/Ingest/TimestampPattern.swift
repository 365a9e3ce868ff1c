/// A pinned timestamp pattern from a config, compiled once into elements that are matched
/// against a value's bytes.
///
/// Tokens: `YYYY` (four-digit year), `MM`/`M` (month, two digits / one or two), `DD`/`D`,
/// `HH`/`H` (24-hour), `hh`/`h` (12-hour, needs `A`), `mm`, `ss`, `A` (`AM`/`PM`), `Z`
/// (an offset as in ISO 8601). Any other character is literal. Runs of token letters of
/// another length (`YY`, `MMM`, `m`) are rejected rather than read as literals, since they
/// are almost always a typo for a token.
struct TimestampPattern: Sendable {
    enum Element: Sendable, Equatable {
        case year
        case month(twoDigits: Bool)
        case day(twoDigits: Bool)
        case hour24(twoDigits: Bool)
        case hour12(twoDigits: Bool)
        case minute
        case second
        case meridiem
        case offset
        case literal(UInt8)

        var isNumber: Bool {
            switch self {
            case .meridiem, .offset, .literal: return false
            default: return true
            }
        }

        var hasVariableWidth: Bool {
            switch self {
            case let .month(two), let .day(two), let .hour24(two), let .hour12(two): return !two
            default: return false
            }
        }

        /// Which field it sets, so a field given twice can be reported.
        var field: String? {
            switch self {
            case .year: return "year"
            case .month: return "month"
            case .day: return "day"
            case .hour24, .hour12: return "hour"
            case .minute: return "minute"
            case .second: return "second"
            case .meridiem: return "AM/PM"
            case .offset: return "offset"
            case .literal: return nil
            }
        }
    }

    struct Problem: Error {
        var message: String
    }

    let elements: [Element]

    static let tokenList = "YYYY, MM, M, DD, D, HH, H, hh, h, mm, ss, A, Z"

    static func compile(_ text: String) -> Result<TimestampPattern, Problem> {
        let characters = Array(text)
        guard !characters.isEmpty else { return .failure(Problem(message: "the pattern is empty")) }
        var elements: [Element] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            var runLength = 1
            while index + runLength < characters.count, characters[index + runLength] == character { runLength += 1 }
            let element: Element?
            switch (character, runLength) {
            case ("Y", 4): element = .year
            case ("M", 1), ("M", 2): element = .month(twoDigits: runLength == 2)
            case ("D", 1), ("D", 2): element = .day(twoDigits: runLength == 2)
            case ("H", 1), ("H", 2): element = .hour24(twoDigits: runLength == 2)
            case ("h", 1), ("h", 2): element = .hour12(twoDigits: runLength == 2)
            case ("m", 2): element = .minute
            case ("s", 2): element = .second
            case ("A", 1): element = .meridiem
            case ("Z", 1): element = .offset
            case ("Y", _), ("M", _), ("D", _), ("H", _), ("h", _), ("m", _), ("s", _), ("A", _), ("Z", _):
                let run = String(repeating: character, count: runLength)
                return .failure(Problem(message: "'\(run)' is not a token (tokens: \(tokenList))"))
            default:
                element = nil
            }
            if let element {
                elements.append(element)
                index += runLength
            } else {
                elements.append(contentsOf: String(character).utf8.map { Element.literal($0) })
                index += 1
            }
        }
        if let problem = problem(with: elements) { return .failure(Problem(message: problem)) }
        return .success(TimestampPattern(elements: elements))
    }

    private static func problem(with elements: [Element]) -> String? {
        var fields: Set<String> = []
        for field in elements.compactMap(\.field) {
            guard fields.insert(field).inserted else { return "the \(field) appears twice" }
        }
        for (name, token) in [("year", "YYYY"), ("month", "MM or M"), ("day", "DD or D")] where !fields.contains(name) {
            return "the pattern has no \(name) (\(token))"
        }
        let hasTwelveHour = elements.contains { if case .hour12 = $0 { return true } else { return false } }
        if hasTwelveHour && !fields.contains("AM/PM") { return "a 12-hour hour (hh or h) needs A for AM/PM" }
        if fields.contains("AM/PM") && !hasTwelveHour { return "A (AM/PM) needs a 12-hour hour (hh or h)" }
        if fields.contains("minute") && !fields.contains("hour") { return "minutes (mm) need an hour" }
        if fields.contains("second") && !fields.contains("minute") { return "seconds (ss) need minutes (mm)" }
        if fields.contains("hour") && !fields.contains("minute") { return "an hour needs minutes (mm)" }
        for (element, next) in zip(elements, elements.dropFirst()) where element.hasVariableWidth && next.isNumber {
            return "a one-or-two-digit token is followed directly by digits, so values are ambiguous; use the two-digit token"
        }
        return nil
    }

    func match(_ bytes: UnsafeBufferPointer<UInt8>) -> TimestampFields? {
        var fields = TimestampFields()
        var index = 0
        var twelveHour = 0
        var isPM = false
        var digitCount = 0
        for element in elements {
            switch element {
            case .year:
                guard let value = TimestampShapes.fixedDigits(bytes, &index, count: 4) else { return nil }
                fields.year = value
            case let .month(twoDigits):
                guard let value = number(bytes, &index, twoDigits: twoDigits, digitCount: &digitCount) else { return nil }
                fields.month = value
            case let .day(twoDigits):
                guard let value = number(bytes, &index, twoDigits: twoDigits, digitCount: &digitCount) else { return nil }
                fields.day = value
            case let .hour24(twoDigits):
                guard let value = number(bytes, &index, twoDigits: twoDigits, digitCount: &digitCount),
                      value < 24 else { return nil }
                fields.hour = value
            case let .hour12(twoDigits):
                guard let value = number(bytes, &index, twoDigits: twoDigits, digitCount: &digitCount),
                      value >= 1, value <= 12 else { return nil }
                twelveHour = value
            case .minute:
                guard let value = TimestampShapes.fixedDigits(bytes, &index, count: 2), value < 60 else { return nil }
                fields.minute = value
            case .second:
                guard let value = TimestampShapes.fixedDigits(bytes, &index, count: 2), value < 60 else { return nil }
                fields.second = value
            case .meridiem:
                guard let value = TimestampShapes.meridiem(bytes, &index) else { return nil }
                isPM = value
            case .offset:
                guard let value = TimestampShapes.offset(bytes, &index) else { return nil }
                fields.offsetSeconds = value
            case let .literal(byte):
                guard index < bytes.count, bytes[index] == byte else { return nil }
                index += 1
            }
        }
        guard index == bytes.count else { return nil }
        if twelveHour != 0 { fields.hour = TimestampShapes.twentyFourHour(twelveHour, isPM: isPM) }
        return fields
    }

    private func number(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, twoDigits: Bool,
                        digitCount: inout Int) -> Int? {
        if twoDigits { return TimestampShapes.fixedDigits(bytes, &index, count: 2) }
        return TimestampShapes.shortNumber(bytes, &index, digitCount: &digitCount)
    }
}
