/// The two parts of a web address the warehouse may keep (SPEC section 8): the host of a
/// referrer and the `utm_*` values of a page's query string. Everything else in the
/// address, which can carry personal data, is dropped.
enum WebAddress {
    /// The host of a URL such as `https://www.Google.com:443/search?q=x`, lowercased
    /// (`www.google.com`), or nil when there is none.
    static func host(of url: String) -> String? {
        var rest = Substring(url)
        if let schemeEnd = rest.range(of: "://") {
            rest = rest[schemeEnd.upperBound...]
        } else if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
        } else {
            // A bare path such as `/refer` has no host.
            if rest.hasPrefix("/") { return nil }
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var host = authority
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if host.hasPrefix("[") {
            if let close = host.firstIndex(of: "]") { host = host[...close] }
        } else if let colon = host.firstIndex(of: ":") {
            host = host[..<colon]
        }
        let lowered = host.lowercased()
        return lowered.isEmpty ? nil : lowered
    }

    /// The first `name=` parameter of the address's query string, percent-decoded with `+`
    /// as a space; nil when absent or empty.
    static func queryParameter(_ name: String, in address: String) -> String? {
        guard let questionMark = address.firstIndex(of: "?") else { return nil }
        var query = address[address.index(after: questionMark)...]
        if let hash = query.firstIndex(of: "#") { query = query[..<hash] }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard percentDecode(parts[0]) == name else { continue }
            let value = parts.count > 1 ? percentDecode(parts[1]) : ""
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Percent-decoding with `+` as a space; a malformed escape is kept as written.
    static func percentDecode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                      let high = hexValue(iterator[iterator.startIndex]),
                      let low = hexValue(iterator[iterator.startIndex + 1]) {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
