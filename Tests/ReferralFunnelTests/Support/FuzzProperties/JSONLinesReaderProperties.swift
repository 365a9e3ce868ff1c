import Foundation
import ReferralFunnel

/// What `JSONLinesReader` must do with any bytes at all; checked by the fuzz target
/// (Fuzz/Sources/FuzzJSONLinesReader) and, on the committed corpus, by FuzzRegressionTests.
enum JSONLinesReaderProperties {
    static func violations(in input: [UInt8]) -> [String] {
        var problems: [String] = []
        let lines = PhysicalLines(input)
        var reader = JSONLinesReader(bytes: input)
        let results = readAll(&reader, lines: lines, label: "in memory", problems: &problems)

        problems += lineProblems(results, lines: lines)
        for result in results {
            guard case let .object(object) = result else { continue }
            problems += roundTripProblems(object)
        }
        problems += foundationProblems(results, lines: lines)
        problems += chunkedReadProblems(results, input: input, lines: lines)
        problems += lineLimitProblems(results, input: input, lines: lines)
        return problems
    }

    static func lineNumber(_ result: JSONLinesReadResult) -> Int {
        switch result {
        case let .object(object): return object.lineNumber
        case let .malformed(lineNumber, _, _): return lineNumber
        }
    }

    static func readAll(_ reader: inout JSONLinesReader, lines: PhysicalLines, label: String,
                        problems: inout [String]) -> [JSONLinesReadResult] {
        var results: [JSONLinesReadResult] = []
        while let result = reader.next() {
            results.append(result)
            if results.count > lines.count {
                problems.append("JSONL (\(label)): more results than the \(lines.count) lines of the input")
                break
            }
        }
        return results
    }

    /// A line of only spaces, tabs and CRs counts nowhere; every other line gives exactly
    /// one result, numbered as the line, with the line (less a final CR) as raw text, and
    /// it is malformed for invalid UTF-8 exactly when the line is not valid UTF-8.
    static func lineProblems(_ results: [JSONLinesReadResult], lines: PhysicalLines) -> [String] {
        var problems: [String] = []
        let expectedLines = (1...max(lines.count, 1)).filter { number in
            number <= lines.count && !lines.content(ofLine: number).allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        }
        let numbers = results.map(lineNumber)
        if numbers != expectedLines {
            problems.append("JSONL: results for lines \(numbers), expected one for each of lines \(expectedLines)")
            return problems
        }
        for result in results {
            let number = lineNumber(result)
            var content = lines.content(ofLine: number)
            let isValidUTF8 = String(validating: content, as: UTF8.self) != nil
            if content.last == 0x0D { content = content.dropLast() }
            let expectedRaw = String(decoding: content, as: UTF8.self)
            switch result {
            case let .object(object):
                if object.rawText != expectedRaw { problems.append("JSONL: the raw text of line \(number) is \(object.rawText.debugDescription), not the line \(expectedRaw.debugDescription)") }
                if !isValidUTF8 { problems.append("JSONL: line \(number) is not valid UTF-8 but was read as an object") }
            case let .malformed(_, rawText, reason):
                if rawText != expectedRaw { problems.append("JSONL: the raw text of malformed line \(number) is \(rawText.debugDescription), not the line \(expectedRaw.debugDescription)") }
                if (reason == "invalid UTF-8") == isValidUTF8 {
                    problems.append("JSONL: line \(number) is malformed for '\(reason)' but its UTF-8 validity is \(isValidUTF8)")
                }
            }
        }
        return problems
    }

