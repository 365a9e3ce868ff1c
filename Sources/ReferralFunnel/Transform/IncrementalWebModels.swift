import Foundation
import Logging

/// Maintains the web models that are kept between runs (models/incremental): sessions merged
/// from their per-file parts, and session counts per week and web value. A night's transform
/// merges only the parts loaded since the last one, and adjusts the counts by the sessions
/// those parts touched, so its cost follows the new files rather than the history; the
/// first run (or one after a time-zone or definitions change) builds them from every part.
struct IncrementalWebModels {
    let database: Database
    let timeZoneIdentifier: String
    let logger: Logger

    /// This run's update of the web models, begun by `begin` and completed by `finish`.
    final class Update {
        /// True when the models are built from every part (first run or a time-zone
        /// change): nothing kept downstream can be trusted to match them.
        let rebuildsEverySession: Bool
        fileprivate let through: Int64
        fileprivate let startedAt: DispatchTime
        /// A first build running beside the transform (BackgroundWebSessionBuild).
        fileprivate let background: BackgroundWebSessionBuild?
        /// True once a build on a second connection has been copied in.
        var wasBuiltOnSecondConnection: Bool { isAttached }
        fileprivate var isAttached = false

        fileprivate init(rebuildsEverySession: Bool, through: Int64 = 0, background: BackgroundWebSessionBuild? = nil) {
            self.rebuildsEverySession = rebuildsEverySession
            self.through = through
            self.startedAt = DispatchTime.now()
            self.background = background
        }

        /// Stops and waits for a background build still running, and deletes its scratch
        /// database. Call after the transform's transaction has ended, committed or not.
        func discard(from database: Database) {
            guard let background else { return }
            if isAttached {
                try? database.execute("detach database web_build")
            }
            background.cancel()
        }
    }

    /// Why the next transform builds the web models from every part rather than merging.
    enum FirstBuildCause {
        /// Weeks move with the time zone.
        case timeZoneChanged
        /// Built under other model definitions or another build of the product (see
        /// ModelDefinitions); the transform says so once for every kept model.
        case definitionsChanged
        /// No session is kept yet.
        case nothingKept
    }

    /// The cause of a first build, or nil when this transform merges; read from the committed
    /// state without changing it, so that `begin` acts on it and a run can start the build
    /// as soon as its web feed is loaded (BackgroundWebSessionBuild).
    static func firstBuildCause(in database: Database, timeZoneIdentifier: String,
                                definitions: ModelDefinitions) throws -> FirstBuildCause? {
        let tables = Set(try database.rows("select name from sqlite_master where type = 'table'").compactMap { $0.first?.string })
        guard tables.contains("stg_web__sessions") else { return .nothingKept }
        // Also every warehouse kept by a version before the definitions were recorded, whose
        // kept tables may lack columns this one reads.
        if definitions.changeSince(try ModelDefinitions.recorded(in: database)) != nil { return .definitionsChanged }
        let timeZone = try database.scalar("select time_zone from web_session_merge_state")?.string
        if let timeZone, timeZone != timeZoneIdentifier { return .timeZoneChanged }
        let hasSessions = try database.scalar("select count(*) from (select 1 from stg_web__sessions limit 1)")?.int == 1
        return hasSessions ? nil : .nothingKept
    }

