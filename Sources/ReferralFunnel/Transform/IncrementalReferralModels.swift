import Foundation
import Logging

/// Maintains the referral-side models that are kept between runs: the snapshot staging of
/// referrals, statuses, appointments and form submissions, the appointment links, the
/// attribution and the per-referral facts. A night rebuilds each only for the keys in its
/// scope (what the night's files touched, and what depends on those), so its cost follows
/// the new data; the first run, or any run after a change of the settings these models read
/// or of their definitions (ModelDefinitions), builds them all.
///
/// Every kept model reads its driving rows through a `scoped_*` view: the whole table on a
/// full build, the rows whose key is in the scope otherwise. So the model's SQL is the one
/// definition either way, and a scoped rebuild is "delete the scope's rows, insert the
/// model's".
struct IncrementalReferralModels {
    struct KeptModel: Sendable {
        var path: String
        var key: String
        var scope: String
        var indexes: [KeptIndex]
        /// Row order on insert: rows read together are then stored together.
        var orderBy: String?
        var name: String { (path as NSString).lastPathComponent }
        /// One row per key: a scoped build can then change a kept row in place (see
        /// `rebuildInPlace`) rather than delete and insert it.
        var hasUniqueKey: Bool { indexes.contains { $0.unique && $0.columns == key } }
    }

    struct KeptIndex: Sendable {
        var name: String
        var columns: String
        var unique = false
        /// Rows a partial index holds; nil for all.
        var condition: String?
        /// True for an index whose new entries fall anywhere in it rather than at its end
        /// (web session and submission ids): a full build fills it row by row instead of
        /// creating it after the table (see `rebuild`).
        var keysArriveAtRandom = false

        func createSQL(on table: String) -> String {
            "create \(unique ? "unique " : "")index \(name) on \(table) (\(columns))" + (condition.map { " where \($0)" } ?? "")
        }
    }

    /// What the patient indexes hold: the first 8 hex digits (32 bits) of the hashed patient
    /// key, not all 64. Each new referral or appointment a night stages lands at a random
    /// place in its patient index, so a night dirties about one index page per new row until
    /// the index is small: on the whole key, a year at bench scale had 11,500 index pages of
    /// appointments and a night wrote 7,900 of them (and 5,100 of 8,600 for referrals), 13,000
    /// of the 37,200 pages it wrote to the WAL. On the prefix the indexes are 2,200 and 1,800
    /// pages, a night writes 28,600 pages, and it took 3.38 s rather than 4.20 s (medians of
    /// five nights each, alternated on a noisy afternoon). Two patients sharing a prefix
    /// (about one lookup in ten thousand at half a million patients) cost one extra row
    /// read: every query that seeks by the prefix also compares the whole key.
    static let patientLookupKey = "substr(patient_key, 1, 8)"

    static let stagingModels = [
        KeptModel(path: "staging/stg_intake__referrals", key: "referral_id", scope: "scope_referrals", indexes: [
            KeptIndex(name: "stg_intake__referrals_by_id", columns: "referral_id", unique: true),
            KeptIndex(name: "stg_intake__referrals_by_patient", columns: patientLookupKey),
            KeptIndex(name: "stg_intake__referrals_by_submission", columns: "submission_id"),
            // The timeline's span (Timeline.compute) without reading every referral.
            KeptIndex(name: "stg_intake__referrals_by_received_at", columns: "received_at"),
        ]),
        KeptModel(path: "staging/stg_intake__status_history", key: "referral_id", scope: "scope_referrals", indexes: [
            // Covering the status: the facts ask each referral's history whether it holds one
            // (`declined`) from the index alone, in referral order, without reading its rows.
            KeptIndex(name: "stg_intake__status_history_by_referral", columns: "referral_id, status"),
        ]),
        KeptModel(path: "staging/stg_scheduling__appointments", key: "appointment_id", scope: "scope_appointments", indexes: [
            KeptIndex(name: "stg_scheduling__appointments_by_id", columns: "appointment_id", unique: true),
            KeptIndex(name: "stg_scheduling__appointments_by_patient", columns: patientLookupKey),
            KeptIndex(name: "stg_scheduling__appointments_by_referral", columns: "referral_id"),
            KeptIndex(name: "stg_scheduling__appointments_by_booked_at", columns: "booked_at"),
        ]),
        KeptModel(path: "staging/stg_web__form_submits", key: "submission_id", scope: "scope_submissions", indexes: [
            KeptIndex(name: "stg_web__form_submits_by_id", columns: "submission_id", unique: true, keysArriveAtRandom: true),
            KeptIndex(name: "stg_web__form_submits_by_session", columns: "session_id", keysArriveAtRandom: true),
        ]),
    ]

