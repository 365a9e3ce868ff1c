// TEMPORARY: signatures of the readers being written on the `readers` branch, so the
// rest of ingest compiles meanwhile. Deleted when that branch merges.
import Foundation

public struct TimeZoneRules: Sendable {
    let timeZone: TimeZone
    public init(timeZone: TimeZone) { self.timeZone = timeZone }
    public func offsetSeconds(at instant: Instant) -> Int { timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant.secondsSinceEpoch))) }
    public func isoWeek(of instant: Instant) -> String { "2026-W01" }
    public func localDateText(of instant: Instant) -> String { "" }
    public func localDateTimeText(of instant: Instant) -> String { "" }
    public func instant(localYear: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, microsecond: Int) -> Instant { Instant(microsecondsSinceEpoch: 0) }
    public static func isoWeek(adding weeks: Int, to week: String) -> String? { nil }
    public static func isoWeeks(from: String, through: String) -> [String] { [] }
}

public struct CSVRecord { public var fields: [String]; public var lineNumber: Int; public var rawText: String }
public struct CSVMalformedRow { public var lineNumber: Int; public var rawText: String; public var reason: String }
public enum CSVReadResult { case record(CSVRecord); case malformed(CSVMalformedRow) }
public struct CSVReader {
    public init(path: String) throws {}
    public mutating func next() -> CSVReadResult? { nil }
    public var bytesRead: Int { 0 }
}
public enum JSONValue: Equatable, Sendable { case string(String); case number(String); case bool(Bool); case null; case nested }
public struct JSONObjectLine { public var lineNumber: Int; public var rawText: String; public var fields: [String: JSONValue]; public subscript(key: String) -> JSONValue? { fields[key] } }
public enum JSONLinesReadResult { case object(JSONObjectLine); case malformed(lineNumber: Int, rawText: String, reason: String) }
public struct JSONLinesReader {
    public init(path: String) throws {}
    public mutating func next() -> JSONLinesReadResult? { nil }
    public var bytesRead: Int { 0 }
}
public enum SourceSlug { public static func slugs(for names: [String]) -> [String: String] { [:] } }
public enum NPI { public static func isValid(_ npi: String) -> Bool { true } }
public enum HTMLReportWriter { public static func write(_ model: ReportModel, to folder: URL) throws -> [URL] { [] } }
public enum WeeklyWorkbookWriter { public static func write(_ model: ReportModel, to path: String) throws {} }
