import Foundation
@testable import ReferralFunnel
import XCTest

/// The metric catalogue against the contract (SPEC section 4), the models, every output that
/// iterates it, and the README; and `declined`, the metric the reports show beyond
/// metrics.csv, worked out by hand on Fixtures/golden-basic.
///
/// `declined` counts referrals whose status history holds `declined` (any snapshot row, not
/// only the winning one), in the week each was received. In golden-basic (reasoning in
/// GoldenPipelineTests):
/// - R4 (unregistered `Riverside Ortho, LLC`, received 11-04, W45): its first row says
///   accepted; a later row without updated_at says declined and loses to it, so its current
///   status is accepted but its history holds declined: counted.
/// - R5 (unregistered `NPI 1111111111`, received 11-05, W45): declined; its bad updated_at
///   loads as empty with a warning, the row still loads: counted.
/// - No other row of either intake file says declined (R10's `pending` is quarantined).
/// So W45: (all) 2, Riverside Ortho, LLC 1, NPI 1111111111 1, Lakeside 0; W46: 0. A
/// definition from the winning row's status alone would give 1 for W45 (all).
/// The workbook's report week is W46 (no declined); its 4 weeks to W46 hold W45: Riverside
/// Ortho, LLC 1. The HTML funnel covers the 13 weeks to W46: Declined 2.
final class MetricCatalogueTests: XCTestCase {
    /// SPEC section 4's metrics.csv columns, in its order, copied from the SPEC (the contract),
    /// not from the code.
    static let specColumns = [
        "week", "source", "sessions", "form_starts", "form_submits", "referrals", "complete", "returned", "accepted",
        "confirmed", "confirmed_within_sla", "median_hours_to_confirm", "scheduled", "median_days_to_first_appointment",
        "p90_days_to_first_appointment", "completed", "no_show_appointments", "attended_appointments", "closed_loop",
        "stalled",
    ]

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    func testMetricsCSVHeaderIsTheSpecsListAndTheCataloguesCSVMetrics() {
        XCTAssertEqual(MetricsCSVWriter.header, Self.specColumns)
        XCTAssertEqual(["week", "source"] + MetricCatalogue.metricsCSV.map(\.name), Self.specColumns)
        XCTAssertFalse(MetricCatalogue.metricsCSV.contains { $0.name == "declined" }, "SPEC section 4 fixes the columns")
    }

    func testNamesAreUniqueAndEveryReferenceNamesACount() {
        let names = MetricCatalogue.all.map(\.name)
        XCTAssertEqual(Set(names).count, names.count, "a name twice: \(names)")
        for metric in MetricCatalogue.all {
            var referenced: [Metric.Name] = []
            if case let .rate(numerator, denominator) = metric.kind { referenced = [numerator] + denominator }
            if let base = metric.funnelStage?.base { referenced.append(base) }
            for name in referenced {
                XCTAssertEqual(MetricCatalogue.named(name)?.isCount, true, "\(metric.name) refers to \(name), not a count")
            }
            XCTAssertEqual(metric.explanation == nil, metric.isRate, "\(metric.name): every stored metric can be explained")
        }
        // The shorthands the report code uses must name catalogue entries.
        let row = FunnelMetricsRow(period: .week("2026-W45"), source: allSourcesName)
        _ = (row.sessions, row.referrals, row.complete, row.confirmedWithinSLA, row.stalled, row.completeness,
             row.slaRate, row.schedulingConversion, row.medianDaysToFirstAppointment, row.p90DaysToFirstAppointment)
        _ = MetricColumn.headline
    }

    func testDefinitionsNameOnlyKnownParameters() {
        let parameters = ReportModel.Parameters(slaHours: 24, followupDays: 7, stallDays: 14, linkWindowDays: 90,
                                                requiredItems: [], completenessTarget: 0.8)
        for entry in WeeklyWorkbookWriter.definitions(parameters) {
            XCTAssertFalse(entry.definition.contains("{"), "\(entry.metric): \(entry.definition)")
        }
        XCTAssertEqual(WeeklyWorkbookWriter.definitions(parameters).first { $0.metric == "Stalled" }?.definition,
                       "Accepted referrals with no linked appointment other than cancelled or rescheduled ones, "
                           + "received more than 14 days before as_of.")
    }

