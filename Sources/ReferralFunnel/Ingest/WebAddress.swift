import Foundation

/// The two parts of a web address the warehouse may keep (SPEC section 8): the host of a
/// referrer and the `utm_*` values of a page's query string. Everything else in the
/// address, which can carry personal data, is dropped.
///
/// Both work on UTF-8 bytes: they run for every web event, and Character-level String
/// indexing (grapheme breaking) was the largest single cost of web ingest in a profile.
enum WebAddress {
    /// What stands in a URL's host place.
    enum Host: Equatable {
        /// A host name or an IP address, percent-decoded and lowercased.
        case name(String)
        /// Text that is no host name (a space, a bracket, a control character, an empty
        /// label): kept as a source name, it would make a source of whatever a link held.
        case notAHostName
    }

    /// The host of a URL such as `https://www.Google.com:443/search?q=x`, lowercased
    /// (`www.google.com`), or nil when there is none. A percent-encoded host is decoded
    /// first, as a browser does, so `www%2Eyelp%2Ecom` is `www.yelp.com`.
    static func host(of url: String) -> Host? {
        let bytes = Array(url.utf8)
        var start = 0
        if let schemeEnd = firstIndex(of: Array("://".utf8), in: bytes) {
            start = schemeEnd + 3
        } else if bytes.starts(with: [slash, slash]) {
            start = 2
        } else {
            // No `//` authority, so no host: a bare path such as `/refer`, or text such as
            // `healthgrades.com/doctor` that is not a URL (as urllib's urlsplit reads it).
            return nil
        }
        var end = start
        while end < bytes.count, bytes[end] != slash, bytes[end] != questionMark, bytes[end] != numberSign {
            end += 1
        }
        var hostStart = start
        if let at = bytes[start..<end].lastIndex(of: UInt8(ascii: "@")) {
            hostStart = at + 1
        }
        var hostEnd = end
        if hostStart < end, bytes[hostStart] == UInt8(ascii: "[") {
            if let close = bytes[hostStart..<end].firstIndex(of: UInt8(ascii: "]")) { hostEnd = close + 1 }
        } else if let colon = bytes[hostStart..<end].firstIndex(of: UInt8(ascii: ":")) {
            hostEnd = colon
        }
        guard hostStart < hostEnd else { return nil }
        let hostBytes = bytes[hostStart..<hostEnd]
        // Most hosts hold no escape: those skip the decoding copy.
        let decoded = hostBytes.contains(percentSign)
            ? String(validating: percentDecode(hostBytes, plusIsSpace: false), as: UTF8.self)
            : String(validating: hostBytes, as: UTF8.self)
        guard let host = decoded?.lowercased(), isHostName(host) else { return .notAHostName }
        return .name(host)
    }

    /// A host name of dot-separated labels (RFC 1123, with the Unicode letters of an
    /// internationalized name and the underscores some real hosts carry), or a bracketed
    /// IPv6 address. A trailing dot (a fully qualified name) is allowed.
    static func isHostName(_ host: String) -> Bool {
        let scalars = host.unicodeScalars
        if scalars.first == "[" {
            let inner = scalars.dropFirst().dropLast()
            return scalars.last == "]" && !inner.isEmpty
                && inner.allSatisfy { $0.properties.isASCIIHexDigit || $0 == ":" || $0 == "." }
        }
        // One pass, label by label: this runs for every referrer of a night's web events.
        var count = 0
        var labelLength = 0
        var previous: Unicode.Scalar = "."
        for scalar in scalars {
            count += 1
            if scalar == "." {
                guard labelLength > 0, previous != "-" else { return false }
                labelLength = 0
            } else {
                guard isHostNameCharacter(scalar), labelLength > 0 || scalar != "-" else { return false }
                labelLength += 1
                guard labelLength <= 63 else { return false }
            }
            previous = scalar
        }
        // A trailing dot closed the last label; otherwise the last label must not end in `-`.
        return count > 0 && count <= 253 && previous != "-"
    }

