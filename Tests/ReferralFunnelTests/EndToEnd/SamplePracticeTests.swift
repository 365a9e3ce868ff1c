import Foundation
import XCTest

/// The committed sample practice through the built binary, in both export layouts.
final class SamplePracticeTests: XCTestCase {
    /// A copy of pipelines/ and sample-data/ in a temporary folder, since runs write a
    /// warehouse and reports beside them.
    static func copyOfSamplePractice() throws -> URL {
        let repository = Fixtures.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("referral-funnel-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for folder in ["pipelines", "sample-data"] {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(folder), to: copy.appendingPathComponent(folder))
        }
        return copy
    }

    struct MetricsTable {
        let header: [String]
        let rows: [[String]]

        init(_ text: String) {
            // The sample's source names hold no commas or quotes, so a plain split reads it.
            let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            header = lines.first ?? []
            rows = Array(lines.dropFirst())
        }

        func column(_ name: String) -> Int { header.firstIndex(of: name) ?? -1 }
    }

    func testCanonicalAndVendorLayoutsGiveTheSameMetricsAndTheStoryHolds() throws {
        let practice = try Self.copyOfSamplePractice()
        let canonical = try CommandRunner.run(["run", "pipelines/nightly.yml"], in: practice)
        XCTAssertEqual(canonical.exitCode, 0, canonical.standardError)
        let vendor = try CommandRunner.run(["run", "pipelines/vendor-export.yml"], in: practice)
        XCTAssertEqual(vendor.exitCode, 0, vendor.standardError)
        let canonicalMetrics = try String(contentsOf: practice.appendingPathComponent("reports/nightly/metrics.csv"), encoding: .utf8)
        let vendorMetrics = try String(contentsOf: practice.appendingPathComponent("reports/vendor-export/metrics.csv"), encoding: .utf8)
        XCTAssertEqual(vendorMetrics, canonicalMetrics, "the vendor mapping must load into the same numbers")

        let table = MetricsTable(canonicalMetrics)
        XCTAssertGreaterThan(table.rows.count, 100)

        // Additive columns: each week's (all) row is the sum of its source rows. Medians and
        // percentiles are not additive and are left out.
        let additive = ["sessions", "form_starts", "form_submits", "referrals", "complete", "returned", "accepted",
                        "confirmed", "confirmed_within_sla", "scheduled", "completed", "no_show_appointments",
                        "attended_appointments", "closed_loop", "stalled"]
        let weeks = Set(table.rows.map { $0[0] })
        for week in weeks {
            let rows = table.rows.filter { $0[0] == week }
            guard let all = rows.first(where: { $0[1] == "(all)" }) else { return XCTFail("no (all) row for \(week)") }
            for name in additive {
                let index = table.column(name)
                let sum = rows.filter { $0[1] != "(all)" }.reduce(0) { $0 + (Int($1[index]) ?? 0) }
                XCTAssertEqual(Int(all[index]), sum, "\(week) \(name)")
            }
        }

        // The story: Prairie View sends the least complete referrals among partners with at
        // least 10; Oak Hollow stops referring after 2026-10-16 (week 42).
        var referrals: [String: Int] = [:]
        var complete: [String: Int] = [:]
        for row in table.rows where row[1] != "(all)" {
            referrals[row[1], default: 0] += Int(row[table.column("referrals")]) ?? 0
            complete[row[1], default: 0] += Int(row[table.column("complete")]) ?? 0
        }
        let partners = referrals.filter { $0.value >= 10 && !$0.key.hasPrefix("(") }.map(\.key)
        let leastComplete = partners.min { Double(complete[$0] ?? 0) / Double(referrals[$0] ?? 1) < Double(complete[$1] ?? 0) / Double(referrals[$1] ?? 1) }
        XCTAssertEqual(leastComplete, "Prairie View Internal Medicine")
        let oakHollowLate = table.rows.filter { $0[1] == "Oak Hollow Family Practice" && $0[0] > "2026-W42" }
            .reduce(0) { $0 + (Int($1[table.column("referrals")]) ?? 0) }
        XCTAssertEqual(oakHollowLate, 0)
        XCTAssertGreaterThan(referrals["Oak Hollow Family Practice"] ?? 0, 0)

        // The run names every report it wrote.
        for report in ["metrics.csv", "index.html", "data-quality.html", "weekly-2026-W47.xlsx"] {
            XCTAssertTrue(canonical.standardOutput.contains("reports/nightly/\(report)"), report)
        }
    }
}
