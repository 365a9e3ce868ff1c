import Foundation

/// The settings a warehouse's loaded rows depend on beyond the code (`IngestVersion`) and the
/// models (their own fingerprints): what ingest applies to every row and keeps the result
/// of. Rows loaded under other settings do not agree with new ones (patient hashes under
/// another key no longer link, local times were read in another zone, a status mapped
/// otherwise stayed as it was loaded), so a run refuses a change and asks for `rebuild`,
/// which loads every row again under the new settings. The transform's thresholds
/// (`sla_hours`, `stall_days`, ...) are not here: each transform applies them afresh.
public struct IngestSettings: Equatable, Sendable {
    /// Setting name (as `ingest_settings.setting` holds it) → the value to compare.
    public private(set) var values: [String: String]

    static let patientKey = "patient_key"
    static let timeZone = "timezone"
    static let maxRejectRate = "max_reject_rate"
    static func feedMapping(_ kind: FeedKind) -> String { "feeds.\(kind.rawValue)" }

    /// The settings of `config`; the patient key's fingerprint when a key is at hand (nil
    /// leaves the key out of the comparison, as for a `validate` without access to it).
    public init(config: PipelineConfig, keyFingerprint: String?) {
        var values = [Self.timeZone: config.timeZone.identifier,
                      Self.maxRejectRate: "\(config.maxRejectRate)"]
        for kind in FeedKind.allCases {
            values[Self.feedMapping(kind)] = Self.mappingText(config.feed(kind))
        }
        values[Self.patientKey] = keyFingerprint
        self.values = values
    }

    /// The parts of a feed's config that decide how a row is read, in a stable order (a
    /// dictionary's own order differs between processes). The file globs are not among
    /// them: they decide which files are read, and the ledger keeps that.
    static func mappingText(_ feed: FeedConfig) -> String {
        func entries<Value>(_ map: [String: Value], _ text: (Value) -> String) -> String {
            map.sorted { $0.key < $1.key }.map { "\(quoted($0.key))=\(quoted(text($0.value)))" }.joined(separator: ",")
        }
        let text = "columns{\(entries(feed.columnNames) { $0 })}"
            + " values{\(entries(feed.statusValues) { $0 })}"
            + " timestamp_formats{\(entries(feed.timestampFormats) { $0.description })}"
        // Added only when there are any, so that a warehouse loaded before split columns
        // existed keeps its recorded text and is not asked for a rebuild.
        guard !feed.dateTimeColumns.isEmpty else { return text }
        return text + " date_time_columns{\(entries(feed.dateTimeColumns) { "\(quoted($0.date)),\(quoted($0.time))" })}"
    }

    /// Quoted so that no value can pass for another's separators.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Compares these settings with those `database`'s rows were loaded under, and throws
    /// the one-line fix when they differ (see `PipelineError.patientKeyChanged` and
    /// `ingestSettingsChanged`). With `record`, settings the warehouse has no record of (a
    /// warehouse from before the record existed, or one that has loaded no file yet) are
    /// recorded, since they cannot be checked; so is a raised `max_reject_rate`, or a
    /// lowered one that no loaded file exceeds (held-back files are read again every run,
    /// so only a loaded file can hold rows a lower limit would have held back).
    func check(_ database: Database, pipeline: String, record: Bool) throws {
        let hasIngestedFiles = try database.scalar("select count(*) from (select 1 from ingested_files limit 1)")?.int == 1
        var recorded: [String: String] = [:]
        for row in try database.rows("select setting, value from ingest_settings") {
            if let setting = row[0].string, let value = row[1].string {
                recorded[setting] = value
            }
        }
        var toRecord: [String: String] = [:]
        var changes: [String] = []
        var keyChanged = false
        for (setting, value) in values.sorted(by: { $0.key < $1.key }) {
            guard hasIngestedFiles, let old = recorded[setting] else {
                toRecord[setting] = value
                continue
            }
            guard old != value else { continue }
            switch setting {
            case Self.patientKey:
                keyChanged = true
            case Self.maxRejectRate:
                if let limit = Double(value), try Self.loadedFileExceeds(limit, in: database) {
                    changes.append("max_reject_rate (from \(old) to \(value), which a file already loaded exceeds)")
                } else {
                    toRecord[setting] = value
                }
            case Self.timeZone:
                changes.append("the timezone (from \(old) to \(value))")
            default:
                changes.append("the \(setting.replacingOccurrences(of: "feeds.", with: "")) feed's mapping (its columns, values or timestamp formats)")
            }
        }
        if keyChanged {
            throw PipelineError.patientKeyChanged(pipeline: pipeline, alsoChanged: changes)
        }
        if !changes.isEmpty {
            throw PipelineError.ingestSettingsChanged(changes, pipeline: pipeline)
        }
        guard record, !toRecord.isEmpty else { return }
        try database.transaction {
            let upsert = try database.prepare(
                "insert into ingest_settings (setting, value) values (?, ?) on conflict (setting) do update set value = excluded.value")
            for (setting, value) in toRecord.sorted(by: { $0.key < $1.key }) {
                try upsert.run([.text(setting), .text(value)])
            }
        }
    }

    /// Whether a file that loaded rejected a larger share of its rows than `limit`, the
    /// test `ExportFileReading.heldBackReason` applies.
    private static func loadedFileExceeds(_ limit: Double, in database: Database) throws -> Bool {
        try database.scalar("""
            select count(*) from (select 1 from ingested_files
                where held_back_reason is null and rows_read > 0
                  and cast(rows_quarantined as real) / rows_read > ? limit 1)
            """, [.real(limit)])?.int == 1
    }

    /// `validate`'s check: compares `config`'s settings with those of its warehouse, when
    /// there is one, opened read-only so that nothing is written before a run. A warehouse
    /// that does not record its settings yet is not compared (its next run records them).
    public static func checkExistingWarehouse(of config: PipelineConfig) throws {
        let path = config.warehouse.path
        guard FileManager.default.fileExists(atPath: path) else { return }
        let database = try Database(path: path, readOnly: true)
        let hasRecord = try database.scalar(
            "select count(*) from sqlite_master where type = 'table' and name = 'ingest_settings'")?.int == 1
        guard hasRecord else { return }
        // validate itself needs no key; without one, the key is left out of the comparison.
        let hasher = try? PatientIdentifierHasher.forPipeline(config)
        try IngestSettings(config: config, keyFingerprint: hasher?.keyFingerprint)
            .check(database, pipeline: displayPath(config.configFile.path), record: false)
    }
}
