@testable import ReferralFunnel
import XCTest

/// The rules a name from input passes at ingest (SPEC sections 3 and 5): reserved source
/// names compared as written after trimming, and control characters removed.
final class InputNameTests: XCTestCase {
    func testReservedNamesCompareAsWrittenAfterTrimming() {
        XCTAssertEqual(FieldReaders.reservedName("(all)"), "(all)")
        XCTAssertEqual(FieldReaders.reservedName("  (direct) "), "(direct)")
        XCTAssertEqual(FieldReaders.reservedName("(unattributed)"), "(unattributed)")
        // Another case or spelling is a name like any other: it cannot be taken for the
        // pipeline's own row, which is written exactly so.
        for name in ["(ALL)", "(Direct)", "all", "(all", "(all) sources", "( all )", "Lakeside"] {
            XCTAssertNil(FieldReaders.reservedName(name), name)
        }
    }

    func testControlCharactersAreRemovedAndLineBreaksBecomeOneSpace() throws {
        XCTAssertNil(FieldReaders.removingControlCharacters("Lakeside Family Medicine"), "nothing to remove")
        XCTAssertNil(FieldReaders.removingControlCharacters("Clínica São José ©"), "C2-led letters are not C1 controls")

        let cases: [(String, String, Bool)] = [
            ("face\u{0}book", "facebook", true),
            ("\u{1B}[31mRed\u{1B}[0m", "[31mRed[0m", true),
            ("Harbor\u{7F}", "Harbor", true),
            ("Harbor\u{80}\u{9F}Chiropractic", "HarborChiropractic", true),
            ("Harbor\r\nChiropractic", "Harbor Chiropractic", false),
            ("Harbor\tChiropractic\n", "Harbor Chiropractic", false),
            ("Harbor\u{85}Chiropractic", "Harbor Chiropractic", false),
            ("\u{7}", "", true),
        ]
        for (text, expected, dropped) in cases {
            let cleaned = try XCTUnwrap(FieldReaders.removingControlCharacters(text), text.debugDescription)
            XCTAssertEqual(cleaned.name, expected, text.debugDescription)
            XCTAssertEqual(cleaned.droppedAny, dropped, text.debugDescription)
        }
    }
}
