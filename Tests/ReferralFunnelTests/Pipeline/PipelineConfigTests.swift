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

    /// SPEC 6.1: a timestamp mapped to a date column and a time column, with a pattern for
    /// each, and strptime patterns on single columns.
    func testDateAndTimeInTwoColumnsWithStrptimePatterns() throws {
        let yaml = valid.replacingOccurrences(of: "scheduling: {files: ../data/scheduling/*.csv}", with: """
            scheduling:
                files: ../data/scheduling/*.csv
                columns:
                  appointment_id: Appt ID
                  starts_at: [Appt Date, Appt Time]
                  note_sent_at: [Note Date, Note Time]
                timestamp_formats:
                  starts_at: ["%m/%d/%Y", "%I:%M %p"]
                  booked_at: "%d-%b-%Y %H:%M"
            """)
        let scheduling = try parse(yaml).feed(.scheduling)
        XCTAssertEqual(scheduling.columnNames, ["appointment_id": "Appt ID"])
        XCTAssertEqual(scheduling.dateTimeColumns, [
            "starts_at": DateTimeColumns(date: "Appt Date", time: "Appt Time"),
            "note_sent_at": DateTimeColumns(date: "Note Date", time: "Note Time"),
        ])
        XCTAssertEqual(scheduling.exportName(of: "starts_at"), "Appt Date")
        XCTAssertEqual(scheduling.timestampFormat(of: "starts_at"), .dateAndTimePatterns(date: "%m/%d/%Y", time: "%I:%M %p"))
        XCTAssertEqual(scheduling.timestampFormat(of: "booked_at"), .pattern("%d-%b-%Y %H:%M"))
        XCTAssertEqual(scheduling.timestampFormat(of: "note_sent_at"), .automatic)
    }

    func testBadDirectivesAndSplitMappingsAreNamedBeforeAnyDataIsRead() {
        func feed(_ body: String) -> String {
            valid.replacingOccurrences(of: "scheduling: {files: ../data/scheduling/*.csv}",
                                       with: "scheduling: {files: ../data/scheduling/*.csv, \(body)}")
        }
        let supported = "(supported: %Y %y %m %b %B %d %H %I %M %S %p %z %%)"
        let cases: [(yaml: String, key: String, problem: String)] = [
            (feed(#"timestamp_formats: {note_sent_at: "%d-%Q-%Y"}"#), "feeds.scheduling.timestamp_formats.note_sent_at",
             "'%Q' is not a supported directive \(supported)"),
            (feed(#"columns: {starts_at: [D, T]}, timestamp_formats: {starts_at: ["%m/%d/%Y", "%I:%M %q"]}"#),
             "feeds.scheduling.timestamp_formats.starts_at", "the time pattern '%I:%M %q': '%q' is not a supported directive \(supported)"),
            (feed(#"timestamp_formats: {starts_at: ["%m/%d/%Y", "%H:%M"]}"#), "feeds.scheduling.timestamp_formats.starts_at",
             "two patterns (a date, then a time) need the column mapped to two export columns in columns"),
            (feed(#"columns: {starts_at: [D, T]}, timestamp_formats: {starts_at: ["%m/%d/%Y", "%H:%M", "%S"]}"#),
             "feeds.scheduling.timestamp_formats.starts_at", "expected one format, or two patterns [date, time]; got 3 items"),
            (feed(#"columns: {starts_at: [D, T]}, timestamp_formats: {starts_at: excel_serial}"#),
             "feeds.scheduling.timestamp_formats.starts_at",
             "excel_serial cannot read a date and a time in two columns; give two patterns, [date, time]"),
            (feed("columns: {status: [Status, Sub Status]}"), "feeds.scheduling.columns.status",
             "only a timestamp column may be mapped to two columns [date, time] (one of: booked_at, starts_at, note_sent_at, updated_at)"),
            (feed("columns: {starts_at: [Appt Date]}"), "feeds.scheduling.columns.starts_at",
             #"expected one column, or two named columns [date column, time column]; got ["Appt Date"]"#),
            (feed("columns: {starts_at: [Appt, Appt]}"), "feeds.scheduling.columns.starts_at",
             "the date and time columns are both 'Appt'; map the column to it alone"),
            (valid.replacingOccurrences(of: "web: {files: ../data/web/*.jsonl}", with: "web: {files: ../data/web/*.jsonl, columns: {ts: [d, t]}}"),
             "feeds.web.columns.ts", "a web log field is one JSON field; only intake and scheduling columns may be two columns"),
        ]
        for (yaml, key, problem) in cases {
            XCTAssertThrowsError(try parse(yaml), key) { error in
                XCTAssertEqual(error as? ConfigError, .invalidValue(file: "test.yml", key: key, problem: problem))
            }
        }
        XCTAssertThrowsError(try parse(feed(#"timestamp_formats: {note_sent_at: "%d-%Q-%Y"}"#))) { error in
            XCTAssertEqual("\(error)", "test.yml: key 'feeds.scheduling.timestamp_formats.note_sent_at': '%Q' is not a supported directive \(supported)")
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
