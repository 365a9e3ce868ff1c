/// The rules a name read from input passes before it is stored: practice, provider and
/// service-line names, `utm_source` values and referrer hosts (SPEC sections 3 and 5).
/// Enforced once at ingest, so that every output (metrics.csv, the pages, the workbook,
/// explain) and every later run sees the same stored name.
extension FieldReaders {
    /// The names the pipeline gives its own rows (SPEC section 3). An input value equal to
    /// one of them would be counted as that row: `utm_source=(all)` counted its session a
    /// second time in the `(all)` row, `(direct)` merged into the real direct traffic.
    static let reservedSourceNames = Set(SourceRegistry.reservedNames)

    /// An optional text value that names something in the reports, without its control
    /// characters. A dropped one (a NUL, an escape) is recorded as a warning so that the
    /// broken export can be found; a line break inside a quoted cell is ordinary export
    /// layout (the sample's provider names have them) and becomes a space without one. A
    /// value that was nothing but control characters is empty. `describedAs` names a value
    /// read from inside a column (the page's `utm_source`).
    func name(_ value: String?, column: String, describedAs description: String? = nil, line: Int,
              warnings: inout [QuarantineEntry]) -> String? {
        guard let value else { return nil }
        guard let cleaned = Self.removingControlCharacters(value) else { return value }
        if cleaned.droppedAny {
            warnings.append(.warning(line: line, column: column,
                                     reason: "\(description ?? column) held control characters; they were removed"))
        }
        return cleaned.name.isEmpty ? nil : cleaned.name
    }

    /// A name that decides a referral's or a session's source (`referring_practice`,
    /// `utm_source`): also a bad optional value when it is one of the reserved names,
    /// compared as written after trimming, so that the next rule of attribution applies.
    func sourceName(_ value: String?, column: String, describedAs description: String? = nil, line: Int,
                    warnings: inout [QuarantineEntry]) -> String? {
        guard let name = name(value, column: column, describedAs: description, line: line, warnings: &warnings) else {
            return nil
        }
        if let reserved = Self.reservedName(name) {
            warnings.append(.warning(line: line, column: column,
                                     reason: "\(description ?? column) '\(reserved)' is a name the pipeline reserves; loaded as empty"))
            return nil
        }
        return name
    }

    /// The host of a referrer when it is a host name; anything else in a host's place is a
    /// bad optional value. That covers the reserved names too (SPEC 3 compares a host with
    /// them after lowercasing): parentheses are not host-name characters, so `(direct)` in
    /// a host's place is no host name.
    func referrerHost(_ referrer: String?, line: Int, warnings: inout [QuarantineEntry]) -> String? {
        switch referrer.flatMap(WebAddress.host(of:)) {
        case nil:
            return nil
        case .notAHostName?:
            // The text is not repeated: in a host's place a link can carry anything, a
            // patient's name included (SPEC section 8).
            warnings.append(.warning(line: line, column: "referrer", reason: "the referrer's host is not a host name; loaded as empty"))
            return nil
        case let .name(host)?:
            return host
        }
    }

    /// The reserved name `text` is after trimming surrounding spaces, or nil.
    static func reservedName(_ text: String) -> String? {
        // Every reserved name starts with a parenthesis; the rest of a night's names are
        // told apart by their first bytes without trimming.
        guard text.utf8.contains(UInt8(ascii: "(")) else { return nil }
        let trimmed = text.trimmingSpaces
        return reservedSourceNames.contains(trimmed) ? trimmed : nil
    }

    /// `text` without its control characters (Unicode's Cc: C0, DEL and C1, NUL included),
    /// or nil when it has none. A run of line breaks and tabs becomes one space, so that a
    /// name broken over two lines keeps its two words (and its match under name
    /// normalization); the others are dropped, which `droppedAny` tells. Surrounding spaces
    /// left by them are trimmed.
    static func removingControlCharacters(_ text: String) -> (name: String, droppedAny: Bool)? {
        // C1 controls are U+0080-U+009F, which UTF-8 writes as 0xC2 0x80-0x9F: a byte scan
        // finds every candidate without decoding the value.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return nil }
        var cleaned = String.UnicodeScalarView()
        var changed = false
        var droppedAny = false
        var previousWasLineBreak = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09...0x0D, 0x85:
                if !previousWasLineBreak { cleaned.append(" ") }
                changed = true
                previousWasLineBreak = true
                continue
            case 0x00...0x1F, 0x7F...0x9F:
                changed = true
                droppedAny = true
            default:
                cleaned.append(scalar)
            }
            previousWasLineBreak = false
        }
        return changed ? (String(cleaned).trimmingSpaces, droppedAny) : nil
    }
}

private extension String {
    /// Without surrounding spaces; Foundation's trimming would also take other white space.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " }),
              let last = scalars.lastIndex(where: { $0 != " " }) else { return "" }
        return String(scalars[first...last])
    }
}
