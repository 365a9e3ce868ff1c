import Foundation
import XCTest

/// `referral-funnel sample` through the built binary: deterministic files a pipeline loads.
final class SampleCommandTests: XCTestCase {
    func testGeneratesIdenticalFilesThatAPipelineLoads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sample-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for output in ["first", "second"] {
            let result = try CommandRunner.run(["sample", "--out", output, "--seed", "9", "--days", "4", "--start", "2026-10-30"], in: folder)
            XCTAssertEqual(result.exitCode, 0, result.standardError)
            XCTAssertTrue(result.standardOutput.contains("wrote 4 days"), result.standardOutput)
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.appendingPathComponent("first").path).sorted()
        XCTAssertEqual(files.filter { $0.hasSuffix(".jsonl") || $0.hasSuffix(".csv") }.count, 12, "\(files)")
        for file in files {
            var isFolder: ObjCBool = false
            let first = folder.appendingPathComponent("first/\(file)")
            guard FileManager.default.fileExists(atPath: first.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            XCTAssertEqual(try Data(contentsOf: first), try Data(contentsOf: folder.appendingPathComponent("second/\(file)")), file)
        }
        let registry = try CommandRunner.run(["sample", "--print-registry", "--out", "unused"], in: folder)
        XCTAssertEqual(registry.exitCode, 0, registry.standardError)
        try Data(registry.standardOutput.utf8).write(to: folder.appendingPathComponent("sources.yml"))
        try """
            timezone: America/Chicago
            site_domains: [summitortho.example, www.summitortho.example]
            sources: sources.yml
            warehouse: warehouse/w.sqlite
            output: reports
            allow_development_key: true
            feeds:
              web: {files: first/web/*.jsonl}
              intake: {files: first/intake/*.csv}
              scheduling: {files: first/scheduling/*.csv}
            """.write(to: folder.appendingPathComponent("pipeline.yml"), atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["run", "pipeline.yml", "--quiet"], in: folder)
        XCTAssertEqual(run.exitCode, 0, run.standardError)
        let metrics = try String(contentsOf: folder.appendingPathComponent("reports/metrics.csv"), encoding: .utf8)
        XCTAssertGreaterThan(metrics.split(separator: "\n").count, 3)
        XCTAssertEqual(try CommandRunner.run(["sample", "--out", "x", "--days", "0"], in: folder).exitCode, 2, "a bad option is a usage error")
    }

    /// `sample --out` overwrote existing exports. Now it refuses (exit 2) before writing
    /// anything, unless `--force` is given.
    func testRefusesToOverwriteExportsUnlessForced() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sample-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out/intake"), withIntermediateDirectories: true)
        let existing = folder.appendingPathComponent("out/intake/intake-2026-10-31.csv")
        try Data("a real export".utf8).write(to: existing)
        let arguments = ["sample", "--out", "out", "--days", "3", "--start", "2026-10-30"]

        let refused = try CommandRunner.run(arguments, in: folder)
        XCTAssertEqual(refused.exitCode, 2, refused.standardError)
        XCTAssertTrue(refused.standardError.hasPrefix("error: \(existing.path) exists"), refused.standardError)
        XCTAssertTrue(refused.standardError.contains("--force"), refused.standardError)
        XCTAssertEqual(try Data(contentsOf: existing), Data("a real export".utf8))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/web/web-2026-10-30.jsonl").path),
                       "nothing was written")

        let forced = try CommandRunner.run(arguments + ["--force"], in: folder)
        XCTAssertEqual(forced.exitCode, 0, forced.standardError)
        XCTAssertNotEqual(try Data(contentsOf: existing), Data("a real export".utf8))
    }
}
