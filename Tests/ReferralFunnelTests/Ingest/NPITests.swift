import XCTest
@testable import ReferralFunnel

final class NPITests: XCTestCase {
    func testCMSExampleIsValid() {
        // CMS's published example, base 123456789. From the right, the doubled digits
        // 9, 7, 5, 3, 1 give 18→9, 14→5, 10→1, 6, 2 = 23; the others 8+6+4+2 = 20; the
        // prefix 80840 adds 24 (CMS's shortcut). 67 needs 3 to reach 70.
        XCTAssertTrue(NPI.isValid("1234567893"))
        XCTAssertEqual(NPI.checkDigit(forFirstNine: "123456789"), 3)
    }

    func testAnyOtherCheckDigitIsInvalid() {
        for digit in 0...9 where digit != 3 {
            XCTAssertFalse(NPI.isValid("123456789\(digit)"), "check digit \(digit)")
        }
    }

    func testMalformedTextIsInvalid() {
        XCTAssertFalse(NPI.isValid("123456789"))      // nine digits
        XCTAssertFalse(NPI.isValid("12345678930"))    // eleven digits
        XCTAssertFalse(NPI.isValid("12345678 3"))     // a space
        XCTAssertFalse(NPI.isValid("１２３４５６７８９３")) // full-width digits are not ASCII
        XCTAssertNil(NPI.checkDigit(forFirstNine: "12345678x"))
    }

    func testCheckDigitCompletesAnyBase() {
        // A second base by hand: 987654321. From the right, the doubled digits 1, 3, 5, 7, 9
        // give 2, 6, 10→1, 14→5, 18→9 = 23; the others 2+4+6+8 = 20; plus 24 for the
        // prefix is 67, so again 3.
        XCTAssertEqual(NPI.checkDigit(forFirstNine: "987654321"), 3)
        XCTAssertTrue(NPI.isValid("9876543213"))
    }
}
