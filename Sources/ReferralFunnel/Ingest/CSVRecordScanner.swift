/// Scans one CSV record out of bytes already in memory. It never reads input itself: when
/// the record runs past the bytes it has, it says so and the reader fetches more and scans
/// the record again from its start.
enum CSVRecordScanner {
    enum Outcome {
        /// A line of only spaces, tabs or CR; `consumed` includes its line break.
        case blank(consumed: Int)
        /// A complete record. `rawEnd` is where its text ends (before the line break),
        /// `consumed` where the next record starts, `lines` the line breaks consumed.
        case record(rawEnd: Int, consumed: Int, lines: Int, problem: String?)
        /// A quoted field reaches the end of the input.
        case unterminatedQuote
        /// The record goes past the bytes in memory; `insideQuotes` tells where it stopped.
        case needsMoreInput(insideQuotes: Bool)
        /// The record is longer than the limit the caller set.
        case tooLong(insideQuotes: Bool)
        /// Nothing left.
        case endOfInput
    }

    static let textAfterClosingQuote = "characters after a closing quote"

    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    @inline(__always)
    static func isPadding(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// Scans the record starting at `start`, appending its fields to `fields`.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, isFinal: Bool,
                     maximumBytes: Int, fields: inout [String]) -> Outcome {
        var index = start
        // Fields are scanned up to `scanEnd`; stopping there short of `end` means too long.
        let scanEnd = maximumBytes < end - start ? start + maximumBytes : end
        // Blank line?
        var probe = start
        while probe < end, isPadding(bytes[probe]) || bytes[probe] == carriageReturn { probe += 1 }
        if probe == end {
            if !isFinal { return .needsMoreInput(insideQuotes: false) }
            return probe == start ? .endOfInput : .blank(consumed: probe - start)
        }
        if bytes[probe] == lineFeed { return .blank(consumed: probe + 1 - start) }

        var lines = 0
        var problem: String?
        while true {
            // Start of a field: leading padding is trimmed.
            while index < end, isPadding(bytes[index]) { index += 1 }
            if index < end, bytes[index] == quote {
                index += 1
                let contentStart = index
                var hasDoubledQuotes = false
                var contentEnd = 0
                while true {
                    guard index < scanEnd else {
                        if scanEnd < end { return .tooLong(insideQuotes: true) }
                        return isFinal ? .unterminatedQuote : .needsMoreInput(insideQuotes: true)
                    }
                    let byte = bytes[index]
                    if byte == quote {
                        if index + 1 == end && !isFinal { return .needsMoreInput(insideQuotes: true) }
                        if index + 1 < end, bytes[index + 1] == quote {
                            hasDoubledQuotes = true
                            index += 2
                            continue
                        }
                        contentEnd = index
                        index += 1
                        break
                    }
                    if byte == lineFeed { lines += 1 }
                    index += 1
                }
                let value: String?
                if hasDoubledQuotes {
                    var scratch: [UInt8] = []
                    scratch.reserveCapacity(contentEnd - contentStart)
                    var position = contentStart
                    while position < contentEnd {
                        scratch.append(bytes[position])
                        position += bytes[position] == quote ? 2 : 1
                    }
                    value = scratch.withUnsafeBufferPointer { text(trimming: $0, from: 0, to: $0.count) }
                } else {
                    value = text(trimming: bytes, from: contentStart, to: contentEnd)
                }
                if let value { fields.append(value) } else { problem = problem ?? "invalid UTF-8" }
                // After the closing quote only padding may come before the delimiter.
                while index < end, isPadding(bytes[index]) { index += 1 }
                if index + 1 == end, bytes[index] == carriageReturn, !isFinal {
                    return .needsMoreInput(insideQuotes: false)
                }
                if index < end, bytes[index] != comma, bytes[index] != lineFeed,
                   !(bytes[index] == carriageReturn && (index + 1 == end || bytes[index + 1] == lineFeed)) {
                    problem = problem ?? textAfterClosingQuote
                    // Skip the rest of that field so the record still ends in the right place.
                    while index < end, bytes[index] != comma, bytes[index] != lineFeed { index += 1 }
                }
            } else {
                let fieldStart = index
                while index < scanEnd {
                    let byte = bytes[index]
                    if byte == comma || byte == lineFeed { break }
                    index += 1
                }
                if index == scanEnd && scanEnd < end { return .tooLong(insideQuotes: false) }
                if index == end && !isFinal { return .needsMoreInput(insideQuotes: false) }
                // A quote inside an unquoted field (`5" screen`) is kept as a literal, as
                // most CSV writers and readers do.
                if let value = text(trimming: bytes, from: fieldStart, to: index) {
                    fields.append(value)
                } else {
                    problem = problem ?? "invalid UTF-8"
                }
            }
            if index == end {
                if !isFinal { return .needsMoreInput(insideQuotes: false) }
                return .record(rawEnd: rawEnd(bytes, before: end, from: start), consumed: end - start,
                               lines: lines, problem: problem)
            }
            if bytes[index] == comma {
                index += 1
                continue
            }
            if bytes[index] == carriageReturn {
                // Only reached as the CR of a CRLF; a CR right at the end of memory needs
                // the next byte to know.
                if index + 1 == end && !isFinal { return .needsMoreInput(insideQuotes: false) }
                index += 1
                if index == end {
                    return .record(rawEnd: index - 1, consumed: end - start, lines: lines, problem: problem)
                }
            }
            // bytes[index] is the line feed that ends the record.
            return .record(rawEnd: rawEnd(bytes, before: index, from: start), consumed: index + 1 - start,
                           lines: lines + 1, problem: problem)
        }
    }

    /// The end of a record's text: its line break excluded, and the CR of a CRLF.
    private static func rawEnd(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int, from start: Int) -> Int {
        end > start && bytes[end - 1] == carriageReturn ? end - 1 : end
    }

    /// The field's text with surrounding spaces, tabs (and the CR of a CRLF) removed, or nil
    /// when it is not valid UTF-8.
    @inline(__always)
    static func text(trimming bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String? {
        var low = start
        var high = end
        while low < high, isPadding(bytes[low]) { low += 1 }
        while high > low, isPadding(bytes[high - 1]) || bytes[high - 1] == carriageReturn { high -= 1 }
        if low == high { return "" }
        guard UTF8Validation.isValid(bytes, from: low, to: high) else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[low..<high]), as: UTF8.self)
    }
}
