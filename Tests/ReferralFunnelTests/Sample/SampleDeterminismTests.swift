import Foundation
import XCTest
@testable import ReferralFunnel

final class SampleDeterminismTests: XCTestCase {
    private func generate(seed: UInt64, into folder: URL) throws {
        let options = SampleOptions(seed: seed, days: 6, startDay: try SampleOptions.day(fromISODate: "2026-10-30"),
                                    scale: 3, outputs: [(.canonical, folder), (.vendor, folder.appendingPathComponent("vendor"))])
        _ = try SampleGenerator.generate(options)
    }

    func testSameArgumentsGiveIdenticalBytes() throws {
        let first = SampleFixture.temporaryFolder("sample-a")
        let second = SampleFixture.temporaryFolder("sample-b")
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        try generate(seed: 7, into: first)
        try generate(seed: 7, into: second)
        let files = try SampleFixture.files(under: first)
        // 6 days × 3 feeds × 2 layouts; the window holds the 2026-11-01 fall-back.
        XCTAssertEqual(files.count, 36)
        XCTAssertEqual(try SampleFixture.files(under: second), files)
        for file in files {
            let left = try Data(contentsOf: first.appendingPathComponent(file))
            let right = try Data(contentsOf: second.appendingPathComponent(file))
            XCTAssertEqual(left, right, file)
        }
    }

    func testAnotherSeedGivesOtherData() throws {
        let first = SampleFixture.temporaryFolder("sample-c")
        let second = SampleFixture.temporaryFolder("sample-d")
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        try generate(seed: 7, into: first)
        try generate(seed: 8, into: second)
        let file = "web/web-2026-10-30.jsonl"
        XCTAssertNotEqual(try Data(contentsOf: first.appendingPathComponent(file)),
                          try Data(contentsOf: second.appendingPathComponent(file)))
    }

    func testRejectsBadOptions() {
        XCTAssertThrowsError(try SampleOptions.day(fromISODate: "2026-02-30")) { error in
            XCTAssertEqual(error as? SampleError, .invalidOption(name: "start", problem: "2026-02-30 is not a calendar date"))
        }
        let options = SampleOptions(days: 0, startDay: 0, outputs: [(.canonical, URL(fileURLWithPath: "/tmp/unused"))])
        XCTAssertThrowsError(try SampleGenerator.generate(options)) { error in
            XCTAssertEqual(error as? SampleError, .invalidOption(name: "days", problem: "must be at least 1, got 0"))
        }
    }
}
