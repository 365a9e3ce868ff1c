import Foundation
import XCTest
@testable import ReferralFunnel

/// All local values are in America/Chicago. On 2026-11-02 Chicago is on CST (UTC-6, daylight
/// time ended 2026-11-01), so local 14:03 there is 20:03Z.
final class TimestampParserTests: XCTestCase {
    private var rules: TimeZoneRules!

    override func setUpWithError() throws {
        rules = TimeZoneRules(timeZone: try zone("America/Chicago"))
    }

    private func parser(_ format: TimestampFormat = .automatic) throws -> TimestampParser {
        try TimestampParser(format: format, rules: rules)
    }

    func testISO8601Shapes() throws {
        let parser = try parser()
        let expected: [(String, Instant)] = [
            ("2026-11-02T14:03:11Z", utcInstant(2026, 11, 2, 14, 3, 11)),
            // 14:03:11.25 at -05:00 is 19:03:11.25Z.
            ("2026-11-02T14:03:11.250-05:00", utcInstant(2026, 11, 2, 19, 3, 11, microsecond: 250_000)),
            // No offset: local CST, +6h.
            ("2026-11-02 14:03:11", utcInstant(2026, 11, 2, 20, 3, 11)),
            ("2026-11-02T14:03", utcInstant(2026, 11, 2, 20, 3)),
            ("2026-11-02 14:03", utcInstant(2026, 11, 2, 20, 3)),
            // A date alone is local midnight: 06:00Z.
            ("2026-11-02", utcInstant(2026, 11, 2, 6)),
            // Offsets: +05:30 and +0530 subtract 5h30 (14:03 -> 08:33Z), +05 subtracts 5h.
            ("2026-11-02T14:03+05:30", utcInstant(2026, 11, 2, 8, 33)),
            ("2026-11-02T14:03+0530", utcInstant(2026, 11, 2, 8, 33)),
            ("2026-11-02T14:03+05", utcInstant(2026, 11, 2, 9, 3)),
            ("2026-11-02T14:03:11-00:00", utcInstant(2026, 11, 2, 14, 3, 11)),
            ("2026-11-02T14:03Z", utcInstant(2026, 11, 2, 14, 3)),
            // +23:59 is the largest offset: 2026-11-02 14:03 - 23:59 = 2026-11-01 14:04Z.
            ("2026-11-02T14:03+23:59", utcInstant(2026, 11, 1, 14, 4)),
            // Any number of fractional digits; past microseconds they are truncated.
            ("2026-11-02T14:03:11.5Z", utcInstant(2026, 11, 2, 14, 3, 11, microsecond: 500_000)),
            ("2026-11-02T14:03:11.000001Z", utcInstant(2026, 11, 2, 14, 3, 11, microsecond: 1)),
            ("2026-11-02T14:03:11.123456789Z", utcInstant(2026, 11, 2, 14, 3, 11, microsecond: 123_456)),
            ("2026-11-02 14:03:11.25", utcInstant(2026, 11, 2, 20, 3, 11, microsecond: 250_000)),
            // 2024 is a leap year; CST midnight is 06:00Z.
            ("2024-02-29", utcInstant(2024, 2, 29, 6)),
            ("2026-12-31T23:59:59Z", utcInstant(2026, 12, 31, 23, 59, 59)),
            ("2026-11-02T00:00Z", utcInstant(2026, 11, 2)),
        ]
        for (text, instant) in expected {
            XCTAssertEqual(parser.parse(text), instant, text)
        }
    }

    func testUSShapes() throws {
        let parser = try parser()
        let expected: [(String, Instant)] = [
            ("11/02/2026 14:03", utcInstant(2026, 11, 2, 20, 3)),
            ("11/2/2026 2:03 PM", utcInstant(2026, 11, 2, 20, 3)),
            ("11/2/2026 02:03 PM", utcInstant(2026, 11, 2, 20, 3)),
            ("11/02/2026", utcInstant(2026, 11, 2, 6)),
            ("1/5/2026", utcInstant(2026, 1, 5, 6)),
            ("11/02/2026 00:00", utcInstant(2026, 11, 2, 6)),
            ("11/02/2026 23:59", utcInstant(2026, 11, 3, 5, 59)),
            // 12 AM is midnight, 12 PM noon, 11 AM 11:00 (CST +6h).
            ("11/2/2026 12:15 AM", utcInstant(2026, 11, 2, 6, 15)),
            ("11/2/2026 12:15 PM", utcInstant(2026, 11, 2, 18, 15)),
            ("11/2/2026 11:59 AM", utcInstant(2026, 11, 2, 17, 59)),
            ("11/2/2026 1:00 AM", utcInstant(2026, 11, 2, 7)),
        ]
        for (text, instant) in expected {
            XCTAssertEqual(parser.parse(text), instant, text)
        }
    }

