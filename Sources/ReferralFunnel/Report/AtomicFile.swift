import Foundation

/// Writes a report file to a temporary name beside it and renames it into place, so a
/// reader sees the old file or the complete new one, never half of one (SPEC section 5).
public enum AtomicFile {
    /// Prefix of temporary files; a later run removes any a killed run left behind.
    public static let temporaryPrefix = ".tmp-"

    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { temporary in
            do {
                try data.write(to: temporary)
            } catch {
                throw PipelineError.cannotWrite(path: url.path, reason: (error as NSError).localizedDescription)
            }
        }
    }

    /// Lets `produce` write a temporary file (for writers, such as libxlsxwriter, that need a
    /// path), then renames it to `url`.
    public static func write(to url: URL, produce: (URL) throws -> Void) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.cannotWrite(path: folder.path, reason: (error as NSError).localizedDescription)
        }
        let temporary = folder.appendingPathComponent("\(temporaryPrefix)\(getpid())-\(url.lastPathComponent)")
        do {
            try produce(temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        TestPause.at("report-file:" + url.lastPathComponent)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw PipelineError.cannotWrite(path: url.path, reason: reason)
        }
    }

    /// Removes temporary files a killed run left in `folder` and its subfolders.
    public static func removeLeftovers(in folder: URL) {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return }
        for case let url as URL in enumerator where url.lastPathComponent.hasPrefix(temporaryPrefix) {
            try? FileManager.default.removeItem(at: url)
        }
    }
}
