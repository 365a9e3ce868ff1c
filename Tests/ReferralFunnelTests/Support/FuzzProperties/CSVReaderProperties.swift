import Foundation
import ReferralFunnel

/// What `CSVReader` must do with any bytes at all. The fuzz target (Fuzz/Sources/
/// FuzzCSVReader) checks these on every input libFuzzer makes up; FuzzRegressionTests
/// checks them on every file of the committed corpus. Each problem is one sentence.
enum CSVReaderProperties {
    static func violations(in input: [UInt8]) -> [String] {
        var problems: [String] = []
        let lines = PhysicalLines(input)
        var reader = CSVReader(bytes: input)
        let results = readAll(&reader, lines: lines, label: "in memory", problems: &problems)

        problems += lines.lineNumberProblems(results.map(lineNumber), reader: "CSV")
        problems += rawTextProblems(results, lines: lines)
        for case let .record(record) in results {
            problems += fieldProblems(record)
            problems += roundTripProblems(record)
        }
        problems += referenceProblems(results, input: input)
        problems += chunkedReadProblems(results, input: input, lines: lines)

        // A tiny record limit must still end, with sane line numbers.
        var limited = CSVReader(bytes: input, maximumRecordBytes: 8)
        let limitedResults = readAll(&limited, lines: lines, label: "8-byte limit", problems: &problems)
        problems += lines.lineNumberProblems(limitedResults.map(lineNumber), reader: "CSV, 8-byte limit")
        return problems
    }

    static func lineNumber(_ result: CSVReadResult) -> Int {
        switch result {
        case let .record(record): return record.lineNumber
        case let .malformed(row): return row.lineNumber
        }
    }

    static func rawText(_ result: CSVReadResult) -> String {
        switch result {
        case let .record(record): return record.rawText
        case let .malformed(row): return row.rawText
        }
    }

    /// Every result takes at least one line, so more results than lines means the reader
    /// is not moving forward; stopping there keeps a looping reader from hanging the fuzzer.
    static func readAll(_ reader: inout CSVReader, lines: PhysicalLines, label: String,
                        problems: inout [String]) -> [CSVReadResult] {
        var results: [CSVReadResult] = []
        while let result = reader.next() {
            results.append(result)
            if results.count > lines.count {
                problems.append("CSV (\(label)): more results than the \(lines.count) lines of the input")
                break
            }
        }
        return results
    }

    /// Each raw text is the input from the start of its line, and records do not overlap.
    /// Exact for valid UTF-8; otherwise the reader shows invalid bytes as U+FFFD (three
    /// bytes each), which bounds the length.
    static func rawTextProblems(_ results: [CSVReadResult], lines: PhysicalLines) -> [String] {
        var problems: [String] = []
        let isValidUTF8 = String(validating: lines.bytes, as: UTF8.self) != nil
        var previousEnd = 0
        for result in results {
            guard let start = lines.start(ofLine: lineNumber(result)) else { continue }
            let raw = Array(rawText(result).utf8)
            if !isValidUTF8 {
                if raw.count > 3 * (lines.bytes.count - start) {
                    problems.append("CSV: the raw text of line \(lineNumber(result)) is longer than the rest of the input")
                }
                continue
            }
            let end = start + raw.count
            guard end <= lines.bytes.count, Array(lines.bytes[start..<end]) == raw else {
                problems.append("CSV: the raw text of line \(lineNumber(result)) is not the input from that line's start")
                continue
            }
            if start < previousEnd {
                problems.append("CSV: the record on line \(lineNumber(result)) overlaps the one before it")
            }
            previousEnd = end
            // The raw text stops at a line break (LF or CRLF), a CR at the very end, or the end.
            let after = lines.bytes[end...]
            let endsCleanly = after.isEmpty || after.first == 0x0A
                || (after.first == 0x0D && (after.count == 1 || after.dropFirst().first == 0x0A))
            if !endsCleanly {
                problems.append("CSV: the raw text of line \(lineNumber(result)) stops before the end of its line")
            }
        }
        return problems
    }

    static func fieldProblems(_ record: CSVRecord) -> [String] {
        var problems: [String] = []
        if record.fields.isEmpty { problems.append("CSV: the record on line \(record.lineNumber) has no fields") }
        for field in record.fields {
            let bytes = Array(field.utf8)
            if let first = bytes.first, first == 0x20 || first == 0x09 {
                problems.append("CSV: a field on line \(record.lineNumber) starts with a space or tab")
            }
            if let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0D {
                problems.append("CSV: a field on line \(record.lineNumber) ends with a space, tab or CR")
            }
        }
        return problems
    }

    /// RFC 4180 with every field quoted.
    static func encoded(_ fields: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (position, field) in fields.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            for byte in field.utf8 {
                bytes.append(byte)
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            }
            bytes.append(UInt8(ascii: "\""))
        }
        return bytes
    }

    /// A record written out again as CSV reads back as the same fields, twice in a row
    /// with a CRLF between, the second on the line after the first one's line breaks.
    static func roundTripProblems(_ record: CSVRecord) -> [String] {
        let line = encoded(record.fields)
        let text = String(decoding: line, as: UTF8.self)
        let lineBreaksInside = line.filter { $0 == 0x0A }.count
        var reader = CSVReader(bytes: line + Array("\r\n".utf8) + line + [0x0A])
        var results: [CSVReadResult] = []
        while results.count < 3, let result = reader.next() { results.append(result) }
        let expected: [CSVReadResult] = [
            .record(CSVRecord(fields: record.fields, lineNumber: 1, rawText: text)),
            .record(CSVRecord(fields: record.fields, lineNumber: 2 + lineBreaksInside, rawText: text)),
        ]
        if results != expected {
            return ["CSV: the record on line \(record.lineNumber) does not read back the same when written as CSV: \(results)"]
        }
        return []
    }

    /// Same records as the plain reference parser whenever either finds nothing malformed.
    static func referenceProblems(_ results: [CSVReadResult], input: [UInt8]) -> [String] {
        let reference = CSVReferenceParser.parse(input)
        let hasMalformed = results.contains { if case .malformed = $0 { true } else { false } }
        guard let records = reference else {
            return hasMalformed ? [] : ["CSV: the reader found every record well formed but the reference parser did not"]
        }
        if hasMalformed { return ["CSV: the reader found a malformed record but the reference parser did not"] }
        let readerRecords = results.compactMap { result -> CSVRecord? in
            if case let .record(record) = result { return record }
            return nil
        }
        if readerRecords != records {
            return ["CSV: the reader's records differ from the reference parser's: \(readerRecords) vs \(records)"]
        }
        return []
    }

    /// Reading the input from a file in 16- and 23-byte chunks gives what reading it from
    /// memory gives: the record never depends on where a chunk ends.
    static func chunkedReadProblems(_ results: [CSVReadResult], input: [UInt8], lines: PhysicalLines) -> [String] {
        guard let path = ScratchFile.write(input, name: "csv") else { return ["CSV: cannot write the scratch file"] }
        defer { ScratchFile.remove(path) }
        var problems: [String] = []
        for chunkSize in [16, 23] {
            guard var reader = try? CSVReader(path: path, chunkSize: chunkSize) else {
                problems.append("CSV: cannot open the scratch file")
                continue
            }
            let chunked = readAll(&reader, lines: lines, label: "\(chunkSize)-byte chunks", problems: &problems)
            if chunked != results {
                problems.append("CSV: reading in \(chunkSize)-byte chunks gives \(chunked), from memory \(results)")
            }
        }
        return problems
    }
}
