import Crypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns an open file descriptor and closes it with the last reader that uses it.
final class FileDescriptor {
    let rawValue: Int32
    let path: String

    /// Non-blocking, then checked with `fstat`: the feeds' globs are checked before any file
    /// is opened, but a FIFO put in place since would otherwise hold the run (and its lock)
    /// in `open` forever. Reads of a regular file never block, so the flag changes nothing else.
    init(openingForReading path: String) throws {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            throw IngestError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            let reason = "it is \(ExportFiles.fileTypeName(info.st_mode)), not a regular file"
            close(descriptor)
            throw IngestError.cannotOpen(path: path, reason: reason)
        }
        rawValue = descriptor
        self.path = path
    }

    deinit { close(rawValue) }
}

/// A window onto a byte stream that the readers scan in place.
///
/// Bytes `storage[start..<end]` are read but not yet consumed. When a reader needs more,
/// `refill(keepingFrom:)` slides the bytes it still needs to the front and reads the next
/// chunk behind them, so memory stays at about one chunk plus the longest record.
struct ChunkedByteBuffer {
    static let defaultChunkSize = 256 * 1024

    private(set) var storage: [UInt8]
    var start = 0
    private(set) var end: Int
    private(set) var reachedEndOfInput: Bool
    private(set) var bytesRead: Int
    private(set) var failure: IngestError?
    private let file: FileDescriptor?
    private let chunkSize: Int
    /// Every byte read so far, hashed as it arrives: the file's fingerprint costs no second
    /// read (a year at bench scale is 2.5 GB of exports).
    private var digest = SHA256()

    init(file: FileDescriptor, chunkSize: Int = defaultChunkSize) {
        self.file = file
        self.chunkSize = max(chunkSize, 16)
        storage = [UInt8](repeating: 0, count: self.chunkSize)
        end = 0
        reachedEndOfInput = false
        bytesRead = 0
    }

    init(bytes: [UInt8]) {
        file = nil
        chunkSize = max(bytes.count, 16)
        storage = bytes
        end = bytes.count
        reachedEndOfInput = true
        bytesRead = bytes.count
        digest.update(data: bytes)
    }

    var available: Int { end - start }

    /// Keeps `storage[keepingFrom..<end]` (moved to the front: indexes shift by the
    /// returned amount, which callers subtract) and appends at least one more chunk, unless
    /// the input has ended. Returns the shift.
    mutating func refill(keepingFrom keep: Int) -> Int {
        guard !reachedEndOfInput, let file else { return 0 }
        let kept = end - keep
        if keep > 0 {
            storage.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                memmove(base, base + keep, kept)
            }
        }
        start -= keep
        end = kept
        if storage.count - end < chunkSize {
            storage.append(contentsOf: repeatElement(0, count: chunkSize - (storage.count - end)))
        }
        while true {
            let room = storage.count - end
            let count = readChunk(from: file, into: end, room: room)
            if count > 0 {
                end += count
                bytesRead += count
                break
            }
            if count == 0 {
                reachedEndOfInput = true
                break
            }
            if errno == EINTR { continue }
            failure = .readFailed(path: file.path, reason: String(cString: strerror(errno)))
            reachedEndOfInput = true
            break
        }
        return keep
    }

    /// Reads up to `room` bytes into `storage` at `offset` and hashes them; the count, 0 at
    /// the end of input, or -1 with `errno` set.
    private mutating func readChunk(from file: FileDescriptor, into offset: Int, room: Int) -> Int {
        let count = storage.withUnsafeMutableBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            return read(file.rawValue, base + offset, room)
        }
        if count > 0 {
            storage.withUnsafeBytes { bytes in
                digest.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]))
            }
        }
        return count
    }

    /// SHA-256 (hex) and size of the whole input. Reads and hashes whatever the reader left
    /// unread (a file held back by its header is still fingerprinted whole); throws when
    /// reading failed.
    mutating func fingerprint() throws(IngestError) -> (sha256: String, size: Int64) {
        // The rest is read (and hashed) chunk by chunk into the same storage, keeping
        // nothing: the reader is done with the buffer.
        while !reachedEndOfInput && file != nil {
            start = end
            _ = refill(keepingFrom: end)
        }
        if let failure { throw failure }
        let hex = digest.finalize().map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
        return (hex, Int64(bytesRead))
    }

    /// Drops the bytes before `start` if the buffer has grown past a few chunks, so one
    /// long record does not keep a large allocation alive for the rest of the file.
    /// Skips a UTF-8 byte order mark at the start of the input, reading enough to see it.
    mutating func dropByteOrderMark() {
        while available < 3 && !reachedEndOfInput {
            _ = refill(keepingFrom: start)
        }
        guard available >= 3 else { return }
        if storage[start] == 0xEF, storage[start + 1] == 0xBB, storage[start + 2] == 0xBF {
            start += 3
        }
    }

    mutating func shrinkIfOversized() {
        guard file != nil, storage.count > 4 * chunkSize, end - start <= chunkSize else { return }
        let remaining = Array(storage[start..<end])
        storage = remaining + [UInt8](repeating: 0, count: chunkSize)
        end = remaining.count
        start = 0
    }
}