    /// A JSON string with only the escapes JSON requires.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// The object written out again (nested values as `{}`) reads back as the same members.
    static func serialized(_ members: [JSONMember]) -> String {
        let parts = members.map { member -> String in
            let value: String
            switch member.value {
            case let .string(text): value = quoted(text)
            case let .number(literal): value = literal
            case let .bool(flag): value = flag ? "true" : "false"
            case .null: value = "null"
            case .nested: value = "{}"
            }
            return quoted(member.key) + ":" + value
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    static func roundTripProblems(_ object: JSONObjectLine) -> [String] {
        let text = serialized(object.members)
        var reader = JSONLinesReader(text: text + "\n")
        let first = reader.next()
        let expected = JSONLinesReadResult.object(JSONObjectLine(lineNumber: 1, members: object.members, rawText: text))
        if first != expected || reader.next() != nil {
            return ["JSONL: the object on line \(object.lineNumber) does not read back the same: \(text) gave \(String(describing: first))"]
        }
        return []
    }

    /// Every line the reader takes for an object, Foundation's JSONSerialization (an
    /// independent parser) reads as an object too, with the same strings (keys that
    /// appear twice are not compared), unless the line holds a number beyond a Double's
    /// range. Only this direction holds: JSONSerialization is more lenient than RFC 8259
    /// (it takes `{"a":1,}`), and the reader rejects escaped lone surrogates and nesting
    /// past 512 levels on purpose.
    static func foundationProblems(_ results: [JSONLinesReadResult], lines: PhysicalLines) -> [String] {
        var problems: [String] = []
        for case let .object(object) in results {
            let number = object.lineNumber
            let content = lines.content(ofLine: number)
            guard let dictionary = (try? JSONSerialization.jsonObject(with: Data(content), options: [])) as? [String: Any] else {
                if !hasNumberBeyondDoubleRange(content) {
                    problems.append("JSONL: line \(number) was read as an object but Foundation rejects it")
                }
                continue
            }
            let keyCounts = Dictionary(object.members.map { ($0.key, 1) }, uniquingKeysWith: +)
            for member in object.members where keyCounts[member.key] == 1 {
                guard case let .string(text) = member.value else { continue }
                if dictionary[member.key] as? String != text {
                    problems.append("JSONL: line \(number) key \(quoted(member.key)) is \(quoted(text)), Foundation says \(String(describing: dictionary[member.key]))")
                }
            }
        }
        return problems
    }

    /// Foundation rejects numbers a Double cannot hold (`1e400`); JSON leaves their range to
    /// the reader (RFC 8259 section 6), and this one keeps numbers as text. Erring wide on
    /// purpose: any exponent of three digits or more, or a run of 300 digits.
    static func hasNumberBeyondDoubleRange(_ line: ArraySlice<UInt8>) -> Bool {
        var digitRun = 0
        var afterExponent = false
        for byte in line {
            if byte >= 0x30 && byte <= 0x39 {
                digitRun += 1
                if digitRun >= 300 || (afterExponent && digitRun >= 3) { return true }
            } else {
                afterExponent = (byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E"))
                    || (afterExponent && digitRun == 0 && (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")))
                digitRun = 0
            }
        }
        return false
    }

    /// Reading from a file in 16- and 23-byte chunks gives what reading from memory gives.
    static func chunkedReadProblems(_ results: [JSONLinesReadResult], input: [UInt8], lines: PhysicalLines) -> [String] {
        guard let path = ScratchFile.write(input, name: "jsonl") else { return ["JSONL: cannot write the scratch file"] }
        defer { ScratchFile.remove(path) }
        var problems: [String] = []
        for chunkSize in [16, 23] {
            guard var reader = try? JSONLinesReader(path: path, chunkSize: chunkSize) else {
                problems.append("JSONL: cannot open the scratch file")
                continue
            }
            let chunked = readAll(&reader, lines: lines, label: "\(chunkSize)-byte chunks", problems: &problems)
            if chunked != results {
                problems.append("JSONL: reading in \(chunkSize)-byte chunks gives \(chunked), from memory \(results)")
            }
        }
        return problems
    }

    /// With an 8-byte limit, each line longer than that (CR included) is malformed as too
    /// long, blank or not, and every other line reads as without the limit.
    static func lineLimitProblems(_ results: [JSONLinesReadResult], input: [UInt8], lines: PhysicalLines) -> [String] {
        let limit = 8
        var problems: [String] = []
        var reader = JSONLinesReader(bytes: input, maximumLineBytes: limit)
        let limited = readAll(&reader, lines: lines, label: "8-byte limit", problems: &problems)
        let unlimitedByLine = Dictionary(results.map { (lineNumber($0), $0) }, uniquingKeysWith: { first, _ in first })
        var expected: [JSONLinesReadResult] = []
        for number in 1...max(lines.count, 1) where number <= lines.count {
            let content = lines.content(ofLine: number)
            if content.count > limit {
                expected.append(.malformed(lineNumber: number,
                                           rawText: String(decoding: content.prefix(limit), as: UTF8.self),
                                           reason: "line longer than \(limit) bytes"))
            } else if let result = unlimitedByLine[number] {
                expected.append(result)
            }
        }
        if limited != expected {
            problems.append("JSONL: with an 8-byte line limit the reader gives \(limited), expected \(expected)")
        }
        return problems
    }
}
