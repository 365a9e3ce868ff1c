import Foundation
import ReferralFunnel
import XCTest

/// A config is validated whole before any data is read; each error names file, key, problem.
final class PipelineConfigTests: XCTestCase {
    let file = URL(fileURLWithPath: "/practice/pipelines/test.yml")

    let valid = """
        timezone: America/Chicago
        sources: sources.yml
        feeds:
          web: {files: ../data/web/*.jsonl}
          intake:
            files: ../data/intake/*.csv
            columns: {referral_id: Referral ID}
            status_values: {Returned - Incomplete: returned}
            timestamp_formats: {received_at: us}
          scheduling: {files: ../data/scheduling/*.csv}
        """

    func parse(_ yaml: String) throws -> PipelineConfig {
        try PipelineConfig.parse(yaml: yaml, configFile: file, displayName: "test.yml")
    }

    func testValidConfigResolvesPathsAndDefaults() throws {
        let config = try parse(valid)
        XCTAssertEqual(config.name, "test")
        XCTAssertEqual(config.sourcesFile.path, "/practice/pipelines/sources.yml")
        XCTAssertEqual(config.feed(.web).filePatterns, ["/practice/data/web/*.jsonl"])
        XCTAssertEqual(config.feed(.intake).exportName(of: "referral_id"), "Referral ID")
        XCTAssertEqual(config.feed(.intake).statusValues["Returned - Incomplete"], "returned")
        XCTAssertEqual(config.feed(.intake).timestampFormat(of: "received_at"), .us)
        XCTAssertEqual(config.slaHours, 24)
        XCTAssertEqual(config.followupDays, 7)
        XCTAssertEqual(config.stallDays, 14)
        XCTAssertEqual(config.linkWindowDays, 90)
        XCTAssertEqual(config.maxRejectRate, 0.05)
        XCTAssertEqual(config.warehouse.path, "/practice/warehouse/test.sqlite")
        XCTAssertEqual(config.outputFolder.path, "/practice/reports/test")
    }

    func testUnknownKeyIsNamed() {
        XCTAssertThrowsError(try parse(valid + "\nsla_hour: 12\n")) { error in
            XCTAssertEqual(error as? ConfigError, .unknownKey(file: "test.yml", key: "sla_hour", allowed: PipelineConfigTestsAllowed.keys))
            XCTAssertTrue("\(error)".contains("test.yml: unknown key 'sla_hour'"))
        }
    }

    func testMissingFeedGlob() {
        let yaml = valid.replacingOccurrences(of: "scheduling: {files: ../data/scheduling/*.csv}", with: "scheduling: {}")
        XCTAssertThrowsError(try parse(yaml)) { error in
            XCTAssertEqual(error as? ConfigError, .missingKey(file: "test.yml", key: "feeds.scheduling.files"))
        }
    }

    func testBadTimeZone() {
        let yaml = valid.replacingOccurrences(of: "America/Chicago", with: "America/Chicagoo")
        XCTAssertThrowsError(try parse(yaml)) { error in
            guard case let .invalidValue(_, key, problem)? = error as? ConfigError else { return XCTFail("\(error)") }
            XCTAssertEqual(key, "timezone")
            XCTAssertTrue(problem.contains("America/Chicagoo"))
        }
    }

    func testMappingToAColumnThatDoesNotExist() {
        let yaml = valid.replacingOccurrences(of: "referral_id: Referral ID", with: "referal_id: Referral ID")
        XCTAssertThrowsError(try parse(yaml)) { error in
            guard case let .invalidValue(_, key, problem)? = error as? ConfigError else { return XCTFail("\(error)") }
            XCTAssertEqual(key, "feeds.intake.columns.referal_id")
            XCTAssertTrue(problem.contains("not a intake column") || problem.contains("not an intake column"), problem)
        }
    }

