import Foundation

/// Finding a feed's export files and what `stat` says of them.
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
}


extension ExportFiles {
    /// SHA-256 (hex) of the whole file, exactly as ingest fingerprints what it reads.
    static func sha256(of path: String) throws -> String {
        var bytes = ChunkedByteBuffer(file: try FileDescriptor(openingForReading: path))
        return try bytes.fingerprint().sha256
    }
}
