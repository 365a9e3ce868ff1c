import Foundation

/// A small RFC 4180 reader for checking the generated exports from the outside
/// (BOM, CRLF, quoted commas, quotes and newlines). Test support only.
enum SampleCSV {
    static func rows(of file: URL) throws -> [[String]] {
        var text = try String(contentsOf: file, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" { field.unicodeScalars.append("\""); scalars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                row.append(field); field = ""
            } else if scalar == "\n" || scalar == "\r" {
                if scalar == "\r" && scalars.first == "\n" { scalars.removeFirst() }
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// Rows as column → value, dropping rows whose field count does not match the header.
    static func records(of file: URL) throws -> (records: [[String: String]], malformed: Int) {
        let all = try rows(of: file)
        guard let header = all.first else { return ([], 0) }
        var records: [[String: String]] = []
        var malformed = 0
        for row in all.dropFirst() {
            guard row.count == header.count else { malformed += 1; continue }
            records.append(Dictionary(uniqueKeysWithValues: zip(header, row)))
        }
        return (records, malformed)
    }
}
