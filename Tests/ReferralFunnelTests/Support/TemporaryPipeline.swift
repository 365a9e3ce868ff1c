import Foundation

/// A pipeline in a fresh temporary folder, with inputs written by the test itself.
struct TemporaryPipeline {
    let folder: URL
    /// The config, with the feeds whose folder is empty left out (commented) as it is asked
    /// for: a feed the config names must find files, and most tests need one or two feeds.
    /// With every folder empty all three stay, so a run says that the globs match nothing.
    var configPath: String {
        let path = folder.appendingPathComponent("pipeline.yml").path
        leaveOutEmptyFeeds(configPath: path)
        return path
    }
    var warehousePath: String { folder.appendingPathComponent("warehouse/test.sqlite").path }
    var reports: URL { folder.appendingPathComponent("reports") }

    static let intakeHeader = "referral_id,received_at,channel,referring_practice,referring_npi,referring_provider,service_line,patient_id,submission_id,missing_items,status,confirmed_at,updated_at\n"
    static let schedulingHeader = "appointment_id,referral_id,patient_id,booked_at,starts_at,status,department,provider,visit_type,note_sent_at,updated_at\n"

    init(maxRejectRate: Double = 0.05, extraConfig: String = "") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("referral-funnel-pipeline-\(UUID().uuidString)")
        for feed in Self.feedNames {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(feed), withIntermediateDirectories: true)
        }
        try """
            timezone: America/Chicago
            site_domains: [practice.example]
            sources: sources.yml
            required_items: [insurance]
            max_reject_rate: \(maxRejectRate)
            warehouse: warehouse/test.sqlite
            output: reports
            allow_development_key: true
            \(extraConfig)
            feeds:
              web: {files: web/*.jsonl}
              intake: {files: intake/*.csv}
              scheduling: {files: scheduling/*.csv}
            """.write(to: folder.appendingPathComponent("pipeline.yml"), atomically: true, encoding: .utf8)
        try """
            sources:
              - name: Lakeside Family Medicine
                type: practice
                aliases: [lakeside-fm]
            """.write(to: folder.appendingPathComponent("sources.yml"), atomically: true, encoding: .utf8)
    }

    static let feedNames = ["web", "intake", "scheduling"]

    private func leaveOutEmptyFeeds(configPath: String) {
        guard let config = try? String(contentsOfFile: configPath, encoding: .utf8) else { return }
        let feedsWithFiles = Self.feedNames.filter { feed in
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(feed).path)) ?? []
            return !files.isEmpty
        }
        let lines = config.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            for feed in Self.feedNames {
                let named = "  \(feed): ", commented = "  # \(feed): "
                guard line.hasPrefix(named) || line.hasPrefix(commented) else { continue }
                let body = line.dropFirst(line.hasPrefix(named) ? named.count : commented.count)
                let keep = feedsWithFiles.isEmpty || feedsWithFiles.contains(feed)
                return (keep ? named : commented) + body
            }
            return String(line)
        }
        let updated = lines.joined(separator: "\n")
        if updated != config {
            try? updated.write(toFile: configPath, atomically: true, encoding: .utf8)
        }
    }

    func write(_ text: String, to relativePath: String) throws {
        try text.write(to: folder.appendingPathComponent(relativePath), atomically: true, encoding: .utf8)
    }

    func run(_ extraArguments: [String] = [], environment: [String: String] = [:]) throws -> CommandResult {
        try CommandRunner.run(["run", configPath] + extraArguments, in: folder, environment: environment)
    }

    func metrics() throws -> String {
        try String(contentsOf: reports.appendingPathComponent("metrics.csv"), encoding: .utf8)
    }
}