    func testPlaceholdersExpandFromTheCatalogueAndRejectWhatTheyCannotExpand() throws {
        let sql = """
            select
                {{ referral_counts: sum(weekly.{metric}) as {metric} }}
            from weekly where {{ counts joined by +: {metric} }} > 0
            """
        let expanded = try ModelPlaceholders.expand(sql, model: "test")
        XCTAssertEqual(expanded, try ModelPlaceholders.expand(sql, model: "test"), "deterministic")
        XCTAssertTrue(expanded.contains("    sum(weekly.referrals) as referrals,\n    sum(weekly.complete) as complete,"),
                      expanded)
        XCTAssertTrue(expanded.contains("sum(weekly.declined) as declined"), expanded)
        XCTAssertFalse(expanded.contains("sessions) as"), "web counts are not referral counts")
        XCTAssertTrue(expanded.contains("where sessions\n+ form_starts"), expanded)
        XCTAssertFalse(expanded.contains("{"), expanded)
        let durations = try ModelPlaceholders.expand("{{ referral_columns: coalesce(x.{metric}, {absent}) }}", model: "test")
        XCTAssertTrue(durations.contains("coalesce(x.stalled, 0)") && durations.contains("coalesce(x.median_hours_to_confirm, null)"),
                      durations)
        for bad in ["{{ no_such_group: {metric} }}", "{{ counts }}", "{{ counts: {metric}", "{{ counts joined: x }}"] {
            XCTAssertThrowsError(try ModelPlaceholders.expand(bad, model: "test"), bad)
        }
    }

    /// Every model the transform runs, as it runs it: no placeholder is left unexpanded.
    func testEveryBundledModelExpands() throws {
        let models = Transformer.webValueModels + Transformer.rebuiltModels + Transformer.windowModels
            + Transformer.martModels + Transformer.viewModels
            + (IncrementalReferralModels.stagingModels + IncrementalReferralModels.downstreamModels
                + IncrementalReferralModels.weekModels).map(\.path)
        for model in models {
            let sql = try Resources.model(model)
            XCTAssertFalse(sql.contains("{{") || sql.contains("}}") || sql.contains("{metric}"), model)
        }
    }

    /// After a run, the funnel mart holds a column for every stored metric, and the two
    /// referral metric models it unions have the same columns in the same order.
    func testEveryStoredMetricIsAColumnOfTheFunnelMart() throws {
        let fixture = try Fixtures.copy("golden-basic")
        let run = try CommandRunner.run(["run", "pipeline.yml"], in: fixture)
        XCTAssertEqual(run.exitCode, 0, run.standardError)
        let database = try Database(path: fixture.appendingPathComponent("warehouse/golden.sqlite").path, readOnly: true)
        func columns(_ table: String) throws -> [String] {
            try database.rows("select name from pragma_table_info(?)", [.text(table)]).compactMap { $0.first?.string }
        }
        let funnel = Set(try columns("funnel_by_source_period"))
        for metric in MetricCatalogue.stored {
            XCTAssertTrue(funnel.contains(metric.name), "funnel_by_source_period has no \(metric.name)")
        }
        XCTAssertEqual(try columns("int_referral_metrics_by_week"), try columns("int_referral_metrics_by_window"))
        XCTAssertEqual(try columns("funnel_by_source_week"), Self.specColumns)
    }

