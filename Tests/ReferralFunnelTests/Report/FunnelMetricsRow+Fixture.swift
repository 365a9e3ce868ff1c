import ReferralFunnel

/// Rows written out by hand in fixtures, with one argument per metric they set.
extension FunnelMetricsRow {
    init(period: Period, source: String, sessions: Int = 0, formStarts: Int = 0, formSubmits: Int = 0,
         referrals: Int = 0, complete: Int = 0, returned: Int = 0, accepted: Int = 0, declined: Int = 0,
         confirmed: Int = 0, confirmedWithinSLA: Int = 0, medianHoursToConfirm: Double? = nil, scheduled: Int = 0,
         medianDaysToFirstAppointment: Double? = nil, p90DaysToFirstAppointment: Double? = nil,
         completed: Int = 0, noShowAppointments: Int = 0, attendedAppointments: Int = 0,
         closedLoop: Int = 0, stalled: Int = 0) {
        self.init(period: period, source: source)
        let values: [(Metric.Name, Double?)] = [
            ("sessions", Double(sessions)), ("form_starts", Double(formStarts)), ("form_submits", Double(formSubmits)),
            ("referrals", Double(referrals)), ("complete", Double(complete)), ("returned", Double(returned)),
            ("accepted", Double(accepted)), ("declined", Double(declined)), ("confirmed", Double(confirmed)),
            ("confirmed_within_sla", Double(confirmedWithinSLA)), ("median_hours_to_confirm", medianHoursToConfirm),
            ("scheduled", Double(scheduled)), ("median_days_to_first_appointment", medianDaysToFirstAppointment),
            ("p90_days_to_first_appointment", p90DaysToFirstAppointment), ("completed", Double(completed)),
            ("no_show_appointments", Double(noShowAppointments)),
            ("attended_appointments", Double(attendedAppointments)), ("closed_loop", Double(closedLoop)),
            ("stalled", Double(stalled)),
        ]
        for (name, value) in values {
            set(name, value)
        }
    }

    var formStarts: Int { count("form_starts") }
    var formSubmits: Int { count("form_submits") }
    var returned: Int { count("returned") }
    var accepted: Int { count("accepted") }
    var declined: Int { count("declined") }
    var confirmed: Int { count("confirmed") }
    var medianHoursToConfirm: Double? { self["median_hours_to_confirm"] }
    var scheduled: Int { count("scheduled") }
    var completed: Int { count("completed") }
    var noShowAppointments: Int { count("no_show_appointments") }
    var attendedAppointments: Int { count("attended_appointments") }
    var closedLoop: Int { count("closed_loop") }
}
