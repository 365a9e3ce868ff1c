import Foundation

/// Finding a feed's export files and what `stat` says of them.
enum ExportFiles {
    /// The export files of one feed, in lexicographic order of path (SPEC section 2). A feed
    /// the config leaves out has no patterns and no files. Everything is judged by `stat`
    /// before anything is opened, so nothing here can block: a FIFO, a socket, a device, a
    /// dangling or looping symbolic link, an unreadable file or folder throws
    /// `IngestError.notAnExportFile` or `.unreadableFolder`, and patterns that match no file
    /// at all throw `ConfigError.feedMatchesNoFile` (a typo such as `*.CSV` must not
    /// silently empty a feed). Folders a pattern matches are passed over: `intake/*` beside
    /// an `archive/` folder is an ordinary layout, and no export is lost by skipping it.
    static func exports(of feed: FeedConfig, configFile: String) throws -> [String] {
        guard !feed.filePatterns.isEmpty else { return [] }
        var paths = Set<String>()
        var matchedAnything = false
        for pattern in feed.filePatterns {
            for path in try globbing(pattern, feed: feed.kind) {
                matchedAnything = true
                if try isExportFile(path, feed: feed.kind) {
                    paths.insert(path)
                }
            }
        }
        guard !paths.isEmpty else {
            throw ConfigError.feedMatchesNoFile(file: displayPath(configFile), key: "feeds.\(feed.kind.rawValue).files",
                                                patterns: feed.filePatterns.map(displayPath), onlyFolders: matchedAnything)
        }
        return sortedByPath(paths)
    }

    /// Every regular file matching the patterns, in path order, passing over anything else
    /// without a word: for listing what a run would still find, never for ingest.
    static func matching(_ patterns: [String]) -> [String] {
        var paths = Set<String>()
        for pattern in patterns {
            for path in (try? globbing(pattern, feed: nil)) ?? [] {
                var info = stat()
                if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
                    paths.insert(path)
                }
            }
        }
        return sortedByPath(paths)
    }

    /// Byte order of the UTF-8 path, so the order does not depend on the locale.
    private static func sortedByPath(_ paths: Set<String>) -> [String] {
        paths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The paths `glob` gives for a pattern. With `GLOB_ERR` a folder that cannot be read
    /// stops the expansion rather than quietly dropping what it holds.
    private static func globbing(_ pattern: String, feed: FeedKind?) throws -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        switch glob(pattern, GLOB_ERR, nil, &result) {
        case 0:
            return (0..<Int(result.gl_pathc)).compactMap { index in result.gl_pathv[index].map { String(cString: $0) } }
        case GLOB_NOMATCH:
            return []
        case GLOB_ABORTED:
            // glibc also aborts when the pattern's own folder does not exist: that is a
            // pattern matching nothing, said as such by the caller.
            guard let feed, let folder = unreadableFolder(along: pattern) else { return [] }
            throw IngestError.unreadableFolder(feed: feed.rawValue, path: folder.path, reason: folder.reason)
        default:
            throw IngestError.unreadableFolder(feed: feed?.rawValue ?? "", path: pattern, reason: "the pattern could not be expanded")
        }
    }

    /// The first folder of the pattern's fixed part (before any wildcard) that exists but
    /// cannot be listed, with why; nil when one is missing or all can be listed.
    private static func unreadableFolder(along pattern: String) -> (path: String, reason: String)? {
        // Patterns are absolute once the config is loaded; "." covers a relative one.
        var folder = pattern.hasPrefix("/") ? "" : "."
        for component in pattern.split(separator: "/", omittingEmptySubsequences: false).dropLast() {
            if component.contains(where: { "*?[".contains($0) }) { break }
            if component.isEmpty { continue }
            folder += "/" + component
            guard let listing = opendir(folder) else {
                if errno == ENOENT { return nil }
                return (folder, String(cString: strerror(errno)))
            }
            closedir(listing)
        }
        return (folder, "a folder this pattern reaches cannot be read")
    }

    /// True for a readable regular file (following symbolic links), false for a folder;
    /// anything else throws, naming what it is.
    private static func isExportFile(_ path: String, feed: FeedKind) throws -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let kind: String
            switch errno {
            case ENOENT: kind = "a symbolic link to nothing (dangling)"
            case ELOOP: kind = "a symbolic link loop"
            default: kind = "not readable (\(String(cString: strerror(errno))))"
            }
            throw IngestError.notAnExportFile(feed: feed.rawValue, path: path, kind: kind)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            guard access(path, R_OK) == 0 else {
                throw IngestError.notAnExportFile(feed: feed.rawValue, path: path,
                                                  kind: "not readable (\(String(cString: strerror(errno))))")
            }
            return true
        case S_IFDIR:
            return false
        default:
            throw IngestError.notAnExportFile(feed: feed.rawValue, path: path, kind: fileTypeName(info.st_mode))
        }
    }

    /// What a file that is neither a regular file nor a folder is, for an error message.
    static func fileTypeName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFDIR: return "a folder"
        default: return "not a regular file"
        }
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

extension PipelineConfig {
    /// Every feed's export files, found before any of them is read, so that a feed with
    /// something wrong in it stops a run (or `validate`) before anything loads: ingesting the
    /// other feeds would publish a funnel with one feed partly missing.
    func exportFilesOfEachFeed() throws -> [FeedKind: [String]] {
        var files: [FeedKind: [String]] = [:]
        for kind in FeedKind.allCases {
            files[kind] = try ExportFiles.exports(of: feed(kind), configFile: configFile.path)
        }
        return files
    }
}
