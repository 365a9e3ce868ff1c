/// Horizontal bars with labels on the left, each value written at the end of its bar, an
/// optional note on the right (the funnel's stage-to-stage conversion) and an optional
/// target line. Used for the funnel, completeness by source and appointment link rates.
struct HorizontalBarChart {
    struct Bar {
        var label: String
        /// nil draws no bar and writes `missingText` instead (a rate over zero).
        var value: Double?
        var valueText: String
        var note: String? = nil
        /// Drawn hatched: below target, or otherwise marked, readable without colour.
        var isMarked: Bool = false
    }

    enum Scale {
        case percent
        case count
    }

    var id: String
    var title: String
    var description: String
    var bars: [Bar]
    var scale: Scale
    var target: (value: Double, label: String)? = nil
    var markedLegend: String? = nil
    var missingText = "no data"
    var labelWidth: Double = 170
    var noteWidth: Double = 0

    func render() -> HTMLNode {
        let rowHeight = 22.0
        let top = markedLegend == nil && target == nil ? 10.0 : 30.0
        let plotWidth = 400.0
        let valueWidth = 60.0
        let width = labelWidth + plotWidth + valueWidth + noteWidth
        let height = top + Double(bars.count) * rowHeight + 30
        let plotBottom = top + Double(bars.count) * rowHeight
        let ticks: [Double] = scale == .percent
            ? ChartAxis.percentTicks
            : ChartAxis.countTicks(maximum: bars.compactMap(\.value).max() ?? 0)
        let maximum = ticks.last ?? 1
        func x(_ value: Double) -> Double { labelWidth + plotWidth * min(max(value / maximum, 0), 1) }
        func tickLabel(_ value: Double) -> String {
            scale == .percent ? ChartAxis.percentLabel(value) : ChartAxis.countLabel(value)
        }

        var content: [HTMLNode] = [ChartStyle.hatchPattern(id: "\(id)-hatch", colour: ChartStyle.orange)]
        for tick in ticks {
            content.append(ChartStyle.line(x1: x(tick), y1: top, x2: x(tick), y2: plotBottom, stroke: ChartStyle.grid))
            content.append(ChartStyle.text(tickLabel(tick), x: x(tick), y: plotBottom + 16, anchor: "middle",
                                           className: "tick"))
        }
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            content.append(ChartStyle.text(ValueFormat.truncated(bar.label, to: Int(labelWidth / 7)),
                                           x: labelWidth - 6, y: y + 15, anchor: "end"))
            if let value = bar.value {
                let fill = bar.isMarked ? "url(#\(id)-hatch)" : ChartStyle.blue
                let stroke = bar.isMarked ? ChartStyle.orange : nil
                content.append(ChartStyle.rect(x: labelWidth, y: y + 3, width: x(value) - labelWidth,
                                               height: rowHeight - 6, fill: fill, stroke: stroke,
                                               tooltip: "\(bar.label): \(bar.valueText)"))
                content.append(ChartStyle.text(bar.valueText, x: x(value) + 4, y: y + 15, className: "value"))
            } else {
                content.append(ChartStyle.text(missingText, x: labelWidth + 4, y: y + 15, className: "muted"))
            }
            if let note = bar.note {
                content.append(ChartStyle.text(note, x: labelWidth + plotWidth + valueWidth, y: y + 15,
                                               className: "muted"))
            }
        }
        content.append(ChartStyle.line(x1: labelWidth, y1: top, x2: labelWidth, y2: plotBottom, stroke: ChartStyle.ink))
        content.append(ChartStyle.line(x1: labelWidth, y1: plotBottom, x2: labelWidth + plotWidth, y2: plotBottom,
                                       stroke: ChartStyle.ink))
        if let target {
            content.append(ChartStyle.line(x1: x(target.value), y1: top - 6, x2: x(target.value), y2: plotBottom,
                                           stroke: ChartStyle.vermillion, width: 2, dash: "5 3"))
            content.append(ChartStyle.text(target.label, x: x(target.value), y: top - 10, anchor: "middle",
                                           className: "target"))
        }
        if let markedLegend {
            content.append(ChartStyle.rect(x: 4, y: 6, width: 14, height: 12, fill: "url(#\(id)-hatch)",
                                           stroke: ChartStyle.orange))
            content.append(ChartStyle.text(markedLegend, x: 22, y: 16, className: "muted"))
        }
        return ChartStyle.frame(id: id, width: width, height: height, title: title, description: description,
                                content)
    }
}
