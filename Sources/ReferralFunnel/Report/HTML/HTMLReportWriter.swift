import Foundation

/// Writes the HTML dashboards of SPEC section 7 from a `ReportModel`: `index.html`,
/// `pages.html` (SPEC 4.1), `sources/<slug>.html` per source and `data-quality.html`.
/// Identical models give byte-identical files. Each file is written under a temporary name
/// in its own folder and renamed into place, so a reader on the file share never sees half a
/// page; the report step renames them only once every file of the set is written
/// (`ReportWriter`).
public enum HTMLReportWriter {
    @discardableResult
    public static func write(_ model: ReportModel, to folder: URL) throws -> [URL] {
        let pages = try writeUnderTemporaryNames(model, to: folder)
        try AtomicFile.rename(pages)
        return pages.map(\.url)
    }

    /// Every page, complete under its temporary name, for the caller to rename with the rest
    /// of the report set; `willWrite` is told each page before its temporary file is made.
    /// When one page fails, the pages written before it are removed.
    public static func writeUnderTemporaryNames(_ model: ReportModel, to folder: URL,
                                                willWrite: (URL) throws -> Void = { _ in }) throws -> [AtomicFile.Written] {
        var seen: Set<String> = []
        for source in model.sources {
            guard SourceSlug.isSafe(source.slug) else {
                throw HTMLReportError.unsafeSlug(source: source.name, slug: source.slug)
            }
            guard seen.insert(source.slug).inserted else { throw HTMLReportError.duplicateSlug(slug: source.slug) }
        }
        let lookup = ReportLookup(model: model)
        // Rendered and written one page at a time, so only one page's text is held: the
        // source pages list their stalled referrals, which grow with the history.
        var pages: [(relativePath: String, render: () -> String)] = [
            ("index.html", { IndexPage(lookup: lookup).render() }),
            ("pages.html", { PagesPage(lookup: lookup).render() }),
        ]
        for source in model.sources.sorted(by: { $0.slug < $1.slug }) {
            pages.append(("sources/\(source.slug).html", { SourcePage(lookup: lookup, source: source).render() }))
        }
        pages.append(("data-quality.html", { DataQualityPage(model: model).render() }))

        let root = folder.standardizedFileURL
        try createDirectory(root.appendingPathComponent("sources", isDirectory: true))
        var written: [AtomicFile.Written] = []
        for page in pages {
            let destination = root.appendingPathComponent(page.relativePath).standardizedFileURL
            // Belt and braces: slugs are checked above, and the final path must still lie
            // under the output folder.
            guard destination.path.hasPrefix(root.path.hasSuffix("/") ? root.path : root.path + "/") else {
                throw HTMLReportError.outsideOutputFolder(path: destination.path)
            }
            do {
                try willWrite(destination)
                written.append(try AtomicFile.written(Data(page.render().utf8), to: destination))
            } catch {
                written.forEach { $0.discard() }
                throw error
            }
        }
        return written
    }

    private static func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw HTMLReportError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }
}
