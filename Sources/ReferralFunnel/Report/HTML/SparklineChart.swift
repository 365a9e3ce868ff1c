/// A word-sized line of weekly referrals for the index table. No axes by design; the last
/// value is marked and the title and description carry the numbers for screen readers.
struct SparklineChart {
    var id: String
    var sourceName: String
    var weeks: [String]
    var values: [Int]

    func render() -> HTMLNode {
        let width = 100.0, height = 24.0, pad = 3.0
        let maximum = Double(max(values.max() ?? 0, 1))
        let step = values.count > 1 ? (width - 2 * pad) / Double(values.count - 1) : 0
        func x(_ index: Int) -> Double { pad + Double(index) * step }
        func y(_ value: Int) -> Double { height - pad - (height - 2 * pad) * Double(value) / maximum }
        let points = values.enumerated().map { "\(ChartStyle.number(x($0.offset))),\(ChartStyle.number(y($0.element)))" }
        var content: [HTMLNode] = [
            ChartStyle.line(x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, stroke: ChartStyle.grid),
            el("polyline", ["points": points.joined(separator: " "), "fill": "none", "stroke": ChartStyle.blue,
                            "stroke-width": "1.5"]),
        ]
        if let last = values.last {
            content.append(ChartStyle.marker(.circle, x: x(values.count - 1), y: y(last), colour: ChartStyle.vermillion))
        }
        let first = weeks.first ?? "", lastWeek = weeks.last ?? ""
        let description = "Referrals per week from \(first) to \(lastWeek): "
            + values.map(String.init).joined(separator: ", ") + "."
        return ChartStyle.frame(id: id, width: width, height: height, title: "Weekly referrals, \(sourceName)",
                                description: description, content)
    }
}
