/// RFC 4180 and JSON string encoding for the sample writers.
enum CSVText {
    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    static func field(_ value: String) -> String {
        let needsQuotes = value.utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
            || value.first == " " || value.last == " "
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

enum JSONText {
    static func quoted(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }
}
