import Foundation

/// The report step's record, in the output folder, of the files it wrote there: the report
/// set in place, and each temporary file as it is about to be made. The report step removes
/// only what this record lists: a killed run's temporary files, and the pages of the old set
/// that the new one lacks (a source that no longer exists), never files by their name's
/// pattern, which a user's own file in the folder may share.
///
/// The record is text, one entry a line: `report <path>` or `temporary <path>`, each path
/// relative to the output folder.
struct ReportManifest {
    static let fileName = ".referral-funnel-reports"

    let folder: URL
    /// The report set in place, relative to `folder`, as the last complete report step left it.
    private(set) var reports: [String]

    private var file: URL { folder.appendingPathComponent(Self.fileName) }

    /// Reads the record in `folder` (none: an output folder no report step wrote, or one from
    /// before the record existed) and removes the temporary files it lists, which a killed
    /// run left behind.
    init(folder: URL) throws {
        self.folder = folder.standardizedFileURL
        reports = []
        guard let text = try? String(contentsOf: folder.appendingPathComponent(Self.fileName), encoding: .utf8) else { return }
        var temporaries: [String] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, let path = Self.safeRelativePath(parts[1]) else { continue }
            switch parts[0] {
            case "report": reports.append(path)
            case "temporary": temporaries.append(path)
            default: continue
            }
        }
        let leftovers = temporaries.filter { path in
            (path as NSString).lastPathComponent.hasPrefix(AtomicFile.temporaryPrefix) && Self.isRegularFile(self.url(of: path))
        }
        for path in leftovers {
            try? FileManager.default.removeItem(at: url(of: path))
        }
        if !temporaries.isEmpty {
            try record(reports: reports)
        }
    }

    /// Records that the temporary file of `report` is about to be made, so that a run killed
    /// before it is renamed has it removed by the next. A failure is reported as one to
    /// write `report`, the file the user knows.
    func willWrite(_ report: URL) throws {
        let relative = try relativePath(of: AtomicFile.temporaryURL(for: report), naming: report)
        if let failure = AtomicFile.writeBytes(Data("temporary \(relative)\n".utf8), to: file.path, appending: true) {
            throw PipelineError.cannotWrite(path: report.path, reason: String(cString: strerror(failure)))
        }
    }

    /// Records `written` (each in place under `folder`) as the report set, and removes the
    /// files of the previous set it lacks. Workbooks of other weeks stay: each is that week's
    /// leadership workbook, kept as the history of the weeks (no page links or replaces it).
    mutating func replaceSet(with written: [URL]) throws {
        let newReports = try written.map { try relativePath(of: $0, naming: $0) }
        let kept = Set(newReports)
        for path in reports where !kept.contains(path) && !path.hasSuffix(".xlsx") {
            let url = url(of: path)
            if Self.isRegularFile(url) {
                try? FileManager.default.removeItem(at: url)
            }
        }
        try record(reports: newReports)
        reports = newReports
    }

    private func record(reports: [String]) throws {
        let text = reports.map { "report \($0)\n" }.joined()
        try AtomicFile.write(Data(text.utf8), to: file)
    }

    private func url(of relativePath: String) -> URL {
        folder.appendingPathComponent(relativePath)
    }

    private func relativePath(of url: URL, naming report: URL) throws -> String {
        let path = url.standardizedFileURL.path
        let prefix = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        guard path.hasPrefix(prefix), let relative = Self.safeRelativePath(String(path.dropFirst(prefix.count))) else {
            throw PipelineError.cannotWrite(path: report.path, reason: "it is not inside the output folder \(folder.path)")
        }
        return relative
    }

    /// `path` when it names a file under the folder (relative, no `..`, no line break):
    /// an edited record cannot point the removal anywhere else.
    static func safeRelativePath(_ path: String) -> String? {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\n"),
              components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return nil }
        return path
    }

    /// A regular file, not a link or folder: the report step writes only regular files.
    static func isRegularFile(_ url: URL) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType) == .typeRegular
    }
}
