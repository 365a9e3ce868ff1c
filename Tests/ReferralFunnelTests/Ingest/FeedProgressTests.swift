import XCTest
@testable import ReferralFunnel

/// The arithmetic behind the progress line a terminal shows and the summary line a log keeps.
final class FeedProgressTests: XCTestCase {
    private func loaded(rows: Int, bytes: Int64, quarantined: Int = 0) -> FileIngestOutcome {
        var outcome = FileIngestOutcome(feed: .web, path: "web/x.jsonl", disposition: .loaded, bytes: bytes)
        outcome.rowsRead = rows
        outcome.rowsLoaded = rows - quarantined
        outcome.rowsQuarantined = quarantined
        return outcome
    }

    func testTimeLeftIsWeighedByBytesAndRowsPerSecondByWallTime() {
        var progress = FeedProgress(feed: .web, filesTotal: 4, bytesTotal: 1_000, alreadyIngested: 2)
        XCTAssertNil(progress.secondsLeft)
        XCTAssertEqual(progress.progressLine, "web: 0 of 4 files")
        // A quarter of the bytes in 2 s: 6 s to go, whatever the file count says.
        progress.record(loaded(rows: 3_000, bytes: 250), seconds: 2)
        XCTAssertEqual(progress.secondsLeft ?? -1, 6, accuracy: 1e-9)
        XCTAssertEqual(progress.rowsPerSecond ?? -1, 1_500, accuracy: 1e-9)
        XCTAssertEqual(progress.progressLine, "web: 1 of 4 files, 1,500 rows/s, about 6.0 s left")

        var heldBack = FileIngestOutcome(feed: .web, path: "web/y.jsonl", disposition: .heldBack(reason: "x"), bytes: 250)
        heldBack.rowsRead = 10
        progress.record(heldBack, seconds: 3)
        progress.record(FileIngestOutcome(feed: .web, path: "web/z.jsonl", disposition: .skippedAlreadyIngested, bytes: 250),
                        seconds: 3.5)
        progress.record(loaded(rows: 1_990, bytes: 250, quarantined: 12), seconds: 50)
        XCTAssertTrue(progress.isFinished)
        XCTAssertEqual(progress.progressLine, "web: 4 of 4 files, 100 rows/s")
        XCTAssertEqual(progress.summaryLine,
                       "web: loaded 2 of 4 new file(s), 4,978 rows (12 quarantined, 0 warnings), 1 held back, "
                       + "3 already ingested, in 50 s (100 rows/s)")
    }

    func testAFeedWithNothingNewSaysSo() {
        let progress = FeedProgress(feed: .intake, filesTotal: 0, bytesTotal: 0, alreadyIngested: 90)
        XCTAssertTrue(progress.isFinished)
        XCTAssertEqual(progress.summaryLine, "intake: no new files (90 already ingested)")
        XCTAssertEqual(FeedProgress.duration(185), "3 min 05 s")
        XCTAssertEqual(FeedProgress.grouped(1_234_567), "1,234,567")
    }
}
