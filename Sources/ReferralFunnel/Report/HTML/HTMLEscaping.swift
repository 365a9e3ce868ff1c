/// Escaping for text and attribute values: the five characters that can change the meaning
/// of markup, plus control characters that have no business in a page.
enum HTMLEscaping {
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        escape(text, into: &output)
        return output
    }

    /// Appends `text`, escaped, to `output`. Most values on a page (IDs, numbers, names) are
    /// printable ASCII with nothing to escape: those are appended whole.
    static func escape(_ text: String, into output: inout String) {
        if text.utf8.allSatisfy(isPlainASCII) {
            output.append(text)
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output.append("&amp;")
            case "<": output.append("&lt;")
            case ">": output.append("&gt;")
            case "\"": output.append("&quot;")
            case "'": output.append("&#39;")
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                // NUL and other C0/C1 controls would be replaced or rejected by the parser
                // anyway; making it explicit keeps the page text what the reader sees.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    output.append("\u{FFFD}")
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
    }

    /// A printable ASCII byte that is not one of the five escaped characters.
    private static func isPlainASCII(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): false
        default: byte >= 0x20 && byte < 0x7F
        }
    }
}
