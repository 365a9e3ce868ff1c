/// A session's landing page as SPEC section 4.1 keeps it: the `page` of its first page_view
/// reduced to a path, with every path segment that may identify a person or a record
/// masked as `{id}` before anything is stored (SPEC section 8: an email address or a record
/// number in a path is never kept or shown).
///
/// Works on UTF-8 bytes, as WebAddress does: it runs for each session part's first page_view
/// (millions a year). Nothing is decoded and case is kept, so `/Book` and `/book` stay two
/// pages, as the spec says.
enum LandingPagePath {
    static let maskedSegment = Array("{id}".utf8)
    private static let schemes = [Array("https://".utf8), Array("http://".utf8)]

    /// `/Book/?utm_source=x`, `https://www.summitortho.com/Book` and `/Book#top` are all
    /// `/Book`; `/forms/2024118812/confirm` is `/forms/{id}/confirm`.
    static func path(of page: String) -> String {
        if isAlreadyAPath(page) { return page }
        var bytes = Array(page.utf8)[...]
        // 1. A leading scheme, in any case, and the host with any port: up to the first
        //    `/`, `?` or `#`.
        if let scheme = leadingScheme(of: bytes) {
            bytes = bytes.dropFirst(scheme)
            let hostEnd = bytes.firstIndex { $0 == slash || $0 == questionMark || $0 == numberSign } ?? bytes.endIndex
            bytes = bytes[hostEnd...]
        }
        // 2. Everything from the first `?` or `#`.
        if let queryStart = bytes.firstIndex(where: { $0 == questionMark || $0 == numberSign }) {
            bytes = bytes[..<queryStart]
        }
        // 3. An empty path is `/`; 4. one trailing `/` goes unless the path is `/`.
        if bytes.isEmpty { return "/" }
        if bytes.count > 1, bytes.last == slash { bytes = bytes.dropLast() }
        // 5. Segments that hold `@`, `%40` or six or more ASCII digits in a row.
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var segmentStart = bytes.startIndex
        while true {
            let segmentEnd = bytes[segmentStart...].firstIndex(of: slash) ?? bytes.endIndex
            let segment = bytes[segmentStart..<segmentEnd]
            result.append(contentsOf: identifiesSomething(segment) ? maskedSegment[...] : segment)
            guard segmentEnd < bytes.endIndex else { break }
            result.append(slash)
            segmentStart = segmentEnd + 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// True for the common page that the rules leave as it is: `/` itself, or a path that
    /// starts with `/` and has no query, fragment, trailing `/`, `%` or `@`, and no six digits
    /// in a row. Checked in one pass without allocating, so most sessions' pages are kept
    /// without copying their bytes; anything else takes the rules one by one.
    private static func isAlreadyAPath(_ page: String) -> Bool {
        var digitsInARow = 0
        var previous: UInt8 = 0
        var count = 0
        for byte in page.utf8 {
            if count == 0, byte != slash { return false }
            switch byte {
            case questionMark, numberSign, UInt8(ascii: "@"), UInt8(ascii: "%"): return false
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digitsInARow += 1
                if digitsInARow >= 6 { return false }
            default:
                digitsInARow = 0
            }
            previous = byte
            count += 1
        }
        return count == 1 || (count > 1 && previous != slash)
    }

    /// The length of `http://` or `https://` at the start, in any case; nil for none.
    private static func leadingScheme(of bytes: ArraySlice<UInt8>) -> Int? {
        for scheme in schemes where bytes.count >= scheme.count {
            if zip(bytes, scheme).allSatisfy({ lowercased($0) == $1 }) { return scheme.count }
        }
        return nil
    }

    /// An `@`, a `%40` (either case of neither: `%40` has no letters), or six ASCII digits in
    /// a row. One pass over the bytes, nothing allocated: it runs once per session part.
    private static func identifiesSomething(_ segment: ArraySlice<UInt8>) -> Bool {
        var digitsInARow = 0
        var index = segment.startIndex
        while index < segment.endIndex {
            let byte = segment[index]
            if byte == UInt8(ascii: "@") { return true }
            if byte == UInt8(ascii: "%"), index + 2 < segment.endIndex,
               segment[index + 1] == UInt8(ascii: "4"), segment[index + 2] == UInt8(ascii: "0") {
                return true
            }
            digitsInARow = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? digitsInARow + 1 : 0
            if digitsInARow >= 6 { return true }
            index += 1
        }
        return false
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    private static let slash = UInt8(ascii: "/")
    private static let questionMark = UInt8(ascii: "?")
    private static let numberSign = UInt8(ascii: "#")
}