    func testStatusMappedToUnknownCanonicalValue() {
        let yaml = valid.replacingOccurrences(of: "Returned - Incomplete: returned", with: "Returned - Incomplete: bounced")
        XCTAssertThrowsError(try parse(yaml)) { error in
            guard case let .invalidValue(_, key, _)? = error as? ConfigError else { return XCTFail("\(error)") }
            XCTAssertEqual(key, "feeds.intake.status_values.Returned - Incomplete")
        }
    }

    func testRejectRateOutOfRange() {
        XCTAssertThrowsError(try parse(valid + "\nmax_reject_rate: 5\n")) { error in
            guard case let .invalidValue(_, key, _)? = error as? ConfigError else { return XCTFail("\(error)") }
            XCTAssertEqual(key, "max_reject_rate")
        }
    }

    func testCase8EveryThresholdHasADocumentedRangeCheckedAtLoad() throws {
        let outside: [(key: String, value: String)] = [
            ("sla_hours", "1e300"), ("sla_hours", "26281"), ("sla_hours", "0"), ("followup_days", "1096"),
            ("stall_days", "-1"), ("link_window_days", "1e19"), ("stale_feed_days", "0"), ("max_reject_rate", "1.01"),
            ("max_reject_rate", "-0.1"), ("sla_hours", ".nan"), ("stall_days", "1e400"),
        ]
        for (key, value) in outside {
            XCTAssertThrowsError(try parse(valid + "\n\(key): \(value)\n"), "\(key): \(value)") { error in
                guard case let .invalidValue(file, errorKey, _)? = error as? ConfigError else { return XCTFail("\(error)") }
                XCTAssertEqual(file, "test.yml")
                XCTAssertEqual(errorKey, key)
            }
        }
        let edges = try parse(valid + "\nsla_hours: 26280\nstall_days: 1095\nlink_window_days: 0.5\nmax_reject_rate: 0\n")
        XCTAssertEqual(edges.slaHours, 26_280)
        XCTAssertEqual(edges.stallDays, 1_095)
        XCTAssertEqual(edges.linkWindowDays, 0.5)
        XCTAssertEqual(edges.maxRejectRate, 0)
        XCTAssertEqual(Set(PipelineConfig.thresholdBounds.keys),
                       ["sla_hours", "followup_days", "stall_days", "link_window_days", "max_reject_rate", "stale_feed_days"])
    }

    func testAFeedMayBeLeftOutButNotEveryFeed() throws {
        let webOnly = try parse("""
            timezone: America/Chicago
            sources: sources.yml
            feeds:
              web: {files: ../data/web/*.jsonl}
            """)
        XCTAssertEqual(webOnly.feed(.web).filePatterns, ["/practice/data/web/*.jsonl"])
        XCTAssertEqual(webOnly.feed(.intake).filePatterns, [])
        XCTAssertThrowsError(try parse("timezone: UTC\nsources: s.yml\nfeeds: {}\n")) { error in
            guard case let .invalidValue(_, key, problem)? = error as? ConfigError else { return XCTFail("\(error)") }
            XCTAssertEqual(key, "feeds")
            XCTAssertTrue(problem.contains("at least one feed"), problem)
        }
    }

    func testShippedPipelinesLoad() throws {
        let pipelines = Fixtures.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("pipelines")
        let config = try PipelineConfig.load(from: pipelines.appendingPathComponent("nightly.yml").path)
        XCTAssertEqual(config.name, "nightly")
        XCTAssertEqual(config.timeZone.identifier, "America/Chicago")
        XCTAssertTrue(config.allowDevelopmentKey)
    }
}

enum PipelineConfigTestsAllowed {
    static let keys = [
        "name", "timezone", "site_domains", "sources", "required_items", "sla_hours",
        "followup_days", "stall_days", "link_window_days", "max_reject_rate", "stale_feed_days",
        "warehouse", "output", "patient_key_file", "allow_development_key", "feeds",
    ]
}
