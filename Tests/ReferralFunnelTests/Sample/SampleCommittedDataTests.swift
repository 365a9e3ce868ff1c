import Foundation
import XCTest
@testable import ReferralFunnel

/// The committed sample-data/ is exactly what the documented command writes.
final class SampleCommittedDataTests: XCTestCase {
    func testCommittedSampleMatchesFreshGeneration() throws {
        let fresh = try SampleFixture.folder()
        let committed = SampleFixture.packageRoot.appendingPathComponent("sample-data")
        let files = try SampleFixture.files(under: fresh)
        // 90 days × 3 feeds × 2 layouts.
        XCTAssertEqual(files.count, 540)
        XCTAssertEqual(try SampleFixture.files(under: committed).filter { !$0.hasPrefix(".") }, files,
                       "regenerate with the command in docs/sample-practice.md")
        for file in files {
            let expected = try Data(contentsOf: fresh.appendingPathComponent(file))
            let actual = try Data(contentsOf: committed.appendingPathComponent(file))
            XCTAssertTrue(expected == actual, "\(file) differs from a fresh generation")
        }
    }

    func testSourceRegistryIsRenderedFromTheStory() throws {
        let registry = SampleFixture.packageRoot.appendingPathComponent("pipelines/sources.yml")
        XCTAssertEqual(try String(contentsOf: registry, encoding: .utf8), SampleStory.registryYAML())
        for partner in SampleStory.partners {
            for clinician in partner.clinicians {
                XCTAssertTrue(NPI.isValid(clinician.npi), "\(partner.name): \(clinician.npi)")
            }
        }
    }

    func testVendorConfigMapsTheVendorLayout() throws {
        let config = try PipelineConfig.load(
            from: SampleFixture.packageRoot.appendingPathComponent("pipelines/vendor-export.yml").path)
        func pairs(_ list: [(String, String)]) -> [String: String] { Dictionary(uniqueKeysWithValues: list) }
        XCTAssertEqual(config.feed(.intake).columnNames, pairs(SampleLayout.vendorIntakeColumns.map { ($0.canonical, $0.vendor) }))
        XCTAssertEqual(config.feed(.scheduling).columnNames,
                       pairs(SampleLayout.vendorSchedulingColumns.map { ($0.canonical, $0.vendor) }))
        XCTAssertEqual(config.feed(.web).columnNames, pairs(SampleLayout.vendorWebFields.map { ($0.canonical, $0.vendor) }))
        XCTAssertEqual(config.feed(.intake).statusValues, pairs(SampleLayout.vendorIntakeStatuses.map { ($0.vendor, $0.canonical) }))
        XCTAssertEqual(config.feed(.scheduling).statusValues,
                       pairs(SampleLayout.vendorSchedulingStatuses.map { ($0.vendor, $0.canonical) }))
        XCTAssertEqual(config.feed(.web).statusValues, pairs(SampleLayout.vendorWebEvents.map { ($0.vendor, $0.canonical) }))
        XCTAssertEqual(config.feed(.intake).timestampFormat(of: "received_at"), .us)
        XCTAssertEqual(config.feed(.web).timestampFormat(of: "ts"), .iso8601)
        let nightly = try PipelineConfig.load(from: SampleFixture.packageRoot.appendingPathComponent("pipelines/nightly.yml").path)
        XCTAssertEqual(nightly.requiredItems, SampleStory.requiredItems)
        XCTAssertEqual(nightly.sourcesFile, config.sourcesFile)
    }
}
