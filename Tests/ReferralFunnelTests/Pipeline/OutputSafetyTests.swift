import Foundation
import ReferralFunnel
import XCTest

/// Issue 22, case 11, at config load: the output folder and the warehouse are places of
/// their own (not `/`, the home folder, the project root or above it, a feed folder or in
/// one), and `name` is a plain name. Each is a config error naming the key.
final class OutputSafetyTests: XCTestCase {
    let file = URL(fileURLWithPath: "/practice/pipelines/test.yml")

    func parse(_ extra: String) throws -> PipelineConfig {
        try PipelineConfig.parse(yaml: """
            timezone: America/Chicago
            sources: sources.yml
            \(extra)
            feeds:
              web: {files: ../data/web/*.jsonl}
              intake: {files: ../data/intake/*.csv}
              scheduling: {files: ../data/scheduling/*.csv}
            """, configFile: file, displayName: "test.yml")
    }

    func assertRefused(_ extra: String, key: String, saying expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try parse(extra), extra, file: file, line: line) { error in
            guard case let ConfigError.invalidValue(configFile, errorKey, problem) = error else {
                return XCTFail("\(extra): \(error)", file: file, line: line)
            }
            XCTAssertEqual(configFile, "test.yml", file: file, line: line)
            XCTAssertEqual(errorKey, key, extra, file: file, line: line)
            XCTAssertTrue(problem.contains(expected), "\(extra): \(problem)", file: file, line: line)
        }
    }

    func testCase11OutputAtTheRootOrAboveTheProjectIsRefused() {
        assertRefused("output: /", key: "output", saying: "may not be the root folder '/'")
        assertRefused("output: ../../..", key: "output", saying: "may not be the root folder '/'")
        assertRefused("warehouse: /", key: "warehouse", saying: "may not be the root folder '/'")
    }

    func testCase11OutputInTheHomeFolderIsRefused() {
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        assertRefused("output: \(home)", key: "output", saying: "may not be the home folder")
    }

    func testCase11OutputAtTheProjectRootIsRefused() {
        assertRefused("output: ..", key: "output", saying: "may not be the project root")
        assertRefused("output: ../.", key: "output", saying: "may not be the project root")
        assertRefused("warehouse: ..", key: "warehouse", saying: "may not be the project root")
    }

    func testCase11OutputInAFeedFolderIsRefused() {
        assertRefused("output: ../data/intake", key: "output", saying: "is in the feed folder /practice/data/intake")
        assertRefused("output: ../data/web/reports", key: "output", saying: "is in the feed folder /practice/data/web")
        assertRefused("warehouse: ../data/scheduling/w.sqlite", key: "warehouse", saying: "is in the feed folder")
    }

    func testCase11NameMustBeAPlainName() {
        for name in ["../../x", "..", ".hidden", "a/b", "''", "\"tab\\there\""] {
            assertRefused("name: \(name)", key: "name", saying: name == "''" ? "must not be empty" : "must be a plain name")
        }
    }

    func testOutputsOfTheirOwnAreAccepted() throws {
        let config = try parse("name: nightly-2\nwarehouse: ../warehouse/n.sqlite\noutput: ../reports/n")
        XCTAssertEqual(config.outputFolder.path, "/practice/reports/n")
        XCTAssertEqual(config.projectRoot.path, "/practice")
        XCTAssertNoThrow(try parse(""))
    }
}