    func testBadValuesOfSection2_1AreRejected() throws {
        let parser = try parser()
        let bad = [
            "", " ", "2026", "garbage",
            // two-digit years
            "26-11-02", "11/02/26", "11/2/26 2:03 PM",
            // 24:00 and other impossible times
            "2026-11-02T24:00", "2026-11-02T24:00:00Z", "2026-11-02T14:60", "2026-11-02T14:03:60",
            "11/02/2026 24:00", "11/02/2026 14:60",
            // offsets of 24 hours or more, or malformed
            "2026-11-02T14:03+24:00", "2026-11-02T14:03-2400", "2026-11-02T14:03+24", "2026-11-02T14:03+05:60",
            "2026-11-02T14:03+5", "2026-11-02T14:03+05:", "2026-11-02T14:03+05:3", "2026-11-02T14:03 +05:00",
            "2026-11-02+05:00", "2026-11-02Z",
            // impossible dates
            "2026-02-30", "2025-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-11-00", "2026-04-31",
            "02/30/2026", "13/02/2026", "0/02/2026", "11/0/2026",
            // US times with seconds
            "11/02/2026 14:03:11", "11/2/2026 2:03:11 PM",
            // lower-case letters
            "11/2/2026 2:03 pm", "11/2/2026 2:03 am", "11/2/2026 2:03 Pm", "2026-11-02t14:03", "2026-11-02T14:03z",
            // US 12-hour shapes that are not quite right
            "11/2/2026 2:03", "11/2/2026 13:03 PM", "11/2/2026 0:03 AM", "11/2/2026 2:03PM", "11/2/2026  2:03 PM",
            "11/2/2026 2:3 PM", "11/2/2026 2:03 P", "11/2/2026 2:03 PM ",
            // wrong field widths and separators
            "2026-1-02", "2026-11-2", "2026-11-02T14", "2026-11-02T1:03", "2026-11-02T14:3", "2026-11-02T14:03:1",
            "2026-11-02T14:03:11.", "2026-11-02T14:03:11,5", "2026-11-02T14:03:11.5.5", "20261102",
            "2026/11/02", "11-02-2026", "11/02/20266", "111/02/2026", "11/002/2026", "11.02.2026",
            // leading or trailing junk, including white space
            " 2026-11-02", "2026-11-02 ", "2026-11-02x", "x2026-11-02", "2026-11-02T14:03Zx", "11/02/2026 ",
            "\u{FEFF}2026-11-02",
            // an Excel serial is not accepted without configuration
            "46328.5", "46328",
        ]
        for text in bad {
            XCTAssertNil(parser.parse(text), "accepted \(text.debugDescription)")
        }
    }

    /// Issue 22 case 6: one `received_at` of 9999-12-31 moved the report week to 9999-W51
    /// and made metrics.csv 416,304 rows. Instants before 2000-01-01 or from 2100-01-01 on
    /// (UTC) are bad values, in every form: automatic, pinned patterns and Excel serials.
    func testCase6InstantsOutsideTheYears2000To2099AreBadValues() throws {
        let parser = try parser()
        XCTAssertEqual(parser.parse("2000-01-01T00:00:00Z"), utcInstant(2000, 1, 1))
        XCTAssertEqual(parser.parse("2099-12-31T23:59:59.999999Z"), utcInstant(2099, 12, 31, 23, 59, 59, microsecond: 999_999))
        // The bounds are UTC: 1999-12-31 20:00 in Chicago is 2000-01-01T02:00Z, inside;
        // 2099-12-31 20:00 there is 2100-01-01T02:00Z, outside.
        XCTAssertEqual(parser.parse("1999-12-31 20:00"), utcInstant(2000, 1, 1, 2))
        XCTAssertEqual(parser.parse("2000-01-01T05:00+05:00"), utcInstant(2000, 1, 1))
        let outside = [
            "9999-12-31", "12/31/9999", "9999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "2099-12-31 20:00",
            "1999-12-31T23:59:59.999999Z", "1999-12-31 17:59", "2000-01-01T05:00+05:01", "1970-01-01T00:00Z",
            "0001-01-01", "1/1/1900 12:00 AM",
        ]
        for text in outside {
            XCTAssertNil(parser.parse(text), text)
            XCTAssertTrue(parser.isOutsideAcceptedRange(text), text)
        }
        XCTAssertFalse(parser.isOutsideAcceptedRange("2026-11-02"), "inside the range")
        XCTAssertFalse(parser.isOutsideAcceptedRange("2026-02-30"), "no instant at all")

        let pinned = try self.parser(.pattern("DD.MM.YYYY HH:mm"))
        XCTAssertNil(pinned.parse("31.12.9999 00:00"))
        XCTAssertEqual(pinned.parse("01.01.2000 00:00"), utcInstant(2000, 1, 1, 6))

        let serial = try self.parser(.excelSerial)
        // 2958465 is 9999-12-31; 36525 is 1999-12-31, local midnight 06:00Z, outside.
        XCTAssertNil(serial.parse("2958465"))
        XCTAssertNil(serial.parse("36525"))
        XCTAssertNil(serial.parse("73051"), "2100-01-01")
        XCTAssertEqual(serial.parse("73050.5"), utcInstant(2099, 12, 31, 18))
    }

