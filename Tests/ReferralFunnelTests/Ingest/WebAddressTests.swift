@testable import ReferralFunnel
import XCTest

/// What the warehouse keeps of a web address: the referrer's host and the page's utm values.
final class WebAddressTests: XCTestCase {
    func testHost() {
        XCTAssertEqual(WebAddress.host(of: "https://www.Google.com/search?q=knee+pain"), .name("www.google.com"))
        XCTAssertEqual(WebAddress.host(of: "http://user:secret@Example.org:8080/x"), .name("example.org"))
        XCTAssertEqual(WebAddress.host(of: "https://[2001:db8::1]:443/"), .name("[2001:db8::1]"))
        XCTAssertEqual(WebAddress.host(of: "//cdn.example.com/a"), .name("cdn.example.com"))
        XCTAssertEqual(WebAddress.host(of: "android-app://com.google.android.gm"), .name("com.google.android.gm"))
        XCTAssertNil(WebAddress.host(of: "healthgrades.com/doctor"), "not a URL: no authority")
        XCTAssertEqual(WebAddress.host(of: "https://bücher.example/"), .name("bücher.example"))
        XCTAssertNil(WebAddress.host(of: "/refer?utm_source=x"), "a bare path has no host")
        XCTAssertNil(WebAddress.host(of: "https:///nohost"))
    }

    /// A percent-encoded host was kept as written, so `www%2Eyelp%2Ecom` became a source of
    /// its own beside `www.yelp.com`. Decoded, it is that host; decoded into something that
    /// is no host name, it is none.
    func testPercentEncodedHostIsDecodedAndCheckedAsAHostName() {
        XCTAssertEqual(WebAddress.host(of: "https://www%2Eyelp%2Ecom/biz/summit"), .name("www.yelp.com"))
        XCTAssertEqual(WebAddress.host(of: "https://%57%57%57.Yelp.com/"), .name("www.yelp.com"))
        XCTAssertEqual(WebAddress.host(of: "https://b%C3%BCcher.example/"), .name("bücher.example"))
        XCTAssertEqual(WebAddress.host(of: "https://example.com./"), .name("example.com."), "a fully qualified name")
        XCTAssertEqual(WebAddress.host(of: "https://my_host.example.com/"), .name("my_host.example.com"))
        XCTAssertEqual(WebAddress.host(of: "https://192.168.0.1:8080/"), .name("192.168.0.1"))
        for notAHost in [
            "https://%3Cscript%3E/", "https://John%20Smith/", "https://evil%00.example/", "https://a..b/",
            "https://-lead.example/", "https://trail-.example/", "https://.example/", "https://%FF.example/",
            "https://(direct)/", "https://a+b.example/", "https://[not:hex:zz]/", "https://[2001:db8::1/",
            "https://" + String(repeating: "a", count: 64) + ".example/",
        ] {
            XCTAssertEqual(WebAddress.host(of: notAHost), .notAHostName, notAHost)
        }
    }

    func testQueryParameter() {
        XCTAssertEqual(WebAddress.queryParameter("utm_source", in: "/refer?utm_source=lakeside-fm&utm_medium=email"), "lakeside-fm")
        // The first such parameter wins; an empty one counts as none.
        XCTAssertEqual(WebAddress.queryParameter("utm_source", in: "/?utm_source=a&utm_source=b"), "a")
        XCTAssertNil(WebAddress.queryParameter("utm_source", in: "/?utm_source=&x=1"))
        XCTAssertNil(WebAddress.queryParameter("utm_source", in: "/?utm_source"))
        // A `?` in the fragment starts no query string; a `#` ends one.
        XCTAssertNil(WebAddress.queryParameter("utm_source", in: "/x#top?utm_source=q"))
        XCTAssertEqual(WebAddress.queryParameter("utm_source", in: "/x?utm_source=a#top?utm_source=q"), "a")
        XCTAssertNil(WebAddress.queryParameter("utm_medium", in: "/x?utm_source=a#utm_medium=q"))
        // Percent-decoding, `+` as a space, in keys and values.
        XCTAssertEqual(WebAddress.queryParameter("utm_source", in: "/?utm%5Fsource=Lakeside+Family%20Med%2C%20P.C."), "Lakeside Family Med, P.C.")
        XCTAssertEqual(WebAddress.queryParameter("utm_source", in: "/?utm_source=caf%C3%A9"), "café")
        // A malformed escape is kept as written.
        XCTAssertEqual(WebAddress.queryParameter("utm_source", in: "/?utm_source=100%zz%4"), "100%zz%4")
        // The fragment is not part of the query.
        XCTAssertEqual(WebAddress.queryParameter("utm_source", in: "/?a=1#utm_source=x"), nil)
        XCTAssertEqual(WebAddress.queryParameter("utm_source", in: "/?utm_source=news#top"), "news")
        XCTAssertNil(WebAddress.queryParameter("utm_source", in: "/no-query"))
        XCTAssertEqual(WebAddress.queryParameter("utm_source", in: "/?&&utm_source=x&"), "x")
    }
}
