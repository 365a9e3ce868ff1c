/// A `metrics.csv` column `explain` can trace, and how one row of the marts takes part in
/// it. The conditions read the same `fct_referrals` / `fct_sessions` flags that
/// `funnel_by_source_period` sums, so a metric keeps one definition (in the marts); the
/// explainer also checks its listing against the cell it explains.
public enum ExplainedMetric: String, CaseIterable, Sendable {
    case sessions, formStarts = "form_starts", formSubmits = "form_submits"
    case referrals, complete, returned, accepted, confirmed
    case confirmedWithinSLA = "confirmed_within_sla"
    case medianHoursToConfirm = "median_hours_to_confirm"
    case scheduled
    case medianDaysToFirstAppointment = "median_days_to_first_appointment"
    case p90DaysToFirstAppointment = "p90_days_to_first_appointment"
    case completed
    case noShowAppointments = "no_show_appointments"
    case attendedAppointments = "attended_appointments"
    case closedLoop = "closed_loop"
    case stalled

    /// What the cell holds: a count of rows, a sum of per-referral counts, or a statistic
    /// of per-referral values.
    public enum Aggregate: Sendable {
        case count
        case sum
        case percentile(Double)
    }

    public var isWebMetric: Bool { [.sessions, .formStarts, .formSubmits].contains(self) }

    public var aggregate: Aggregate {
        switch self {
        case .noShowAppointments, .attendedAppointments: return .sum
        case .medianHoursToConfirm, .medianDaysToFirstAppointment: return .percentile(0.5)
        case .p90DaysToFirstAppointment: return .percentile(0.9)
        default: return .count
        }
    }

    /// The SQL condition on a `fct_sessions` or `fct_referrals` row that puts it in the cell.
    var condition: String {
        switch self {
        case .sessions: return "has_page_view"
        case .formStarts: return "has_page_view and has_form_start"
        case .formSubmits: return "has_page_view and has_form_submit"
        case .referrals: return "1"
        case .complete: return "is_complete"
        case .returned: return "has_been_returned"
        case .accepted: return "has_been_accepted"
        case .confirmed: return "is_confirmed"
        case .confirmedWithinSLA: return "is_confirmed_within_sla"
        case .medianHoursToConfirm: return "hours_to_confirm is not null"
        case .scheduled: return "is_scheduled"
        case .medianDaysToFirstAppointment, .p90DaysToFirstAppointment: return "days_to_first_appointment is not null"
        case .completed: return "is_completed"
        case .noShowAppointments: return "no_show_appointments > 0"
        case .attendedAppointments: return "attended_appointments > 0"
        case .closedLoop: return "is_closed_loop"
        case .stalled: return "is_stalled"
        }
    }

    /// The unit of the value listed beside each referral; nil when the ID alone says everything.
    public var valueUnit: String? { value?.unit }

    /// The per-referral value shown beside each ID, and its unit.
    var value: (column: String, unit: String)? {
        switch self {
        case .confirmed, .confirmedWithinSLA, .medianHoursToConfirm: return ("hours_to_confirm", "hours to confirm")
        case .medianDaysToFirstAppointment, .p90DaysToFirstAppointment, .scheduled:
            return ("days_to_first_appointment", "days to first appointment")
        case .noShowAppointments: return ("no_show_appointments", "no-show appointments")
        case .attendedAppointments: return ("attended_appointments", "attended appointments")
        case .stalled: return ("days_since_received", "days since received")
        default: return nil
        }
    }
}