    func testDaylightSavingTimeInChicago() throws {
        let parser = try parser()
        // Spring forward 2026-03-08: 02:30 does not exist and is read at CST (-6h):
        // 08:30Z, shown as 03:30 CDT.
        XCTAssertEqual(parser.parse("2026-03-08 02:30"), utcInstant(2026, 3, 8, 8, 30))
        XCTAssertEqual(parser.parse("3/8/2026 2:30 AM"), utcInstant(2026, 3, 8, 8, 30))
        XCTAssertEqual(parser.parse("2026-03-08 03:30"), utcInstant(2026, 3, 8, 8, 30))
        // Fall back 2026-11-01: 01:30 happens twice; the first is CDT (-5h): 06:30Z.
        XCTAssertEqual(parser.parse("2026-11-01 01:30"), utcInstant(2026, 11, 1, 6, 30))
        XCTAssertEqual(parser.parse("11/01/2026 01:30"), utcInstant(2026, 11, 1, 6, 30))
        // An explicit offset still picks the second occurrence: 01:30-06:00 is 07:30Z.
        XCTAssertEqual(parser.parse("2026-11-01T01:30-06:00"), utcInstant(2026, 11, 1, 7, 30))
        // Summer values are CDT: 2026-07-01 12:00 local is 17:00Z.
        XCTAssertEqual(parser.parse("2026-07-01 12:00"), utcInstant(2026, 7, 1, 17))
    }

    func testPinnedISOAndUSFormatsAcceptOnlyTheirShapes() throws {
        let iso = try parser(.iso8601)
        XCTAssertEqual(iso.parse("2026-11-02T14:03:11Z"), utcInstant(2026, 11, 2, 14, 3, 11))
        XCTAssertNil(iso.parse("11/02/2026 14:03"))
        XCTAssertNil(iso.parse("46328.5"))
        let us = try parser(.us)
        XCTAssertEqual(us.parse("11/2/2026 2:03 PM"), utcInstant(2026, 11, 2, 20, 3))
        XCTAssertNil(us.parse("2026-11-02T14:03:11Z"))
        XCTAssertNil(us.parse("2026-11-02"))
    }

    func testExcelSerials() throws {
        let parser = try parser(.excelSerial)
        // Serial 25569 is 1970-01-01 (Excel's well-known epoch offset), so 46328 is 20759
        // days later: 2026-01-01 is day 20454, +305 days = 2026-11-02. .5 = 12:00 CST = 18:00Z.
        XCTAssertEqual(parser.parse("46328.5"), utcInstant(2026, 11, 2, 18))
        XCTAssertEqual(parser.parse("46328"), utcInstant(2026, 11, 2, 6))
        // 36526 is 2000-01-01, the first day of the accepted range (SPEC 2.1); 25569 (1970)
        // is before it.
        XCTAssertEqual(parser.parse("36526"), utcInstant(2000, 1, 1, 6))
        XCTAssertNil(parser.parse("25569"))
        // 14:00 is 0.58333...; ten digits round to the exact minute (20:00Z).
        XCTAssertEqual(parser.parse("46328.5833333333"), utcInstant(2026, 11, 2, 20))
        // 0.25 is 06:00 local; 0.999999999999 rounds to the next midnight.
        XCTAssertEqual(parser.parse("46328.25"), utcInstant(2026, 11, 2, 12))
        XCTAssertEqual(parser.parse("46328.999999999999"), utcInstant(2026, 11, 3, 6))
        // The fraction is local time of day, so DST applies: 2026-03-08 is serial 46089
        // (20454 + 66 days since 2026-01-01 = 20520; 20520 + 25569 = 46089);
        // .5 = 12:00 CDT = 17:00Z.
        XCTAssertEqual(parser.parse("46089.5"), utcInstant(2026, 3, 8, 17))
        for bad in ["", "2026-11-02", "-1", ".5", "46328.", "4.6e4", "46328.5 ", "+46328", "46,328", "12345678"] {
            XCTAssertNil(parser.parse(bad), bad)
        }
    }

