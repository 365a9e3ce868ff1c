/// Vertical bars over categories with a count axis: weekly referral volume and the
/// time-to-first-appointment histogram.
struct ColumnChart {
    struct Column {
        var label: String
        var value: Int
    }

    var id: String
    var title: String
    var description: String
    var columns: [Column]
    var xAxisTitle: String
    var yAxisTitle: String

    func render() -> HTMLNode {
        let left = 48.0, right = 16.0, top = 26.0, plotHeight = 170.0
        let width = 640.0
        let plotWidth = width - left - right
        let height = top + plotHeight + 44
        let ticks = ChartAxis.countTicks(maximum: Double(columns.map(\.value).max() ?? 0))
        let maximum = ticks.last ?? 1
        let slot = columns.isEmpty ? plotWidth : plotWidth / Double(columns.count)
        func y(_ value: Double) -> Double { top + plotHeight * (1 - value / maximum) }

        var content: [HTMLNode] = []
        for tick in ticks {
            content.append(ChartStyle.line(x1: left, y1: y(tick), x2: left + plotWidth, y2: y(tick), stroke: ChartStyle.grid))
            content.append(ChartStyle.text(ChartAxis.countLabel(tick), x: left - 6, y: y(tick) + 4, anchor: "end",
                                           className: "tick"))
        }
        let labelEvery = columns.count > 8 ? 2 : 1
        for (index, column) in columns.enumerated() {
            let x = left + Double(index) * slot
            let value = Double(column.value)
            content.append(ChartStyle.rect(x: x + slot * 0.15, y: y(value), width: slot * 0.7,
                                           height: top + plotHeight - y(value), fill: ChartStyle.blue,
                                           tooltip: "\(column.label): \(column.value)"))
            if column.value > 0 {
                content.append(ChartStyle.text(String(column.value), x: x + slot / 2, y: y(value) - 4, anchor: "middle",
                                               className: "value"))
            }
            if (columns.count - 1 - index) % labelEvery == 0 {
                content.append(ChartStyle.text(column.label, x: x + slot / 2, y: top + plotHeight + 16, anchor: "middle",
                                               className: "tick"))
            }
        }
        content.append(ChartStyle.line(x1: left, y1: top, x2: left, y2: top + plotHeight, stroke: ChartStyle.ink))
        content.append(ChartStyle.line(x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight,
                                       stroke: ChartStyle.ink))
        content.append(ChartStyle.text(xAxisTitle, x: left + plotWidth / 2, y: height - 6, anchor: "middle",
                                       className: "muted"))
        content.append(ChartStyle.text(yAxisTitle, x: left - 40, y: 14, className: "muted"))
        return ChartStyle.frame(id: id, width: width, height: height, title: title, description: description, content)
    }
}
