import Foundation
import Logging

/// The transform stage: rebuilds every model from the loaded rows, in one transaction, so a
/// killed run leaves the previous marts in place (SPEC sections 3 and 4).
public struct Transformer {
    /// Models rebuilt whole every run, in dependency order, after the kept ones (see
    /// IncrementalWebModels and IncrementalReferralModels); each is small or reads only
    /// small tables, or depends on as_of.
    static let webValueModels = ["intermediate/int_web_values"]
    static let rebuiltModels = [
        "intermediate/int_unregistered_sources", "intermediate/int_sources", "marts/dim_sources",
        "intermediate/int_web_referral_counts_by_week",
    ]
    /// Trailing windows of weeks, and SPEC 4.1's counts for every period: rebuilt every run from
    /// the weekly models.
    static let windowModels = ["intermediate/int_referral_metrics_by_window", "intermediate/int_landing_funnel_by_period"]
    static let martModels = [
        "marts/funnel_by_source_period", "marts/funnel_by_source_week",
        "marts/missing_items_by_source_period",
        "marts/funnel_by_source_landing_page_period", "marts/funnel_by_landing_page_period",
        "marts/funnel_by_landing_page_week",
        "marts/funnel_by_source_campaign_period", "marts/funnel_by_campaign_period", "marts/funnel_by_campaign_week",
    ]
    /// Models kept as views: per-referral and per-session rows with run-dependent fields,
    /// read by the marts and by `explain`, and the stalled worklist, which the reports read
    /// once: as a table, a year at bench scale wrote its 53,000 rows every night only to
    /// read them back (0.09 s and 1,000 pages of a night). The data-quality marts likewise.
    static let viewModels = [
        "marts/fct_referrals", "marts/fct_sessions", "marts/fct_referral_lines", "marts/fct_session_lines",
        "marts/fct_web_referrals",
        "marts/stalled_referrals",
        "marts/data_quality_unregistered_sources", "marts/data_quality_referring_npis",
        "marts/data_quality_appointment_links",
    ]
    /// Trailing windows the dashboards compare: the report week's and the one before it.
    static let trailingWindowLengths = [4, 13]

    let config: PipelineConfig
    let registry: SourceRegistry
    let database: Database
    let rules: TimeZoneRules
    let logger: Logger

    public init(config: PipelineConfig, registry: SourceRegistry, database: Database,
                logger: Logger = Logger(label: "referral-funnel.transform")) {
        self.config = config
        self.registry = registry
        self.database = database
        self.rules = TimeZoneRules(timeZone: config.timeZone)
        self.logger = logger
    }

    /// Registers the SQL functions the models use. Needed on every connection that reads them.
    public static func registerFunctions(on database: Database, rules: TimeZoneRules) throws {
        // Both depend only on the local day, so each day's text is rendered once.
        let localDay = { (microseconds: Int64) in rules.localDayNumber(of: Instant(microsecondsSinceEpoch: microseconds)) }
        try database.createCachedTextFunction("iso_week", key: localDay, text: TimeZoneRules.isoWeekText(dayNumber:))
        try database.createCachedTextFunction("local_date", key: localDay, text: TimeZoneRules.dateText(dayNumber:))
        try database.createMemoizedTextFunction("normalize_name", NameNormalizer.normalize)
        try database.createDurationPercentileFunction()
        try database.createDurationSampleFunctions()
        try database.createEarliestPositionFunction()
    }

