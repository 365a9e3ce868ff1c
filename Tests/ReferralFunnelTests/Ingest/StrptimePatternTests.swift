import Foundation
import XCTest
@testable import ReferralFunnel

/// Timestamp patterns in `strptime` directives and month-name tokens (SPEC 6.1). All local
/// values are in America/Chicago, on CST (UTC-6) in November 2026 and CDT (UTC-5) in June
/// and September.
final class StrptimePatternTests: XCTestCase {
    private var rules: TimeZoneRules!

    override func setUpWithError() throws {
        rules = TimeZoneRules(timeZone: try zone("America/Chicago"))
    }

    private func parser(_ pattern: String) throws -> TimestampParser {
        try TimestampParser(format: .pattern(pattern), rules: rules)
    }

    func testEveryDirective() throws {
        let expected: [(pattern: String, value: String, instant: Instant)] = [
            ("%d-%b-%Y %H:%M", "02-Nov-2026 14:03", utcInstant(2026, 11, 2, 20, 3)),
            ("%m/%d/%Y %I:%M:%S %p", "11/02/2026 02:03:11 PM", utcInstant(2026, 11, 2, 20, 3, 11)),
            ("%B %d, %Y", "November 2, 2026", utcInstant(2026, 11, 2, 6)),
            // %y is 2000-2099 (SPEC 6.1), so 69 and 99 are 2069 and 2099, not 19xx. (December:
            // CST in every year, whatever the daylight-saving rules then.)
            ("%d/%m/%y", "02/12/26", utcInstant(2026, 12, 2, 6)),
            ("%d/%m/%y", "02/12/69", utcInstant(2069, 12, 2, 6)),
            ("%d/%m/%y", "02/12/99", utcInstant(2099, 12, 2, 6)),
            ("%d/%m/%y", "02/12/00", utcInstant(2000, 12, 2, 6)),
            // %z: +hhmm, -hh:mm, Z; a value with an offset ignores the pipeline's zone.
            ("%Y-%m-%d %H:%M %z", "2026-11-02 14:03 +0100", utcInstant(2026, 11, 2, 13, 3)),
            ("%Y-%m-%d %H:%M %z", "2026-11-02 14:03 -05:30", utcInstant(2026, 11, 2, 19, 33)),
            ("%Y-%m-%d %H:%M %z", "2026-11-02 14:03 Z", utcInstant(2026, 11, 2, 14, 3)),
            // %% is a percent sign; other characters, spaces included, match exactly.
            ("%Y%%%m%%%d", "2026%11%02", utcInstant(2026, 11, 2, 6)),
            ("at %H.%M on %d %b %Y", "at 14.03 on 2 Nov 2026", utcInstant(2026, 11, 2, 20, 3)),
            // Numeric fields take one or two digits.
            ("%m/%d/%Y %H:%M:%S", "1/5/2026 9:7:3", utcInstant(2026, 1, 5, 15, 7, 3)),
            // Summer: CDT.
            ("%d %B %Y %H:%M", "15 June 2026 08:00", utcInstant(2026, 6, 15, 13)),
        ]
        for (pattern, value, instant) in expected {
            XCTAssertEqual(try parser(pattern).parse(value), instant, "\(pattern) \(value)")
        }
    }

    func testMonthNamesInAnyCaseAbbreviatedOrInFull() throws {
        let parser = try parser("%d-%b-%Y")
        for value in ["02-Nov-2026", "02-NOV-2026", "02-nov-2026", "02-November-2026", "02-NOVEMBER-2026", "02-nOvEmBeR-2026"] {
            XCTAssertEqual(parser.parse(value), utcInstant(2026, 11, 2, 6), value)
        }
        // %B reads the same names as %b.
        XCTAssertEqual(try self.parser("%d %B %Y").parse("2 Sep 2026"), utcInstant(2026, 9, 2, 5))
        // Every month, by both names.
        let names = ["January", "February", "March", "April", "May", "June", "July", "August",
                     "September", "October", "November", "December"]
        for (offset, name) in names.enumerated() {
            let month = offset + 1
            let local = try XCTUnwrap(try self.parser("%Y-%m-%d").parse(String(format: "2026-%02d-10", month)))
            XCTAssertEqual(parser.parse("10-\(name)-2026"), local, name)
            XCTAssertEqual(parser.parse("10-\(name.prefix(3))-2026"), local, String(name.prefix(3)))
        }
        for bad in ["02-Novem-2026", "02-No-2026", "02-11-2026", "02-Nov -2026", "02-Sept-2026", "02-Nóv-2026"] {
            XCTAssertNil(parser.parse(bad), bad)
        }
    }

    func testTwelveHourClockWithAMAndPMInAnyCase() throws {
        let parser = try parser("%m/%d/%Y %I:%M %p")
        let expected: [(String, Instant)] = [
            // 12 AM is midnight, 12 PM noon (CST +6h).
            ("11/02/2026 12:00 AM", utcInstant(2026, 11, 2, 6)),
            ("11/02/2026 12:30 am", utcInstant(2026, 11, 2, 6, 30)),
            ("11/02/2026 12:00 PM", utcInstant(2026, 11, 2, 18)),
            ("11/02/2026 12:30 pm", utcInstant(2026, 11, 2, 18, 30)),
            ("11/02/2026 1:05 Pm", utcInstant(2026, 11, 2, 19, 5)),
            ("11/02/2026 11:59 aM", utcInstant(2026, 11, 2, 17, 59)),
        ]
        for (value, instant) in expected {
            XCTAssertEqual(parser.parse(value), instant, value)
        }
        for bad in ["11/02/2026 13:00 PM", "11/02/2026 0:30 AM", "11/02/2026 2:03 P", "11/02/2026 2:03 XM", "11/02/2026 2:03"] {
            XCTAssertNil(parser.parse(bad), bad)
        }
        // The token A keeps SPEC 2.1's upper case.
        XCTAssertNil(try self.parser("M/D/YYYY h:mm A").parse("11/2/2026 2:03 pm"))
    }