    /// In build order: attribution and missing items read only the staging and the web
    /// models, so they come first (a first run's appointments are meanwhile still staged
    /// on a second connection); links read the appointments and run_parameters; the facts
    /// read both.
    static let downstreamModels = [
        KeptModel(path: "intermediate/int_referrals_with_source_key", key: "referral_id", scope: "scope_attribution", indexes: [
            KeptIndex(name: "int_referrals_with_source_key_by_id", columns: "referral_id", unique: true),
            // int_sources finds the few source keys in use by seeking from one to the next.
            KeptIndex(name: "int_referrals_with_source_key_by_source", columns: "source_key"),
            // int_unregistered_sources and the data-quality page read only these few.
            KeptIndex(name: "int_referrals_with_source_key_unregistered", columns: "source_key",
                      condition: "attribution_path in ('unregistered_practice', 'unregistered_npi')"),
        ]),
        KeptModel(path: "intermediate/int_referral_missing_items", key: "referral_id", scope: "scope_referrals", indexes: [
            KeptIndex(name: "int_referral_missing_items_by_referral", columns: "referral_id"),
        ]),
        KeptModel(path: "intermediate/int_appointments_linked_to_referrals", key: "appointment_id", scope: "scope_links", indexes: [
            KeptIndex(name: "int_appointments_linked_to_referrals_by_id", columns: "appointment_id", unique: true),
            KeptIndex(name: "int_appointments_linked_to_referrals_by_referral", columns: "linked_referral_id"),
            // The data-quality page counts links by method from this index, not from every link
            // (a year at bench scale: 20 ms rather than 80 ms a night).
            KeptIndex(name: "int_appointments_linked_to_referrals_by_method", columns: "link_method"),
        ]),
        KeptModel(path: "intermediate/int_referral_facts", key: "referral_id", scope: "scope_facts", indexes: [
            KeptIndex(name: "int_referral_facts_by_id", columns: "referral_id", unique: true),
            // A week's sources in order, so the weekly metrics group without a sort; covering
            // the durations, so the weekly duration samples read no fact rows.
            KeptIndex(name: "int_referral_facts_by_week_and_source",
                      columns: "received_week, source_key, microseconds_to_confirm, microseconds_to_first_appointment"),
            // The data-quality page counts referrals per referring NPI and source: a few dozen
            // pairs, read from this index rather than from every referral.
            KeptIndex(name: "int_referral_facts_by_referring_npi", columns: "referring_npi, source_key",
                      condition: "referring_npi is not null"),
            // The stalled worklist (stalled_referrals) from the few referrals that can stall,
            // oldest first, rather than from every fact: a year at bench scale, 58,000 of
            // 446,000, read in 20 ms rather than 100 ms a night.
            KeptIndex(name: "int_referral_facts_stall_candidates", columns: "received_at, referral_id, source_key, service_line",
                      condition: "has_been_accepted and not has_live_appointment"),
            // The referrals that came through the web, by week, with all the landing-page and
            // campaign tables read of them (int_web_referral_counts_by_week), in its group order,
            // from the index alone rather than from every fact each night.
            KeptIndex(name: "int_referral_facts_through_the_web",
                      columns: "received_week, web_landing_page, web_utm_source, web_utm_medium, web_utm_campaign, "
                          + "web_referrer_host, is_scheduled, is_completed",
                      condition: "web_landing_page is not null"),
        ], orderBy: "received_week"),
    ]