    private static func isHostNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_"
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }

    /// The first `name=` parameter of the address's query string, percent-decoded with `+`
    /// as a space; nil when absent or empty. The query string starts at the first `?` before
    /// any `#` and ends at the next `#`: a `?` inside the fragment (`/x#top?utm_source=q`)
    /// starts none, as in a browser, and as SPEC 4.1 cuts the path at the first `?` or `#`.
    static func queryParameter(_ name: String, in address: String) -> String? {
        // Runs for nearly every web event (utm_source is rarely a field): no array is made
        // unless the page has a query string.
        guard hasQuestionMark(address) else { return nil }
        return queryParameters([name], in: address)[0]
    }

    /// True when `address` holds a `?`: memchr over the string's own bytes, since the generic
    /// `contains` over a UTF8View, run for nearly every event, showed in a profile.
    static func hasQuestionMark(_ address: String) -> Bool {
        address.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(Self.questionMark), bytes.count) != nil
        } ?? address.utf8.contains(Self.questionMark)
    }

    /// `queryParameter` for several names in one pass over the address, in `names` order.
    static func queryParameters(_ names: [String], in address: String) -> [String?] {
        var found = [String?](repeating: nil, count: names.count)
        guard hasQuestionMark(address) else { return found }
        var address = address
        address.withUTF8 { bytes in
            guard let queryMark = bytes.firstIndex(where: { $0 == Self.questionMark || $0 == Self.numberSign }),
                  bytes[queryMark] == Self.questionMark else { return }
            let queryEnd = bytes[queryMark...].firstIndex(of: Self.numberSign) ?? bytes.count
            let wanted = names.map { Array($0.utf8) }
            var settled = [Bool](repeating: false, count: names.count)
            var pairStart = queryMark + 1
            while pairStart <= queryEnd {
                let pairEnd = bytes[pairStart..<queryEnd].firstIndex(of: ampersand) ?? queryEnd
                if pairStart < pairEnd {
                    let equals = bytes[pairStart..<pairEnd].firstIndex(of: equalsSign)
                    let rawKey = bytes[pairStart..<(equals ?? pairEnd)]
                    // Most keys need no decoding; decoded only when they hold an escape or a `+`.
                    let needsDecoding = rawKey.contains { $0 == percentSign || $0 == UInt8(ascii: "+") }
                    let key = needsDecoding ? percentDecode(ArraySlice(rawKey)) : Array(rawKey)
                    // The first parameter of a name decides, even when its value is empty.
                    if let slot = wanted.indices.first(where: { !settled[$0] && wanted[$0] == key }) {
                        settled[slot] = true
                        let value = equals.map { percentDecode(ArraySlice(bytes[($0 + 1)..<pairEnd])) } ?? []
                        found[slot] = value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
                        if !settled.contains(false) { return }
                    }
                }
                pairStart = pairEnd + 1
            }
        }
        return found
    }

    /// Percent-decoding, with `+` as a space in a query string (not in a host); a
    /// malformed escape is kept as written.
    static func percentDecode(_ text: ArraySlice<UInt8>, plusIsSpace: Bool = true) -> [UInt8] {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if plusIsSpace, byte == UInt8(ascii: "+") {
                decoded.append(UInt8(ascii: " "))
            } else if byte == percentSign, index + 2 < text.endIndex, let high = hexValue(text[index + 1]),
                      let low = hexValue(text[index + 2]) {
                decoded.append(high << 4 | low)
                index += 2
            } else {
                decoded.append(byte)
            }
            index += 1
        }
        return decoded
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for start in 0...(bytes.count - pattern.count) where bytes[start..<(start + pattern.count)].elementsEqual(pattern) {
            return start
        }
        return nil
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static let slash = UInt8(ascii: "/")
    private static let questionMark = UInt8(ascii: "?")
    private static let numberSign = UInt8(ascii: "#")
    private static let ampersand = UInt8(ascii: "&")
    private static let equalsSign = UInt8(ascii: "=")
    private static let percentSign = UInt8(ascii: "%")
}