    func testWidthsAndBadValues() throws {
        // %Y is four digits; %H below 24, %M and %S below 60; dates must exist.
        let parser = try parser("%Y-%m-%d %H:%M:%S")
        for bad in ["26-11-02 14:03:11", "20266-11-02 14:03:11", "2026-11-02 24:00:00", "2026-11-02 14:60:00",
                    "2026-11-02 14:03:60", "2026-02-30 10:00:00", "2026-11-02 14:03", "2026-11-02 14:03:11 ",
                    "2026-11-002 14:03:11", ""] {
            XCTAssertNil(parser.parse(bad), bad)
        }
        // A number directly followed by another takes exactly two digits.
        let compact = try self.parser("%Y%m%d%H%M")
        XCTAssertEqual(compact.parse("202611021403"), utcInstant(2026, 11, 2, 20, 3))
        XCTAssertNil(compact.parse("2026112143"))
        // Outside 2000-2099 (UTC) is a bad value, as for every form.
        XCTAssertNil(try self.parser("%d-%b-%Y").parse("31-Dec-1999"))
        XCTAssertTrue(try self.parser("%d-%b-%Y").isOutsideAcceptedRange("31-Dec-2100"))
    }

    func testTokenPatternsGainMonthNames() throws {
        let short = try parser("DD MMM YYYY HH:mm")
        XCTAssertEqual(short.parse("02 Nov 2026 14:03"), utcInstant(2026, 11, 2, 20, 3))
        XCTAssertEqual(short.parse("02 NOV 2026 14:03"), utcInstant(2026, 11, 2, 20, 3))
        XCTAssertNil(short.parse("02 November 2026 14:03"), "MMM is the abbreviation only")
        let full = try parser("MMMM D, YYYY")
        XCTAssertEqual(full.parse("November 2, 2026"), utcInstant(2026, 11, 2, 6))
        XCTAssertNil(full.parse("Nov 2, 2026"), "MMMM is the full name only")
        XCTAssertEqual(TimestampParser.problem(with: .pattern("MMMMM D, YYYY")),
                       "'MMMMM' is not a token (tokens: \(TimestampPattern.tokenList))")
    }

    func testUnusableDirectivesAreNamed() {
        XCTAssertEqual(TimestampParser.problem(with: .pattern("%d-%Q-%Y")),
                       "'%Q' is not a supported directive (supported: %Y %y %m %b %B %d %H %I %M %S %p %z %%)")
        XCTAssertEqual(TimestampParser.problem(with: .pattern("%Y-%m-%d %")),
                       "the pattern ends with a lone '%' (write %% for a percent sign)")
        XCTAssertEqual(TimestampParser.problem(with: .pattern("%m/%d %H:%M")), "the pattern has no year (%Y or %y)")
        XCTAssertEqual(TimestampParser.problem(with: .pattern("%Y-%m-%d %I:%M")), "a 12-hour hour (%I) needs %p for AM/PM")
        XCTAssertEqual(TimestampParser.problem(with: .pattern("%Y-%m-%d %H:%M %p")), "%p (AM/PM) needs a 12-hour hour (%I)")
        XCTAssertEqual(TimestampParser.problem(with: .pattern("%Y-%m-%d %b")), "the month appears twice")
        XCTAssertEqual(TimestampParser.problem(with: .pattern("%Y-%m-%d %H")), "an hour needs minutes (%M)")
        XCTAssertThrowsError(try parser("%d-%Q-%Y")) { error in
            XCTAssertEqual("\(error)", "timestamp format '%d-%Q-%Y' cannot be used: "
                + "'%Q' is not a supported directive (supported: %Y %y %m %b %B %d %H %I %M %S %p %z %%)")
        }
    }

    /// A rejected value's reason says where it stops matching and shows its shape, never
    /// its digits (reports show reasons, never an input's text).
    func testMismatchesSayWhereWithoutQuotingTheValue() throws {
        let parser = try parser("%d-%b-%Y %H:%M")
        // %d takes "20", then the '-' it needs is a digit.
        XCTAssertEqual(parser.patternMismatchDescription("2026-11-02 14:03"),
                       "expected '-' at character 3 of a value shaped '9999-99-99 99:99'")
        XCTAssertEqual(parser.patternMismatchDescription("02-11-2026 14:03"),
                       "expected %b (an English month name) at character 4 of a value shaped '99-99-9999 99:99'")
        XCTAssertEqual(parser.patternMismatchDescription("02/Nov/2026 14:03"),
                       "expected '-' at character 3 of a value shaped '99/Aaa/9999 99:99'")
        XCTAssertEqual(parser.patternMismatchDescription("02-Nov-2026"),
                       "expected ' ' at the end of a value shaped '99-Aaa-9999'")
        XCTAssertEqual(parser.patternMismatchDescription("02-Nov-2026 14:03 CST"),
                       "the value goes on after the pattern ends, at character 18 of a value shaped '99-Aaa-9999 99:99 AAA'")
        XCTAssertEqual(parser.patternMismatchDescription("30-Feb-2026 14:03"), "it is not a real calendar date")
        XCTAssertNil(parser.patternMismatchDescription("02-Nov-2026 14:03"))
    }
}