    /// Prepares the kept tables and starts this run's update. A merge of new parts into kept
    /// sessions runs now. A first build runs on a second connection when the warehouse is a
    /// file (`warehousePath`), so the caller can build the referral staging meanwhile, and on
    /// this one otherwise; `buildUnderWay` is one the run started earlier, used if a first
    /// build is what this run does and cancelled otherwise. Leaves `temp.touched_session_ids`:
    /// the sessions this run merged into. Call `finish` before anything reads the web models,
    /// and `discard` after the transaction.
    func begin(warehousePath: String?, rules: TimeZoneRules, definitions: ModelDefinitions,
               buildUnderWay: BackgroundWebSessionBuild? = nil) throws -> Update {
        var unusedBuild = buildUnderWay
        defer { unusedBuild?.cancel() }
        try database.execute("""
            drop table if exists temp.touched_session_ids;
            create temp table touched_session_ids (session_id text primary key);
            """)
        let firstBuildCause = try Self.firstBuildCause(in: database, timeZoneIdentifier: timeZoneIdentifier,
                                                       definitions: definitions)
        switch firstBuildCause {
        case .timeZoneChanged?:
            logger.info("time zone changed: rebuilding the web sessions from every loaded file")
            try dropKeptTables()
        case .definitionsChanged?:
            // The transform has said why, once for every kept model.
            try dropKeptTables()
        case .nothingKept?, nil:
            // Nothing to drop; a merge state without sessions (a pipeline with no web feed
            // yet) stays, so the referral models are not rebuilt for it.
            break
        }
        try database.execute(try Self.sql("incremental_tables"))
        let mergedThrough = try database.scalar("select merged_through_file_id from web_session_merge_state")?.int64
        if mergedThrough == nil {
            try database.prepare("insert into web_session_merge_state values (0, ?)").run([.text(timeZoneIdentifier)])
        }
        let newThrough = try database.scalar("select max(file_id) from web_session_parts")?.int64 ?? 0
        guard newThrough > (mergedThrough ?? 0) else { return Update(rebuildsEverySession: mergedThrough == nil) }

        // Every cause leaves no session kept.
        let isFirstBuild = firstBuildCause != nil
        if isFirstBuild, let warehousePath {
            let background = try buildUnderWay ?? BackgroundWebSessionBuild(warehousePath: warehousePath, rules: rules, logger: logger)
            unusedBuild = nil
            return Update(rebuildsEverySession: true, through: newThrough, background: background)
        }
        let update = Update(rebuildsEverySession: isFirstBuild, through: newThrough)
        if isFirstBuild {
            try buildFromEveryPart()
        } else {
            try mergeNewParts()
        }
        try finishMerge(update)
        return update
    }

    /// Completes `update`: waits for a background first build and copies its tables in.
    func finish(_ update: Update) throws {
        guard let background = update.background else { return }
        guard try background.wait() == update.through else {
            // Only if web files were loaded after the build took its snapshot.
            logger.info("the web session build missed files loaded after it began: building the sessions again")
            background.cancel()
            try buildFromEveryPart()
            try finishMerge(update)
            return
        }
        let copyStarted = DispatchTime.now()
        // Attached inside the transaction so the copy is part of it; detached by `discard`,
        // after the commit (SQLite detaches nothing a transaction has read).
        try database.prepare("attach database ? as web_build").run([.text(background.scratchPath)])
        update.isAttached = true
        // The sessions are copied row by row in key order, not by SQLite's bulk transfer
        // (which a plain `select *` gets): the transfer packs every leaf full, so each of the
        // next nights' new sessions, whose ids fall at random, split a full leaf and wrote
        // three pages. Inserted in order, leaves keep about a tenth free, as nights' inserts
        // leave them anyway. A year at bench scale: the first night after a cold load wrote
        // 27,000 session pages, now about 11,000 (0.35 s of a 3 s night); the copy costs the
        // cold run about 1 s more.
        try database.execute("""
            insert into main.stg_web__sessions select * from web_build.stg_web__sessions order by session_id;
            insert into main.int_session_counts_by_week select * from web_build.int_session_counts_by_week;
            delete from main.web_event_span;
            insert into main.web_event_span select * from web_build.web_event_span;
            """)
        logger.debug("copied the web sessions built on a second connection in \(Self.seconds(since: copyStarted)) s")
        try finishMerge(update)
    }

    private func finishMerge(_ update: Update) throws {
        try database.prepare("update web_session_merge_state set merged_through_file_id = ?").run([.integer(update.through)])
        logger.debug("merged web session parts through file \(update.through) (\(update.rebuildsEverySession ? "first build" : "incremental")\(update.isAttached ? ", on a second connection" : "")) in \(Self.seconds(since: update.startedAt)) s")
    }

