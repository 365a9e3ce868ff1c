/// Counts summed over several weekly mart rows: the workbook's "all others" series and the
/// Summary's comparison with the weeks before. Only counts add up; a rate of the sum comes
/// from the summed numerator and denominator (FunnelMetricsRow derives it), never as a mean
/// of rates, and medians and percentiles, which no sum gives, are left empty.
extension WeeklyWorkbookData {
    /// The counts of `sources` over `periods`, as one row named `name`.
    func summedCounts(of sources: [String], over periods: [Period], as name: String) -> FunnelMetricsRow {
        var sum = FunnelMetricsRow(period: periods.last ?? reportWeek, source: name)
        for metric in MetricCatalogue.all where metric.isCount {
            var total = 0
            for period in periods {
                for source in sources { total += metrics(period, source).count(metric.name) }
            }
            sum.set(metric.name, Double(total))
        }
        return sum
    }

    /// The weeks with data before the report week, the latest `count` of them, ascending:
    /// the Summary's "4 weeks before". Fewer at the start of the history.
    func weeksBeforeReportWeek(_ count: Int) -> [Period] {
        model.weeks.filter { $0 < model.reportWeek }.suffix(count).map(Period.week)
    }
}