    /// Kept per ISO week, after fct_referrals exists; the duration samples first, as the
    /// weekly metrics read them. Each reads its weeks' referrals through
    /// `scoped_referral_weeks`, limited on a night to the weeks its scope names: the weekly
    /// metrics, every week a rebuilt referral belongs to (a week's medians need all of its
    /// referrals) and those `stalled` may have moved in; the samples and the missing items,
    /// only the weeks where a referral's durations, or its completeness and missing items,
    /// changed or moved (see `updateWeeks`).
    static let weekModels = [
        KeptModel(path: "intermediate/int_referral_durations_by_week", key: "period_key", scope: "scope_duration_weeks", indexes: [
            KeptIndex(name: "int_referral_durations_by_week_by_week", columns: "period_key"),
        ]),
        KeptModel(path: "intermediate/int_referral_metrics_by_week", key: "period_key", scope: "scope_weeks", indexes: [
            KeptIndex(name: "int_referral_metrics_by_week_by_week", columns: "period_key"),
        ]),
        KeptModel(path: "intermediate/int_missing_items_by_week", key: "period_key", scope: "scope_missing_item_weeks", indexes: [
            KeptIndex(name: "int_missing_items_by_week_by_week", columns: "period_key"),
        ]),
    ]

    /// The scoped views each full or scoped build reads: name, whole table, scope filter.
    static let scopedViews: [(view: String, table: String, filter: String)] = [
        ("scoped_intake_rows", "intake_rows", "referral_id in (select referral_id from temp.scope_referrals)"),
        ("scoped_appointment_rows", "appointment_rows", "appointment_id in (select appointment_id from temp.scope_appointments)"),
        ("scoped_web_form_submits", "web_form_submits", "submission_id in (select submission_id from temp.scope_submissions)"),
        ("scoped_touched_referrals", "stg_intake__referrals", "referral_id in (select referral_id from temp.scope_referrals)"),
        ("scoped_appointments", "stg_scheduling__appointments", "appointment_id in (select appointment_id from temp.scope_links)"),
        ("scoped_referrals", "stg_intake__referrals", "referral_id in (select referral_id from temp.scope_attribution)"),
        ("scoped_attributed_referrals", "int_referrals_with_source_key", "referral_id in (select referral_id from temp.scope_facts)"),
        ("scoped_linked_appointments", "int_appointments_linked_to_referrals",
         "linked_referral_id in (select referral_id from temp.scope_facts)"),
    ]

    /// Indexes on the loaded rows that let a night find every row of a touched key. Made
    /// after the first full build has committed rather than by a migration, so the first
    /// (largest) ingest appends without them and the full build, which reads every row, does
    /// not wait for them (`Transformer.indexLoadedRowsForTheNextRun`); later ingests keep
    /// them up to date.
    static let loadedRowIndexes = [
        "create index if not exists intake_rows_by_referral on intake_rows (referral_id)",
        "create index if not exists appointment_rows_by_appointment on appointment_rows (appointment_id)",
        "create index if not exists web_form_submits_by_submission on web_form_submits (submission_id)",
    ]

    let database: Database
    let settingsFingerprint: String
    /// True when the web models were just built from every part: nothing kept here can be
    /// trusted to match them.
    let webWasRebuilt: Bool
    /// True when the transform or the web models have already said why everything is
    /// rebuilt: one line per cause.
    let rebuildIsLogged: Bool
    let logger: Logger

    enum Mode { case full, scoped }

