import Foundation

/// Streams RFC 4180 CSV records (SPEC sections 2.3, 2.4 and 5) from a file read in
/// fixed-size chunks, so memory stays bounded whatever the file's size.
///
/// - A UTF-8 byte order mark is dropped; lines end in LF or CRLF; quoted fields may hold
///   commas, doubled quotes and line breaks; the last line needs no line break.
/// - Blank lines (empty, or only spaces and tabs) are skipped but still counted, so line
///   numbers are physical lines as an editor shows them.
/// - Every field is trimmed of surrounding spaces and tabs.
/// - A record with invalid UTF-8, or with text after a closing quote, comes back as
///   malformed and reading goes on with the next record.
/// - A quoted field that never closes (it reaches the end of the file, or grows past
///   `maximumRecordBytes`) makes its record malformed, and reading resumes at the line after
///   the record's first line: one stray quote costs one row, not the rest of the file.
///
/// The header is the first record; this type does not interpret it.
public struct CSVReader {
    public static let defaultMaximumRecordBytes = 1 << 20
    /// Bytes read from the file at a time.
    public static let defaultChunkSize = 256 * 1024

    private var buffer: ChunkedByteBuffer
    private let maximumRecordBytes: Int
    private var lineNumber = 1
    private var hasCheckedByteOrderMark = false
    private var fieldCountHint = 16

    /// Bytes read from the input so far, for throughput reporting.
    public var bytesRead: Int { buffer.bytesRead }

    /// Set when reading the file failed part way; `next()` then returns nil, and the caller
    /// should treat the whole file as unread.
    public var readFailure: IngestError? { buffer.failure }

    /// SHA-256 (hex) and size of the whole file, hashed as it was read; reads what is left
    /// unread first. Throws when reading failed.
    public mutating func fingerprint() throws(IngestError) -> (sha256: String, size: Int64) {
        try buffer.fingerprint()
    }

    public init(path: String, chunkSize: Int = defaultChunkSize,
                maximumRecordBytes: Int = defaultMaximumRecordBytes) throws {
        buffer = ChunkedByteBuffer(file: try FileDescriptor(openingForReading: path), chunkSize: chunkSize)
        self.maximumRecordBytes = maximumRecordBytes
    }

    public init(bytes: [UInt8], maximumRecordBytes: Int = defaultMaximumRecordBytes) {
        buffer = ChunkedByteBuffer(bytes: bytes)
        self.maximumRecordBytes = maximumRecordBytes
    }

    public init(data: Data, maximumRecordBytes: Int = defaultMaximumRecordBytes) {
        self.init(bytes: [UInt8](data), maximumRecordBytes: maximumRecordBytes)
    }

    public init(text: String, maximumRecordBytes: Int = defaultMaximumRecordBytes) {
        self.init(bytes: Array(text.utf8), maximumRecordBytes: maximumRecordBytes)
    }

    /// The next record or malformed row, or nil at the end of the input.
    public mutating func next() -> CSVReadResult? {
        if !hasCheckedByteOrderMark {
            hasCheckedByteOrderMark = true
            buffer.dropByteOrderMark()
        }
        while true {
            // After a failed read the rest of the file is unknown; a half record is not
            // handed out as if it were whole.
            if buffer.failure != nil { return nil }
            var fields: [String] = []
            fields.reserveCapacity(fieldCountHint)
            let start = buffer.start
            let end = buffer.end
            let isFinal = buffer.reachedEndOfInput
            let outcome = buffer.storage.withUnsafeBufferPointer { bytes in
                CSVRecordScanner.scan(bytes, start: start, end: end, isFinal: isFinal,
                                      maximumBytes: maximumRecordBytes, fields: &fields)
            }
            switch outcome {
            case .endOfInput:
                return nil
            case let .blank(consumed):
                buffer.start += consumed
                lineNumber += 1
            case let .record(rawEnd, consumed, lines, problem):
                if problem == CSVRecordScanner.textAfterClosingQuote && lines > 1 {
                    // A quote that opened on one line and "closed" lines later with text
                    // after it is a stray quote that ran into another record's quote:
                    // give up only the first line and read the others again. Decided
                    // before consuming anything, since shrinking the buffer after a long
                    // record moves the bytes and `start` would no longer point at them.
                    return skipFirstLine(reason: "unterminated quoted field")
                }
                let raw = rawText(from: start, to: rawEnd)
                let recordLine = lineNumber
                buffer.start += consumed
                lineNumber += lines
                buffer.shrinkIfOversized()
                if let problem {
                    return .malformed(CSVMalformedRow(lineNumber: recordLine, rawText: raw, reason: problem))
                }
                fieldCountHint = fields.count
                return .record(CSVRecord(fields: fields, lineNumber: recordLine, rawText: raw))
            case .unterminatedQuote:
                return skipFirstLine(reason: "unterminated quoted field")
            case let .tooLong(insideQuotes):
                return skipFirstLine(reason: tooLongReason(insideQuotes: insideQuotes))
            case let .needsMoreInput(insideQuotes):
                if buffer.available > maximumRecordBytes {
                    return skipFirstLine(reason: tooLongReason(insideQuotes: insideQuotes))
                }
                _ = buffer.refill(keepingFrom: buffer.start)
            }
        }
    }

    /// A quote still open after the maximum size is taken to be a stray quote.
    private func tooLongReason(insideQuotes: Bool) -> String {
        insideQuotes ? "unterminated quoted field" : "record longer than \(maximumRecordBytes) bytes"
    }

    /// Reports the record starting at `buffer.start` as malformed with its first line as
    /// raw text, and moves on to the line after it (reading past a first line that is
    /// itself longer than memory allows, without keeping it).
    private mutating func skipFirstLine(reason: String) -> CSVReadResult {
        let recordLine = lineNumber
        let start = buffer.start
        let end = buffer.end
        let lineEnd = buffer.storage.withUnsafeBufferPointer { bytes in
            bytes[start..<end].firstIndex(of: CSVRecordScanner.lineFeed)
        }
        if let lineEnd {
            var rawEnd = lineEnd
            if rawEnd > start, buffer.storage[rawEnd - 1] == CSVRecordScanner.carriageReturn { rawEnd -= 1 }
            let raw = rawText(from: start, to: rawEnd)
            buffer.start = lineEnd + 1
            lineNumber += 1
            buffer.shrinkIfOversized()
            return .malformed(CSVMalformedRow(lineNumber: recordLine, rawText: raw, reason: reason))
        }
        // No line break in memory: keep the start of the line as its raw text and discard
        // the rest as it streams past.
        let raw = rawText(from: start, to: min(buffer.end, start + maximumRecordBytes))
        discardThroughNextLineFeed()
        return .malformed(CSVMalformedRow(lineNumber: recordLine, rawText: raw, reason: reason))
    }

    private mutating func discardThroughNextLineFeed() {
        while true {
            let start = buffer.start
            let end = buffer.end
            let lineEnd = buffer.storage.withUnsafeBufferPointer { bytes in
                bytes[start..<end].firstIndex(of: CSVRecordScanner.lineFeed)
            }
            if let lineEnd {
                buffer.start = lineEnd + 1
                lineNumber += 1
                buffer.shrinkIfOversized()
                return
            }
            buffer.start = end
            if buffer.reachedEndOfInput { return }
            _ = buffer.refill(keepingFrom: end)
            buffer.shrinkIfOversized()
        }
    }

    /// Raw text is kept for quarantine as written; invalid UTF-8 becomes U+FFFD there.
    private func rawText(from start: Int, to end: Int) -> String {
        buffer.storage.withUnsafeBufferPointer { bytes in
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }
}
