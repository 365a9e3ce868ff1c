import Foundation
import XCTest
@testable import ReferralFunnel

/// A timestamp whose date and time are in two export columns (SPEC 6.1), read as one local
/// timestamp in America/Chicago (CST, UTC-6, from 2026-11-01 02:00).
final class DateTimeColumnsParserTests: XCTestCase {
    private var rules: TimeZoneRules!

    override func setUpWithError() throws {
        rules = TimeZoneRules(timeZone: try zone("America/Chicago"))
    }

    private func twoColumns(_ format: TimestampFormat) throws -> DateTimeColumnsParser {
        try DateTimeColumnsParser(format: format, rules: rules)
    }

    func testDateAndTimePatternsReadTwoColumnsAsOneLocalTimestamp() throws {
        let parser = try twoColumns(.dateAndTimePatterns(date: "%m/%d/%Y", time: "%I:%M %p"))
        XCTAssertEqual(parser.parse(date: "11/02/2026", time: "2:03 PM"), utcInstant(2026, 11, 2, 20, 3))
        XCTAssertEqual(parser.parse(date: "11/02/2026", time: "12:00 am"), utcInstant(2026, 11, 2, 6))
        // An empty time is midnight.
        XCTAssertEqual(parser.parse(date: "11/02/2026", time: nil), utcInstant(2026, 11, 2, 6))
        // The fall-back hour is its first occurrence (CDT), as for one column.
        XCTAssertEqual(parser.parse(date: "11/01/2026", time: "1:30 AM"), utcInstant(2026, 11, 1, 6, 30))
        XCTAssertNil(parser.parse(date: "11/02/2026", time: "14:03"))
        XCTAssertNil(parser.parse(date: "11/02/2026 2:03 PM", time: nil))
        XCTAssertNil(parser.parse(date: "02/30/2026", time: "2:03 PM"))
        let columns = DateTimeColumns(date: "Appt Date", time: "Appt Time")
        XCTAssertEqual(parser.rejectionReason(date: "11/02/2026", time: "14:03", column: "starts_at", exportColumns: columns),
                       "starts_at's time ('Appt Time') does not match the pinned format '%I:%M %p': "
                        + "expected %I (an hour 1-12) at character 1 of a value shaped '99:99'")
        XCTAssertEqual(parser.rejectionReason(date: "2026-11-02", time: "2:03 PM", column: "starts_at", exportColumns: columns),
                       "starts_at's date ('Appt Date') does not match the pinned format '%m/%d/%Y': "
                        + "expected '/' at character 3 of a value shaped '9999-99-99'")
        XCTAssertEqual(parser.rejectionReason(date: "02/30/2026", time: nil, column: "starts_at", exportColumns: columns),
                       "starts_at (from 'Appt Date' and 'Appt Time') is not a real calendar date")
    }

    func testOnePatternForTheJoinedValueIsSplitWhereItsTimeBegins() throws {
        let parser = try twoColumns(.pattern("%d-%b-%Y %H:%M"))
        XCTAssertEqual(parser.parse(date: "02-Nov-2026", time: "14:03"), utcInstant(2026, 11, 2, 20, 3))
        XCTAssertEqual(parser.parse(date: "02-Nov-2026", time: nil), utcInstant(2026, 11, 2, 6))
        let tokens = try twoColumns(.pattern("YYYY-MM-DDTHH:mm"))
        XCTAssertEqual(tokens.parse(date: "2026-11-02", time: "14:03"), utcInstant(2026, 11, 2, 20, 3))
        // Named formats read the date, a space and the time.
        let automatic = try twoColumns(.automatic)
        XCTAssertEqual(automatic.parse(date: "11/2/2026", time: "2:03 PM"), utcInstant(2026, 11, 2, 20, 3))
        XCTAssertEqual(automatic.parse(date: "2026-11-02", time: "14:03"), utcInstant(2026, 11, 2, 20, 3))
        XCTAssertEqual(automatic.parse(date: "2026-11-02", time: nil), utcInstant(2026, 11, 2, 6))
        XCTAssertNil(automatic.parse(date: "2026-11-02", time: "2:03 PM"))
    }

    func testFormatsThatCannotReadTwoColumnsAreRefused() {
        let problems: [(TimestampFormat, String)] = [
            (.excelSerial, "excel_serial cannot read a date and a time in two columns; give two patterns, [date, time]"),
            (.pattern("%d-%b-%Y"), "the pattern has no time for the time column; give two patterns, [date, time]"),
            (.pattern("%H:%M %d-%b-%Y"), "the pattern must give the whole date before the time to read two columns "
                + "(the date pattern: the pattern has no year (%Y or %y)); give two patterns, [date, time]"),
            (.dateAndTimePatterns(date: "%m/%d/%Y", time: "%Q"),
             "the time pattern '%Q': '%Q' is not a supported directive (supported: %Y %y %m %b %B %d %H %I %M %S %p %z %%)"),
            (.dateAndTimePatterns(date: "%m/%d/%Y %H:%M", time: "%I:%M %p"), "the date pattern holds a time field, the hour"),
            (.dateAndTimePatterns(date: "%m/%d/%Y", time: "%d %H:%M"), "the time pattern holds a date field, the day"),
            (.dateAndTimePatterns(date: "%m/%d/%Y", time: "%p"), "the time pattern '%p': %p (AM/PM) needs a 12-hour hour (%I)"),
            (.dateAndTimePatterns(date: "%m/%d", time: "%H:%M"), "the date pattern '%m/%d': the pattern has no year (%Y or %y)"),
        ]
        for (format, problem) in problems {
            XCTAssertEqual(DateTimeColumnsParser.problem(with: format), problem, "\(format)")
        }
        XCTAssertNil(DateTimeColumnsParser.problem(with: .dateAndTimePatterns(date: "%m/%d/%Y", time: "%I:%M %p")))
        XCTAssertNil(DateTimeColumnsParser.problem(with: .us))
        // Two patterns on a column read from one export column are refused too.
        XCTAssertEqual(TimestampParser.problem(with: .dateAndTimePatterns(date: "%m/%d/%Y", time: "%H:%M")),
                       "two patterns (a date, then a time) need the column mapped to two export columns in columns")
    }
}
