import Foundation
import XCTest
@testable import ReferralFunnel

final class JSONLinesReaderTests: XCTestCase {
    private func readAll(_ reader: inout JSONLinesReader) -> [JSONLinesReadResult] {
        var results: [JSONLinesReadResult] = []
        while let result = reader.next() { results.append(result) }
        return results
    }

    private func readAll(_ text: String) -> [JSONLinesReadResult] {
        var reader = JSONLinesReader(text: text)
        return readAll(&reader)
    }

    /// The one object a single line holds, or nil with a failure.
    private func object(_ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) -> JSONObjectLine? {
        let results = readAll(line)
        guard results.count == 1, case let .object(object) = results[0] else {
            XCTFail("expected one object, got \(results)", file: file, line: lineNumber)
            return nil
        }
        return object
    }

    /// The reason a single line is malformed, or nil when it is not.
    private func reason(_ line: String) -> String? {
        let results = readAll(line)
        guard results.count == 1, case let .malformed(_, _, reason) = results[0] else { return nil }
        return reason
    }

    func testWebEventLine() throws {
        let line = #"{"ts":"2026-11-02T14:03:11Z","event":"page_view","session_id":"s1","page":"/refer?utm_source=x","n":12.5e-1,"ok":true,"gone":false,"none":null}"#
        let event = try XCTUnwrap(object(line))
        XCTAssertEqual(event.lineNumber, 1)
        XCTAssertEqual(event.rawText, line)
        XCTAssertEqual(event["ts"], .string("2026-11-02T14:03:11Z"))
        XCTAssertEqual(event["event"], .string("page_view"))
        XCTAssertEqual(event["page"], .string("/refer?utm_source=x"))
        XCTAssertEqual(event["n"], .number("12.5e-1"))
        XCTAssertEqual(event["ok"], .bool(true))
        XCTAssertEqual(event["gone"], .bool(false))
        XCTAssertEqual(event["none"], .null)
        XCTAssertNil(event["missing"])
        XCTAssertEqual(event.fields.count, 8)
    }

    /// Kind-only keys come back typed but without text; an escape in their string is still
    /// checked, so a broken one still makes the line malformed; other kept keys keep text.
    func testKindOnlyKeysKeepTheKindAndDropTheText() throws {
        var reader = JSONLinesReader(text: """
            {"a":"kept","b":"dropped","c":12,"d":true,"e":{"x":1},"f":null}
            {"a":"x","b":"bad \\q escape"}

            """)
        reader.keptKeys = JSONKeySet(["a", "b", "c", "d", "e", "f"], kindOnly: ["b", "c", "d", "e", "f"])
        let results = readAll(&reader)
        XCTAssertEqual(results.count, 2)
        guard case let .object(first) = results[0] else { return XCTFail("\(results[0])") }
        XCTAssertEqual(first["a"], .string("kept"))
        XCTAssertEqual(first["b"], .string(""))
        XCTAssertEqual(first["c"], .number(""))
        XCTAssertEqual(first["d"], .bool(true))
        XCTAssertEqual(first["e"], .nested)
        XCTAssertEqual(first["f"], .null)
        guard case let .malformed(line, _, reason) = results[1] else { return XCTFail("\(results[1])") }
        XCTAssertEqual(line, 2)
        XCTAssertEqual(reason, "invalid escape in a string")
    }

