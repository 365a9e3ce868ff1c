/// Why the HTML reports could not be written.
public enum HTMLReportError: Error, Equatable, CustomStringConvertible {
    case unsafeSlug(source: String, slug: String)
    case duplicateSlug(slug: String)
    case outsideOutputFolder(path: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unsafeSlug(source, slug):
            return "The page name '\(slug)' for source '\(source)' is not a safe file name (use SourceSlug.slugs(for:))."
        case let .duplicateSlug(slug):
            return "Two sources share the page name '\(slug)'; each source needs its own."
        case let .outsideOutputFolder(path):
            return "Refusing to write '\(path)', which lies outside the output folder."
        case let .cannotWrite(path, reason):
            return "Cannot write the report page '\(path)': \(reason)"
        }
    }
}
