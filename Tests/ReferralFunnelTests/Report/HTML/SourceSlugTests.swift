import XCTest
@testable import ReferralFunnel

final class SourceSlugTests: XCTestCase {
    func testSlugsAreLowercaseHyphenatedAscii() {
        let slugs = SourceSlug.slugs(for: ["Lakeside Family Med., P.C.", "healthgrades.com", "(direct)",
                                           "Clínica Ñandú", "東京クリニック"])
        XCTAssertEqual(slugs["Lakeside Family Med., P.C."], "lakeside-family-med-p-c")
        XCTAssertEqual(slugs["healthgrades.com"], "healthgrades-com")
        XCTAssertEqual(slugs["(direct)"], "direct")
        XCTAssertEqual(slugs["Clínica Ñandú"], "clinica-nandu")
        // Nothing ASCII left: a placeholder rather than an empty file name.
        XCTAssertEqual(slugs["東京クリニック"], "source")
    }

    func testHostilePathsAndReservedNamesBecomeHarmless() {
        let slugs = SourceSlug.slugs(for: ["../../etc/passwd", "..", "CON", "nul", "index", "Data Quality",
                                           "a\u{0}b", "/", "lpt1"])
        XCTAssertEqual(slugs["../../etc/passwd"], "etc-passwd")
        XCTAssertEqual(slugs["CON"], "source-con")
        XCTAssertEqual(slugs["nul"], "source-nul")
        XCTAssertEqual(slugs["index"], "source-index")
        XCTAssertEqual(slugs["Data Quality"], "source-data-quality")
        XCTAssertEqual(slugs["a\u{0}b"], "a-b")
        XCTAssertEqual(slugs["lpt1"], "source-lpt1")
        // ".." and "/" have no letters: both "source", resolved in byte order ("..' < "/").
        XCTAssertEqual(slugs[".."], "source")
        XCTAssertEqual(slugs["/"], "source-2")
        for slug in slugs.values { XCTAssertTrue(SourceSlug.isSafe(slug), slug) }
    }

    func testCollisionsGetSuffixesInSortedNameOrderWhateverTheInputOrder() {
        let names = ["Lakeside FM", "lakeside fm", "LAKESIDE-FM", "Lakeside FM 2"]
        let expected = [
            // Byte order: "LAKESIDE-FM" < "Lakeside FM" < "Lakeside FM 2" < "lakeside fm".
            "LAKESIDE-FM": "lakeside-fm", "Lakeside FM": "lakeside-fm-2",
            // Its own base is "lakeside-fm-2", already taken, so it gets a suffix of its own.
            "Lakeside FM 2": "lakeside-fm-2-2", "lakeside fm": "lakeside-fm-3",
        ]
        XCTAssertEqual(SourceSlug.slugs(for: names), expected)
        XCTAssertEqual(SourceSlug.slugs(for: names.reversed()), expected)
        XCTAssertEqual(Set(SourceSlug.slugs(for: names).values).count, 4)
    }

    func testLongNamesAreCut() {
        let slug = SourceSlug.slugs(for: [String(repeating: "ab ", count: 50)]).values.first ?? ""
        XCTAssertLessThanOrEqual(slug.count, SourceSlug.maximumBaseLength)
        XCTAssertFalse(slug.hasSuffix("-"))
    }

    func testIsSafeRejectsWhatTheWriterMustNotUse() {
        for slug in ["", "..", "../x", "a/b", "a\u{0}b", "con", "index", "-a", "A", "a.b"] {
            XCTAssertFalse(SourceSlug.isSafe(slug), slug)
        }
        XCTAssertTrue(SourceSlug.isSafe("lakeside-fm-2"))
    }
}
