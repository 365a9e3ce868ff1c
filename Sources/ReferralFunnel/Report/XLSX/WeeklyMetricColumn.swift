/// One metric of SPEC section 4 as a workbook column: its label, how it is shown, and which
/// value of the model it shows. The writer formats these values; it computes none of them.
struct WeeklyMetricColumn: Sendable {
    enum Kind: Sendable {
        case count, rate, hours, days
    }

    let label: String
    let kind: Kind
    let value: @Sendable (FunnelMetricsRow) -> Double?

    var format: XLSXFormat {
        switch kind {
        case .count: return WeeklyWorkbookStyle.count
        case .rate: return WeeklyWorkbookStyle.percent
        case .hours, .days: return WeeklyWorkbookStyle.duration
        }
    }

    private static func count(_ label: String, _ value: @escaping @Sendable (FunnelMetricsRow) -> Int) -> Self {
        WeeklyMetricColumn(label: label, kind: .count, value: { Double(value($0)) })
    }

    /// Every count and rate of section 4, each rate right after the counts it divides.
    static let all: [WeeklyMetricColumn] = [
        count("Sessions") { $0.sessions },
        count("Form starts") { $0.formStarts },
        count("Form submits") { $0.formSubmits },
        WeeklyMetricColumn(label: "Submit rate", kind: .rate) { $0.submitRate },
        count("Referrals") { $0.referrals },
        count("Complete") { $0.complete },
        WeeklyMetricColumn(label: "Completeness", kind: .rate) { $0.completeness },
        count("Returned") { $0.returned },
        count("Accepted") { $0.accepted },
        WeeklyMetricColumn(label: "Acceptance", kind: .rate) { $0.acceptance },
        count("Confirmed") { $0.confirmed },
        count("Confirmed within SLA") { $0.confirmedWithinSLA },
        WeeklyMetricColumn(label: "SLA rate", kind: .rate) { $0.slaRate },
        WeeklyMetricColumn(label: "Median hours to confirm", kind: .hours) { $0.medianHoursToConfirm },
        count("Scheduled") { $0.scheduled },
        WeeklyMetricColumn(label: "Scheduling conversion", kind: .rate) { $0.schedulingConversion },
        WeeklyMetricColumn(label: "Median days to first appointment", kind: .days) {
            $0.medianDaysToFirstAppointment
        },
        WeeklyMetricColumn(label: "P90 days to first appointment", kind: .days) { $0.p90DaysToFirstAppointment },
        count("Completed") { $0.completed },
        WeeklyMetricColumn(label: "Completion", kind: .rate) { $0.completion },
        count("No-show appointments") { $0.noShowAppointments },
        count("Attended appointments") { $0.attendedAppointments },
        WeeklyMetricColumn(label: "No-show rate", kind: .rate) { $0.noShowRate },
        count("Closed loop") { $0.closedLoop },
        WeeklyMetricColumn(label: "Closed-loop rate", kind: .rate) { $0.closedLoopRate },
        count("Stalled") { $0.stalled },
    ]

    static func named(_ label: String) -> WeeklyMetricColumn? {
        all.first { $0.label == label }
    }
}
