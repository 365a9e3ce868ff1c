import Foundation

/// File-name slugs for source pages (`sources/<slug>.html`). A slug holds only lowercase
/// ASCII letters, digits and single hyphens, so it can never name a path outside the folder
/// (`..`, `/`, NUL) nor a device or page name a file share or the report itself reserves.
public enum SourceSlug {
    /// Names Windows file shares refuse as file names, and names of the report's own pages.
    static let reservedNames: Set<String> = {
        var names: Set<String> = ["con", "prn", "aux", "nul", "index", "data-quality", "sources"]
        for number in 0...9 {
            names.insert("com\(number)")
            names.insert("lpt\(number)")
        }
        return names
    }()

    /// The longest slug before a collision suffix; keeps paths well under file-system limits.
    static let maximumBaseLength = 60

    /// One slug per distinct name. Deterministic: names are processed in byte order of their
    /// UTF-8, so the first name of a colliding group keeps the plain slug and later ones get
    /// `-2`, `-3`, ... whatever order the names were passed in.
    public static func slugs(for names: [String]) -> [String: String] {
        let distinctNames = Set(names).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var taken: Set<String> = []
        var result: [String: String] = [:]
        for name in distinctNames {
            let base = baseSlug(for: name)
            var candidate = base
            var suffix = 2
            while taken.contains(candidate) {
                candidate = "\(base)-\(suffix)"
                suffix += 1
            }
            taken.insert(candidate)
            result[name] = candidate
        }
        return result
    }

    /// The slug a name gets before collisions are resolved.
    static func baseSlug(for name: String) -> String {
        var slug = ""
        var pendingHyphen = false
        // Accents are folded first so `Clínica` reads `clinica`, not `cl-nica`.
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        for scalar in folded.unicodeScalars {
            let isASCIILetterOrDigit = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if isASCIILetterOrDigit {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        if slug.count > maximumBaseLength {
            slug = String(slug.prefix(maximumBaseLength))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        if slug.isEmpty { slug = "source" }
        // A reserved word gets a prefix rather than a suffix so it cannot collide with the
        // `-2` suffixes of an ordinary name.
        if reservedNames.contains(slug) { slug = "source-" + slug }
        return slug
    }

    /// Whether a slug (from any model, not only ours) is safe to use as a file name.
    public static func isSafe(_ slug: String) -> Bool {
        guard !slug.isEmpty, slug.utf8.count <= 100, !reservedNames.contains(slug) else { return false }
        guard slug.first != "-", slug.last != "-" else { return false }
        return slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