    /// The first build, on a scratch database's own connection (BackgroundWebSessionBuild)
    /// with the warehouse attached: the kept tables are made in the scratch database and
    /// filled from every part the warehouse holds.
    func buildFromEveryPartIntoScratch() throws {
        try database.execute(try Self.sql("incremental_tables"))
        try database.prepare("insert into web_session_merge_state values (0, ?)").run([.text(timeZoneIdentifier)])
        try buildFromEveryPart()
    }

    private func dropKeptTables() throws {
        try database.execute("""
            drop table if exists stg_web__sessions; drop table if exists int_session_counts_by_week;
            drop table if exists web_event_span; drop table if exists web_session_merge_state;
            """)
    }

    /// Every part is new and no session is staged: the merge's rows are the table, and the
    /// counts are one grouping of it.
    private func buildFromEveryPart() throws {
        try database.execute("""
            drop table if exists temp.touched_sessions_before;
            create temp table touched_sessions_before as select * from stg_web__sessions where 0;
            """)
        try definePartsToMerge()
        var step = DispatchTime.now()
        try database.execute("insert into stg_web__sessions \(try Self.sql("stg_web__sessions"))")
        try rankFirstEventsOfMultiPartSessions(in: "main.stg_web__sessions")
        logger.debug("built stg_web__sessions from every part in \(Self.seconds(since: step)) s (peak resident \(Database.peakResidentMegabytes) MB)")
        step = DispatchTime.now()
        try database.execute("""
            drop view if exists temp.counted_sessions;
            create temp view counted_sessions as select 1 as sign, * from stg_web__sessions;
            """)
        try database.execute("insert into int_session_counts_by_week \(try Self.sql("int_session_counts_by_week"))")
        logger.debug("built int_session_counts_by_week from every session in \(Self.seconds(since: step)) s (peak resident \(Database.peakResidentMegabytes) MB)")
        try database.execute("""
            delete from web_event_span;
            insert into web_event_span select min(first_event_at), max(last_event_at) from stg_web__sessions;
            drop view temp.counted_sessions; drop view temp.web_session_parts_to_merge;
            drop table temp.touched_sessions_before;
            """)
    }

    /// The parts this run merges: new parts and the staged rows of the sessions they touch.
    private func definePartsToMerge() throws {
        try database.execute("drop view if exists temp.web_session_parts_to_merge")
        try database.execute("create temp view web_session_parts_to_merge as \(try Self.sql("web_session_parts_to_merge"))")
    }

    /// The grouping pass leaves a multi-part session's first event to chance; this sets it
    /// from its parts ranked exactly. `table` holds the rows just merged.
    private func rankFirstEventsOfMultiPartSessions(in table: String) throws {
        try database.execute("""
            drop table if exists temp.multi_part_sessions;
            create temp table multi_part_sessions as select session_id from \(table) where part_count > 1;
            """)
        if try database.scalar("select count(*) from (select 1 from temp.multi_part_sessions limit 1)")?.int == 1 {
            try database.execute("""
                update \(table) as sessions set
                    first_event_file_id = firsts.first_event_file_id,
                    first_event_line = firsts.first_event_line,
                    utm_source = firsts.utm_source,
                    referrer_host = firsts.referrer_host,
                    utm_medium = firsts.utm_medium,
                    utm_campaign = firsts.utm_campaign,
                    first_page_view_at = firsts.first_page_view_at,
                    first_page_view_file_id = firsts.first_page_view_file_id,
                    first_page_view_line = firsts.first_page_view_line,
                    landing_page = firsts.landing_page
                from (\(try Self.sql("stg_web__session_first_parts"))) as firsts
                where firsts.session_id = sessions.session_id
                """)
        }
        try database.execute("drop table temp.multi_part_sessions")
    }

