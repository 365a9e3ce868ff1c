import Foundation
import XCTest
@testable import ReferralFunnel

/// The documented sample, generated once per test run into a temporary folder.
enum SampleFixture {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The arguments docs/sample-practice.md documents for the committed sample-data/.
    static func documentedOptions(into folder: URL) throws -> SampleOptions {
        SampleOptions(seed: 42, days: 90, startDay: try SampleOptions.day(fromISODate: "2026-09-01"), scale: 1,
                      outputs: [(.canonical, folder), (.vendor, folder.appendingPathComponent("vendor"))])
    }

    static let generated: Result<URL, SampleError> = {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("sample-fixture-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: folder)
        do {
            _ = try SampleGenerator.generate(try documentedOptions(into: folder))
            return .success(folder)
        } catch let error as SampleError {
            return .failure(error)
        } catch {
            return .failure(.cannotWrite(path: folder.path, reason: "\(error)"))
        }
    }()

    static func folder() throws -> URL { try generated.get() }

    /// Every regular file under `folder`, as paths relative to it, sorted.
    static func files(under folder: URL) throws -> [String] {
        let base = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        var paths: [String] = []
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            paths.append(String(url.standardizedFileURL.path.dropFirst(base.count + 1)))
        }
        return paths.sorted()
    }

    static func temporaryFolder(_ name: String) -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        return folder
    }
}
