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
        // The vendor's utm fields and URLs give the same landing pages and campaigns (SPEC 4.1).
        for table in ["pages.csv", "campaigns.csv"] {
            let canonicalTable = try String(contentsOf: practice.appendingPathComponent("reports/nightly/\(table)"), encoding: .utf8)
            let vendorTable = try String(contentsOf: practice.appendingPathComponent("reports/vendor-export/\(table)"), encoding: .utf8)
            XCTAssertEqual(vendorTable, canonicalTable, table)
            XCTAssertGreaterThan(canonicalTable.split(separator: "\n").count, 100, table)
        }

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

        // Every number on the workbook's Sources sheet for the report week equals metrics.csv
        // (or the rate derived from it), read back with openpyxl.
        let dump = try WorkbookReader.cells(practice.appendingPathComponent("reports/nightly/weekly-2026-W47.xlsx").path)
        let sheet = try DumpedSheet(dump, sheet: "Sources")
        let headerRow = try XCTUnwrap((1...5).first { sheet.text($0, 1) == "Source" })
        let labels: [String: String] = [
            "Sessions": "sessions", "Form starts": "form_starts", "Form submits": "form_submits",
            "Referrals": "referrals", "Complete": "complete", "Returned": "returned", "Accepted": "accepted",
            "Confirmed": "confirmed", "Confirmed within SLA": "confirmed_within_sla",
            "Median hours to confirm": "median_hours_to_confirm", "Scheduled": "scheduled",
            "Median days to first appointment": "median_days_to_first_appointment",
            "P90 days to first appointment": "p90_days_to_first_appointment", "Completed": "completed",
            "No-show appointments": "no_show_appointments", "Attended appointments": "attended_appointments",
            "Closed loop": "closed_loop", "Stalled": "stalled",
        ]
        var columns: [String: Int] = [:]
        for column in 1...80 {
            guard let label = sheet.text(headerRow, column), label.hasSuffix(" (week)") else { continue }
            columns[String(label.dropLast(" (week)".count))] = column
        }
        XCTAssertTrue(Set(labels.keys).isSubset(of: Set(columns.keys)), "missing: \(Set(labels.keys).subtracting(columns.keys))")
        let reportWeekRows = table.rows.filter { $0[0] == "2026-W47" && $0[1] != "(all)" }
        var checkedRows = 0
        for row in (headerRow + 1)...(headerRow + 60) {
            guard let source = sheet.text(row, 1), let csvRow = reportWeekRows.first(where: { $0[1] == source }) else { continue }
            checkedRows += 1
            for (label, csvColumn) in labels {
                let csvText = csvRow[table.column(csvColumn)]
                let cell = sheet.number(row, try XCTUnwrap(columns[label]))
                if csvText.isEmpty {
                    XCTAssertNil(cell, "\(source) \(label)")
                } else {
                    XCTAssertEqual(try XCTUnwrap(cell, "\(source) \(label)"), try XCTUnwrap(Double(csvText)), accuracy: 0.005, "\(source) \(label)")
                }
            }
            let referrals = Double(csvRow[table.column("referrals")]) ?? 0
            let completeness = sheet.number(row, try XCTUnwrap(columns["Completeness"]))
            if referrals == 0 {
                XCTAssertNil(completeness, "\(source): a rate over zero is empty")
            } else {
                XCTAssertEqual(try XCTUnwrap(completeness), (Double(csvRow[table.column("complete")]) ?? 0) / referrals, accuracy: 1e-9)
            }
        }
        XCTAssertEqual(checkedRows, reportWeekRows.count, "one Sources row per source of the report week")
        XCTAssertGreaterThan(checkedRows, 10)

        // The run names every report it wrote.
        for report in ["metrics.csv", "index.html", "data-quality.html", "weekly-2026-W47.xlsx"] {
            XCTAssertTrue(canonical.standardOutput.contains("reports/nightly/\(report)"), report)
        }
    }
}