    func testDeclinedIsCountedFromTheStatusHistoryButNotInMetricsCSV() throws {
        let fixture = try Fixtures.copy("golden-basic")
        let run = try CommandRunner.run(["run", "pipeline.yml"], in: fixture)
        XCTAssertEqual(run.exitCode, 0, run.standardError)
        let database = try Database(path: fixture.appendingPathComponent("warehouse/golden.sqlite").path, readOnly: true)
        let declined = try database.rows("""
            select end_week, source_name, declined from funnel_by_source_period
            where week_count = 1 and declined > 0 order by end_week, source_name
            """).map { $0.map(\.description).joined(separator: " ") }
        XCTAssertEqual(declined, ["2026-W45 (all) 2", "2026-W45 NPI 1111111111 1", "2026-W45 Riverside Ortho, LLC 1"])

        let metrics = try String(contentsOf: fixture.appendingPathComponent("reports/metrics.csv"), encoding: .utf8)
        XCTAssertEqual(metrics, GoldenPipelineTests.expectedMetrics)

        let explained = try CommandRunner.run(["explain", "pipeline.yml", "--week", "2026-W45", "--source", "(all)",
                                               "--metric", "declined"], in: fixture)
        XCTAssertEqual(explained.exitCode, 0, explained.standardError)
        XCTAssertTrue(explained.standardOutput.hasPrefix("2026-W45 (all) declined = 2"), explained.standardOutput)
        XCTAssertTrue(explained.standardOutput.contains("R4  intake/intake-2026-11-05.csv:5"), explained.standardOutput)
        XCTAssertTrue(explained.standardOutput.contains("R5  intake/intake-2026-11-05.csv:6"), explained.standardOutput)
    }

    func testDeclinedIsInTheWorkbookAndTheHTML() throws {
        let fixture = try Fixtures.copy("golden-basic")
        let run = try CommandRunner.run(["run", "pipeline.yml"], in: fixture)
        XCTAssertEqual(run.exitCode, 0, run.standardError)
        let dump = try WorkbookReader.cells(fixture.appendingPathComponent("reports/weekly-2026-W46.xlsx").path)

        let definitions = try DumpedSheet(dump, sheet: "Definitions")
        let definitionRow = try XCTUnwrap((3...80).first { definitions.text($0, 1) == "Declined" }, "no Declined definition")
        XCTAssertEqual(definitions.text(definitionRow, 2), "Referrals whose status history holds declined.")

        let sources = try DumpedSheet(dump, sheet: "Sources")
        let header = sources.rowTexts(2)
        let week = try XCTUnwrap(header.firstIndex(of: "Declined (week)")) + 1
        let fourWeeks = try XCTUnwrap(header.firstIndex(of: "Declined (4 wk)")) + 1
        let riverside = try XCTUnwrap((3...20).first { sources.text($0, 1) == "Riverside Ortho, LLC" })
        XCTAssertEqual(sources.number(riverside, week), 0)
        XCTAssertEqual(sources.number(riverside, fourWeeks), 1)

        let index = try String(contentsOf: fixture.appendingPathComponent("reports/index.html"), encoding: .utf8)
        XCTAssertTrue(index.contains("Accepted 5, Declined 2, Scheduled"), "the funnel chart of the 13 weeks to W46")
        XCTAssertTrue(index.contains("<th scope=\"row\">Declined</th>"), "the funnel table")
    }

    /// The README's metric table is the catalogue's; RECORD_SNAPSHOTS=1 rewrites it.
    func testReadmeMetricTableMatchesTheCatalogue() throws {
        let readmeURL = Self.repositoryRoot.appendingPathComponent("README.md")
        let readme = try String(contentsOf: readmeURL, encoding: .utf8)
        let start = try XCTUnwrap(readme.range(of: MetricCatalogue.readmeTableStart + "\n"), "no table start marker")
        let end = try XCTUnwrap(readme.range(of: MetricCatalogue.readmeTableEnd, range: start.upperBound..<readme.endIndex))
        let table = String(readme[start.upperBound..<end.lowerBound])
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1", table != MetricCatalogue.markdownTable {
            try (readme[..<start.upperBound] + MetricCatalogue.markdownTable + readme[end.lowerBound...])
                .write(to: readmeURL, atomically: true, encoding: .utf8)
            XCTFail("README.md's metric table re-recorded; check the change")
            return
        }
        XCTAssertEqual(table, MetricCatalogue.markdownTable,
                       "README.md's metric table differs from the catalogue (RECORD_SNAPSHOTS=1 rewrites it)")
        XCTAssertTrue(table.contains("| `declined` | count | referrals | no |"), table)
    }
}
