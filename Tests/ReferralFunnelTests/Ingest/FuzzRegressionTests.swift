import Foundation
import XCTest
@testable import ReferralFunnel

/// Keeps what fuzzing learned. Every file of the committed seed corpus (Fuzz/corpus/) goes
/// through the same property checks the libFuzzer targets run (Support/FuzzProperties/),
/// so CI re-checks them without libFuzzer; inputs that once broke a reader are kept below
/// with the behaviour they must have now.
final class FuzzRegressionTests: XCTestCase {
    /// Read by path, not as a bundle resource: the corpus belongs to the fuzz package.
    private static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    private func corpusFiles(_ folder: String) throws -> [URL] {
        let directory = Self.corpus.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        return names.map { directory.appendingPathComponent($0) }
    }

    private func checkCorpus(_ folder: String, minimumFiles: Int, _ violations: ([UInt8]) -> [String]) throws {
        let files = try corpusFiles(folder)
        // A corpus that went missing must not pass as "no violations".
        XCTAssertGreaterThanOrEqual(files.count, minimumFiles, "Fuzz/corpus/\(folder) lost files")
        for file in files {
            let input = [UInt8](try Data(contentsOf: file))
            XCTAssertEqual(violations(input), [], "Fuzz/corpus/\(folder)/\(file.lastPathComponent)")
        }
    }

    func testCSVCorpusKeepsTheReaderProperties() throws {
        try checkCorpus("csv", minimumFiles: 15, CSVReaderProperties.violations(in:))
    }

    func testJSONLinesCorpusKeepsTheReaderProperties() throws {
        try checkCorpus("jsonl", minimumFiles: 15, JSONLinesReaderProperties.violations(in:))
    }

    func testTimestampCorpusKeepsTheParserProperties() throws {
        try checkCorpus("timestamp", minimumFiles: 25, TimestampParserProperties.violations(in:))
    }

    func testConfigCorpusKeepsTheLoaderProperties() throws {
        try checkCorpus("config", minimumFiles: 10, PipelineConfigProperties.violations(in:))
    }

    /// The property checks themselves must be able to fail, or the corpus tests prove nothing.
    func testPropertiesCatchABrokenRecord() {
        let input = Array("a,b\n".utf8)
        let wrongLine = CSVReadResult.record(CSVRecord(fields: ["a", "b"], lineNumber: 2, rawText: "a,b"))
        XCTAssertFalse(PhysicalLines(input).lineNumberProblems([CSVReaderProperties.lineNumber(wrongLine)], reader: "CSV").isEmpty)
        XCTAssertFalse(CSVReaderProperties.roundTripProblems(CSVRecord(fields: [" a"], lineNumber: 1, rawText: "\" a\"")).isEmpty,
                       "a field with a leading space cannot come back from the reader, which trims it")
        XCTAssertFalse(CSVReaderProperties.referenceProblems([wrongLine], input: input).isEmpty)
        XCTAssertEqual(ISO8601Text.text(microsecondsSinceEpoch: -1, offsetSeconds: -18_000), "1969-12-31T18:59:59.999999-05:00")
    }

    /// Found by FuzzCSVReader in its first minute (Fuzz/corpus/csv/crash-text-after-quote-past-limit.bin):
    /// with the record limit at 8 bytes, text after a closing quote was skipped up to the
    /// comma at byte 8, one past the limit, and the unquoted field after it then missed the
    /// "too long" check (it tested `index == limit`). The scanner went on to take the `0`
    /// for the record's line feed: a record ended mid-line and the next "record" (the
    /// stray `"`) was reported on line 2 of a one-line input.
    func testTextAfterAClosingQuotePastTheRecordLimitIsTooLong() {
        var reader = CSVReader(text: "\"\u{0}ti\"pti,0\"", maximumRecordBytes: 8)
        var results: [CSVReadResult] = []
        while let result = reader.next() { results.append(result) }
        // One line, longer than the limit: one malformed row, its raw text cut at 8 bytes.
        XCTAssertEqual(results, [.malformed(CSVMalformedRow(lineNumber: 1, rawText: "\"\u{0}ti\"pti",
                                                            reason: "record longer than 8 bytes"))])

        // The same shape with lines after it: the whole first line is the raw text (its line
        // feed is in memory) and the next line keeps its number.
        var later = CSVReader(text: "\"ab\"cdef,0,1\nx,y\n", maximumRecordBytes: 8)
        XCTAssertEqual(later.next(), .malformed(CSVMalformedRow(lineNumber: 1, rawText: "\"ab\"cdef,0,1",
                                                                reason: "record longer than 8 bytes")))
        XCTAssertEqual(later.next(), .record(CSVRecord(fields: ["x", "y"], lineNumber: 2, rawText: "x,y")))
        XCTAssertNil(later.next())
    }

    /// Found by FuzzCSVReader comparing chunked file reads with reading from memory
    /// (Fuzz/corpus/csv/crash-stray-quote-chunked-shrink.csv). A stray quote on line 2 runs
    /// into line 3's quoted field; the reader rightly gives up only line 2 and reads line 3
    /// again, but it first consumed the record and shrank its buffer (which moves the bytes
    /// once it has grown past four chunks), then rewound to a stale offset: lines 2 and 3
    /// were lost and line 4's text came back as line 2's. With the default 256 KiB chunks
    /// this needs a stray quote running several hundred KiB, so here the chunks are 16 bytes.
    func testStrayQuoteAfterTheBufferGrewRereadsTheRightLines() throws {
        let text = "id,note\n1,\"stray quote" + String(repeating: ".", count: 60) + "\n2,\"ok\"\n3,end\n"
        let expected: [CSVReadResult] = [
            .record(CSVRecord(fields: ["id", "note"], lineNumber: 1, rawText: "id,note")),
            .malformed(CSVMalformedRow(lineNumber: 2, rawText: "1,\"stray quote" + String(repeating: ".", count: 60),
                                       reason: "unterminated quoted field")),
            .record(CSVRecord(fields: ["2", "ok"], lineNumber: 3, rawText: "2,\"ok\"")),
            .record(CSVRecord(fields: ["3", "end"], lineNumber: 4, rawText: "3,end")),
        ]
        let path = NSTemporaryDirectory() + "/fuzz-regression-\(ProcessInfo.processInfo.processIdentifier).csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for chunkSize in [16, 23, 64, CSVReader.defaultChunkSize] {
            var reader = try CSVReader(path: path, chunkSize: chunkSize)
            var results: [CSVReadResult] = []
            while let result = reader.next() { results.append(result) }
            XCTAssertEqual(results, expected, "\(chunkSize)-byte chunks")
        }
        var inMemory = CSVReader(text: text)
        var results: [CSVReadResult] = []
        while let result = inMemory.next() { results.append(result) }
        XCTAssertEqual(results, expected)
    }
}
