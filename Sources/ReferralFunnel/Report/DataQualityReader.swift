import Foundation

/// Reads the data-quality section of the report model: the ingest ledger, quarantine
/// (reasons and line numbers, never raw text), unregistered sources, invalid NPIs,
/// appointment link rates and feed freshness. The funnel's numbers come from the
/// `data_quality_*` marts; the ledger and quarantine are read as ingest recorded them.
struct DataQualityReader {
    let config: PipelineConfig
    let database: Database
    let rules: TimeZoneRules
    /// Line numbers listed per quarantine group; the count covers the rest.
    static let linesPerGroup = 20

    func read(timeline: Timeline) throws -> DataQuality {
        DataQuality(
            files: try readFiles(),
            quarantine: try readQuarantine(),
            unregisteredSources: try readUnregistered(),
            invalidNPIs: try readInvalidNPIs(),
            appointmentLinks: try readLinks(),
            feeds: try readFreshness(asOf: timeline.asOf)
        )
    }

    func displayPath(_ path: String) -> String {
        let base = config.configFile.deletingLastPathComponent().deletingLastPathComponent().path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// Loaded files, and held-back files from the latest run that saw them.
    private func readFiles() throws -> [DataQuality.IngestedFile] {
        try database.rows("""
            select feed, path, rows_read, rows_loaded, rows_quarantined, warnings, held_back_reason, latest_at
            from ingested_files as files
            where held_back_reason is null
                or file_id = (select max(file_id) from ingested_files as later where later.sha256 = files.sha256)
            order by feed, path, file_id
            """).map { row in
            DataQuality.IngestedFile(feed: row[0].string ?? "", path: displayPath(row[1].string ?? ""),
                                     rowsRead: row[2].int ?? 0, rowsLoaded: row[3].int ?? 0,
                                     rowsQuarantined: row[4].int ?? 0, warnings: row[5].int ?? 0,
                                     heldBackReason: row[6].string,
                                     dataMonth: row[7].int64.map { String(rules.localDateText(of: Instant(microsecondsSinceEpoch: $0)).prefix(7)) })
        }
    }

    private func readQuarantine() throws -> [DataQuality.QuarantineGroup] {
        let groups = try database.rows("""
            select files.path, quarantine.column_name, quarantine.reason, quarantine.is_warning, count(*),
                group_concat(quarantine.line, ' ')
            from quarantine
            inner join ingested_files as files on files.file_id = quarantine.file_id
            where files.held_back_reason is null
                or files.file_id = (select max(file_id) from ingested_files as later where later.sha256 = files.sha256)
            group by files.file_id, quarantine.column_name, quarantine.reason, quarantine.is_warning
            order by files.path, quarantine.is_warning, min(quarantine.line)
            """)
        return groups.map { row in
            let lines = (row[5].string ?? "").split(separator: " ").compactMap { Int($0) }.sorted()
            return DataQuality.QuarantineGroup(path: displayPath(row[0].string ?? ""), column: row[1].string,
                                               reason: row[2].string ?? "", isWarning: row[3].int == 1,
                                               count: row[4].int ?? 0, lines: Array(lines.prefix(Self.linesPerGroup)))
        }
    }

    private func readUnregistered() throws -> [DataQuality.UnregisteredSource] {
        let rows = try database.rows("""
            select source_key, source_name, normalized_name, referrals, sessions, spelling
            from data_quality_unregistered_sources
            order by referrals desc, sessions desc, source_name, source_key, uses desc, spelling
            """)
        var sources: [DataQuality.UnregisteredSource] = []
        var lastKey: String?
        for row in rows {
            let key = row[0].string ?? ""
            if key != lastKey {
                sources.append(DataQuality.UnregisteredSource(name: row[1].string ?? "", normalizedName: row[2].string ?? "",
                                                              spellings: [], referrals: row[3].int ?? 0,
                                                              sessions: row[4].int ?? 0))
                lastKey = key
            }
            sources[sources.count - 1].spellings.append(row[5].string ?? "")
        }
        return sources
    }

    private func readInvalidNPIs() throws -> [DataQuality.InvalidNPI] {
        try database.rows("""
            select referring_npi, source_name, referrals from data_quality_referring_npis
            order by referring_npi, source_name
            """).compactMap { row in
            guard let npi = row[0].string, !NPI.isValid(npi) else { return nil }
            return DataQuality.InvalidNPI(npi: npi, source: row[1].string ?? "", referrals: row[2].int ?? 0)
        }
    }

    private func readLinks() throws -> DataQuality.AppointmentLinkStats {
        var counts: [String: Int] = [:]
        for row in try database.rows("select coalesce(link_method, ''), appointments from data_quality_appointment_links") {
            counts[row[0].string ?? "", default: 0] += row[1].int ?? 0
        }
        return DataQuality.AppointmentLinkStats(appointments: counts.values.reduce(0, +),
                                                linkedByReferralID: counts["referral_id", default: 0],
                                                linkedByPatient: counts["patient_within_window", default: 0],
                                                unlinked: counts["", default: 0])
    }

    /// Freshness per feed, judged on the data rather than the wall clock so identical inputs
    /// give identical reports: the newest instant a feed's loaded rows carry, against as_of.
    /// Also what `status` shows, so a feed is stale by one definition. A feed the config
    /// leaves out (the practice has no such export) is never stale, so it is not listed.
    func readFreshness(asOf: Instant) throws -> [DataQuality.FeedFreshness] {
        return try FeedKind.allCases.filter { config.feeds[$0] != nil }.map { feed in
            let files = try database.scalar(
                "select count(*) from ingested_files where feed = ? and held_back_reason is null",
                [.text(feed.rawValue)])?.int ?? 0
            // Each file's newest instant is recorded when it loads (migration 5).
            guard let latest = try database.scalar(
                "select max(latest_at) from ingested_files where feed = ? and held_back_reason is null",
                [.text(feed.rawValue)])?.int64 else {
                return DataQuality.FeedFreshness(feed: feed.rawValue, files: files, lastFileDate: nil,
                                                 daysSinceLastFile: nil, isStale: true)
            }
            let days = Double(asOf.microsecondsSinceEpoch - latest) / Double(Instant.microsecondsPerDay)
            return DataQuality.FeedFreshness(feed: feed.rawValue, files: files,
                                             lastFileDate: rules.localDateText(of: Instant(microsecondsSinceEpoch: latest)),
                                             daysSinceLastFile: days, isStale: days > config.staleFeedDays)
        }
    }
}
