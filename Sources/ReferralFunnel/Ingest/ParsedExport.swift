import Foundation

/// One export read, mapped and fingerprinted on a parsing thread, waiting to be loaded.
struct ParsedExport: Sendable {
    let feed: FeedKind
    let path: String
    let size: Int64
    let modifiedAt: Int64
    let sha256: String
    let reading: ExportFileReading
    let rows: CollectedRows
    let parseSeconds: Double

    /// Reads the whole file. Throws only when the file itself cannot be read.
    init(path: String, reader: ExportFileReader) throws {
        let started = DispatchTime.now()
        let stamp = try ExportFiles.stamp(of: path)
        var rows = CollectedRows()
        // The reader fingerprints the bytes it parses, so the hash is of what was loaded.
        reading = try reader.read(path, into: &rows)
        self.rows = rows
        feed = reader.feed.kind
        self.path = path
        size = reading.sizeBytes
        modifiedAt = stamp.modifiedAt
        sha256 = reading.sha256
        parseSeconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
    }
}

/// Runs a transform over inputs on background threads, at most `width` ahead of the
/// consumer, and hands the results back in input order.
final class ReadAhead<Output: Sendable>: @unchecked Sendable {
    // @unchecked: `results` is touched only under `lock`; `nextToStart` and `nextToTake`
    // only by the consuming thread.
    private let inputs: [String]
    private let transform: @Sendable (String) -> Output
    private let lock = NSCondition()
    private var results: [Int: Output] = [:]
    private var nextToStart = 0
    private var nextToTake = 0

    init(_ inputs: [String], width: Int, transform: @escaping @Sendable (String) -> Output) {
        self.inputs = inputs
        self.transform = transform
        while nextToStart < min(width, inputs.count) {
            start()
        }
    }

    /// The next input's result, waiting for it if needed; nil after the last.
    func next() -> Output? {
        guard nextToTake < inputs.count else { return nil }
        lock.lock()
        while results[nextToTake] == nil {
            lock.wait()
        }
        let output = results.removeValue(forKey: nextToTake)
        lock.unlock()
        nextToTake += 1
        if nextToStart < inputs.count {
            start()
        }
        return output
    }

    private func start() {
        let index = nextToStart
        nextToStart += 1
        DispatchQueue.global().async { [self] in
            let output = transform(inputs[index])
            lock.lock()
            results[index] = output
            lock.broadcast()
            lock.unlock()
        }
    }
}
