/// Paired horizontal bars per category: this source (solid) against all sources (hatched),
/// for the missing-item breakdown. Shares are 0–100%.
struct GroupedBarChart {
    struct Group {
        var label: String
        var first: Double?
        var second: Double?
    }

    var id: String
    var title: String
    var description: String
    var firstName: String
    var secondName: String
    var groups: [Group]

    func render() -> HTMLNode {
        let labelWidth = 150.0, plotWidth = 400.0, valueWidth = 50.0, top = 30.0, barHeight = 12.0
        let groupHeight = barHeight * 2 + 10
        let width = labelWidth + plotWidth + valueWidth
        let plotBottom = top + Double(groups.count) * groupHeight
        let height = plotBottom + 26
        func x(_ value: Double) -> Double { labelWidth + plotWidth * min(max(value, 0), 1) }

        var content: [HTMLNode] = [ChartStyle.hatchPattern(id: "\(id)-hatch", colour: ChartStyle.orange)]
        for tick in ChartAxis.percentTicks {
            content.append(ChartStyle.line(x1: x(tick), y1: top, x2: x(tick), y2: plotBottom, stroke: ChartStyle.grid))
            content.append(ChartStyle.text(ChartAxis.percentLabel(tick), x: x(tick), y: plotBottom + 16,
                                           anchor: "middle", className: "tick"))
        }
        // Legend: solid for this source, hatched for all sources.
        content.append(ChartStyle.rect(x: labelWidth, y: 6, width: 14, height: 12, fill: ChartStyle.blue))
        content.append(ChartStyle.text(ValueFormat.truncated(firstName, to: 40), x: labelWidth + 18, y: 16))
        let secondX = labelWidth + 40 + Double(min(firstName.count, 40)) * 7
        content.append(ChartStyle.rect(x: secondX, y: 6, width: 14, height: 12, fill: "url(#\(id)-hatch)",
                                       stroke: ChartStyle.orange))
        content.append(ChartStyle.text(secondName, x: secondX + 18, y: 16))

        for (index, group) in groups.enumerated() {
            let y = top + Double(index) * groupHeight + 4
            content.append(ChartStyle.text(ValueFormat.truncated(group.label, to: 21), x: labelWidth - 6,
                                           y: y + barHeight + 4, anchor: "end"))
            for (offset, value, fill, stroke) in [(0.0, group.first, ChartStyle.blue, nil as String?),
                                                  (barHeight, group.second, "url(#\(id)-hatch)", ChartStyle.orange)] {
                let text = ValueFormat.percent(value)
                if let value {
                    content.append(ChartStyle.rect(x: labelWidth, y: y + offset, width: x(value) - labelWidth,
                                                   height: barHeight - 1, fill: fill, stroke: stroke))
                }
                content.append(ChartStyle.text(text, x: x(value ?? 0) + 4, y: y + offset + barHeight - 2,
                                               className: "value"))
            }
        }
        content.append(ChartStyle.line(x1: labelWidth, y1: top, x2: labelWidth, y2: plotBottom, stroke: ChartStyle.ink))
        content.append(ChartStyle.line(x1: labelWidth, y1: plotBottom, x2: labelWidth + plotWidth, y2: plotBottom,
                                       stroke: ChartStyle.ink))
        return ChartStyle.frame(id: id, width: width, height: height, title: title, description: description, content)
    }
}
