import XCTest
@testable import ReferralFunnel

/// Which of the ledger's rows a rebuild ingests, and in what order (`LedgerFile.replayed`).
final class LedgerReplayTests: XCTestCase {
    func file(_ fileID: Int64, _ feed: FeedKind, _ path: String, _ sha256: String, heldBack: Bool = false) -> LedgerFile {
        LedgerFile(fileID: fileID, feed: feed, path: path, sha256: sha256, wasOnlyHeldBack: heldBack)
    }

    /// A content goes in once, where it loaded: c.csv was held back by the first run and
    /// loaded by the third (after a config fix), so it comes after b.csv, as it did.
    /// Two contents at one path are two snapshots, both replayed in their order.
    func testEachContentIsReplayedOnceWhereItLoaded() {
        let ledger = [
            file(1, .intake, "a.csv", "A"),
            file(2, .intake, "c.csv", "C", heldBack: true),
            file(3, .intake, "b.csv", "B"),
            file(4, .intake, "c.csv", "C", heldBack: true),
            file(5, .intake, "c.csv", "C"),
            file(6, .intake, "a.csv", "A2"),
        ]
        XCTAssertEqual(LedgerFile.replayed(ledger).map(\.fileID), [1, 3, 5, 6])
    }

    /// A file held back on every run is retried once, where it was last tried; the same
    /// bytes in another feed are another file.
    func testAFileAlwaysHeldBackIsRetriedWhereItWasLastTried() {
        let ledger = [
            file(1, .scheduling, "s.csv", "S", heldBack: true),
            file(2, .intake, "i.csv", "S"),
            file(3, .scheduling, "s.csv", "S", heldBack: true),
            file(4, .scheduling, "t.csv", "T"),
        ]
        XCTAssertEqual(LedgerFile.replayed(ledger).map(\.fileID), [2, 3, 4])
    }
}
