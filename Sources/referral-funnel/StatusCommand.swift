import ArgumentParser
import Foundation
import ReferralFunnel

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the last runs, the files they ingested, feed freshness and the warehouse size.",
        discussion: """
            Reads the warehouse through a read-only connection: safe while a run is going, and \
            it never holds the run lock. A run marked `interrupted` was killed before it \
            finished; the next run completes its work. A feed is STALE when its newest data is \
            more than stale_feed_days older than the last run's as_of.

            \(ExitCodes.withoutLock)
            """
    )

    @Argument(help: "The pipeline config, e.g. pipelines/nightly.yml.")
    var pipeline: String

    @Option(help: "How many of the latest runs to list, with the files they ingested.")
    var runs = 5

    @Flag(help: "List every file the runs ingested, not a line per run and feed.")
    var files = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard runs > 0 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        output.bootstrapLogging()
        try reportingErrors(verbose: output.verbose) {
            let config = try PipelineConfig.load(from: pipeline)
            let rules = TimeZoneRules(timeZone: config.timeZone)
            guard let status = try WarehouseStatusReader(config: config).read(runLimit: runs) else {
                print("No warehouse yet at \(displayPath(config.warehouse.path)): nothing has run.")
                return
            }
            print(Self.text(of: status, rules: rules, warehousePath: config.warehouse.path, listingFiles: files),
                  terminator: "")
        }
    }

    static func text(of status: WarehouseStatus, rules: TimeZoneRules, warehousePath: String, listingFiles: Bool) -> String {
        func time(_ instant: Instant?) -> String { instant.map(rules.localDateTimeText(of:)) ?? "-" }
        var text = "Warehouse \(displayPath(warehousePath)): \(megabytes(status.warehouseBytes))"
        text += status.isRunInProgress ? "; a run is in progress.\n" : ".\n"

        text += "\nLast runs (\(rules.timeZone.identifier)):\n"
        for run in status.runs {
            text += "  run \(run.runID): \(run.status), \(run.stages ?? "ingest transform report"); started \(time(run.startedAt)), finished \(time(run.finishedAt))"
            if let asOf = run.asOf { text += ", as of \(time(asOf))" }
            text += "\n"
            if let message = run.message { text += "    \(message)\n" }
        }

        text += "\nFiles ingested by these runs (rows read / loaded / quarantined / warnings):\n"
        if status.files.isEmpty { text += "  none\n" }
        func fileLine(_ file: WarehouseStatus.FileRecord) -> String {
            "  run \(file.runID) \(file.feed) \(displayPath(file.path)): \(file.rowsRead) / \(file.rowsLoaded) / \(file.rowsQuarantined) / \(file.warnings)"
                + (file.heldBackReason.map { "; HELD BACK: \($0)\n" } ?? "\n")
        }
        if listingFiles {
            text += status.files.map(fileLine).joined()
        } else {
            // A first run of a year's exports ingests over a thousand files: a line per run
            // and feed, and each held-back file by name, since it needs someone's attention.
            var order: [String] = []
            var totals: [String: (files: Int, read: Int, loaded: Int, quarantined: Int, warnings: Int)] = [:]
            for file in status.files {
                let key = "run \(file.runID) \(file.feed)"
                if totals[key] == nil { order.append(key) }
                var total = totals[key] ?? (0, 0, 0, 0, 0)
                total = (total.files + 1, total.read + file.rowsRead, total.loaded + file.rowsLoaded,
                         total.quarantined + file.rowsQuarantined, total.warnings + file.warnings)
                totals[key] = total
            }
            for key in order {
                guard let total = totals[key] else { continue }
                text += "  \(key): \(total.files) file(s), \(total.read) / \(total.loaded) / \(total.quarantined) / \(total.warnings)\n"
            }
            text += status.files.filter { $0.heldBackReason != nil }.map(fileLine).joined()
            if !status.files.isEmpty { text += "  (--files lists every file)\n" }
        }

        let asOfText = status.freshnessAsOfIsRecorded ? "the last run's as of \(time(status.freshnessAsOf))" : "now (no transform yet)"
        text += "\nFreshness per feed (against \(asOfText)):\n"
        for feed in status.feeds {
            let freshness = feed.freshness
            text += "  \(freshness.feed): \(freshness.files) file(s); last data \(freshness.lastFileDate ?? "none")"
            if let days = freshness.daysSinceLastFile {
                // Snapshot rows can carry an updated_at later than as_of.
                text += days >= 0 ? String(format: " (%.1f days before)", days) : String(format: " (%.1f days after)", -days)
            }
            text += "; last file ingested \(time(feed.lastIngestedAt))"
            text += freshness.isStale ? "; STALE\n" : "\n"
        }
        return text
    }

    private static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB (%lld bytes)", Double(bytes) / 1_048_576, bytes)
    }
}