    /// Rebuilds all models. `asOfOverride` replaces the default as_of (the latest data).
    /// `webBuildUnderWay`: a first web session build the run started during ingest (see
    /// `startWebSessionBuildIfDue`); used or cancelled here. `stagingBuildsUnderWay`: full
    /// builds of staging models a run started on a second connection (see
    /// `startStagingBuilds`); copied in or cancelled here.
    @discardableResult
    public func run(asOfOverride: Instant?, webBuildUnderWay: BackgroundWebSessionBuild? = nil,
                    stagingBuildsUnderWay: [BackgroundStagingBuild] = []) throws -> TransformResult {
        try Self.registerFunctions(on: database, rules: rules)
        let definitions = try ModelDefinitions.current()
        let definitionsChange = definitions.changeSince(try ModelDefinitions.recorded(in: database))
        let keptModelsExist = try database.scalar(
            "select count(*) from sqlite_master where type = 'table' and name = 'referral_models_state'")?.int == 1
        if let definitionsChange, keptModelsExist {
            logger.info("\(definitionsChange) since this warehouse's models were built: rebuilding every kept model from the loaded rows")
        }
        let web = IncrementalWebModels(database: database, timeZoneIdentifier: config.timeZone.identifier, logger: logger)
        var webUpdate: IncrementalWebModels.Update?
        var checkpoint: BackgroundWork<Void>?
        defer {
            _ = try? checkpoint?.wait()
            webUpdate?.discard(from: database)
            if webUpdate == nil { webBuildUnderWay?.cancel() }
            // After the transaction: SQLite detaches nothing a transaction has read.
            for build in stagingBuildsUnderWay {
                try? database.execute("detach database \(build.model.name)_build")
                build.cancel()
            }
        }
        var commitStarted = DispatchTime.now()
        let result = try database.transaction {
            try writeSeeds()
            let update = try web.begin(warehousePath: database.filePath, rules: rules, definitions: definitions,
                                       buildUnderWay: webBuildUnderWay)
            webUpdate = update
            let referrals = IncrementalReferralModels(database: database,
                                                      settingsFingerprint: try settingsFingerprint(definitions),
                                                      webWasRebuilt: update.rebuildsEverySession,
                                                      rebuildIsLogged: update.rebuildsEverySession || definitionsChange != nil,
                                                      logger: logger)
            // The staging reads only loaded rows: a first web build runs beside it, and then
            // the staging models built on a second connection, copied in once attribution,
            // which does not read them, is built.
            let mode = try referrals.updateStaging(prebuilt: stagingBuildsUnderWay)
            try web.finish(update)
            if update.wasBuiltOnSecondConnection, let path = database.filePath {
                // While that build read its snapshot, the WAL could not be copied into the
                // database: the other feeds' ingest is still there (126,000 pages, 1.1 s to
                // copy, for a year at bench scale). Copied now, beside the rest of the
                // transform, rather than by its commit.
                checkpoint = Warehouse.checkpointInBackground(path: path)
            }
            for model in Self.webValueModels {
                try materialize(model)
            }
            try referrals.updateAttribution(mode)
            if mode == .full {
                try referrals.copyPrebuiltStaging(stagingBuildsUnderWay)
            }
            let timelineStarted = DispatchTime.now()
            let timeline = try Timeline.compute(database: database, rules: rules, asOfOverride: asOfOverride)
            logger.debug("computed the timeline in \(String(format: "%.2f", Double(DispatchTime.now().uptimeNanoseconds - timelineStarted.uptimeNanoseconds) / 1e9)) s")
            try writeParameters(timeline)
            try referrals.updateLinksAndFacts(mode)
            for model in Self.rebuiltModels {
                try materialize(model)
            }
            for model in Self.viewModels {
                try materialize(model, asView: true)
            }
            try referrals.updateWeeks(mode, rules: rules)
            for model in Self.windowModels {
                try materialize(model)
            }
            for model in Self.martModels {
                try materialize(model)
            }
            let testsStarted = DispatchTime.now()
            let failures = try DataTests.run(on: database, fullBuild: mode == .full)
            try referrals.dropScopes()
            logger.debug("ran the data tests in \(String(format: "%.2f", Double(DispatchTime.now().uptimeNanoseconds - testsStarted.uptimeNanoseconds) / 1e9)) s")
            guard failures.isEmpty else {
                throw PipelineError.dataTestsFailed(failures)
            }
            // A commit that checkpoints (unless the run has turned that off) would find this
            // one holding the checkpoint lock.
            _ = try? checkpoint?.wait()
            try definitions.record(in: database)
            commitStarted = DispatchTime.now()
            return TransformResult(timeline: timeline, leftLoadedRowsUnindexed: mode == .full)
        }
        // Includes copying the pages from the WAL into the database, unless the caller runs
        // that beside its next stage (PipelineRunner).
        logger.debug("committed the transform in \(String(format: "%.2f", Double(DispatchTime.now().uptimeNanoseconds - commitStarted.uptimeNanoseconds) / 1e9)) s")
        return result
    }

