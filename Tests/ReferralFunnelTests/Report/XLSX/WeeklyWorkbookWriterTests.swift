import Foundation
@testable import ReferralFunnel
import XCTest

final class WeeklyWorkbookWriterTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("weekly-workbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        // KEEP_XLSX_OUTPUT=1 keeps the workbooks to open by hand.
        guard ProcessInfo.processInfo.environment["KEEP_XLSX_OUTPUT"] == nil else {
            print("Workbooks kept in \(folder.path)")
            return
        }
        try? FileManager.default.removeItem(at: folder)
    }

    private func writeFixture(named name: String = "weekly-2026-W47.xlsx") throws -> String {
        let path = folder.appendingPathComponent(name).path
        try WeeklyWorkbookWriter.write(WeeklyWorkbookFixture.model(), to: path)
        return path
    }

    func testSheetsComeInTheIssuesOrder() throws {
        let dump = try WorkbookReader.cells(try writeFixture())
        XCTAssertEqual(dump["sheet_names"] as? [String],
                       ["Summary", "Sources", "Funnel", "Trends", "Pages", "Campaigns", "Completeness", "Stalled",
                        "Data quality", "Definitions"])
    }

    func testHeaderRowsAreLabelledAndFrozen() throws {
        let dump = try WorkbookReader.cells(try writeFixture())
        let summary = try DumpedSheet(dump, sheet: "Summary")
        XCTAssertEqual(summary.rowTexts(6), ["Metric", "Report week", "Previous week", "Change", "4-week average",
                                             "Change vs 4-week average", "vs 4 weeks before"])
        XCTAssertEqual(summary.freeze, "A7")

        let sources = try DumpedSheet(dump, sheet: "Sources")
        let sourcesHeader = sources.rowTexts(2)
        XCTAssertEqual(sourcesHeader.count, 2 + 2 * 27, "source, type and 27 metrics for each of two periods")
        XCTAssertEqual(Array(sourcesHeader.prefix(8)), ["Source", "Type", "Sessions (week)", "Form starts (week)",
                                                       "Form submits (week)", "Submit rate (week)",
                                                       "Referrals (week)", "Complete (week)"])
        XCTAssertEqual(sourcesHeader.last, "Stalled (4 wk)")
        XCTAssertEqual(sources.freeze, "B3")

        let funnel = try DumpedSheet(dump, sheet: "Funnel")
        XCTAssertEqual(Array(funnel.rowTexts(2).prefix(5)), ["Source", "Type", "Sessions", "Form starts", "Form submits"])
        XCTAssertEqual(funnel.text(3, 1), "(all)", "the all-sources row comes first")

        let trends = try DumpedSheet(dump, sheet: "Trends")
        XCTAssertEqual(trends.rowTexts(2), ["Source", "Week", "Week starting", "Sessions", "Referrals", "Completeness",
                                            "SLA rate", "Scheduling conversion", "Median days to first appointment",
                                            "Stalled"])
        let completeness = try DumpedSheet(dump, sheet: "Completeness")
        XCTAssertEqual(completeness.rowTexts(2), ["Source", "Referrals (week)", "insurance card (week)",
                                                  "clinical notes (week)", "Referrals (4 wk)",
                                                  "insurance card (4 wk)", "clinical notes (4 wk)"])
        let stalled = try DumpedSheet(dump, sheet: "Stalled")
        XCTAssertEqual(stalled.rowTexts(2), ["Referral ID", "Source", "Service line", "Received", "Days waiting"])
        let quality = try DumpedSheet(dump, sheet: "Data quality")
        XCTAssertEqual(quality.rowTexts(2), ["Feed", "Month of the data", "Files", "Rows read", "Rows loaded",
                                             "Rows quarantined", "Warnings", "Files held back"])
        let definitions = try DumpedSheet(dump, sheet: "Definitions")
        XCTAssertEqual(definitions.rowTexts(2), ["Metric", "Definition"])
        for name in ["Funnel", "Trends", "Completeness"] {
            XCTAssertEqual(try DumpedSheet(dump, sheet: name).freeze, "B3", name)
        }
        for name in ["Stalled", "Data quality", "Definitions"] {
            XCTAssertEqual(try DumpedSheet(dump, sheet: name).freeze, "A3", name)
        }
    }

    /// Every number on the Sources sheet is the model's value for that source and period, or
    /// the rate the spec derives from two of them; an undefined rate is an empty cell.
    func testEveryNumberOnTheSourcesSheetMatchesTheModel() throws {
        let model = WeeklyWorkbookFixture.model()
        let dump = try WorkbookReader.cells(try writeFixture())
        let sheet = try DumpedSheet(dump, sheet: "Sources")
        let header = sheet.rowTexts(2)
        let periods = ["(week)": Period.week("2026-W47"), "(4 wk)": Period(weekCount: 4, endWeek: "2026-W47")]

        var sourcesSeen: [String] = []
        var row = 3
        while let source = sheet.text(row, 1) {
            sourcesSeen.append(source)
            for (index, label) in header.enumerated().dropFirst(2) {
                let column = index + 1
                let suffix = try XCTUnwrap(periods.keys.first { label.hasSuffix(" " + $0) }, label)
                let name = String(label.dropLast(suffix.count + 1))
                let period = try XCTUnwrap(periods[suffix])
                let modelRow = model.metrics.first { $0.period == period && $0.source == source }
                    ?? FunnelMetricsRow(period: period, source: source)
                let expected = try XCTUnwrap(Self.expectedValues[name], "no expectation for \(name)")(modelRow)
                let cell = sheet.cells[[row, column]]
                if let expected {
                    XCTAssertEqual(cell?.type, "n", "\(source) / \(label)")
                    XCTAssertEqual(sheet.number(row, column) ?? .nan, expected, accuracy: 1e-12, "\(source) / \(label)")
                } else {
                    XCTAssertNil(cell?.value as? NSNumber, "\(source) / \(label) should be empty")
                }
            }
            row += 1
        }
        // Largest 4-week referral count first: Lakeside 26, (direct) 12, img 4, HYPERLINK 3.
        XCTAssertEqual(sourcesSeen, [WeeklyWorkbookFixture.practiceSource, WeeklyWorkbookFixture.directSource,
                                     WeeklyWorkbookFixture.imageSource, WeeklyWorkbookFixture.hyperlinkSource])

        // Spot checks worked out by hand, so the expectation table above cannot hide a
        // shared mistake: Lakeside's week completeness is 6 / 8 = 0.75 (column I), its
        // 4-week no-show rate 2 / (2 + 12) = 1/7; HYPERLINK's week submit rate is 0 / 0 = empty.
        XCTAssertEqual(sheet.number(3, 9) ?? .nan, 0.75, accuracy: 1e-12)
        XCTAssertEqual(sheet.cells[[3, 9]]?.format, "0.0%")
        let noShowFourWeeks = try XCTUnwrap(header.firstIndex(of: "No-show rate (4 wk)")) + 1
        XCTAssertEqual(sheet.number(3, noShowFourWeeks) ?? .nan, 1.0 / 7.0, accuracy: 1e-12)
        XCTAssertNil(sheet.number(6, 6))
        let medianDays = try XCTUnwrap(header.firstIndex(of: "Median days to first appointment (week)")) + 1
        XCTAssertEqual(sheet.cells[[3, medianDays]]?.format, "0.0")
    }

    /// The test's own reading of SPEC section 4, independent of the writer's column list.
    private static let expectedValues: [String: @Sendable (FunnelMetricsRow) -> Double?] = {
        @Sendable func ratio(_ numerator: Int, _ denominator: Int) -> Double? {
            denominator == 0 ? nil : Double(numerator) / Double(denominator)
        }
        return [
            "Sessions": { Double($0.sessions) },
            "Form starts": { Double($0.formStarts) },
            "Form submits": { Double($0.formSubmits) },
            "Submit rate": { ratio($0.formSubmits, $0.sessions) },
            "Referrals": { Double($0.referrals) },
            "Complete": { Double($0.complete) },
            "Completeness": { ratio($0.complete, $0.referrals) },
            "Returned": { Double($0.returned) },
            "Accepted": { Double($0.accepted) },
            "Acceptance": { ratio($0.accepted, $0.referrals) },
            "Declined": { Double($0.declined) },
            "Confirmed": { Double($0.confirmed) },
            "Confirmed within SLA": { Double($0.confirmedWithinSLA) },
            "SLA rate": { ratio($0.confirmedWithinSLA, $0.referrals) },
            "Median hours to confirm": { $0.medianHoursToConfirm },
            "Scheduled": { Double($0.scheduled) },
            "Scheduling conversion": { ratio($0.scheduled, $0.referrals) },
            "Median days to first appointment": { $0.medianDaysToFirstAppointment },
            "P90 days to first appointment": { $0.p90DaysToFirstAppointment },
            "Completed": { Double($0.completed) },
            "Completion": { ratio($0.completed, $0.scheduled) },
            "No-show appointments": { Double($0.noShowAppointments) },
            "Attended appointments": { Double($0.attendedAppointments) },
            "No-show rate": { ratio($0.noShowAppointments, $0.noShowAppointments + $0.attendedAppointments) },
            "Closed loop": { Double($0.closedLoop) },
            "Closed-loop rate": { ratio($0.closedLoop, $0.completed) },
            "Stalled": { Double($0.stalled) },
        ]
    }()

    func testSourcesIsAFilterableTableWithDataBarsAndAColourScale() throws {
        let dump = try WorkbookReader.cells(try writeFixture())
        let sheet = try DumpedSheet(dump, sheet: "Sources")
        XCTAssertEqual(sheet.tables.count, 1)
        let table = try XCTUnwrap(sheet.tables.first)
        XCTAssertEqual(table["name"] as? String, "SourceMetrics")
        // Header row 2 plus four sources, 56 columns: A2:BD6.
        XCTAssertEqual(table["ref"] as? String, "A2:BD6")
        XCTAssertEqual(table["autofilter"] as? Bool, true)
        let rules = sheet.conditionalFormats.flatMap { $0["types"] as? [String] ?? [] }
        XCTAssertEqual(rules.filter { $0 == "dataBar" }.count, 2, "referrals, week and 4 weeks")
        XCTAssertEqual(rules.filter { $0 == "colorScale" }.count, 2, "completeness, week and 4 weeks")
        let ranges = sheet.conditionalFormats.compactMap { $0["range"] as? String }
        // Referrals (week) is column G, Completeness (week) column I.
        XCTAssertTrue(ranges.contains("G3:G6"), "\(ranges)")
        XCTAssertTrue(ranges.contains("I3:I6"), "\(ranges)")
    }

    func testFunnelAndTrendsCarryNativeCharts() throws {
        let dump = try WorkbookReader.cells(try writeFixture())
        // Summary 3, Funnel 1, Trends 3, Pages 1.
        XCTAssertEqual((dump["chart_parts"] as? [String])?.count, 8)
        XCTAssertEqual((dump["drawing_parts"] as? [String])?.count, 4)

        let funnel = try DumpedSheet(dump, sheet: "Funnel")
        XCTAssertEqual(funnel.charts.count, 1)
        XCTAssertEqual(funnel.charts.first?["plots"] as? [String], ["barChart"])
        // Stage labels from the header (C2:L2), counts from the (all) row (C3:L3).
        XCTAssertEqual(funnel.charts.first?["formulas"] as? [String], ["Funnel!$C$2:$L$2", "Funnel!$C$3:$L$3"])

        let trends = try DumpedSheet(dump, sheet: "Trends")
        XCTAssertEqual(trends.charts.count, 3)
        for chart in trends.charts {
            XCTAssertEqual(chart["plots"] as? [String], ["lineChart"])
            // The four sources, each named by its source cell (six or fewer: no "all others";
            // the all-sources line is the Summary's).
            XCTAssertEqual(chart["series"] as? Int, 4)
        }
        // Four weeks (W44 to W47) per source block; (all) fills rows 3-6, so the series of the
        // second block is named by A7 and reads its referrals from E7:E10.
        let referralFormulas = try XCTUnwrap(trends.charts.first?["formulas"] as? [String])
        XCTAssertTrue(referralFormulas.contains("Trends!$A$7"), "\(referralFormulas)")
        XCTAssertTrue(referralFormulas.contains("Trends!$E$7:$E$10"), "\(referralFormulas)")
        XCTAssertTrue(referralFormulas.contains("Trends!$B$3:$B$6"), "\(referralFormulas)")

        for name in ["Sources", "Completeness", "Stalled", "Data quality", "Definitions"] {
            XCTAssertEqual(try DumpedSheet(dump, sheet: name).charts.count, 0, name)
        }
    }

    /// The Summary answers "how did last week go" at a glance: the week's funnel from its
    /// own stage table, and the 13-week referrals and completeness from the Trends sheet's
    /// (all) rows (the fixture's four weeks, B3:B6; referrals in E, completeness in F).
    func testSummaryCarriesTheWeeksFunnelAndTheTrendCharts() throws {
        let dump = try WorkbookReader.cells(try writeFixture())
        let summary = try DumpedSheet(dump, sheet: "Summary")
        XCTAssertEqual(summary.charts.map { $0["plots"] as? [String] ?? [] }, [["barChart"], ["barChart"], ["lineChart"]])
        let stageLabels = WeeklyWorkbookWriter.summaryFunnelStages
        let funnelFormulas = try XCTUnwrap(summary.charts.first?["formulas"] as? [String])
        XCTAssertEqual(funnelFormulas.count, 2, "\(funnelFormulas)")
        // The stage table's labels are the catalogue's, in funnel order.
        let labelRange = try XCTUnwrap(funnelFormulas.first)
        let firstRow = Int(labelRange.split(separator: "$")[2].prefix { $0.isNumber }) ?? 0
        XCTAssertEqual((0..<stageLabels.count).map { summary.text(firstRow + $0, 1) }, stageLabels)
        XCTAssertEqual(summary.charts[1]["formulas"] as? [String], ["Trends!$B$3:$B$6", "Trends!$E$3:$E$6"])
        XCTAssertEqual(summary.charts[2]["formulas"] as? [String], ["Trends!$B$3:$B$6", "Trends!$F$3:$F$6"])
    }

    /// Leadership prints the workbook: every sheet fits one page wide (A4 or US Letter,
    /// whichever the printer has), repeats its title and header rows, and numbers its pages;
    /// the wide sheets print landscape. Read back by openpyxl from the sheet XML.
    func testEverySheetPrintsOnePageWideWithItsHeaderRowsAndPageNumbers() throws {
        let dump = try WorkbookReader.cells(try writeFixture())
        let sheets = try XCTUnwrap(dump["sheets"] as? [String: Any])
        let landscape: Set<String> = ["Sources", "Funnel", "Trends", "Pages", "Campaigns", "Completeness", "Data quality"]
        for name in WeeklyWorkbookWriter.sheetNames {
            let sheet = try XCTUnwrap(sheets[name] as? [String: Any], name)
            let print = try XCTUnwrap(sheet["print"] as? [String: Any], name)
            XCTAssertEqual(print["orientation"] as? String, landscape.contains(name) ? "landscape" : "portrait", name)
            XCTAssertEqual(print["fit_to_page"] as? Bool, true, name)
            // One page wide (1 is Excel's default, which the XML leaves out), any number tall.
            XCTAssertTrue([nil, 1].contains(print["fit_to_width"] as? Int), name)
            XCTAssertEqual(print["fit_to_height"] as? Int, 0, name)
            XCTAssertEqual(print["gridlines"] as? Bool, false, name)
            XCTAssertEqual(print["footer_center"] as? String, "Page &P of &N", name)
            XCTAssertEqual(print["header_right"] as? String, "Week 2026-W47", name)
            XCTAssertTrue((print["header_left"] as? String)?.hasPrefix("Referral funnel") == true, name)
            // The rows printed on every page are the rows frozen on screen: title to header.
            let freeze = try XCTUnwrap(sheet["freeze"] as? String, name)
            let frozenRows = Int(freeze.drop { $0.isLetter }) ?? 0
            XCTAssertEqual(print["title_rows"] as? String, "$1:$\(frozenRows - 1)", name)
        }
    }

    /// A pipeline name with `&` (Excel's header code character) prints as written.
    func testAnAmpersandInThePipelineNameIsEscapedInThePageHeader() {
        XCTAssertEqual(XLSXPrintLayout.headerText(left: "Smith & Jones", right: "Week 2026-W47"),
                       "&LSmith && Jones&RWeek 2026-W47")
    }

    func testNoCellHoldsAFormulaAndHostileNamesStayText() throws {
        let dump = try WorkbookReader.cells(try writeFixture())
        let sheets = try XCTUnwrap(dump["sheets"] as? [String: Any])
        var hyperlinkCells = 0
        var imageCells = 0
        for name in sheets.keys {
            let sheet = try DumpedSheet(dump, sheet: name)
            for (position, cell) in sheet.cells {
                XCTAssertNotEqual(cell.type, "f", "\(name) \(position) holds a formula")
                if cell.value as? String == WeeklyWorkbookFixture.hyperlinkSource {
                    XCTAssertEqual(cell.type, "s")
                    hyperlinkCells += 1
                }
                if cell.value as? String == WeeklyWorkbookFixture.imageSource {
                    XCTAssertEqual(cell.type, "s")
                    imageCells += 1
                }
            }
        }
        // HYPERLINK: Sources, Funnel, Completeness, Stalled, Data quality (name and spelling),
        // and 4 Trends rows. The image source, absent from the report week but not from the
        // 4 weeks: Sources, Completeness and 4 Trends rows.
        XCTAssertEqual(hyperlinkCells, 1 + 1 + 1 + 1 + 2 + 4)
        XCTAssertEqual(imageCells, 1 + 1 + 4)
        let stalled = try DumpedSheet(dump, sheet: "Stalled")
        XCTAssertEqual(stalled.text(4, 1), "=1+1")
        XCTAssertEqual(stalled.cells[[4, 1]]?.type, "s")
        // The held-back file is named in its section, as text.
        let quality = try DumpedSheet(dump, sheet: "Data quality")
        let heldBackRow = try XCTUnwrap((1...40).first { quality.text($0, 2) == "data/=cmd|' /C calc'!A0.csv" })
        XCTAssertEqual(quality.cells[[heldBackRow, 2]]?.type, "s")
    }

    /// Files by feed and month (newest first, nothing loaded last), the held-back file by
    /// name, and quarantine added up by feed and reason: rows that stay few over a year.
    func testDataQualitySumsFilesByFeedAndMonthAndQuarantineByReason() throws {
        let dump = try WorkbookReader.cells(try writeFixture())
        let quality = try DumpedSheet(dump, sheet: "Data quality")
        XCTAssertEqual(Array(quality.rowTexts(3).prefix(2)), ["intake", "2026-11"])
        XCTAssertEqual([quality.number(3, 3), quality.number(3, 5), quality.number(3, 6)], [1, 118, 2])
        XCTAssertEqual(Array(quality.rowTexts(4).prefix(2)), ["scheduling", "no data loaded"])
        XCTAssertEqual(quality.number(4, 8), 1, "one file held back")
        let reasonRow = try XCTUnwrap((1...40).first { quality.text($0, 3) == "bad timestamp" })
        XCTAssertEqual(Array(quality.rowTexts(reasonRow).prefix(4)), ["intake", "received_at", "bad timestamp", "row quarantined"])
        XCTAssertEqual([quality.number(reasonRow, 5), quality.number(reasonRow, 6)], [2, 1])
    }

    func testDatesAndDurationsAreRealNumbers() throws {
        let dump = try WorkbookReader.cells(try writeFixture())
        let stalled = try DumpedSheet(dump, sheet: "Stalled")
        XCTAssertEqual(stalled.cells[[3, 4]]?.type, "d")
        XCTAssertEqual(stalled.text(3, 4), "2026-10-28T00:00:00")
        XCTAssertEqual(stalled.cells[[3, 4]]?.format, "yyyy-mm-dd")
        XCTAssertEqual(stalled.number(3, 5) ?? .nan, 27.95, accuracy: 1e-12)
        XCTAssertEqual(stalled.cells[[3, 5]]?.format, "0.0")
        XCTAssertNil(stalled.cells[[4, 3]], "no service line, no cell")

        // ISO week 2026-W47 starts on Monday 16 November 2026.
        let summary = try DumpedSheet(dump, sheet: "Summary")
        XCTAssertEqual(summary.text(3, 2), "2026-11-16T00:00:00")
        let trends = try DumpedSheet(dump, sheet: "Trends")
        XCTAssertEqual(trends.text(3, 3), "2026-10-26T00:00:00", "2026-W44 starts on 26 October")
        XCTAssertEqual(trends.text(6, 2), "2026-W47")

        let properties = try XCTUnwrap(dump["properties"] as? [String: Any])
        XCTAssertEqual(properties["created"] as? String, "2026-11-25T14:03:00", "as_of, not the time of the run")
        XCTAssertEqual(properties["title"] as? String, "Referral funnel, week 2026-W47")
    }

    /// Summary: report week 14 referrals, previous week 10, 4-week total 45 (11.25 a week).
    func testSummaryComparesWithThePreviousWeekAndTheFourWeekAverage() throws {
        let dump = try WorkbookReader.cells(try writeFixture())
        let summary = try DumpedSheet(dump, sheet: "Summary")
        let referralsRow = try XCTUnwrap((7...30).first { summary.text($0, 1) == "Referrals" })
        XCTAssertEqual(summary.number(referralsRow, 2), 14)
        XCTAssertEqual(summary.number(referralsRow, 3), 10)
        XCTAssertEqual(summary.number(referralsRow, 4), 4)
        XCTAssertEqual(summary.number(referralsRow, 5) ?? .nan, 11.25, accuracy: 1e-12)
        XCTAssertEqual(summary.number(referralsRow, 6) ?? .nan, 2.75, accuracy: 1e-12)
        // Completeness 9/14 now, 8/10 before: a change of 9/14 - 0.8 points.
        let completenessRow = try XCTUnwrap((7...30).first { summary.text($0, 1) == "Completeness" })
        XCTAssertEqual(summary.number(completenessRow, 4) ?? .nan, 9.0 / 14.0 - 0.8, accuracy: 1e-12)
        XCTAssertEqual(summary.cells[[completenessRow, 4]]?.format, "+0.0%;-0.0%;0.0%")
        // The arrow: against the weeks before the report week the fixture has (W44 to W46;
        // only W46 holds rows). Referrals 14 against 10 / 3 a week: up. Completeness 9/14
        // against 8/10 summed: down. A median gets none.
        XCTAssertEqual(summary.text(referralsRow, 7), "▲")
        XCTAssertEqual(summary.text(completenessRow, 7), "▼")
        let medianRow = try XCTUnwrap((7...30).first { summary.text($0, 1) == "Median hours to confirm" })
        XCTAssertNil(summary.cells[[medianRow, 7]], "no arrow for a median")
        XCTAssertEqual(WeeklyWorkbookWriter.trendArrow(0.25, 1.0 / 4.0), "–")
        XCTAssertEqual(WeeklyWorkbookWriter.trendArrow(3, 2.9), "▲")
        XCTAssertNil(WeeklyWorkbookWriter.trendArrow(3, nil))
        // Largest source move: Lakeside 6 -> 8 (+2), image source 4 -> 0 (-4).
        let lines = summary.cells.values.compactMap { $0.value as? String }
        XCTAssertTrue(lines.contains("Largest change by source: \(WeeklyWorkbookFixture.imageSource) sent 0 referrals "
            + "against 4 (-4)."), "\(lines)")
    }

    func testDefinitionsCoverEveryMetricOfTheSpec() throws {
        let dump = try WorkbookReader.cells(try writeFixture())
        let sheet = try DumpedSheet(dump, sheet: "Definitions")
        var definitions: [String: String] = [:]
        var row = 3
        while let metric = sheet.text(row, 1) {
            definitions[metric] = sheet.text(row, 2)
            row += 1
        }
        for metric in ["Sessions", "Form starts", "Form submits", "Referrals", "Complete", "Returned", "Accepted",
                       "Confirmed", "Confirmed within SLA", "Median hours to confirm", "Scheduled",
                       "Median days to first appointment", "P90 days to first appointment", "Completed",
                       "No-show appointments", "Attended appointments", "Closed loop", "Stalled", "Completeness",
                       "SLA rate", "Scheduling conversion", "Acceptance", "Completion", "No-show rate",
                       "Closed-loop rate", "Submit rate"] {
            XCTAssertNotNil(definitions[metric], metric)
        }
        XCTAssertEqual(definitions["Confirmed within SLA"],
                       "Referrals confirmed no more than 24 hours after they were received.")
        XCTAssertEqual(definitions["No-show rate"], "No-show appointments divided by no-show plus attended appointments.")
    }

    /// Two runs on the same model, to different paths: every part of the zip is identical.
    func testTwoRunsGiveIdenticalParts() throws {
        let first = try WorkbookReader.parts(try writeFixture(named: "first.xlsx"))
        let second = try WorkbookReader.parts(try writeFixture(named: "second.xlsx"))
        XCTAssertGreaterThan(first.count, 20)
        XCTAssertTrue(first.keys.contains("docProps/core.xml"))
        XCTAssertEqual(first, second)
    }

    /// No weeks, no sources, nothing stalled; and a source whose free-text name is longer
    /// than a cell holds and carries a control character. The workbook still opens.
    func testAnEmptyOrAwkwardModelStillGivesAWorkbook() throws {
        var model = WeeklyWorkbookFixture.model()
        let longName = String(repeating: "Lakeside ", count: 4_000)
        model.dataQuality.files[1].path = "data/\u{01}intake.csv"
        model.weeks = []
        model.metrics = [FunnelMetricsRow(period: Period(weekCount: 4, endWeek: "2026-W47"), source: longName,
                                          referrals: 1)]
        model.missingItems = []
        model.stalled = []
        let path = folder.appendingPathComponent("empty.xlsx").path
        try WeeklyWorkbookWriter.write(model, to: path)

        let dump = try WorkbookReader.cells(path)
        let sources = try DumpedSheet(dump, sheet: "Sources")
        let written = try XCTUnwrap(sources.text(3, 1))
        // One byte per character, so the cut fills Excel's 32,767 bytes exactly: 32,764 bytes
        // of the name and the 3-byte ellipsis.
        XCTAssertEqual(written.utf8.count, 32_767)
        XCTAssertTrue(written.hasPrefix("Lakeside Lakeside"))
        XCTAssertTrue(written.hasSuffix("…"))
        XCTAssertEqual(try DumpedSheet(dump, sheet: "Trends").charts.count, 0, "no weeks, nothing to chart")
        XCTAssertEqual(try DumpedSheet(dump, sheet: "Funnel").charts.count, 1)
        XCTAssertEqual(try DumpedSheet(dump, sheet: "Stalled").text(3, 1), "No stalled referrals.")
        let quality = try DumpedSheet(dump, sheet: "Data quality")
        let filePath = try XCTUnwrap((1...40).compactMap { quality.text($0, 2) }.first { $0.hasSuffix("intake.csv") })
        XCTAssertTrue(filePath.hasPrefix("data/"), filePath)
    }

    func testNoTemporaryFileIsLeftBehind() throws {
        _ = try writeFixture()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertEqual(names, ["weekly-2026-W47.xlsx"])
    }
}