    func testValuesAreNotTrimmed() throws {
        XCTAssertEqual(try XCTUnwrap(object(#"{"a":"  padded  "}"#))["a"], .string("  padded  "))
    }

    func testStringEscapes() throws {
        let line = #"{"s":"q\" b\\ s\/ \b\f\n\r\t","u":"\u00e9\u00E9 \u6771","pair":"\ud83d\ude00","nul":"a\u0000b"}"#
        let event = try XCTUnwrap(object(line))
        XCTAssertEqual(event["s"], .string("q\" b\\ s/ \u{08}\u{0C}\n\r\t"))
        XCTAssertEqual(event["u"], .string("éé 東"))
        XCTAssertEqual(event["pair"], .string("😀"))
        XCTAssertEqual(event["nul"], .string("a\u{0}b"))
        // Escapes in keys too.
        XCTAssertEqual(try XCTUnwrap(object(#"{"k\u0065y":1}"#))["key"], .number("1"))
    }

    func testRawUnicodeIsKept() throws {
        XCTAssertEqual(try XCTUnwrap(object(#"{"name":"Zoë 東京 😀"}"#))["name"], .string("Zoë 東京 😀"))
    }

    func testNestedValuesAreSkippedCorrectly() throws {
        let line = #"{"a":{"x":[1,{"y":"}]\"{["}],"z":{}},"b":[],"c":[[["deep"]]],"d":"after"}"#
        let event = try XCTUnwrap(object(line))
        XCTAssertEqual(event["a"], .nested)
        XCTAssertEqual(event["b"], .nested)
        XCTAssertEqual(event["c"], .nested)
        XCTAssertEqual(event["d"], .string("after"))
    }

    func testWhitespaceAnywhere() throws {
        let event = try XCTUnwrap(object(" \t{ \"a\" : 1 , \"b\"\t:\t[ 1 , 2 ] , \"c\" : \"x\" } \t"))
        XCTAssertEqual(event["a"], .number("1"))
        XCTAssertEqual(event["b"], .nested)
        XCTAssertEqual(event["c"], .string("x"))
        XCTAssertEqual(try XCTUnwrap(object("{}")).members, [])
    }

    func testDuplicateKeysLastWins() throws {
        let event = try XCTUnwrap(object(#"{"a":"first","a":"second"}"#))
        XCTAssertEqual(event["a"], .string("second"))
        XCTAssertEqual(event.fields["a"], .string("second"))
    }

    func testNumbersAreValidated() throws {
        for good in ["0", "-0", "12", "-12.5", "1e5", "1E+5", "1.5e-3", "0.0"] {
            XCTAssertEqual(object("{\"n\":\(good)}")?["n"], .number(good), good)
        }
        for bad in ["01", "1.", ".5", "+1", "1e", "1e+", "-", "1.5.5", "0x10", "NaN", "Infinity", "1a"] {
            XCTAssertNotNil(reason("{\"n\":\(bad)}"), "accepted number \(bad)")
        }
    }

    func testMalformedLines() {
        let cases: [(String, String)] = [
            (#"["not","an","object"]"#, "the line is not a JSON object"),
            (#""just a string""#, "the line is not a JSON object"),
            ("42", "the line is not a JSON object"),
            ("null", "the line is not a JSON object"),
            (#"{"a":1} trailing"#, "characters after the JSON object"),
            (#"{"a":1}{"b":2}"#, "characters after the JSON object"),
            (#"{"a":1"#, "the object is not closed"),
            (#"{"a":1,}"#, "expected a quoted key"),
            (#"{"a" 1}"#, "expected ':' after a key"),
            (#"{'a':1}"#, "expected a quoted key"),
            (#"{"a":tru}"#, "unknown literal"),
            (#"{"a":True}"#, "unexpected character where a value should be"),
            (#"{"a":"unterminated}"#, "a string is not closed"),
            (#"{"a":"bad \x escape"}"#, "invalid escape in a string"),
            (#"{"a":"\u12G4"}"#, #"invalid \u escape"#),
            (#"{"a":"\ud83d"}"#, #"an unpaired surrogate in a \u escape"#),
            (#"{"a":"\ude00"}"#, #"an unpaired surrogate in a \u escape"#),
            (#"{"a":"\ud83d\u0041"}"#, #"an unpaired surrogate in a \u escape"#),
            ("{\"a\":\"tab\there\"}", "a control character inside a string"),
            (#"{"a":[1,2}"#, "expected ',' or ']'"),
            (#"{"a":{"b":1]}"#, "expected ',' or '}'"),
            (#"{"a":[1,,2]}"#, "unexpected character where a value should be"),
            (#"{"a":{"b":"\q"}}"#, "invalid escape in a string"),
            (#"{"a":}"#, "unexpected character where a value should be"),
        ]
        for (line, expected) in cases {
            XCTAssertEqual(reason(line), expected, line)
        }
        XCTAssertEqual(reason(String(repeating: "[", count: 600)), "the line is not a JSON object")
        XCTAssertEqual(reason("{\"a\":" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}"),
                       "nesting too deep")
    }

    func testInvalidUTF8IsMalformed() {
        var reader = JSONLinesReader(bytes: Array(#"{"a":""#.utf8) + [0xFF] + Array("\"}\n{\"b\":1}\n".utf8))
        let results = readAll(&reader)
        XCTAssertEqual(results.count, 2)
        XCTAssertEqual(results.first, .malformed(lineNumber: 1, rawText: "{\"a\":\"\u{FFFD}\"}", reason: "invalid UTF-8"))
        guard case let .object(second) = results.last else { return XCTFail("expected an object") }
        XCTAssertEqual(second.lineNumber, 2)
        // An overlong encoding of "/" and an encoded surrogate are not UTF-8 either.
        for bytes: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            var reader = JSONLinesReader(bytes: Array(#"{"a":""#.utf8) + bytes + Array("\"}".utf8))
            guard case let .malformed(_, _, reason) = reader.next() else { return XCTFail("accepted \(bytes)") }
            XCTAssertEqual(reason, "invalid UTF-8")
        }
    }

    func testBlankLinesCRLFAndLastLineWithoutLineBreak() {
        let results = readAll("{\"a\":1}\r\n\r\n   \n\t\n{\"a\":2}\r\nnot json\r\n{\"a\":3}")
        XCTAssertEqual(results.count, 4)
        guard case let .object(first) = results[0], case let .object(second) = results[1],
              case let .object(fourth) = results[3] else { return XCTFail("unexpected \(results)") }
        XCTAssertEqual(first.lineNumber, 1)
        XCTAssertEqual(first.rawText, "{\"a\":1}")
        XCTAssertEqual(second.lineNumber, 5)
        XCTAssertEqual(second["a"], .number("2"))
        XCTAssertEqual(results[2], .malformed(lineNumber: 6, rawText: "not json", reason: "the line is not a JSON object"))
        XCTAssertEqual(fourth.lineNumber, 7)
        XCTAssertEqual(fourth["a"], .number("3"))
        XCTAssertEqual(readAll(""), [])
        XCTAssertEqual(readAll("\n\n"), [])
    }

    func testOverlongLineIsMalformedAndSkipped() {
        let long = "{\"a\":\"" + String(repeating: "x", count: 200) + "\"}"
        var reader = JSONLinesReader(text: "{\"a\":1}\n\(long)\n{\"a\":2}\n", maximumLineBytes: 64)
        let results = readAll(&reader)
        XCTAssertEqual(results.count, 3)
        guard case let .malformed(line, _, reason) = results[1], case let .object(last) = results[2] else {
            return XCTFail("unexpected \(results)")
        }
        XCTAssertEqual(line, 2)
        XCTAssertEqual(reason, "line longer than 64 bytes")
        XCTAssertEqual(last.lineNumber, 3)
    }

    func testFileLargerThanTheChunkSize() throws {
        // 3000 lines through a 64-byte chunk, so lines straddle chunk boundaries; a long
        // line (300 bytes) forces the buffer to grow, and a bad line in the middle is kept apart.
        var text = "\u{FEFF}"
        for index in 1...3000 {
            if index == 1500 {
                text += "{broken\n"
            } else if index % 100 == 0 {
                text += "{\"i\":\(index),\"pad\":\"\(String(repeating: "é", count: 150))\"}\r\n"
            } else {
                text += "{\"i\":\(index),\"event\":\"page_view\"}\n"
            }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jsonl-\(UUID().uuidString).jsonl")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }

        var reader = try JSONLinesReader(path: url.path, chunkSize: 64)
        let results = readAll(&reader)
        XCTAssertNil(reader.readFailure)
        XCTAssertEqual(reader.bytesRead, text.utf8.count)
        XCTAssertEqual(results.count, 3000)
        for (offset, result) in results.enumerated() {
            let index = offset + 1
            switch result {
            case let .object(object):
                XCTAssertEqual(object.lineNumber, index)
                XCTAssertEqual(object["i"], .number("\(index)"))
                if index % 100 == 0 {
                    XCTAssertEqual(object["pad"], .string(String(repeating: "é", count: 150)))
                }
            case let .malformed(line, raw, _):
                XCTAssertEqual(line, 1500)
                XCTAssertEqual(raw, "{broken")
            }
        }
    }

    func testMissingFileThrows() {
        XCTAssertThrowsError(try JSONLinesReader(path: "/nonexistent/events.jsonl"))
    }
    /// The web mapper reads visitor and campaign fields for their kind only, but a config
    /// that maps utm_source and utm_campaign onto one export column still gets its text.
    func testAColumnSharedWithAFieldWhoseTextIsReadKeepsItsText() throws {
        let feed = FeedConfig(kind: .web, filePatterns: [], columnNames: ["utm_source": "src", "utm_campaign": "src"])
        let mapper = WebEventMapper(readers: try FieldReaders(feed: feed, timeZone: try XCTUnwrap(TimeZone(identifier: "UTC"))))
        var reader = JSONLinesReader(text: #"{"ts":"2026-11-02T14:03:11Z","event":"page_view","session_id":"s1","page":"/","src":"lakeside-fm"}"# + "\n")
        reader.keptKeys = mapper.readKeys
        guard case let .object(line)? = reader.next() else { return XCTFail("expected an object") }
        var warnings: [QuarantineEntry] = []
        XCTAssertEqual(try mapper.event(from: line, warnings: &warnings).utmSource, "lakeside-fm")
        XCTAssertEqual(warnings, [])
    }
}
