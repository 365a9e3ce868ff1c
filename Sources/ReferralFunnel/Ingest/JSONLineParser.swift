import Foundation

/// The member keys a reader wants; the parser skips the values of all others (a web log
/// line carries fields such as user agents that are never stored). Keys are matched on their
/// bytes, so skipped keys cost no string either.
public struct JSONKeySet: Sendable {
    private let keys: [(bytes: [UInt8], text: String)]
    /// Per key: true when only the value's kind matters (string, number, or something that
    /// is not text), so a string or number comes back with empty text instead of a copy.
    private let kindOnly: [Bool]

    /// Keys keep the order given (a repeated one its first place): `index(of:)` and the
    /// members' `keptKeyIndex` are positions in it. `kindOnly` keys are checked, typed and
    /// returned without their text (a web event's visitor and campaign fields are read
    /// only to warn when they are not text: copying them was 0.7% of a sample ingest).
    public init(_ keys: some Sequence<String>, kindOnly: Set<String> = []) {
        var seen: Set<String> = []
        self.keys = keys.filter { seen.insert($0).inserted }.map { (Array($0.utf8), $0) }
        self.kindOnly = self.keys.map { kindOnly.contains($0.text) }
    }

    func isKindOnly(_ index: Int) -> Bool { kindOnly[index] }

    func index(of key: String) -> Int? {
        keys.firstIndex { $0.text == key }
    }

    /// The kept key spelled by `bytes` and its position, shared rather than built anew for
    /// every line.
    func key(matching bytes: UnsafeBufferPointer<UInt8>) -> (index: Int, text: String)? {
        // memcmp, not `elementsEqual`: the generic sequence comparison was 2.6% of a web ingest.
        let index = keys.firstIndex { key in
            key.bytes.count == bytes.count && key.bytes.withUnsafeBufferPointer { keyBytes in
                guard let keyBase = keyBytes.baseAddress, let base = bytes.baseAddress else { return keyBytes.isEmpty }
                return memcmp(keyBase, base, bytes.count) == 0
            }
        }
        return index.map { ($0, keys[$0].text) }
    }
}

/// Why a line is not one JSON object; the reason goes to quarantine as is.
struct JSONLineSyntaxError: Error {
    var reason: String
}

