import Foundation
import XCTest
@testable import ReferralFunnel

final class CSVReaderTests: XCTestCase {
    private func readAll(_ reader: inout CSVReader) -> [CSVReadResult] {
        var results: [CSVReadResult] = []
        while let result = reader.next() { results.append(result) }
        return results
    }

    private func readAll(_ text: String, maximumRecordBytes: Int = CSVReader.defaultMaximumRecordBytes) -> [CSVReadResult] {
        var reader = CSVReader(text: text, maximumRecordBytes: maximumRecordBytes)
        return readAll(&reader)
    }

    private func record(_ fields: [String], line: Int, raw: String) -> CSVReadResult {
        .record(CSVRecord(fields: fields, lineNumber: line, rawText: raw))
    }

    private func malformed(line: Int, raw: String, reason: String) -> CSVReadResult {
        .malformed(CSVMalformedRow(lineNumber: line, rawText: raw, reason: reason))
    }

    func testSimpleRecordsWithLF() {
        XCTAssertEqual(readAll("a,b,c\n1,2,3\n"), [
            record(["a", "b", "c"], line: 1, raw: "a,b,c"),
            record(["1", "2", "3"], line: 2, raw: "1,2,3"),
        ])
    }

    func testCRLFAndLastLineWithoutLineBreak() {
        XCTAssertEqual(readAll("a,b\r\n1,2\r\n3,4"), [
            record(["a", "b"], line: 1, raw: "a,b"),
            record(["1", "2"], line: 2, raw: "1,2"),
            record(["3", "4"], line: 3, raw: "3,4"),
        ])
        XCTAssertEqual(readAll("a,\"b\"\r\n"), [record(["a", "b"], line: 1, raw: "a,\"b\"")])
    }

