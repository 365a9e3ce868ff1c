/// An input's physical lines as an editor shows them, worked out independently of the
/// readers so their line numbers and raw texts can be checked: the readers drop a UTF-8
/// byte order mark at the very start, and every line feed ends a line.
struct PhysicalLines {
    let bytes: [UInt8]
    /// Where line `k + 1` starts; the empty tail after a final line feed is not a line.
    let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        let hasByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        var starts = [hasByteOrderMark ? 3 : 0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A && offset >= starts[0] {
            starts.append(offset + 1)
        }
        while let last = starts.last, last >= bytes.count { starts.removeLast() }
        self.starts = starts
    }

    var count: Int { starts.count }

    func start(ofLine number: Int) -> Int? {
        number >= 1 && number <= starts.count ? starts[number - 1] : nil
    }

    /// The line's bytes without its line feed (a CR before it is kept).
    func content(ofLine number: Int) -> ArraySlice<UInt8> {
        guard let start = start(ofLine: number) else { return [] }
        let end = number < starts.count ? starts[number] - 1 : bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
        return bytes[start..<end]
    }

    /// Line numbers must start at 1, rise strictly and name lines that exist.
    func lineNumberProblems(_ numbers: [Int], reader: String) -> [String] {
        var problems: [String] = []
        var previous = 0
        for number in numbers {
            if number <= previous {
                problems.append("\(reader): line \(number) does not come after line \(previous)")
            }
            if start(ofLine: number) == nil {
                problems.append("\(reader): line \(number) does not exist (the input has \(count))")
            }
            previous = number
        }
        return problems
    }
}
