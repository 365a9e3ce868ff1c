/// Checks run on the models after every transform, like dbt's tests: keys unique and not
/// null, statuses within the accepted values, links pointing at rows that exist, and the
/// funnel monotonic where the spec makes it so. Each query returns the failing rows.
enum DataTests {
    static let checks: [(name: String, sql: String)] = [
        // Keys of the kept models are unique and present by their unique indexes and the
        // loaded rows' not-null keys (IncrementalReferralModels, migration 1).
        // Facts are built from staged referrals with unique keys, so equal counts mean one
        // fact per referral; a fact whose source does not resolve would vanish from fct_referrals.
        ("int_referral_facts one row per referral",
         "select 'facts ' || (select count(*) from int_referral_facts) || ', referrals ' || (select count(*) from stg_intake__referrals) where (select count(*) from int_referral_facts) <> (select count(*) from stg_intake__referrals)"),
        ("every referral's source resolves",
         "select referral_id from int_referral_facts where source_key not in (select source_key from int_sources)"),
        ("int_session_counts_by_week counts within bounds",
         "select session_week || ' ' || utm_source || ' ' || referrer_host from int_session_counts_by_week where sessions < 0 or form_starts < 0 or form_submits < 0 or all_sessions <= 0 or sessions > all_sessions or form_starts > sessions or form_submits > sessions"),
        ("intake status accepted values",
         "select referral_id from stg_intake__referrals where status not in ('received', 'accepted', 'declined', 'returned', 'cancelled')"),
        ("appointment status accepted values",
         "select appointment_id from stg_scheduling__appointments where status not in ('scheduled', 'completed', 'no_show', 'cancelled', 'rescheduled')"),
        ("appointment links point at existing referrals",
         "select appointment_id from int_appointments_linked_to_referrals where linked_referral_id is not null and linked_referral_id not in (select referral_id from stg_intake__referrals)"),
        ("every source key resolves to one source",
         "select source_key from int_sources group by source_key having count(*) > 1 or min(source_name) is null"),
        ("funnel_by_source_period one row per period and source",
         "select period_key || ' ' || source_name from funnel_by_source_period group by period_key, source_name having count(*) > 1"),
        ("funnel monotonic",
         """
         select period_key || ' ' || source_name from funnel_by_source_period
         where complete > referrals or returned > referrals or accepted > referrals or confirmed > referrals
            or confirmed_within_sla > confirmed or scheduled > referrals or completed > scheduled
            or closed_loop > completed or stalled > accepted or form_starts > sessions or form_submits > sessions
         """),
    ]

    /// Checks that read every kept session (millions at health-system scale): run when the
    /// kept models are built from every row, not each night, whose equality with such a
    /// build is tested end to end (NightlyIncrementalRunTests).
    static let fullBuildChecks: [(name: String, sql: String)] = [
        ("int_session_counts_by_week counts every staged session once",
         "select 'counted ' || (select sum(all_sessions) from int_session_counts_by_week) || ', staged ' || (select count(*) from stg_web__sessions) where (select coalesce(sum(all_sessions), 0) from int_session_counts_by_week) <> (select count(*) from stg_web__sessions)"),
    ]

    /// The failures, each naming the check and up to five failing rows; empty when all pass.
    static func run(on database: Database, fullBuild: Bool = true) throws -> [String] {
        var failures: [String] = []
        for check in checks + (fullBuild ? fullBuildChecks : []) {
            let rows = try database.rows(check.sql)
            guard !rows.isEmpty else { continue }
            let examples = rows.prefix(5).map { $0.first?.description ?? "NULL" }.joined(separator: ", ")
            failures.append("\(check.name): \(rows.count) failing row(s), e.g. \(examples)")
        }
        return failures
    }
}
