import XCTest
@testable import ReferralFunnel

/// SPEC section 4.1's landing page rules, in their order, each with a page that needs it.
final class LandingPagePathTests: XCTestCase {
    func testTheSpecsOwnExamples() {
        XCTAssertEqual(LandingPagePath.path(of: "/Book/?utm_source=x"), "/Book")
        XCTAssertEqual(LandingPagePath.path(of: "https://www.summitortho.com/Book"), "/Book")
        XCTAssertEqual(LandingPagePath.path(of: "/Book#top"), "/Book")
        XCTAssertEqual(LandingPagePath.path(of: "/forms/2024118812/confirm"), "/forms/{id}/confirm")
    }

    func testASchemeInAnyCaseAndAHostWithItsPortGo() {
        XCTAssertEqual(LandingPagePath.path(of: "HTTPS://Summitortho.com:8443/refer"), "/refer")
        XCTAssertEqual(LandingPagePath.path(of: "Http://summitortho.com/refer/"), "/refer")
        // The host ends at `?` or `#` too: nothing of the path is left, so it is `/`.
        XCTAssertEqual(LandingPagePath.path(of: "https://summitortho.com?utm_source=x"), "/")
        XCTAssertEqual(LandingPagePath.path(of: "https://summitortho.com#top"), "/")
        XCTAssertEqual(LandingPagePath.path(of: "https://summitortho.com"), "/")
        // No scheme: no host is taken off, even when the text looks like one.
        XCTAssertEqual(LandingPagePath.path(of: "summitortho.com/refer"), "summitortho.com/refer")
        XCTAssertEqual(LandingPagePath.path(of: "ftp://files.example/refer"), "ftp://files.example/refer")
    }

    func testTheQueryAndFragmentGoFromTheFirstOfEither() {
        XCTAssertEqual(LandingPagePath.path(of: "/refer?next=/a#b"), "/refer")
        XCTAssertEqual(LandingPagePath.path(of: "/refer#part?x=1"), "/refer")
        XCTAssertEqual(LandingPagePath.path(of: "?utm_source=x"), "/")
        XCTAssertEqual(LandingPagePath.path(of: ""), "/")
    }

    func testOnlyOneTrailingSlashGoesAndTheRootStays() {
        XCTAssertEqual(LandingPagePath.path(of: "/"), "/")
        XCTAssertEqual(LandingPagePath.path(of: "/refer//"), "/refer/")
        XCTAssertEqual(LandingPagePath.path(of: "//"), "/")
    }

    func testSegmentsThatMayIdentifySomeoneAreMasked() {
        XCTAssertEqual(LandingPagePath.path(of: "/patients/jane.doe@example.com/forms"), "/patients/{id}/forms")
        XCTAssertEqual(LandingPagePath.path(of: "/patients/jane.doe%40example.com"), "/patients/{id}")
        XCTAssertEqual(LandingPagePath.path(of: "/mrn-A1234567-x/visit"), "/{id}/visit")
        // Five digits in a row, or six digits split by a letter, are not a record number.
        XCTAssertEqual(LandingPagePath.path(of: "/blog/2026/12345/knee-pain"), "/blog/2026/12345/knee-pain")
        XCTAssertEqual(LandingPagePath.path(of: "/ref/123a456"), "/ref/123a456")
        // `%4` then `0` elsewhere is not `%40`; percent-escapes are not decoded.
        XCTAssertEqual(LandingPagePath.path(of: "/a%2540b"), "/a%2540b")
        XCTAssertEqual(LandingPagePath.path(of: "/caf%C3%A9"), "/caf%C3%A9")
        // Case is kept: two spellings are two pages.
        XCTAssertEqual(LandingPagePath.path(of: "/Refer"), "/Refer")
    }

    func testMaskingLooksAtThePathOnlyAfterTheQueryIsGone() {
        // The digits are in the query string, which is dropped first.
        XCTAssertEqual(LandingPagePath.path(of: "/refer?mrn=12345678"), "/refer")
        XCTAssertEqual(LandingPagePath.path(of: "https://user@summitortho.com/refer"), "/refer")
    }
}