    /// Indexes the loaded rows for the next night's scoped build, after a full build left
    /// them unindexed (a year at bench scale: 1.5 s the full build's commit no longer waits
    /// for; made while the commit's pages are copied out of the WAL). Its own transaction:
    /// a failure here loses nothing, and the next scoped build makes what is missing.
    public func indexLoadedRowsForTheNextRun() throws {
        let started = DispatchTime.now()
        try database.transaction { try IncrementalReferralModels.createLoadedRowIndexes(on: database) }
        logger.debug("indexed the loaded rows for the next run in \(String(format: "%.2f", Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)) s")
    }

    /// Starts the web sessions' first build on a second connection, if the next transform
    /// will need one: called by a run as soon as its web feed is loaded, so the build goes on
    /// beside the other feeds' ingest. Nil when no first build is due or the warehouse is not
    /// a file. The caller hands the result to `run`, or cancels it.
    public func startWebSessionBuildIfDue() throws -> BackgroundWebSessionBuild? {
        guard let path = database.filePath,
              try IncrementalWebModels.firstBuildCause(in: database, timeZoneIdentifier: config.timeZone.identifier,
                                                       definitions: try ModelDefinitions.current()) != nil,
              try database.scalar("select count(*) from (select 1 from web_session_parts limit 1)")?.int == 1
        else { return nil }
        return try BackgroundWebSessionBuild(warehousePath: path, rules: rules, logger: logger)
    }

    /// Starts, on a second connection, the full build of the appointments' staging, to run
    /// once the first web session build `web` has ended: a run calls it when its ingest has
    /// ended and such a build is under way (the referral models are then built from every
    /// row; see BackgroundStagingBuild). Empty when the warehouse is not a file. The caller
    /// hands the result to `run`, or cancels it.
    public func startStagingBuilds(after web: BackgroundWebSessionBuild) throws -> [BackgroundStagingBuild] {
        guard let path = database.filePath,
              let appointments = IncrementalReferralModels.stagingModels.first(where: { $0.name == "stg_scheduling__appointments" })
        else { return [] }
        let views = IncrementalReferralModels.scopedViews.filter { $0.table == "appointment_rows" }.map { (view: $0.view, table: $0.table) }
        return [try BackgroundStagingBuild(model: appointments, feed: .scheduling, scopedViews: views, warehousePath: path,
                                           rules: rules, after: web, logger: logger)]
    }

    private func materialize(_ model: String, asView: Bool = false) throws {
        let name = (model as NSString).lastPathComponent
        let sql = try Resources.model(model)
        let started = DispatchTime.now()
        let existingType = try database.scalar("select type from sqlite_master where name = ?", [.text(name)])?.string
        if let existingType {
            try database.execute("drop \(existingType) \(name)")
        }
        try database.execute("create \(asView ? "view" : "table") \(name) as \(sql)")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        logger.debug("built \(name) in \(String(format: "%.2f", seconds)) s (peak resident \(Database.peakResidentMegabytes) MB)")
    }