    /// Merges the new parts into the staged sessions they touch, then moves the counts by
    /// the difference between those sessions before and after.
    private func mergeNewParts() throws {
        try database.execute("""
            drop table if exists temp.touched_sessions_before; drop table if exists temp.touched_sessions_after;
            create temp table touched_sessions_before as
            select * from stg_web__sessions
            where session_id in (
                select session_id from web_session_parts
                where file_id > (select merged_through_file_id from web_session_merge_state)
            );
            """)
        try definePartsToMerge()
        try database.execute("create temp table touched_sessions_after as \(try Self.sql("stg_web__sessions"))")
        try rankFirstEventsOfMultiPartSessions(in: "temp.touched_sessions_after")
        try database.execute("""
            delete from stg_web__sessions where session_id in (select session_id from temp.touched_sessions_before);
            insert or fail into stg_web__sessions select * from temp.touched_sessions_after order by session_id;
            """)
        try database.execute("insert into temp.touched_session_ids select session_id from temp.touched_sessions_after")
        try database.execute("""
            drop view if exists temp.counted_sessions;
            create temp view counted_sessions as
            select 1 as sign, * from temp.touched_sessions_after
            union all
            select -1 as sign, * from temp.touched_sessions_before;
            """)
        try database.execute("""
            insert into int_session_counts_by_week
            select * from (\(try Self.sql("int_session_counts_by_week"))) where true
            on conflict (session_week, utm_source, referrer_host, landing_page, utm_medium, utm_campaign) do update set
                sessions = sessions + excluded.sessions,
                form_starts = form_starts + excluded.form_starts,
                form_submits = form_submits + excluded.form_submits,
                all_sessions = all_sessions + excluded.all_sessions,
                first_event_at = min(first_event_at, excluded.first_event_at),
                first_event_file_id = case
                    when (excluded.first_event_at, excluded.first_event_file_id, excluded.first_event_line)
                        < (first_event_at, first_event_file_id, first_event_line)
                    then excluded.first_event_file_id else first_event_file_id end,
                first_event_line = case
                    when (excluded.first_event_at, excluded.first_event_file_id, excluded.first_event_line)
                        < (first_event_at, first_event_file_id, first_event_line)
                    then excluded.first_event_line else first_event_line end
            """)
        // A merged session that was a group's earliest may have left the group (its first
        // event moved to an earlier file): that group's earliest is looked up again. Rare:
        // a session's first event moves only when a later-loaded file holds earlier events.
        try database.execute("""
            delete from int_session_counts_by_week where all_sessions = 0;
            update int_session_counts_by_week as counts
            set (first_event_at, first_event_file_id, first_event_line) = (
                select sessions.first_event_at, sessions.first_event_file_id, sessions.first_event_line
                from stg_web__sessions as sessions
                where iso_week(sessions.first_event_at) = counts.session_week
                    and coalesce(sessions.utm_source, '') = counts.utm_source
                    and coalesce(sessions.referrer_host, '') = counts.referrer_host
                    and coalesce(sessions.landing_page, '') = counts.landing_page
                    and coalesce(sessions.utm_medium, '') = counts.utm_medium
                    and coalesce(sessions.utm_campaign, '') = counts.utm_campaign
                order by 1, 2, 3
                limit 1
            )
            where exists (
                select 1
                from temp.touched_sessions_before as before
                inner join temp.touched_sessions_after as after on after.session_id = before.session_id
                where before.first_event_at = counts.first_event_at
                    and before.first_event_file_id = counts.first_event_file_id
                    and before.first_event_line = counts.first_event_line
                    and (after.first_event_at, after.first_event_file_id, after.first_event_line)
                        is not (before.first_event_at, before.first_event_file_id, before.first_event_line)
            );
            """)
        try database.execute("""
            update web_event_span set
                earliest = min(coalesce(earliest, 9223372036854775807),
                               coalesce((select min(first_event_at) from temp.touched_sessions_after), 9223372036854775807)),
                latest = max(coalesce(latest, -9223372036854775808),
                             coalesce((select max(last_event_at) from temp.touched_sessions_after), -9223372036854775808));
            drop view temp.counted_sessions; drop view temp.web_session_parts_to_merge;
            drop table temp.touched_sessions_before; drop table temp.touched_sessions_after;
            """)
    }

    private static func sql(_ name: String) throws -> String {
        try Resources.model("incremental/" + name)
    }

    private static func seconds(since started: DispatchTime) -> String {
        String(format: "%.2f", Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)
    }
}