    /// Decides the mode and rebuilds the staging models, but for a full build those of
    /// `prebuilt` (built on second connections), which `copyPrebuiltStaging` copies in
    /// later. Then `updateAttribution`.
    func updateStaging(prebuilt: [BackgroundStagingBuild] = []) throws -> Mode {
        try database.execute("""
            create table if not exists referral_models_state (
                intake_through_file_id integer not null,
                scheduling_through_file_id integer not null,
                web_through_file_id integer not null,
                settings_fingerprint text not null,
                stall_threshold integer
            )
            """)
        let state = try database.rows("""
            select intake_through_file_id, scheduling_through_file_id, web_through_file_id, settings_fingerprint,
                stall_threshold
            from referral_models_state
            """).first
        let through = try currentFileIDs()
        let mode: Mode
        // The fingerprint holds the model definitions (ModelDefinitions): a warehouse kept
        // by another version, with other kept models or columns, is built whole.
        if let state, state[3].string == settingsFingerprint, !webWasRebuilt {
            mode = .scoped
            // Made after the full build's commit; a run killed before it made them has left
            // the scopes to read every loaded row without them.
            try Self.createLoadedRowIndexes(on: database)
            try writeScopes(after: (state[0].int64 ?? 0, state[1].int64 ?? 0, state[2].int64 ?? 0), through: through)
        } else {
            if state != nil && !rebuildIsLogged {
                logger.info("settings the kept referral models depend on changed: rebuilding them from every loaded row")
            }
            mode = .full
        }
        try defineScopedViews(mode)
        let copiedLater = mode == .full ? Set(prebuilt.map(\.model.name)) : []
        for model in Self.stagingModels where !copiedLater.contains(model.name) {
            try rebuild(model, mode: mode)
        }
        // The previous run's stall threshold stays until updateWeeks has read it.
        try database.execute("delete from referral_models_state")
        try database.prepare("insert into referral_models_state values (?, ?, ?, ?, ?)").run([
            .integer(through.intake), .integer(through.scheduling), .integer(through.web), .text(settingsFingerprint),
            mode == .scoped ? (state?.last ?? .null) : .null,
        ])
        return mode
    }

    /// Copies in each staging model built on a second connection, if it read through the
    /// same last file of its feed as this transform sees; one that failed or missed files
    /// is built here instead. Only after a full `updateStaging`. Each scratch database is
    /// attached as `<model>_build`, to be detached once the transaction has ended.
    func copyPrebuiltStaging(_ builds: [BackgroundStagingBuild]) throws {
        guard !builds.isEmpty else { return }
        let through = try currentFileIDs()
        for build in builds {
            let expected: Int64
            switch build.feed {
            case .intake: expected = through.intake
            case .scheduling: expected = through.scheduling
            case .web: expected = through.web
            }
            let started = DispatchTime.now()
            guard let read = try? build.wait(), read == expected else {
                logger.info("the second connection's build of \(build.model.name) failed or missed files: building it here")
                build.cancel()
                try rebuild(build.model, mode: .full)
                continue
            }
            try database.prepare("attach database ? as \(build.model.name)_build").run([.text(build.scratchPath)])
            try createFull(build.model, as: "select * from \(build.model.name)_build.\(build.model.name)")
            logger.debug("copied \(build.model.name) built on a second connection in \(String(format: "%.2f", Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)) s (peak resident \(Database.peakResidentMegabytes) MB)")
        }
    }

    /// The downstream models that read only the staging and the web models.
    static let modelsBeforeAppointments: Set<String> = ["int_referrals_with_source_key", "int_referral_missing_items"]

    /// Rebuilds attribution and missing items for their scopes: they need neither the
    /// appointments nor run_parameters. Then `copyPrebuiltStaging`, then
    /// `updateLinksAndFacts`.
    func updateAttribution(_ mode: Mode) throws {
        if mode == .scoped {
            try writeDownstreamScopes()
        }
        for model in Self.downstreamModels where Self.modelsBeforeAppointments.contains(model.name) {
            try rebuild(model, mode: mode)
        }
    }

