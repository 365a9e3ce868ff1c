import ReferralFunnel
import XCTest

/// SPEC section 3's normalization, with the spec's own examples first.
final class NameNormalizerTests: XCTestCase {
    func testSpecExamples() {
        XCTAssertEqual(NameNormalizer.normalize("Lakeside Family Med., P.C."), "lakeside family med")
        XCTAssertEqual(NameNormalizer.normalize("LAKESIDE FAMILY MED"), "lakeside family med")
        XCTAssertEqual(NameNormalizer.normalize("www.Healthgrades.com"), "healthgradescom")
        XCTAssertEqual(NameNormalizer.normalize("MD"), "md", "a suffix word alone stays")
    }

    func testAmpersandBecomesAnd() {
        XCTAssertEqual(NameNormalizer.normalize("Bone & Joint"), "bone and joint")
        XCTAssertEqual(NameNormalizer.normalize("Bone&Joint"), "bone and joint")
    }

    func testSuffixesDropRepeatedlyWhileAWordRemains() {
        // "Inc" then "LLC" drop; "Smith" stays as the last word.
        XCTAssertEqual(NameNormalizer.normalize("Smith LLC, Inc."), "smith")
        XCTAssertEqual(NameNormalizer.normalize("PA MD"), "pa", "stops when one word is left")
        XCTAssertEqual(NameNormalizer.normalize("Pain Associates PA"), "pain associates")
    }

    func testPunctuationAndSpacing() {
        XCTAssertEqual(NameNormalizer.normalize("  north-shore   ortho_group "), "north shore ortho group")
        XCTAssertEqual(NameNormalizer.normalize("St. Mary's"), "st mary s")
        XCTAssertEqual(NameNormalizer.normalize("lakeside-fm"), "lakeside fm")
        XCTAssertEqual(NameNormalizer.normalize("N/A"), "n a", "placeholders are names like any other")
        XCTAssertEqual(NameNormalizer.normalize("..."), "")
    }

    func testOnlyALeadingWWWIsDropped() {
        XCTAssertEqual(NameNormalizer.normalize("WWW.google.com"), "googlecom")
        XCTAssertEqual(NameNormalizer.normalize("news.www.example.com"), "newswwwexamplecom")
    }

    func testUnicodeLettersAndDigitsCount() {
        XCTAssertEqual(NameNormalizer.normalize("Clínica Müller 2"), "clínica müller 2")
        XCTAssertEqual(NameNormalizer.normalize("ÉCOLE—Santé"), "école santé")
        XCTAssertEqual(NameNormalizer.normalize("Suite²"), "suite", "digits are decimal digits only")
        XCTAssertEqual(NameNormalizer.normalize("٣ Clinic"), "٣ clinic", "Arabic-Indic digits are digits")
    }

    /// The SQL function the models call remembers each spelling's result: it must give what
    /// the normalizer gives, the first time and every time after, past its cache's limit
    /// too, and null for anything that is not text.
    func testSQLFunctionMatchesTheNormalizerAndRemembersNothingWrong() throws {
        let database = try Database(path: ":memory:")
        try database.createMemoizedTextFunction("normalize_name", cacheLimit: 2, NameNormalizer.normalize)
        let names = ["Lakeside Family Med., P.C.", "Bone & Joint", "LAKESIDE FAMILY MED", "Émile Zoë Clinic, PLLC",
                     "www.Healthgrades.com", "MD", ""]
        for _ in 0..<2 {
            for name in names {
                XCTAssertEqual(try database.scalar("select normalize_name(?)", [.text(name)]),
                               .text(NameNormalizer.normalize(name)), name)
            }
        }
        XCTAssertEqual(try database.scalar("select normalize_name(null)"), .null)
        XCTAssertEqual(try database.scalar("select normalize_name(42)"), .null)
    }
}
