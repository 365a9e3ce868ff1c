/// Every metric of SPEC section 4, declared once. metrics.csv, the HTML tables and funnel, the
/// workbook's columns and Definitions sheet, `explain`, the README's metric table and the SQL
/// models that only pass counts along (see `ModelPlaceholders`) all read this list, so adding
/// a count is its SQL in `int_referral_metrics_by_week.sql` (and the per-referral flag it sums
/// in `int_referral_facts.sql`), one entry here, and its tests.
///
/// The order is the workbook's, each rate right after the counts it divides; metrics.csv keeps
/// the stored metrics it carries in this order, which is SPEC section 4's.
public enum MetricCatalogue {
    public static let all: [Metric] = [
        .init("sessions", label: "Sessions", kind: .count(.sessions),
              definition: "Sessions with at least one page_view.",
              explanation: .init(condition: "has_page_view"), funnelStage: .init()),
        .init("form_starts", label: "Form starts", kind: .count(.sessions),
              definition: "Of those sessions, the ones with a form_start.",
              explanation: .init(condition: "has_page_view and has_form_start"), funnelStage: .init(base: "sessions")),
        .init("form_submits", label: "Form submits", kind: .count(.sessions),
              definition: "Of those sessions, the ones with a form_submit.",
              explanation: .init(condition: "has_page_view and has_form_submit"),
              funnelStage: .init(base: "form_starts")),
        .init("submit_rate", label: "Submit rate", kind: .rate(numerator: "form_submits", denominator: ["sessions"]),
              definition: "Form submits divided by sessions."),
        // Referrals start a new base in the funnel: they arrive by fax, portal and phone as
        // well as the web form, so dividing them by form submits would mean nothing.
        .init("referrals", label: "Referrals", kind: .count(.referrals),
              definition: "Referrals received.",
              explanation: .init(condition: "1"), funnelStage: .init()),
        .init("complete", label: "Complete", kind: .count(.referrals),
              definition: "Referrals with no missing items at receipt.",
              explanation: .init(condition: "is_complete"), funnelStage: .init(base: "referrals")),
        .init("completeness", label: "Completeness", kind: .rate(numerator: "complete", denominator: ["referrals"]),
              definition: "Complete divided by referrals."),
        .init("returned", label: "Returned", kind: .count(.referrals),
              definition: "Referrals whose status history holds returned.",
              explanation: .init(condition: "has_been_returned")),
        .init("accepted", label: "Accepted", kind: .count(.referrals),
              definition: "Referrals whose status history holds accepted.",
              explanation: .init(condition: "has_been_accepted"), funnelStage: .init(base: "referrals")),
        .init("acceptance", label: "Acceptance", kind: .rate(numerator: "accepted", denominator: ["referrals"]),
              definition: "Accepted divided by referrals."),
        .init("declined", label: "Declined", kind: .count(.referrals),
              definition: "Referrals whose status history holds declined.", isInMetricsCSV: false,
              explanation: .init(condition: "has_been_declined"), funnelStage: .init(base: "referrals")),
        .init("confirmed", label: "Confirmed", kind: .count(.referrals),
              definition: "Referrals with a confirmed_at.",
              explanation: .init(condition: "is_confirmed", valueColumn: "hours_to_confirm",
                                 valueUnit: "hours to confirm")),
        .init("confirmed_within_sla", label: "Confirmed within SLA", kind: .count(.referrals),
              definition: "Referrals confirmed no more than {sla_hours} hours after they were received.",
              explanation: .init(condition: "is_confirmed_within_sla", valueColumn: "hours_to_confirm",
                                 valueUnit: "hours to confirm")),
        .init("sla_rate", label: "SLA rate", kind: .rate(numerator: "confirmed_within_sla", denominator: ["referrals"]),
              definition: "Confirmed within SLA divided by referrals."),
        .init("median_hours_to_confirm", label: "Median hours to confirm",
              kind: .durationQuantile(fraction: 0.5, unit: .hours),
              definition: "Median of confirmed_at minus received_at, in hours, over confirmed referrals.",
              explanation: .init(condition: "hours_to_confirm is not null", valueColumn: "hours_to_confirm",
                                 valueUnit: "hours to confirm")),
        // In the funnel a share of the accepted: scheduling follows acceptance.
        .init("scheduled", label: "Scheduled", kind: .count(.referrals),
              definition: "Referrals with at least one linked appointment.",
              explanation: .init(condition: "is_scheduled", valueColumn: "days_to_first_appointment",
                                 valueUnit: "days to first appointment"),
              funnelStage: .init(base: "accepted")),
        .init("scheduling_conversion", label: "Scheduling conversion",
              kind: .rate(numerator: "scheduled", denominator: ["referrals"]),
              definition: "Scheduled divided by referrals."),
        .init("median_days_to_first_appointment", label: "Median days to first appointment",
              kind: .durationQuantile(fraction: 0.5, unit: .days),
              definition: "Median of the first appointment's start minus received_at, in days; the first appointment "
                  + "is the linked one with the earliest start that is not cancelled or rescheduled.",
              explanation: .init(condition: "days_to_first_appointment is not null",
                                 valueColumn: "days_to_first_appointment", valueUnit: "days to first appointment")),
        .init("p90_days_to_first_appointment", label: "P90 days to first appointment",
              kind: .durationQuantile(fraction: 0.9, unit: .days),
              definition: "90th percentile of the days from receipt to first appointment.",
              explanation: .init(condition: "days_to_first_appointment is not null",
                                 valueColumn: "days_to_first_appointment", valueUnit: "days to first appointment")),
        .init("completed", label: "Completed", kind: .count(.referrals),
              definition: "Referrals with a linked appointment whose status is completed.",
              explanation: .init(condition: "is_completed"),
              funnelStage: .init(label: "Completed visit", base: "scheduled")),
        .init("completion", label: "Completion", kind: .rate(numerator: "completed", denominator: ["scheduled"]),
              definition: "Completed divided by scheduled."),
        .init("no_show_appointments", label: "No-show appointments", kind: .count(.appointments),
              definition: "Linked appointments with status no_show.",
              explanation: .init(condition: "no_show_appointments > 0", valueColumn: "no_show_appointments",
                                 valueUnit: "no-show appointments")),
        .init("attended_appointments", label: "Attended appointments", kind: .count(.appointments),
              definition: "Linked appointments with status completed.",
              explanation: .init(condition: "attended_appointments > 0", valueColumn: "attended_appointments",
                                 valueUnit: "attended appointments")),
        .init("no_show_rate", label: "No-show rate",
              kind: .rate(numerator: "no_show_appointments", denominator: ["no_show_appointments", "attended_appointments"]),
              definition: "No-show appointments divided by no-show plus attended appointments."),
        .init("closed_loop", label: "Closed loop", kind: .count(.referrals),
              definition: "Completed referrals with a completed appointment whose consult note was sent no more "
                  + "than {followup_days} days after it started.",
              explanation: .init(condition: "is_closed_loop"), funnelStage: .init(base: "completed")),
        .init("closed_loop_rate", label: "Closed-loop rate",
              kind: .rate(numerator: "closed_loop", denominator: ["completed"]),
              definition: "Closed loop divided by completed."),
        .init("stalled", label: "Stalled", kind: .count(.referrals),
              definition: "Accepted referrals with no linked appointment other than cancelled or rescheduled ones, "
                  + "received more than {stall_days} days before as_of.",
              explanation: .init(condition: "is_stalled", valueColumn: "days_since_received",
                                 valueUnit: "days since received")),
    ]

