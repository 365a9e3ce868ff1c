import Crypto
import Foundation

/// Finding a feed's export files and fingerprinting them.
enum ExportFiles {
    /// Every regular file matching the patterns, in lexicographic order of path (SPEC section 2).
    static func matching(_ patterns: [String]) -> [String] {
        var paths = Set<String>()
        for pattern in patterns {
            var result = glob_t()
            defer { globfree(&result) }
            guard glob(pattern, 0, nil, &result) == 0 else { continue }
            for index in 0..<Int(result.gl_pathc) {
                guard let pointer = result.gl_pathv[index] else { continue }
                let path = String(cString: pointer)
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                    paths.insert(path)
                }
            }
        }
        // Byte order of the UTF-8 path, so the order does not depend on the locale.
        return paths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The file's size and modification time (microseconds since the epoch), from one stat.
    static func stamp(of path: String) throws -> (size: Int64, modifiedAt: Int64) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw IngestError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        let modifiedAt = Int64(info.st_mtim.tv_sec) * 1_000_000 + Int64(info.st_mtim.tv_nsec) / 1_000
        return (Int64(info.st_size), modifiedAt)
    }

    /// SHA-256 of the file's content (hex) and its size, read in fixed-size chunks.
    static func fingerprint(of path: String) throws -> (sha256: String, size: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IngestError.cannotOpen(path: path, reason: "no such file or no permission")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw IngestError.readFailed(path: path, reason: (error as NSError).localizedDescription)
            }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return (hex, size)
    }
}