    /// Rebuilds links and facts for their scopes, after run_parameters is written. Call
    /// `updateWeeks` once fct_referrals (which needs int_sources) can be read.
    func updateLinksAndFacts(_ mode: Mode) throws {
        for model in Self.downstreamModels where !Self.modelsBeforeAppointments.contains(model.name) {
            if mode == .scoped && model.name == "int_referral_facts" {
                try writeFactsScope()
            }
            try rebuild(model, mode: mode)
        }
    }

    /// Makes the loaded-row indexes a scoped build needs, if they are missing (when they
    /// exist, the statements only look them up).
    static func createLoadedRowIndexes(on database: Database) throws {
        for statement in loadedRowIndexes {
            try database.execute(statement)
        }
    }

    /// Drops the scope tables. The data tests read them first: a night checks the rows it
    /// rebuilt (DataTests.run).
    func dropScopes() throws {
        try database.execute("""
            drop table if exists temp.scope_referrals; drop table if exists temp.scope_appointments;
            drop table if exists temp.scope_submissions; drop table if exists temp.scope_links;
            drop table if exists temp.scope_attribution; drop table if exists temp.scope_facts;
            drop table if exists temp.referral_patients_touched; drop table if exists temp.links_before;
            drop table if exists temp.facts_before;
            """)
    }

    /// Rebuilds the weekly duration samples, referral metrics and missing-item counts: in a
    /// scoped run, each for its weeks (see `weekModels`); `stalled` may have moved in the
    /// weeks between the previous and this run's as_of - stall_days.
    func updateWeeks(_ mode: Mode, rules: TimeZoneRules) throws {
        let threshold = try database.scalar("select as_of - stall_microseconds from run_parameters")?.int64
        if mode == .scoped {
            let previous = try database.scalar("select stall_threshold from referral_models_state")?.int64
            try database.execute("""
                drop table if exists temp.scope_weeks;
                create temp table scope_weeks (period_key text primary key);
                insert or ignore into temp.scope_weeks
                select distinct received_week from int_referral_facts
                where referral_id in (select referral_id from temp.scope_facts);
                """)
            if let threshold {
                let low = Instant(microsecondsSinceEpoch: min(previous ?? threshold, threshold))
                let high = Instant(microsecondsSinceEpoch: max(previous ?? threshold, threshold))
                let insertWeek = try database.prepare("insert or ignore into temp.scope_weeks values (?)")
                for week in TimeZoneRules.isoWeeks(from: rules.isoWeek(of: low), through: rules.isoWeek(of: high)) {
                    try insertWeek.run([.text(week)])
                }
            }
        }
        if mode == .scoped {
            // A week's samples change only with a referral's durations, and its missing-item
            // counts only with a referral's completeness or missing items, or with either
            // moving to another week or source: a night's new referrals and re-attributed
            // ones, in a week or two, where its status and confirmation changes touch 17
            // weeks at bench scale (0.13 s of missing-item counts saved).
            try writeChangedFactWeeks()
        }
        for model in Self.weekModels {
            try database.execute("drop view if exists temp.scoped_referral_weeks")
            try database.execute("""
                create temp view scoped_referral_weeks as
                select facts.received_week as period_key, facts.* from main.fct_referrals as facts
                \(mode == .full ? "" : "where facts.received_week in (select period_key from temp.\(model.scope))")
                """)
            try rebuild(model, mode: mode)
        }
        try database.prepare("update referral_models_state set stall_threshold = ?").run([threshold.databaseValue])
        try database.execute("""
            drop table if exists temp.scope_weeks; drop table if exists temp.scope_duration_weeks;
            drop table if exists temp.scope_missing_item_weeks; drop view temp.scoped_referral_weeks;
            """)
    }

