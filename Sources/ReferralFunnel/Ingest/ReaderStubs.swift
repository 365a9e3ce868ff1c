// TEMPORARY: signatures of the writers being built on other branches.
import Foundation

public enum SourceSlug { public static func slugs(for names: [String]) -> [String: String] { [:] } }
public enum NPI { public static func isValid(_ npi: String) -> Bool { true } }
public enum HTMLReportWriter { public static func write(_ model: ReportModel, to folder: URL) throws -> [URL] { [] } }
public enum WeeklyWorkbookWriter { public static func write(_ model: ReportModel, to path: String) throws {} }
