/// Checks run on the models after every transform, like dbt's tests: keys unique and not
/// null, statuses within the accepted values, links pointing at rows that exist, and the
/// funnel monotonic where the spec makes it so. Each query returns the failing rows.
enum DataTests {
    struct Check {
        var name: String
        var sql: String
        /// On a night (a scoped build), the condition that limits a check over a kept model
        /// to the rows rebuilt this run: the others passed when they were built, and nothing
        /// these checks compare them with can change under them (referrals are never removed;
        /// a registry change rebuilds everything). nil: the check reads small tables whole.
        var scopedTo: String? = nil

        func sql(scoped: Bool) -> String {
            guard scoped, let scopedTo else { return sql }
            return "select * from (\(sql)) where \(scopedTo)"
        }
    }

    static let checks: [Check] = [
        // Keys of the kept models are unique and present by their unique indexes and the
        // loaded rows' not-null keys (IncrementalReferralModels, migration 1).
        // Facts are built from staged referrals with unique keys, so equal counts mean one
        // fact per referral; a fact whose source does not resolve would vanish from fct_referrals.
        Check(name: "int_referral_facts one row per referral",
              sql: "select 'facts ' || (select count(*) from int_referral_facts) || ', referrals ' || (select count(*) from stg_intake__referrals) where (select count(*) from int_referral_facts) <> (select count(*) from stg_intake__referrals)"),
        Check(name: "every referral's source resolves",
              sql: "select referral_id from int_referral_facts where source_key not in (select source_key from int_sources)",
              scopedTo: "referral_id in (select referral_id from temp.scope_facts)"),
        Check(name: "int_session_counts_by_week counts within bounds",
              sql: "select session_week || ' ' || utm_source || ' ' || referrer_host from int_session_counts_by_week where sessions < 0 or form_starts < 0 or form_submits < 0 or all_sessions <= 0 or sessions > all_sessions or form_starts > sessions or form_submits > sessions"),
        Check(name: "intake status accepted values",
              sql: "select referral_id from stg_intake__referrals where status not in ('received', 'accepted', 'declined', 'returned', 'cancelled')",
              scopedTo: "referral_id in (select referral_id from temp.scope_referrals)"),
        Check(name: "appointment status accepted values",
              sql: "select appointment_id from stg_scheduling__appointments where status not in ('scheduled', 'completed', 'no_show', 'cancelled', 'rescheduled')",
              scopedTo: "appointment_id in (select appointment_id from temp.scope_appointments)"),
        Check(name: "appointment links point at existing referrals",
              sql: "select appointment_id from int_appointments_linked_to_referrals where linked_referral_id is not null and linked_referral_id not in (select referral_id from stg_intake__referrals)",
              scopedTo: "appointment_id in (select appointment_id from temp.scope_links)"),
        Check(name: "every source key resolves to one source",
              sql: "select source_key from int_sources group by source_key having count(*) > 1 or min(source_name) is null"),
        Check(name: "funnel_by_source_period one row per period and source",
              sql: "select period_key || ' ' || source_name from funnel_by_source_period group by period_key, source_name having count(*) > 1"),
        Check(name: "funnel monotonic",
              sql: """
                  select period_key || ' ' || source_name from funnel_by_source_period
                  where complete > referrals or returned > referrals or accepted > referrals or confirmed > referrals
                     or confirmed_within_sla > confirmed or scheduled > referrals or completed > scheduled
                     or closed_loop > completed or stalled > accepted or form_starts > sessions or form_submits > sessions
                  """),
        // SPEC 4.1's marts: their grain, their funnel, and the same sessions as section 4's
        // (every session with a page_view has one landing page and one campaign).
        Check(name: "funnel_by_landing_page_period one row per period and landing page",
              sql: "select period_key || ' ' || landing_page from funnel_by_landing_page_period group by period_key, landing_page having count(*) > 1"),
        Check(name: "funnel_by_campaign_period one row per period and campaign",
              sql: "select period_key || ' ' || utm_source || ' ' || utm_medium || ' ' || utm_campaign from funnel_by_campaign_period group by period_key, utm_source, utm_medium, utm_campaign having count(*) > 1"),
        Check(name: "landing page and campaign funnels monotonic and non-zero",
              sql: """
                  select period_key || ' ' || landing_page from funnel_by_source_landing_page_period
                  where form_starts > sessions or form_submits > sessions or scheduled > referrals or completed > scheduled
                     or sessions + referrals = 0 or min(sessions, form_starts, form_submits, referrals, scheduled, completed) < 0
                  union all
                  select period_key || ' ' || utm_source || ' ' || utm_medium || ' ' || utm_campaign from funnel_by_source_campaign_period
                  where form_starts > sessions or form_submits > sessions or scheduled > referrals or completed > scheduled
                     or sessions + referrals = 0 or min(sessions, form_starts, form_submits, referrals, scheduled, completed) < 0
                  """),
        Check(name: "landing pages and campaigns count the sessions of the funnel",
              sql: """
                  select funnel.period_key || ' ' || funnel.sessions || ' ' || coalesce(pages.sessions, 0) || ' ' || coalesce(campaigns.sessions, 0)
                  from funnel_by_source_period as funnel
                  left join (select period_key, sum(sessions) as sessions, sum(form_submits) as form_submits
                             from funnel_by_landing_page_period group by period_key) as pages
                      on pages.period_key = funnel.period_key
                  left join (select period_key, sum(sessions) as sessions, sum(form_submits) as form_submits
                             from funnel_by_campaign_period group by period_key) as campaigns
                      on campaigns.period_key = funnel.period_key
                  where funnel.source_name = '(all)'
                      and (funnel.sessions <> coalesce(pages.sessions, 0) or funnel.sessions <> coalesce(campaigns.sessions, 0)
                           or funnel.form_submits <> coalesce(pages.form_submits, 0)
                           or funnel.form_submits <> coalesce(campaigns.form_submits, 0))
                  """),
    ]

    /// Checks that read every kept session (millions at health-system scale): run when the
    /// kept models are built from every row, not each night, whose equality with such a
    /// build is tested end to end (NightlyIncrementalRunTests).
    static let fullBuildChecks: [Check] = [
        Check(name: "int_session_counts_by_week counts every staged session once",
              sql: "select 'counted ' || (select sum(all_sessions) from int_session_counts_by_week) || ', staged ' || (select count(*) from stg_web__sessions) where (select coalesce(sum(all_sessions), 0) from int_session_counts_by_week) <> (select count(*) from stg_web__sessions)"),
    ]

    /// The failures, each naming the check and up to five failing rows; empty when all pass.
    static func run(on database: Database, fullBuild: Bool = true) throws -> [String] {
        var failures: [String] = []
        for check in checks + (fullBuild ? fullBuildChecks : []) {
            let rows = try database.rows(check.sql(scoped: !fullBuild))
            guard !rows.isEmpty else { continue }
            let examples = rows.prefix(5).map { $0.first?.description ?? "NULL" }.joined(separator: ", ")
            failures.append("\(check.name): \(rows.count) failing row(s), e.g. \(examples)")
        }
        return failures
    }
}