    /// `scope_duration_weeks` and `scope_missing_item_weeks`: the weeks of the referrals
    /// whose facts differ from before this run's rebuild (`facts_before`) in their durations,
    /// or in their completeness and missing items, or in their week or source (then both
    /// weeks); new referrals count as changed.
    private func writeChangedFactWeeks() throws {
        try database.execute("""
            drop table if exists temp.fact_changes;
            create temp table fact_changes as
            select
                before.received_week as week_before,
                after.received_week as week_after,
                before.referral_id is null
                    or (before.received_week, before.source_key) is not (after.received_week, after.source_key) as moved,
                (before.microseconds_to_confirm, before.microseconds_to_first_appointment)
                    is not (after.microseconds_to_confirm, after.microseconds_to_first_appointment) as durations_changed,
                (before.is_complete, before.missing_items) is not (after.is_complete, after.missing_items) as items_changed
            from temp.scope_facts as scope
            left join temp.facts_before as before on before.referral_id = scope.referral_id
            left join main.int_referral_facts as after on after.referral_id = scope.referral_id;

            drop table if exists temp.scope_duration_weeks; drop table if exists temp.scope_missing_item_weeks;
            create temp table scope_duration_weeks (period_key text primary key);
            create temp table scope_missing_item_weeks (period_key text primary key);
            insert or ignore into temp.scope_duration_weeks
            select week_before from temp.fact_changes where (moved or durations_changed) and week_before is not null
            union
            select week_after from temp.fact_changes where (moved or durations_changed) and week_after is not null;
            insert or ignore into temp.scope_missing_item_weeks
            select week_before from temp.fact_changes where (moved or items_changed) and week_before is not null
            union
            select week_after from temp.fact_changes where (moved or items_changed) and week_after is not null;
            drop table temp.fact_changes;
            """)
    }

    typealias FileIDs = (intake: Int64, scheduling: Int64, web: Int64)

    private func currentFileIDs() throws -> FileIDs {
        let row = try database.rows("""
            select
                (select coalesce(max(file_id), 0) from ingested_files where feed = 'intake'),
                (select coalesce(max(file_id), 0) from ingested_files where feed = 'scheduling'),
                (select coalesce(max(file_id), 0) from ingested_files where feed = 'web')
            """).first ?? []
        return (row.first?.int64 ?? 0, row.dropFirst().first?.int64 ?? 0, row.dropFirst(2).first?.int64 ?? 0)
    }

    /// The keys the night's files touched (each feed's file ids past the last run's, through
    /// its newest), and the patients of touched referrals as staged before this run (a
    /// referral's patient may change, freeing or taking appointments).
    ///
    /// The file ids are bounded on both sides: with only `file_id > ?` SQLite reckoned a
    /// quarter of the rows would match and scanned the key index whole for its DISTINCT
    /// (1.4 million appointment rows at bench scale, 30 ms a night) instead of reading the
    /// night's rows by primary key.
    private func writeScopes(after: FileIDs, through: FileIDs) throws {
        try database.prepare("""
            create temp table scope_referrals as
            select distinct referral_id from intake_rows where file_id > ? and file_id <= ?
            """).run([.integer(after.intake), .integer(through.intake)])
        try database.prepare("""
            create temp table scope_appointments as
            select distinct appointment_id from appointment_rows where file_id > ? and file_id <= ?
            """).run([.integer(after.scheduling), .integer(through.scheduling)])
        try database.prepare("""
            create temp table scope_submissions as
            select distinct submission_id from web_form_submits where file_id > ? and file_id <= ?
            """).run([.integer(after.web), .integer(through.web)])
        try database.execute("""
            create temp table referral_patients_touched as
            select patient_key from stg_intake__referrals
            where referral_id in (select referral_id from temp.scope_referrals) and patient_key is not null
            """)
    }

