import Foundation

/// Writes a report file to a temporary name beside it and renames it into place, so a
/// reader sees the old file or the complete new one, never half of one (SPEC section 5).
public enum AtomicFile {
    /// Prefix of temporary files. A later run removes those a killed run left behind when its
    /// record lists them (`ReportManifest`), never by this prefix alone: a user's file may
    /// have it too.
    public static let temporaryPrefix = ".tmp-"

    public static func write(_ data: Data, to url: URL) throws {
        try written(data, to: url).rename()
    }

    /// `data` complete under the temporary name of `url`, for the caller to rename.
    public static func written(_ data: Data, to url: URL) throws -> Written {
        try Written(url) { temporary in
            if let failure = writeBytes(data, to: temporary.path) {
                throw PipelineError.cannotWrite(path: url.path, reason: String(cString: strerror(failure)))
            }
        }
    }

    /// The temporary name `url` is written under, beside it: a writer that keeps a record of
    /// its temporary files (`ReportManifest`) records it before the file is made.
    public static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent("\(temporaryPrefix)\(getpid())-\(url.lastPathComponent)")
    }

    /// Writes with POSIX calls rather than `Data.write`, whose errors on Linux lose the errno
    /// ("There isn't enough space."); returns the errno of the first failure, or nil.
    /// `appending` adds to the end of the file rather than replacing it.
    static func writeBytes(_ data: Data, to path: String, appending: Bool = false) -> Int32? {
        let descriptor = open(path, O_WRONLY | O_CREAT | (appending ? O_APPEND : O_TRUNC) | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return errno }
        var failure: Int32?
        data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0, failure == nil { failure = errno }
        return failure
    }

    /// Lets `produce` write a temporary file (for writers, such as libxlsxwriter, that need a
    /// path), then renames it to `url`.
    public static func write(to url: URL, produce: (URL) throws -> Void) throws {
        try Written(url, produce: produce).rename()
    }

    /// A complete file under its temporary name, renamed into place by `rename` (or removed
    /// by `discard`): lets a file written beside others be renamed after them.
    public struct Written: Sendable {
        public let url: URL
        let temporary: URL

        /// Lets `produce` write the temporary file; removes it if `produce` throws.
        public init(_ url: URL, produce: (URL) throws -> Void) throws {
            let folder = url.deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw PipelineError.cannotWrite(path: folder.path, reason: AtomicFile.reason(for: error))
            }
            let temporary = AtomicFile.temporaryURL(for: url)
            do {
                try produce(temporary)
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                throw error
            }
            self.url = url
            self.temporary = temporary
        }

        public func rename() throws {
            TestPause.at("report-file:" + url.lastPathComponent)
            guard Foundation.rename(temporary.path, url.path) == 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw PipelineError.cannotWrite(path: url.path, reason: reason)
            }
        }

        public func discard() {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// Renames `files` into place in order; when one fails, the rest are removed, not left
    /// behind under their temporary names.
    public static func rename(_ files: [Written]) throws {
        for (index, file) in files.enumerated() {
            do {
                try file.rename()
            } catch {
                files[(index + 1)...].forEach { $0.discard() }
                throw error
            }
        }
    }

    /// The operating system's own words for a failed folder creation ("No space left on
    /// device", "Read-only file system"), which an administrator searches for, rather than
    /// Foundation's ("The operation could not be completed. The volume is read only.").
    public static func reason(for error: Error) -> String {
        switch (error as? CocoaError)?.code {
        case .fileWriteVolumeReadOnly?: return String(cString: strerror(EROFS))
        case .fileWriteOutOfSpace?: return String(cString: strerror(ENOSPC))
        default: return (error as NSError).localizedDescription
        }
    }
}