    /// The columns of `funnel_by_source_period` the reports read: every count and duration.
    public static var stored: [Metric] { all.filter(\.isStored) }

    /// metrics.csv's metric columns, after `week` and `source`.
    public static var metricsCSV: [Metric] { all.filter(\.isInMetricsCSV) }

    /// The counts of pages.csv and campaigns.csv after their keys (SPEC 4.1): a session's web
    /// stages, and of the referrals that came through the web from it, those received, scheduled
    /// and completed, each as section 4 defines it.
    public static var landingPageCounts: [Metric] {
        ["sessions", "form_starts", "form_submits", "referrals", "scheduled", "completed"].map(entry)
    }

    /// The rates the landing-page and campaign views show: those of the catalogue derived from
    /// `landingPageCounts` alone (submit rate, scheduling conversion, completion).
    public static var landingPageRates: [Metric] {
        let counted = Set(landingPageCounts.map(\.name))
        return all.filter { metric in
            guard case let .rate(numerator, denominator) = metric.kind else { return false }
            return counted.contains(numerator) && denominator.allSatisfy(counted.contains)
        }
    }

    /// What the landing-page and campaign views show, in catalogue order: each rate right
    /// after the counts it divides.
    public static var landingPageColumns: [Metric] {
        let shown = Set((landingPageCounts + landingPageRates).map(\.name))
        return all.filter { shown.contains($0.name) }
    }

    /// The metrics `explain` can trace.
    public static var explainable: [Metric] { all.filter { $0.explanation != nil } }

    private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    public static func named(_ name: Metric.Name) -> Metric? { byName[name] }

    /// The catalogue entry of a name this code itself spells; a typo is a programming error
    /// the catalogue test catches (every such name is looked up there).
    static func entry(_ name: Metric.Name) -> Metric {
        guard let metric = byName[name] else { preconditionFailure("no metric named \(name) in the catalogue") }
        return metric
    }
}