    /// Appointments to link again: new snapshots, those of the touched referrals' patients
    /// (before and after), and those naming a touched referral. Referrals to attribute again:
    /// touched ones and those whose submission or its session changed.
    private func writeDownstreamScopes() throws {
        try database.execute("""
            insert into temp.referral_patients_touched
            select patient_key from stg_intake__referrals
            where referral_id in (select referral_id from temp.scope_referrals) and patient_key is not null;

            create temp table scope_links as
            select appointment_id from temp.scope_appointments
            union
            select appointment_id from stg_scheduling__appointments
            where \(Self.patientLookupKey) in (select \(Self.patientLookupKey) from temp.referral_patients_touched)
                and patient_key in (select patient_key from temp.referral_patients_touched)
            union
            select appointment_id from stg_scheduling__appointments
            where referral_id in (select referral_id from temp.scope_referrals);

            create temp table links_before as
            select appointment_id, linked_referral_id from int_appointments_linked_to_referrals
            where appointment_id in (select appointment_id from temp.scope_links);

            create temp table scope_attribution as
            select referral_id from temp.scope_referrals
            union
            select referral_id from stg_intake__referrals
            where submission_id in (select submission_id from temp.scope_submissions)
            union
            select referral_id from stg_intake__referrals
            where submission_id in (
                select submission_id from stg_web__form_submits
                where session_id in (select session_id from temp.touched_session_ids)
            );
            """)
    }

    /// Referrals whose facts change: re-attributed ones, and those that gained or lost a
    /// linked appointment or whose linked appointments changed.
    private func writeFactsScope() throws {
        try database.execute("""
            create temp table scope_facts as
            select referral_id from temp.scope_attribution
            union
            select linked_referral_id from temp.links_before where linked_referral_id is not null
            union
            select linked_referral_id from int_appointments_linked_to_referrals
            where appointment_id in (select appointment_id from temp.scope_links) and linked_referral_id is not null;

            create temp table facts_before (referral_id text primary key, received_week, source_key, is_complete,
                missing_items, microseconds_to_confirm, microseconds_to_first_appointment);
            insert into temp.facts_before
            select referral_id, received_week, source_key, is_complete, missing_items,
                microseconds_to_confirm, microseconds_to_first_appointment
            from int_referral_facts
            where referral_id in (select referral_id from temp.scope_facts);
            """)
    }

    private func defineScopedViews(_ mode: Mode) throws {
        for scoped in Self.scopedViews {
            try database.execute("drop view if exists temp.\(scoped.view)")
            let filter = mode == .full ? "" : " where \(scoped.filter)"
            try database.execute("create temp view \(scoped.view) as select * from main.\(scoped.table)\(filter)")
        }
    }

