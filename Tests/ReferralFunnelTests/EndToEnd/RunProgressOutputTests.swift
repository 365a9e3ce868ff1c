import Foundation
import XCTest

/// What a run prints when nobody watches a terminal (cron, a pipe, a log): a line per feed
/// and per stage, not a line per file. The sample's cold run is 270 files; a year is over
/// a thousand, and used to print as many lines.
final class RunProgressOutputTests: XCTestCase {
    /// Files of the sample's three feeds, as the pipeline's globs find them.
    /// The sample's export files, and how many of them a cold run loads: a file whose bytes
    /// another file of its feed already has (the sample re-sends a few) is recognised by its
    /// hash and not loaded again, so it gets no per-file line.
    private func sampleFileCount(in practice: URL) throws -> (files: Int, loaded: Int) {
        try [("web", "jsonl"), ("intake", "csv"), ("scheduling", "csv")].reduce((0, 0)) { count, feed in
            let folder = practice.appendingPathComponent("sample-data/\(feed.0)")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix("." + feed.1) }
            let distinct = Set(try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) })
            return (count.0 + names.count, count.1 + distinct.count)
        }
    }

    func testAColdRunOfTheSampleThroughAPipePrintsAFewLinesAndVerboseALinePerFile() throws {
        let practice = try SamplePracticeTests.copyOfSamplePractice()
        addTeardownBlock { try? FileManager.default.removeItem(at: practice) }
        let (files, loadedFiles) = try sampleFileCount(in: practice)
        XCTAssertGreaterThan(files, 100, "the sample is meant to be a cold run of many files")

        let cold = try CommandRunner.run(["run", "pipelines/nightly.yml"], in: practice)
        XCTAssertEqual(cold.exitCode, 0, cold.standardError)
        let output = cold.standardOutput + cold.standardError
        let lines = output.split(separator: "\n")
        XCTAssertLessThan(lines.count, 20, output)
        // Not a terminal: nothing is drawn in place.
        XCTAssertFalse(output.contains("\r"), output)
        XCTAssertFalse(output.contains("\u{1B}["), output)
        let errorLines = cold.standardError.split(separator: "\n").map(String.init)
        for feed in ["web", "intake", "scheduling"] {
            let summaries = errorLines.filter { $0.contains("\(feed): loaded ") }
            XCTAssertEqual(summaries.count, 1, "one summary line for the \(feed) feed\n\(cold.standardError)")
            XCTAssertTrue(summaries.first?.contains("rows/s") == true, cold.standardError)
        }
        for stage in ["ingest", "transform", "report"] {
            XCTAssertEqual(errorLines.filter { $0.contains("\(stage) finished in") }.count, 1, cold.standardError)
        }
        XCTAssertFalse(cold.standardError.contains(" s, loaded in "), "no per-file lines without --verbose")
        // A warning is still printed in full.
        XCTAssertTrue(cold.standardError.contains("warning referral-funnel: [ReferralFunnel] hashing patient identifiers with the published development key"),
                      cold.standardError)
        // The source pages are counted, not listed; the workbook and index are named.
        XCTAssertTrue(cold.standardOutput.contains("index.html"), cold.standardOutput)
        XCTAssertTrue(cold.standardOutput.contains(".xlsx"), cold.standardOutput)
        XCTAssertTrue(cold.standardOutput.contains("source pages)"), cold.standardOutput)

        // A night with nothing new stays a few lines too, saying so per feed.
        let night = try CommandRunner.run(["run", "pipelines/nightly.yml"], in: practice)
        XCTAssertEqual(night.exitCode, 0, night.standardError)
        XCTAssertLessThan((night.standardOutput + night.standardError).split(separator: "\n").count, 20)
        XCTAssertTrue(night.standardError.contains("web: no new files"), night.standardError)

        // --verbose keeps a line per loaded file (bench/run.sh reads their timings) and lists
        // every report.
        let verbosePractice = try SamplePracticeTests.copyOfSamplePractice()
        addTeardownBlock { try? FileManager.default.removeItem(at: verbosePractice) }
        let verbose = try CommandRunner.run(["run", "pipelines/nightly.yml", "--verbose"], in: verbosePractice)
        XCTAssertEqual(verbose.exitCode, 0, verbose.standardError)
        let perFile = verbose.standardError.split(separator: "\n").filter { $0.contains(" s, loaded in ") }
        XCTAssertEqual(perFile.count, loadedFiles, verbose.standardError)
        XCTAssertTrue(verbose.standardOutput.contains("/sources/"), verbose.standardOutput)
        XCTAssertFalse(verbose.standardOutput.contains("source pages)"), verbose.standardOutput)
    }

    /// On a terminal (a pseudo-terminal from util-linux's `script`), each feed's line is
    /// rewritten in place and taken away before the feed's summary line, which stays.
    func testOnATerminalEachFeedIsALineRewrittenInPlace() throws {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path) else {
            throw XCTSkip("util-linux's script is not installed: no pseudo-terminal to run under")
        }
        let practice = try SamplePracticeTests.copyOfSamplePractice()
        addTeardownBlock { try? FileManager.default.removeItem(at: practice) }
        let binary = CommandRunner.productsFolder.appendingPathComponent("referral-funnel").path
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "REFERRAL_FUNNEL_KEY")
        environment["TERM"] = "xterm"
        let result = try ChildProcess.run(script, ["-q", "-e", "-c", "'\(binary)' run pipelines/nightly.yml", "/dev/null"],
                                          in: practice, environment: environment, timeout: 300)
        XCTAssertEqual(result.exitCode, 0, result.standardOutput)
        let output = result.standardOutput
        for feed in ["web", "intake", "scheduling"] {
            XCTAssertTrue(output.contains("\r\(feed): 1 of 90 files"), output)
            // The drawn line is erased, then the summary is printed where it was.
            guard let drawn = output.range(of: "\r\(feed): "),
                  let summary = output.range(of: "\(feed): loaded "),
                  let erased = output.range(of: "\r\u{1B}[K", range: drawn.upperBound..<output.endIndex) else {
                return XCTFail("no progress line, summary or erase for \(feed): \(output)")
            }
            XCTAssertLessThan(erased.lowerBound, summary.lowerBound, output)
        }
    }
}
