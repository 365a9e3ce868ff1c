import Foundation

/// A file holding the current input, so the readers' file path (chunked reads, refills at
/// every possible boundary) can be compared with reading the same bytes from memory.
enum ScratchFile {
    /// One per process and reader: the fuzzer and the tests run inputs one at a time.
    static func write(_ bytes: [UInt8], name: String) -> String? {
        let path = NSTemporaryDirectory() + "/referral-funnel-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(name)"
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return nil }
        return path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