    func testByteOrderMarkIsDropped() {
        var reader = CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array("id,name\n1,x\n".utf8))
        XCTAssertEqual(readAll(&reader), [
            record(["id", "name"], line: 1, raw: "id,name"),
            record(["1", "x"], line: 2, raw: "1,x"),
        ])
    }

    func testQuotedFieldsWithCommasQuotesAndLineBreaks() {
        let text = "id,note\n1,\"Smith, John\"\n2,\"said \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"crlf\r\ninside\"\r\n5,end\n"
        XCTAssertEqual(readAll(text), [
            record(["id", "note"], line: 1, raw: "id,note"),
            record(["1", "Smith, John"], line: 2, raw: "1,\"Smith, John\""),
            record(["2", "said \"hi\""], line: 3, raw: "2,\"said \"\"hi\"\"\""),
            // The record starts on line 4 and its quoted line break uses line 5...
            record(["3", "two\nlines"], line: 4, raw: "3,\"two\nlines\""),
            record(["4", "crlf\r\ninside"], line: 6, raw: "4,\"crlf\r\ninside\""),
            // ...so this one is on line 8.
            record(["5", "end"], line: 8, raw: "5,end"),
        ])
    }

    func testEmptyFields() {
        XCTAssertEqual(readAll(",,\n\"\",x,\n"), [
            record(["", "", ""], line: 1, raw: ",,"),
            record(["", "x", ""], line: 2, raw: "\"\",x,"),
        ])
    }

    func testBlankLinesAreSkippedButCounted() {
        XCTAssertEqual(readAll("a,b\n\n   \n\t\r\n1,2\n\n"), [
            record(["a", "b"], line: 1, raw: "a,b"),
            record(["1", "2"], line: 5, raw: "1,2"),
        ])
        XCTAssertEqual(readAll(""), [])
        XCTAssertEqual(readAll("\n\n  "), [])
    }

    func testFieldsAreTrimmed() {
        XCTAssertEqual(readAll(" a , b\t,\t\"c d\" , \" e \"\n"), [
            record(["a", "b", "c d", "e"], line: 1, raw: " a , b\t,\t\"c d\" , \" e \""),
        ])
    }

    func testQuoteInsideAnUnquotedFieldIsLiteral() {
        XCTAssertEqual(readAll("5\" screen,x\n"), [record(["5\" screen", "x"], line: 1, raw: "5\" screen,x")])
    }

    func testCharactersAfterAClosingQuoteMakeTheRecordMalformed() {
        XCTAssertEqual(readAll("a,b\n\"x\"y,2\n3,4\n"), [
            record(["a", "b"], line: 1, raw: "a,b"),
            malformed(line: 2, raw: "\"x\"y,2", reason: "characters after a closing quote"),
            record(["3", "4"], line: 3, raw: "3,4"),
        ])
    }

    func testInvalidUTF8MakesTheRecordMalformed() {
        var reader = CSVReader(bytes: Array("a,b\n1,".utf8) + [0xC3, 0x28] + Array("\n2,ok\n".utf8))
        XCTAssertEqual(readAll(&reader), [
            record(["a", "b"], line: 1, raw: "a,b"),
            malformed(line: 2, raw: "1,\u{FFFD}(", reason: "invalid UTF-8"),
            record(["2", "ok"], line: 3, raw: "2,ok"),
        ])
    }

    func testUnicodeIsKept() {
        XCTAssertEqual(readAll("Zoë,\"Müller, Dr.\",東京\n"), [
            record(["Zoë", "Müller, Dr.", "東京"], line: 1, raw: "Zoë,\"Müller, Dr.\",東京"),
        ])
    }

    func testUnterminatedQuoteMidFileCostsOnlyItsFirstLine() {
        // The stray quote on line 3 opens a field that never closes. Only line 3 is lost;
        // reading resumes on line 4, and everything after still comes out.
        XCTAssertEqual(readAll("id,note\n1,ok\n2,\"broken\n3,fine\n4,plain\n"), [
            record(["id", "note"], line: 1, raw: "id,note"),
            record(["1", "ok"], line: 2, raw: "1,ok"),
            malformed(line: 3, raw: "2,\"broken", reason: "unterminated quoted field"),
            record(["3", "fine"], line: 4, raw: "3,fine"),
            record(["4", "plain"], line: 5, raw: "4,plain"),
        ])
    }

    func testStrayQuoteClosedByALaterRecordsQuoteCostsOnlyItsFirstLine() {
        // Here the stray quote on line 3 pairs with the opening quote on line 5, and text
        // follows that "closing" quote. Still only line 3 is lost.
        let text = "id,note\n1,ok\n2,\"broken\n3,fine\n4,\"quoted, fine\"\n"
        XCTAssertEqual(readAll(text), [
            record(["id", "note"], line: 1, raw: "id,note"),
            record(["1", "ok"], line: 2, raw: "1,ok"),
            malformed(line: 3, raw: "2,\"broken", reason: "unterminated quoted field"),
            record(["3", "fine"], line: 4, raw: "3,fine"),
            record(["4", "quoted, fine"], line: 5, raw: "4,\"quoted, fine\""),
        ])
    }

    func testUnterminatedQuoteOnTheLastLine() {
        XCTAssertEqual(readAll("a,b\n1,\"open"), [
            record(["a", "b"], line: 1, raw: "a,b"),
            malformed(line: 2, raw: "1,\"open", reason: "unterminated quoted field"),
        ])
    }

    func testQuotedFieldPastTheMaximumSizeIsUnterminated() {
        // With a 64-byte limit, a quote that stays open for 100 bytes is given up on; the
        // lines it swallowed are read again as records.
        let filler = (0..<20).map { "\($0),x" }.joined(separator: "\n")
        let text = "a,b\n1,\"open\n" + filler + "\n\"\n"
        let results = readAll(text, maximumRecordBytes: 64)
        XCTAssertEqual(results.first, record(["a", "b"], line: 1, raw: "a,b"))
        XCTAssertEqual(results.dropFirst().first, malformed(line: 2, raw: "1,\"open", reason: "unterminated quoted field"))
        XCTAssertEqual(results.dropFirst(2).first, record(["0", "x"], line: 3, raw: "0,x"))
        XCTAssertEqual(results.dropFirst(21).first, record(["19", "x"], line: 22, raw: "19,x"))
        // The lone closing quote on the last line opens a field that never closes either.
        XCTAssertEqual(results.last, malformed(line: 23, raw: "\"", reason: "unterminated quoted field"))
        XCTAssertEqual(results.count, 23)
    }

    func testOverlongLineIsMalformedAndSkipped() {
        let long = String(repeating: "x", count: 200)
        let results = readAll("a\n\(long)\nb\n", maximumRecordBytes: 64)
        XCTAssertEqual(results.count, 3)
        XCTAssertEqual(results[2], record(["b"], line: 3, raw: "b"))
        guard case let .malformed(row) = results[1] else { return XCTFail("expected a malformed row") }
        XCTAssertEqual(row.lineNumber, 2)
        XCTAssertEqual(row.reason, "record longer than 64 bytes")
    }

    func testFileLargerThanTheChunkSize() throws {
        // 5000 records through a 64-byte chunk: every record, quoted line breaks and CRLFs
        // included, crosses chunk boundaries somewhere.
        var text = "\u{FEFF}id,note,amount\r\n"
        for index in 1...5000 {
            text += index % 7 == 0 ? "\(index),\"multi\nline, \"\"quoted\"\"\",\(index * 3)\r\n" : "\(index), plain ,\(index * 3)\r\n"
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-reader-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }

        var reader = try CSVReader(path: url.path, chunkSize: 64)
        var results = readAll(&reader)
        XCTAssertNil(reader.readFailure)
        XCTAssertEqual(reader.bytesRead, text.utf8.count)
        XCTAssertEqual(results.count, 5001)
        XCTAssertEqual(results.removeFirst(), record(["id", "note", "amount"], line: 1, raw: "id,note,amount"))
        var expectedLine = 2
        for (offset, result) in results.enumerated() {
            let index = offset + 1
            guard case let .record(record) = result else { return XCTFail("record \(index) malformed") }
            let note = index % 7 == 0 ? "multi\nline, \"quoted\"" : "plain"
            XCTAssertEqual(record.fields, ["\(index)", note, "\(index * 3)"])
            XCTAssertEqual(record.lineNumber, expectedLine)
            expectedLine += index % 7 == 0 ? 2 : 1
        }
    }

    func testMissingFileThrows() {
        XCTAssertThrowsError(try CSVReader(path: "/nonexistent/file.csv")) { error in
            guard case .cannotOpen(path: "/nonexistent/file.csv", _) = error as? IngestError else {
                return XCTFail("unexpected error \(error)")
            }
        }
    }
}
