import ReferralFunnel

/// A deliberately plain CSV parser with the rules `CSVReader` documents (RFC 4180, fields
/// trimmed of spaces and tabs and a trailing CR, blank lines skipped but counted, a quote
/// inside an unquoted field kept as text). It reads the whole input at once with no
/// chunking, limits or recovery, so it serves as an oracle: wherever neither it nor the
/// reader finds a malformed record, both must give the same records.
enum CSVReferenceParser {
    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    private static func isPadding(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Every record, or nil when any record is malformed.
    static func parse(_ bytes: [UInt8]) -> [CSVRecord]? {
        let count = bytes.count
        var index = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        var line = 1
        var records: [CSVRecord] = []
        while index < count {
            var probe = index
            while probe < count, isPadding(bytes[probe]) || bytes[probe] == carriageReturn { probe += 1 }
            if probe == count { break }
            if bytes[probe] == lineFeed {
                index = probe + 1
                line += 1
                continue
            }
            let recordStart = index
            let recordLine = line
            var fields: [String] = []
            while true {
                while index < count, isPadding(bytes[index]) { index += 1 }
                var value: [UInt8] = []
                if index < count, bytes[index] == quote {
                    index += 1
                    while true {
                        guard index < count else { return nil }
                        if bytes[index] == quote {
                            if index + 1 < count, bytes[index + 1] == quote {
                                value.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            break
                        }
                        if bytes[index] == lineFeed { line += 1 }
                        value.append(bytes[index])
                        index += 1
                    }
                    while index < count, isPadding(bytes[index]) { index += 1 }
                    if index < count, bytes[index] != comma, bytes[index] != lineFeed,
                       !(bytes[index] == carriageReturn && (index + 1 == count || bytes[index + 1] == lineFeed)) {
                        return nil
                    }
                } else {
                    while index < count, bytes[index] != comma, bytes[index] != lineFeed {
                        value.append(bytes[index])
                        index += 1
                    }
                }
                guard let text = trimmedText(value) else { return nil }
                fields.append(text)
                if index < count, bytes[index] == comma {
                    index += 1
                    continue
                }
                break
            }
            // The record ends at a line feed or the end of the input; a CR just before is
            // part of the line break, not of the raw text.
            let stop = index < count && bytes[index] == carriageReturn ? index + 1 : index
            let rawEnd = stop > recordStart && bytes[stop - 1] == carriageReturn ? stop - 1 : stop
            records.append(CSVRecord(fields: fields, lineNumber: recordLine,
                                     rawText: String(decoding: bytes[recordStart..<rawEnd], as: UTF8.self)))
            if stop < count {
                index = stop + 1
                line += 1
            } else {
                index = count
            }
        }
        return records
    }

    private static func trimmedText(_ value: [UInt8]) -> String? {
        var low = 0
        var high = value.count
        while low < high, isPadding(value[low]) { low += 1 }
        while high > low, isPadding(value[high - 1]) || value[high - 1] == carriageReturn { high -= 1 }
        return String(validating: value[low..<high], as: UTF8.self)
    }
}
