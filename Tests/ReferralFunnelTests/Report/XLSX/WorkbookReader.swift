import Foundation
import XCTest

/// Reads a workbook back with openpyxl (scripts/xlsx-dump.py), a reader that shares no code
/// with the writer. Needs `python3` with `openpyxl` (`make test-deps` installs it).
enum WorkbookReader {
    static var scriptPath: String {
        // Tests/ReferralFunnelTests/Report/XLSX/<file> -> the repository root.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("scripts/xlsx-dump.py").path
    }

    /// The `cells` dump: sheet names, cells, tables, conditional formats, charts, properties.
    static func cells(_ path: String) throws -> [String: Any] {
        try run(mode: "cells", path: path)
    }

    /// Each zip part's name with the SHA-256 of its bytes.
    static func parts(_ path: String) throws -> [String: String] {
        let dump = try run(mode: "parts", path: path)
        return dump.compactMapValues { $0 as? String }
    }

    /// Each worksheet part's XML text (`xl/worksheets/sheetN.xml`).
    static func sheetXML(_ path: String) throws -> [String: String] {
        let dump = try run(mode: "sheets", path: path)
        return dump.compactMapValues { $0 as? String }
    }

    /// `xl/workbook.xml`'s text, and each worksheet's XML under `sheet:<sheet name>`.
    static func namedXML(_ path: String) throws -> [String: String] {
        let dump = try run(mode: "named-xml", path: path)
        return dump.compactMapValues { $0 as? String }
    }

    private static func run(mode: String, path: String) throws -> [String: Any] {
        let result = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", scriptPath, mode, path])
        guard result.exitCode == 0 else {
            throw ReaderFailure(message: "xlsx-dump.py exited \(result.exitCode): \(result.standardError)")
        }
        let data = Data(result.standardOutput.utf8)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ReaderFailure(message: "xlsx-dump.py printed something other than a JSON object")
        }
        return object
    }

    struct ReaderFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// One sheet of the `cells` dump, addressed by 1-based row and column like openpyxl.
struct DumpedSheet {
    struct Cell {
        var type: String
        var value: Any
        var format: String
    }

    let raw: [String: Any]
    let cells: [[Int]: Cell]

    init(_ dump: [String: Any], sheet name: String) throws {
        let sheets = try XCTUnwrap(dump["sheets"] as? [String: Any])
        raw = try XCTUnwrap(sheets[name] as? [String: Any], "no sheet named \(name)")
        var cells: [[Int]: Cell] = [:]
        for entry in raw["cells"] as? [[String: Any]] ?? [] {
            guard let row = entry["row"] as? Int, let column = entry["column"] as? Int else { continue }
            cells[[row, column]] = Cell(type: entry["type"] as? String ?? "", value: entry["value"] ?? NSNull(),
                                        format: entry["format"] as? String ?? "")
        }
        self.cells = cells
    }

    func text(_ row: Int, _ column: Int) -> String? {
        cells[[row, column]]?.value as? String
    }

    func number(_ row: Int, _ column: Int) -> Double? {
        (cells[[row, column]]?.value as? NSNumber)?.doubleValue
    }

    /// The text cells of `row` from column 1 up to the first empty one.
    func rowTexts(_ row: Int) -> [String] {
        var texts: [String] = []
        var column = 1
        while let text = text(row, column) {
            texts.append(text)
            column += 1
        }
        return texts
    }

    var charts: [[String: Any]] { raw["charts"] as? [[String: Any]] ?? [] }
    var tables: [[String: Any]] { raw["tables"] as? [[String: Any]] ?? [] }
    var conditionalFormats: [[String: Any]] { raw["conditional_formats"] as? [[String: Any]] ?? [] }
    var freeze: String? { raw["freeze"] as? String }
}