    func testPinnedPatterns() throws {
        let european = try parser(.pattern("DD.MM.YYYY HH:mm"))
        XCTAssertEqual(european.parse("02.11.2026 14:03"), utcInstant(2026, 11, 2, 20, 3))
        XCTAssertNil(european.parse("2.11.2026 14:03"))
        XCTAssertNil(european.parse("02.11.2026 14:03:00"))
        XCTAssertNil(european.parse("2026-11-02 14:03"))
        XCTAssertNil(european.parse("30.02.2026 14:03"))

        let twelveHour = try parser(.pattern("D/M/YYYY h:mm A"))
        XCTAssertEqual(twelveHour.parse("2/11/2026 2:03 PM"), utcInstant(2026, 11, 2, 20, 3))
        XCTAssertEqual(twelveHour.parse("12/1/2026 12:00 AM"), utcInstant(2026, 1, 12, 6))
        XCTAssertNil(twelveHour.parse("2/11/2026 2:03 pm"))
        XCTAssertNil(twelveHour.parse("2/11/2026 13:03 PM"))

        let compact = try parser(.pattern("YYYYMMDDHHmmss"))
        XCTAssertEqual(compact.parse("20261102140311"), utcInstant(2026, 11, 2, 20, 3, 11))
        XCTAssertNil(compact.parse("2026110214031"))

        let withOffset = try parser(.pattern("YYYY-MM-DDTHH:mm:ssZ"))
        XCTAssertEqual(withOffset.parse("2026-11-02T14:03:11+01:00"), utcInstant(2026, 11, 2, 13, 3, 11))
        XCTAssertEqual(withOffset.parse("2026-11-02T14:03:11Z"), utcInstant(2026, 11, 2, 14, 3, 11))
        XCTAssertNil(withOffset.parse("2026-11-02T14:03:11"))

        let dateOnly = try parser(.pattern("YYYY/MM/DD"))
        XCTAssertEqual(dateOnly.parse("2026/11/02"), utcInstant(2026, 11, 2, 6))
        // Pinned patterns use the same DST rules.
        XCTAssertEqual(try parser(.pattern("DD.MM.YYYY HH:mm")).parse("08.03.2026 02:30"), utcInstant(2026, 3, 8, 8, 30))
    }

    func testUnusablePatternsAreReported() throws {
        XCTAssertNil(TimestampParser.problem(with: .pattern("DD.MM.YYYY HH:mm")))
        XCTAssertNil(TimestampParser.problem(with: .automatic))
        XCTAssertNil(TimestampParser.problem(with: .excelSerial))
        let unusable = ["", "YY-MM-DD", "MMMMM D, YYYY", "YYYY-MM-DD hh:mm", "YYYY-MM-DD HH:mm A",
                        "YYYY-MM-DD HH:m", "YYYY-MM-DD HH", "YYYY-MM-DD ss", "DDMYYYY", "YYYY-M-D-D",
                        "YYYY-MM-DD HH:mm hh:mm A", "hello"]
        for pattern in unusable {
            XCTAssertNotNil(TimestampParser.problem(with: .pattern(pattern)), pattern)
        }
        // "DD.MM.YYYY" is fine: a date alone.
        XCTAssertNil(TimestampParser.problem(with: .pattern("DD.MM.YYYY")))
        XCTAssertEqual(TimestampParser.problem(with: .pattern("YY-MM-DD")),
                       "'YY' is not a token (tokens: YYYY, MM, M, MMM, MMMM, DD, D, HH, H, hh, h, mm, ss, A, Z)")
        XCTAssertThrowsError(try parser(.pattern("YY-MM-DD"))) { error in
            XCTAssertEqual(error as? IngestError, .unusableTimestampFormat(
                format: "YY-MM-DD",
                problem: "'YY' is not a token (tokens: YYYY, MM, M, MMM, MMMM, DD, D, HH, H, hh, h, mm, ss, A, Z)"))
        }
    }

    func testParsesFromBytes() throws {
        let parser = try parser()
        let bytes = Array("2026-11-02T14:03:11Z".utf8)
        let instant = bytes.withUnsafeBufferPointer { parser.parse(utf8: $0) }
        XCTAssertEqual(instant, utcInstant(2026, 11, 2, 14, 3, 11))
    }

    func testTimeZoneInitializerBuildsItsOwnRules() throws {
        let parser = try TimestampParser(timeZone: try zone("UTC"))
        XCTAssertEqual(parser.parse("2026-11-02 14:03"), utcInstant(2026, 11, 2, 14, 3))
        XCTAssertEqual(parser.timeZone.secondsFromGMT(), 0)
    }
}