/// A hand-written recursive-descent parser for one line holding a JSON object (RFC 8259),
/// working on the line's bytes in place.
///
/// Only the top level becomes values; nested objects and arrays are parsed in full (so a
/// broken one still makes the line malformed) without building anything.
struct JSONLineParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int
    private let end: Int
    /// When set, members with other keys are validated and skipped without building values.
    private let keptKeys: JSONKeySet?

    static let maximumDepth = 512

    /// The line is `bytes[start..<end]`, already checked to be valid UTF-8.
    init(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, keptKeys: JSONKeySet? = nil) {
        self.bytes = bytes
        self.index = start
        self.end = end
        self.keptKeys = keptKeys
    }

    /// nil for a blank line.
    mutating func parseObjectLine() throws(JSONLineSyntaxError) -> [JSONMember]? {
        skipWhitespace()
        guard index < end else { return nil }
        guard bytes[index] == UInt8(ascii: "{") else {
            throw JSONLineSyntaxError(reason: "the line is not a JSON object")
        }
        index += 1
        var members: [JSONMember] = []
        members.reserveCapacity(12)
        skipWhitespace()
        if index < end, bytes[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                guard index < end, bytes[index] == UInt8(ascii: "\"") else {
                    throw JSONLineSyntaxError(reason: "expected a quoted key")
                }
                let key = try parseKey()
                skipWhitespace()
                try expect(":", "expected ':' after a key")
                skipWhitespace()
                if let key {
                    let kindOnly = key.index.map { keptKeys?.isKindOnly($0) ?? false } ?? false
                    let value = kindOnly ? try parseValueKind(depth: 1) : try parseValue(depth: 1)
                    members.append(JSONMember(key: key.text, value: value, keptKeyIndex: key.index))
                } else {
                    try skipValue(depth: 1)
                }
                skipWhitespace()
                guard index < end else { throw JSONLineSyntaxError(reason: "the object is not closed") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    skipWhitespace()
                    continue
                }
                try expect("}", "expected ',' or '}' after a value")
                break
            }
        }
        skipWhitespace()
        guard index == end else { throw JSONLineSyntaxError(reason: "characters after the JSON object") }
        return members
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    @inline(__always)
    private mutating func expect(_ character: Unicode.Scalar, _ reason: String) throws(JSONLineSyntaxError) {
        guard index < end, bytes[index] == UInt8(ascii: character) else { throw JSONLineSyntaxError(reason: reason) }
        index += 1
    }

    private mutating func parseValue(depth: Int) throws(JSONLineSyntaxError) -> JSONValue {
        guard index < end else { throw JSONLineSyntaxError(reason: "a value is missing") }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipContainer(depth: depth)
            return .nested
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = index
            try skipNumber()
            return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        default:
            throw JSONLineSyntaxError(reason: "unexpected character where a value should be")
        }
    }

    /// A value validated as `parseValue` would, with a string's or number's text left out.
    private mutating func parseValueKind(depth: Int) throws(JSONLineSyntaxError) -> JSONValue {
        guard index < end else { throw JSONLineSyntaxError(reason: "a value is missing") }
        if bytes[index] == UInt8(ascii: "\"") {
            try skipString()
            return .string("")
        }
        if bytes[index] == UInt8(ascii: "-") || isDigit(bytes[index]) {
            try skipNumber()
            return .number("")
        }
        return try parseValue(depth: depth)
    }

    private mutating func literal(_ word: StaticString) throws(JSONLineSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= end else { throw JSONLineSyntaxError(reason: "unknown literal") }
        let matches = word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        guard matches else { throw JSONLineSyntaxError(reason: "unknown literal") }
        index += count
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    private mutating func skipNumber() throws(JSONLineSyntaxError) {
        let invalid = JSONLineSyntaxError(reason: "invalid number")
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end, isDigit(bytes[index]) else { throw invalid }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < end, isDigit(bytes[index]) { index += 1 }
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < end, isDigit(bytes[index]) else { throw invalid }
            while index < end, isDigit(bytes[index]) { index += 1 }
        }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < end, isDigit(bytes[index]) else { throw invalid }
            while index < end, isDigit(bytes[index]) { index += 1 }
        }
        // `01` or `1x` must not pass as a number followed by something else.
        if index < end, isDigit(bytes[index]) || isLetter(bytes[index]) || bytes[index] == UInt8(ascii: ".") {
            throw invalid
        }
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always)
    private func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// An object or array, validated and thrown away.
    private mutating func skipContainer(depth: Int) throws(JSONLineSyntaxError) {
        guard depth < Self.maximumDepth else { throw JSONLineSyntaxError(reason: "nesting too deep") }
        let isObject = bytes[index] == UInt8(ascii: "{")
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        index += 1
        skipWhitespace()
        if index < end, bytes[index] == close {
            index += 1
            return
        }
        while true {
            if isObject {
                guard index < end, bytes[index] == UInt8(ascii: "\"") else {
                    throw JSONLineSyntaxError(reason: "expected a quoted key")
                }
                try skipString()
                skipWhitespace()
                try expect(":", "expected ':' after a key")
                skipWhitespace()
            }
            guard index < end else { throw JSONLineSyntaxError(reason: "a value is missing") }
            if bytes[index] == UInt8(ascii: "\"") {
                try skipString()
            } else {
                _ = try parseValue(depth: depth + 1)
            }
            skipWhitespace()
            guard index < end else {
                throw JSONLineSyntaxError(reason: isObject ? "an object is not closed" : "an array is not closed")
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                continue
            }
            guard bytes[index] == close else {
                throw JSONLineSyntaxError(reason: isObject ? "expected ',' or '}'" : "expected ',' or ']'")
            }
            index += 1
            return
        }
    }

    /// Scans a string from its opening quote, returning where its content ends and whether
    /// it holds escapes.
    @inline(__always)
    private mutating func scanString() throws(JSONLineSyntaxError) -> (contentStart: Int, contentEnd: Int, hasEscapes: Bool) {
        index += 1
        let contentStart = index
        var hasEscapes = false
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return (contentStart, index - 1, hasEscapes)
            }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                index += 2
                continue
            }
            if byte < 0x20 { throw JSONLineSyntaxError(reason: "a control character inside a string") }
            index += 1
        }
        throw JSONLineSyntaxError(reason: "a string is not closed")
    }

    private mutating func skipString() throws(JSONLineSyntaxError) {
        let scanned = try scanString()
        // Escapes are still checked, so a bad one in skipped content is caught too.
        if scanned.hasEscapes { _ = try unescape(from: scanned.contentStart, to: scanned.contentEnd) }
    }

    /// A member's key, or nil when only `keptKeys` are wanted and this is not one of them.
    private mutating func parseKey() throws(JSONLineSyntaxError) -> (index: Int?, text: String)? {
        guard let keptKeys else { return (nil, try parseString()) }
        let scanned = try scanString()
        if scanned.hasEscapes {
            let key = try unescape(from: scanned.contentStart, to: scanned.contentEnd)
            return keptKeys.index(of: key).map { ($0, key) }
        }
        return keptKeys.key(matching: UnsafeBufferPointer(rebasing: bytes[scanned.contentStart..<scanned.contentEnd]))
            .map { ($0.index, $0.text) }
    }

    /// A value validated as `parseValue` would, without building it.
    private mutating func skipValue(depth: Int) throws(JSONLineSyntaxError) {
        guard index < end else { throw JSONLineSyntaxError(reason: "a value is missing") }
        if bytes[index] == UInt8(ascii: "\"") {
            try skipString()
        } else if bytes[index] == UInt8(ascii: "-") || isDigit(bytes[index]) {
            try skipNumber()
        } else {
            _ = try parseValue(depth: depth)
        }
    }

    private mutating func parseString() throws(JSONLineSyntaxError) -> String {
        let scanned = try scanString()
        if scanned.hasEscapes { return try unescape(from: scanned.contentStart, to: scanned.contentEnd) }
        // The whole line was checked to be UTF-8 before parsing, so decoding cannot repair.
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[scanned.contentStart..<scanned.contentEnd]),
                      as: UTF8.self)
    }

    private func unescape(from start: Int, to contentEnd: Int) throws(JSONLineSyntaxError) -> String {
        var scalars: [UInt8] = []
        scalars.reserveCapacity(contentEnd - start)
        var position = start
        while position < contentEnd {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "\\") else {
                scalars.append(byte)
                position += 1
                continue
            }
            guard position + 1 < contentEnd else { throw JSONLineSyntaxError(reason: "invalid escape in a string") }
            let escaped = bytes[position + 1]
            position += 2
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escaped)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"):
                var value = try hexQuad(at: position, contentEnd: contentEnd)
                position += 4
                if value >= 0xD800 && value <= 0xDBFF {
                    // A high surrogate must be followed by an escaped low one.
                    guard position + 1 < contentEnd, bytes[position] == UInt8(ascii: "\\"),
                          bytes[position + 1] == UInt8(ascii: "u") else {
                        throw JSONLineSyntaxError(reason: "an unpaired surrogate in a \\u escape")
                    }
                    let low = try hexQuad(at: position + 2, contentEnd: contentEnd)
                    guard low >= 0xDC00 && low <= 0xDFFF else {
                        throw JSONLineSyntaxError(reason: "an unpaired surrogate in a \\u escape")
                    }
                    position += 6
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                } else if value >= 0xDC00 && value <= 0xDFFF {
                    throw JSONLineSyntaxError(reason: "an unpaired surrogate in a \\u escape")
                }
                guard let scalar = Unicode.Scalar(value) else {
                    throw JSONLineSyntaxError(reason: "invalid \\u escape")
                }
                UTF8.encode(scalar) { scalars.append($0) }
            default:
                throw JSONLineSyntaxError(reason: "invalid escape in a string")
            }
        }
        return String(decoding: scalars, as: UTF8.self)
    }

    private func hexQuad(at position: Int, contentEnd: Int) throws(JSONLineSyntaxError) -> UInt32 {
        guard position + 4 <= contentEnd else { throw JSONLineSyntaxError(reason: "invalid \\u escape") }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[position + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONLineSyntaxError(reason: "invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