    /// A scoped build of a model with one row per key, writing as few pages as it can. A
    /// night's scope is mostly keys already kept whose rows change in a column no index
    /// holds (an appointment's status, a referral's confirmation): those rows are updated
    /// where they are, leaving every index alone, and rows that did not change are not
    /// written at all. Only new keys, and rows whose indexed columns change, are deleted
    /// and inserted, which writes a page in each index. (A year at bench scale: of a
    /// night's 9,900 appointments in scope, 6,300 were kept already; deleting and inserting
    /// them all dirtied a page in five B-trees per row.)
    ///
    /// Inserts are OR FAIL, here and in `rebuild`: a constraint error still fails the
    /// transform, whose transaction is then rolled back whole, but SQLite need not journal
    /// every page the statement changes in case it has to undo the statement alone (the
    /// night's session merge wrote 103 MB of such journal).
    private func rebuildInPlace(_ model: KeptModel, rows: String) throws {
        let table = model.name
        let columns = try database.rows("select name from pragma_table_info(?)", [.text(table)]).compactMap { $0.first?.string }
        // A partial index's condition columns may change in place: SQLite's UPDATE adds or
        // removes the row's entry as the condition turns (a referral accepted, or booked).
        let indexedText = model.indexes.map(\.columns).joined(separator: " ")
        let indexedWords = Set(indexedText.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init))
        let indexed = columns.filter(indexedWords.contains)
        let unindexed = columns.filter { !indexedWords.contains($0) }
        let key = model.key
        func list(_ names: [String], prefix: String) -> String {
            "(" + names.map { "\(prefix)\($0)" }.joined(separator: ", ") + ")"
        }
        try database.execute("""
            drop table if exists temp.rebuilt_rows;
            create temp table rebuilt_rows as \(rows);
            create unique index temp.rebuilt_rows_by_key on rebuilt_rows (\(key));
            delete from main.\(table)
            where \(key) in (select \(key) from temp.\(model.scope))
                and not exists (
                    select 1 from temp.rebuilt_rows as rebuilt
                    where rebuilt.\(key) = \(table).\(key)
                        and \(list(indexed, prefix: "rebuilt.")) is \(list(indexed, prefix: "\(table)."))
                );
            """)
        if !unindexed.isEmpty {
            // `+` keeps the planner from scanning the kept table to probe the scope's rows
            // (it did: 85 MB read for 9,900 appointments); each scope row finds its kept row.
            try database.execute("""
                update main.\(table) set \(list(unindexed, prefix: "")) = \(list(unindexed, prefix: "rebuilt."))
                from temp.rebuilt_rows as rebuilt
                where +rebuilt.\(key) = \(table).\(key)
                    and \(list(unindexed, prefix: "rebuilt.")) is not \(list(unindexed, prefix: "\(table)."))
                """)
        }
        try database.execute("""
            insert or fail into main.\(table)
            select * from temp.rebuilt_rows as rebuilt
            where not exists (select 1 from main.\(table) as kept where kept.\(key) = rebuilt.\(key))
            order by rebuilt.rowid;
            drop table temp.rebuilt_rows;
            """)
    }

    /// Creates `model`'s table from every row `select` gives, and its indexes.
    private func createFull(_ model: KeptModel, as select: String) throws {
        // An index created after its table is filled is packed full, and each of the next
        // nights' entries that falls inside it splits a leaf, writing three or four pages,
        // until nights have split most leaves. An index whose keys arrive at random can
        // instead be made first and filled as the rows go in, which leaves about a tenth
        // of each leaf free, as nights leave them. That costs the full build random
        // inserts, which pays only where the index is small: the web form submits' two
        // (a year at bench scale: no measurable cost; the first night wrote 1,550 of
        // their pages rather than 3,460). The patient indexes were tried too: the full
        // build took 2 s longer to spare the first few nights 0.15 s each.
        let filledAsRowsGoIn = model.indexes.filter(\.keysArriveAtRandom)
        try database.execute("drop table if exists main.\(model.name)")
        if filledAsRowsGoIn.isEmpty {
            try database.execute("create table main.\(model.name) as \(select)")
        } else {
            try database.execute("create table main.\(model.name) as select * from (\(select)) limit 0")
            for index in filledAsRowsGoIn {
                try database.execute(index.createSQL(on: model.name))
            }
            try database.execute("insert into main.\(model.name) \(select)")
        }
        for index in model.indexes where !index.keysArriveAtRandom {
            try database.execute(index.createSQL(on: model.name))
        }
    }

    private func rebuild(_ model: KeptModel, mode: Mode) throws {
        let sql = try Resources.model(model.path)
        let started = DispatchTime.now()
        // Rows read together (facts, a week at a time) are stored together: a week's
        // rows then sit on neighbouring pages instead of one page read per row.
        let ordered = model.orderBy.map { "select * from (\(sql)) order by \($0)" } ?? sql
        switch mode {
        case .full:
            try createFull(model, as: ordered)
        case .scoped where model.hasUniqueKey:
            try rebuildInPlace(model, rows: ordered)
        case .scoped:
            try database.execute("delete from \(model.name) where \(model.key) in (select \(model.key) from temp.\(model.scope))")
            try database.execute("insert or fail into \(model.name) \(ordered)")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        logger.debug("built \(model.name) (\(mode == .full ? "all rows" : "scoped")) in \(String(format: "%.2f", seconds)) s (peak resident \(Database.peakResidentMegabytes) MB)")
    }
}
