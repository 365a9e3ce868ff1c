/// Weekly rates as lines over the trend weeks. Each series has its own colour, dash and
/// marker and a legend entry; a week without a value breaks the line instead of dropping
/// to zero.
struct TrendChart {
    struct Series {
        var name: String
        var values: [Double?]
    }

    var id: String
    var title: String
    var description: String
    var weeks: [String]
    var series: [Series]

    func render() -> HTMLNode {
        let left = 48.0, right = 20.0, top = 34.0, plotHeight = 200.0
        let width = 640.0
        let plotWidth = width - left - right
        let height = top + plotHeight + 44
        let step = weeks.count > 1 ? plotWidth / Double(weeks.count - 1) : 0
        func x(_ index: Int) -> Double { weeks.count > 1 ? left + Double(index) * step : left + plotWidth / 2 }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - min(max(value, 0), 1)) }

        var content: [HTMLNode] = []
        for tick in ChartAxis.percentTicks {
            content.append(ChartStyle.line(x1: left, y1: y(tick), x2: left + plotWidth, y2: y(tick), stroke: ChartStyle.grid))
            content.append(ChartStyle.text(ChartAxis.percentLabel(tick), x: left - 6, y: y(tick) + 4, anchor: "end",
                                           className: "tick"))
        }
        for (index, week) in weeks.enumerated() where index % 2 == (weeks.count - 1) % 2 {
            // Every other week, always including the last, keeps labels from overlapping.
            content.append(ChartStyle.text(Self.shortWeek(week), x: x(index), y: top + plotHeight + 16,
                                           anchor: "middle", className: "tick"))
        }
        content.append(ChartStyle.line(x1: left, y1: top, x2: left, y2: top + plotHeight, stroke: ChartStyle.ink))
        content.append(ChartStyle.line(x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight,
                                       stroke: ChartStyle.ink))
        content.append(ChartStyle.text("ISO week", x: left + plotWidth / 2, y: height - 6, anchor: "middle",
                                       className: "muted"))

        var legendX = left
        for (index, line) in series.enumerated() {
            let style = ChartStyle.series[index % ChartStyle.series.count]
            for segment in Self.segments(line.values) {
                let points = segment.map { "\(ChartStyle.number(x($0))),\(ChartStyle.number(y(line.values[$0] ?? 0)))" }
                var attributes = [HTMLAttribute("points", points.joined(separator: " ")),
                                  HTMLAttribute("fill", "none"), HTMLAttribute("stroke", style.colour),
                                  HTMLAttribute("stroke-width", "2")]
                if let dash = style.dash { attributes.append(HTMLAttribute("stroke-dasharray", dash)) }
                content.append(el("polyline", attributes: attributes))
            }
            for (weekIndex, value) in line.values.enumerated() {
                guard let value else { continue }
                content.append(ChartStyle.marker(style.marker, x: x(weekIndex), y: y(value), colour: style.colour))
            }
            content.append(ChartStyle.line(x1: legendX, y1: 12, x2: legendX + 26, y2: 12, stroke: style.colour,
                                           width: 2, dash: style.dash))
            content.append(ChartStyle.marker(style.marker, x: legendX + 13, y: 12, colour: style.colour))
            content.append(ChartStyle.text(line.name, x: legendX + 32, y: 16))
            legendX += 40 + Double(line.name.count) * 7
        }
        return ChartStyle.frame(id: id, width: width, height: height, title: title, description: description, content)
    }

    /// `2026-W47` reads `W47` on the axis; the year is in the title and table.
    static func shortWeek(_ week: String) -> String {
        week.split(separator: "-").last.map(String.init) ?? week
    }

    /// Runs of consecutive indices that have a value.
    static func segments(_ values: [Double?]) -> [[Int]] {
        var runs: [[Int]] = []
        var current: [Int] = []
        for (index, value) in values.enumerated() {
            if value == nil {
                if !current.isEmpty { runs.append(current) }
                current = []
            } else {
                current.append(index)
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
