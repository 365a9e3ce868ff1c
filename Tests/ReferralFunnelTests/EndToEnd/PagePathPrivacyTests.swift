import Foundation
import XCTest

/// SPEC 8 and 4.1: of a page, only its path with id-like segments masked is kept; query
/// strings and fragments are read for utm values and dropped. An email address and an 8-digit
/// record number planted in paths, query strings, fragments and referrers must appear in no
/// byte of the warehouse (and its WAL), no report and no line the run prints, while the
/// sessions are still counted (so the test cannot pass by dropping the rows).
final class PagePathPrivacyTests: XCTestCase {
    static let email = "jane.doe@example.com"
    static let recordNumber = "87654321"

    func testPlantedEmailAndRecordNumberAreStoredAndShownNowhere() throws {
        let pipeline = try TemporaryPipeline()
        try pipeline.write("""
            {"ts":"2026-11-02T16:00:00Z","event":"page_view","session_id":"S1","page":"/patients/\(Self.email)/intake?email=\(Self.email)&mrn=\(Self.recordNumber)#mrn=\(Self.recordNumber)"}
            {"ts":"2026-11-02T16:01:00Z","event":"page_view","session_id":"S2","page":"https://practice.example/forms/\(Self.recordNumber)/confirm?utm_source=lakeside-fm&note=jane.doe%40example.com","referrer":"https://portal.example/records/\(Self.recordNumber)?email=\(Self.email)"}
            {"ts":"2026-11-02T16:02:00Z","event":"page_view","session_id":"S3","page":"/book/jane.doe%40example.com"}
            {"ts":"2026-11-02T16:03:00Z","event":"form_submit","session_id":"S3","page":"/refer/\(Self.recordNumber)?mrn=\(Self.recordNumber)","submission_id":"SUB1"}

            """, to: "web/web-2026-11-02.jsonl")
        let run = try pipeline.run(["--verbose"])
        XCTAssertEqual(run.exitCode, 0, run.standardError)

        // Counted, under masked paths.
        let pages = try String(contentsOf: pipeline.reports.appendingPathComponent("pages.csv"), encoding: .utf8)
        XCTAssertEqual(pages, """
            week,landing_page,sessions,form_starts,form_submits,referrals,scheduled,completed
            2026-W45,/book/{id},1,0,1,0,0,0
            2026-W45,/forms/{id}/confirm,1,0,0,0,0,0
            2026-W45,/patients/{id}/intake,1,0,0,0,0,0

            """)

        var places: [URL] = []
        let folders = [pipeline.reports, URL(fileURLWithPath: pipeline.warehousePath).deletingLastPathComponent()]
        for folder in folders {
            for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
                var isDirectory: ObjCBool = false
                let url = folder.appendingPathComponent(path)
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    places.append(url)
                }
            }
        }
        XCTAssertTrue(places.contains { $0.lastPathComponent == "test.sqlite" }, "\(places)")
        XCTAssertTrue(places.contains { $0.pathExtension == "xlsx" }, "\(places)")
        let planted = [Self.email, "jane.doe%40", "jane.doe", Self.recordNumber]
        for place in places {
            var bytes = try Data(contentsOf: place)
            if place.pathExtension == "xlsx" {
                // A workbook is a ZIP: its XML is compressed, so read every member out.
                let listing = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), [
                    "python3", "-c",
                    "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); [sys.stdout.write(z.read(n).decode('utf-8', 'replace')) for n in z.namelist()]",
                    place.path,
                ], in: pipeline.folder)
                bytes = Data(listing.standardOutput.utf8)
                XCTAssertTrue(listing.standardOutput.contains("worksheet"), "unzip read nothing from \(place.lastPathComponent)")
            }
            for text in planted {
                XCTAssertNil(bytes.range(of: Data(text.utf8)), "\(text) found in \(place.lastPathComponent)")
            }
        }
        for text in planted {
            XCTAssertFalse(run.standardOutput.contains(text) || run.standardError.contains(text), "\(text) in the run's output")
        }
    }
}
