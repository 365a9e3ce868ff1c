/// The name normalization of SPEC section 3, used on both sides of every source match.
///
/// `Lakeside Family Med., P.C.` and `LAKESIDE FAMILY MED` both become `lakeside family med`;
/// `www.Healthgrades.com` becomes `healthgradescom`.
public enum NameNormalizer {
    static let droppedSuffixes: Set<String> = ["pc", "pllc", "llc", "inc", "pa", "ltd", "md"]

    public static func normalize(_ name: String) -> String {
        var text = name.lowercased()
        if text.hasPrefix("www.") {
            text.removeFirst(4)
        }
        var words: [String] = []
        var word = String.UnicodeScalarView()
        func endWord() {
            if !word.isEmpty {
                words.append(String(word))
                word.removeAll(keepingCapacity: true)
            }
        }
        for scalar in text.unicodeScalars {
            if scalar == "." {
                continue
            } else if scalar == "&" {
                endWord()
                words.append("and")
            } else if isLetterOrDigit(scalar) {
                word.append(scalar)
            } else {
                endWord()
            }
        }
        endWord()
        while words.count > 1, let last = words.last, droppedSuffixes.contains(last) {
            words.removeLast()
        }
        return words.joined(separator: " ")
    }

    /// Unicode letters (categories L*) and decimal digits (Nd) count; everything else,
    /// including other numerals such as `²` or `Ⅻ`, separates words.
    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber:
            return true
        default:
            return false
        }
    }
}