    /// Everything the kept referral models read besides the loaded rows, and the definitions
    /// that built them: when any of it changes they are rebuilt from every row.
    private func settingsFingerprint(_ definitions: ModelDefinitions) throws -> String {
        let registry = try database.scalar("""
            select coalesce((select group_concat(normalized_name || '=' || source_name, char(31))
                             from (select * from source_registry_names order by normalized_name)), '')
                || char(30) ||
                   coalesce((select group_concat(npi || '=' || source_name, char(31))
                             from (select * from source_registry_npis order by npi)), '')
                || char(30) ||
                   coalesce((select group_concat(normalized_domain, char(31))
                             from (select * from site_domains order by normalized_domain)), '')
            """)?.string ?? ""
        return [definitions.modelsSHA256, definitions.productBuild, config.timeZone.identifier, registry, "\(config.slaHours)", "\(config.followupDays)",
                "\(config.linkWindowDays)", config.requiredItems.joined(separator: "\u{1F}")].joined(separator: "\u{1E}")
    }

    /// The registry, site domains and required items, as tables the models join.
    private func writeSeeds() throws {
        try database.execute("""
            drop table if exists source_registry; drop table if exists source_registry_names;
            drop table if exists source_registry_npis; drop table if exists site_domains;
            drop table if exists required_items;
            create table source_registry (source_name text primary key, source_type text not null);
            create table source_registry_names (normalized_name text primary key, source_name text not null);
            create table source_registry_npis (npi text primary key, source_name text not null);
            create table site_domains (normalized_domain text primary key);
            create table required_items (item text primary key);
            """)
        let insertSource = try database.prepare("insert into source_registry values (?, ?)")
        for source in registry.sources {
            try insertSource.run([.text(source.name), .text(source.type)])
        }
        let insertName = try database.prepare("insert or replace into source_registry_names values (?, ?)")
        for (normalized, name) in registry.sourceByNormalizedName.sorted(by: { $0.key < $1.key }) {
            try insertName.run([.text(normalized), .text(name)])
        }
        let insertNPI = try database.prepare("insert or replace into source_registry_npis values (?, ?)")
        for (npi, name) in registry.sourceByNPI.sorted(by: { $0.key < $1.key }) {
            try insertNPI.run([.text(npi), .text(name)])
        }
        let insertDomain = try database.prepare("insert or ignore into site_domains values (?)")
        for domain in config.siteDomains {
            try insertDomain.run([.text(NameNormalizer.normalize(domain))])
        }
        let insertItem = try database.prepare("insert or ignore into required_items values (?)")
        for item in config.requiredItems {
            try insertItem.run([.text(item)])
        }
    }

    private func writeParameters(_ timeline: Timeline) throws {
        let microsecondsPerDay = Double(Instant.microsecondsPerDay)
        try database.execute("""
            drop table if exists run_parameters; drop table if exists report_periods;
            create table run_parameters (
                as_of integer not null, sla_microseconds integer not null, followup_microseconds integer not null,
                stall_microseconds integer not null, link_window_microseconds integer not null,
                first_week text, as_of_week text not null, report_week text not null);
            create table report_periods (
                period_key text not null, week_count integer not null, end_week text not null, week text not null,
                primary key (period_key, week));
            """)
        try database.prepare("insert into run_parameters values (?, ?, ?, ?, ?, ?, ?, ?)").run([
            .integer(timeline.asOf.microsecondsSinceEpoch),
            .integer(Int64((config.slaHours * Double(Instant.microsecondsPerHour)).rounded())),
            .integer(Int64((config.followupDays * microsecondsPerDay).rounded())),
            .integer(Int64((config.stallDays * microsecondsPerDay).rounded())),
            .integer(Int64((config.linkWindowDays * microsecondsPerDay).rounded())),
            timeline.firstWeek.databaseValue, .text(timeline.asOfWeek), .text(timeline.reportWeek),
        ])
        let insertPeriod = try database.prepare("insert or ignore into report_periods values (?, ?, ?, ?)")
        for period in timeline.periods {
            for week in timeline.weeks(in: period) {
                try insertPeriod.run([.text(period.key), .integer(Int64(period.weekCount)), .text(period.endWeek), .text(week)])
            }
        }
    }
}

public struct TransformResult: Sendable {
    public var timeline: Timeline
    /// A full build leaves the loaded-row indexes to `indexLoadedRowsForTheNextRun`.
    public var leftLoadedRowsUnindexed: Bool
}
