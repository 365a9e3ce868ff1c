import Foundation

/// Streams JSON Lines (SPEC section 2.2): one JSON object per line, read in fixed-size
/// chunks so memory stays bounded whatever the file's size.
///
/// Blank lines (only white space) are skipped but counted, so line numbers are physical
/// lines. CRLF line ends are accepted. A line that is not exactly one valid JSON object
/// (another kind of value, trailing characters, invalid UTF-8, a line longer than
/// `maximumLineBytes`) comes back as malformed, and reading goes on with the next line.
public struct JSONLinesReader {
    public static let defaultMaximumLineBytes = 1 << 20
    /// Bytes read from the file at a time.
    public static let defaultChunkSize = 256 * 1024

    private var buffer: ChunkedByteBuffer
    private let maximumLineBytes: Int
    private var lineNumber = 1
    private var hasCheckedByteOrderMark = false
    /// When set, only these members are kept (see JSONKeySet).
    public var keptKeys: JSONKeySet?
    /// When false, objects come back with an empty `rawText`; `lastLineRawText()` gives it
    /// for the few lines a caller rejects, instead of a copy of every line.
    public var keepsRawTextOfObjects = true
    private var lastLine: Range<Int> = 0..<0

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
                maximumLineBytes: Int = defaultMaximumLineBytes) throws {
        buffer = ChunkedByteBuffer(file: try FileDescriptor(openingForReading: path), chunkSize: chunkSize)
        self.maximumLineBytes = maximumLineBytes
    }

    public init(bytes: [UInt8], maximumLineBytes: Int = defaultMaximumLineBytes) {
        buffer = ChunkedByteBuffer(bytes: bytes)
        self.maximumLineBytes = maximumLineBytes
    }

    public init(data: Data, maximumLineBytes: Int = defaultMaximumLineBytes) {
        self.init(bytes: [UInt8](data), maximumLineBytes: maximumLineBytes)
    }

    public init(text: String, maximumLineBytes: Int = defaultMaximumLineBytes) {
        self.init(bytes: Array(text.utf8), maximumLineBytes: maximumLineBytes)
    }

    /// The next object or malformed line, or nil at the end of the input.
    public mutating func next() -> JSONLinesReadResult? {
        if !hasCheckedByteOrderMark {
            hasCheckedByteOrderMark = true
            buffer.dropByteOrderMark()
        }
        // Compacting here, not after a line, keeps the last line's bytes for lastLineRawText().
        buffer.shrinkIfOversized()
        while true {
            // After a failed read the rest of the file is unknown; a half record is not
            // handed out as if it were whole.
            if buffer.failure != nil { return nil }
            let start = buffer.start
            let end = buffer.end
            let lineFeed = buffer.storage.withUnsafeBufferPointer { bytes -> Int? in
                guard let base = bytes.baseAddress, end > start,
                      let found = memchr(base + start, 0x0A, end - start) else { return nil }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            let lineEnd: Int
            let nextStart: Int
            if let lineFeed {
                lineEnd = lineFeed
                nextStart = lineFeed + 1
            } else if !buffer.reachedEndOfInput {
                if end - start > maximumLineBytes { return skipLongLine() }
                _ = buffer.refill(keepingFrom: start)
                continue
            } else if start == end {
                return nil
            } else {
                lineEnd = end
                nextStart = end
            }
            if lineEnd - start > maximumLineBytes { return skipLongLine() }

            let line = lineNumber
            lineNumber += 1
            let options = (keptKeys, keepsRawTextOfObjects)
            let outcome = buffer.storage.withUnsafeBufferPointer { bytes in
                Self.parseLine(bytes, from: start, to: lineEnd, lineNumber: line, keptKeys: options.0,
                               keepsRawText: options.1)
            }
            lastLine = start..<(lineEnd > start && buffer.storage[lineEnd - 1] == 0x0D ? lineEnd - 1 : lineEnd)
            buffer.start = nextStart
            if let outcome { return outcome }
        }
    }

    /// The line `next()` last returned, as written, without its line break.
    public func lastLineRawText() -> String {
        String(decoding: buffer.storage[lastLine], as: UTF8.self)
    }

    /// nil for a blank line.
    private static func parseLine(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                  lineNumber: Int, keptKeys: JSONKeySet?, keepsRawText: Bool) -> JSONLinesReadResult? {
        let rawEnd = end > start && bytes[end - 1] == 0x0D ? end - 1 : end
        func rawText() -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<rawEnd]), as: UTF8.self)
        }
        guard UTF8Validation.isValid(bytes, from: start, to: end) else {
            return .malformed(lineNumber: lineNumber, rawText: rawText(), reason: "invalid UTF-8")
        }
        var parser = JSONLineParser(bytes, start: start, end: end, keptKeys: keptKeys)
        do {
            guard let members = try parser.parseObjectLine() else { return nil }
            return .object(JSONObjectLine(lineNumber: lineNumber, members: members, rawText: keepsRawText ? rawText() : ""))
        } catch {
            return .malformed(lineNumber: lineNumber, rawText: rawText(), reason: error.reason)
        }
    }

    /// Reports a line too long to hold as malformed, keeping its start as raw text, and
    /// discards the rest of it as it streams past.
    private mutating func skipLongLine() -> JSONLinesReadResult {
        let line = lineNumber
        let start = buffer.start
        let raw = buffer.storage.withUnsafeBufferPointer { bytes in
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<min(buffer.end, start + maximumLineBytes)]),
                   as: UTF8.self)
        }
        while true {
            let scanStart = buffer.start
            let end = buffer.end
            let lineFeed = buffer.storage[scanStart..<end].firstIndex(of: 0x0A)
            if let lineFeed {
                buffer.start = lineFeed + 1
                break
            }
            buffer.start = end
            if buffer.reachedEndOfInput { break }
            _ = buffer.refill(keepingFrom: end)
        }
        lineNumber += 1
        lastLine = 0..<0
        return .malformed(lineNumber: line, rawText: raw, reason: "line longer than \(maximumLineBytes) bytes")
    }
}
