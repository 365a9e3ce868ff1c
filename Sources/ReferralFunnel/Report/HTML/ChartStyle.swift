import Foundation

/// Colours, line styles and helpers shared by every chart. The palette is Okabe–Ito, which
/// stays distinct under the common colour-vision deficiencies; every series also differs in
/// dash pattern or fill pattern and carries a text label, so a black-and-white print still
/// tells them apart.
enum ChartStyle {
    struct Series {
        let colour: String
        let dash: String?
        let marker: Marker
    }

    enum Marker { case circle, square, triangle, diamond }

    static let blue = "#0072B2"
    static let vermillion = "#D55E00"
    static let green = "#009E73"
    static let purple = "#CC79A7"
    static let orange = "#E69F00"
    static let skyBlue = "#56B4E9"
    static let ink = "#222222"
    static let grid = "#d0d0d0"

    static let series: [Series] = [
        Series(colour: blue, dash: nil, marker: .circle),
        Series(colour: vermillion, dash: "6 3", marker: .square),
        Series(colour: green, dash: "2 3", marker: .triangle),
        Series(colour: purple, dash: "8 3 2 3", marker: .diamond),
    ]

    /// Coordinates with one decimal: enough for a screen, and stable text for golden files.
    static func number(_ value: Double) -> String {
        let text = FixedPointText.format(value, decimals: 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// The outer `<svg>`: role, title and description for screen readers, a viewBox so it
    /// scales with the page.
    static func frame(id: String, width: Double, height: Double, title: String, description: String,
                      _ content: [HTMLNode]) -> HTMLNode {
        el("svg", ["xmlns": "http://www.w3.org/2000/svg", "class": "chart", "role": "img",
                   "viewBox": "0 0 \(number(width)) \(number(height))", "width": number(width),
                   "height": number(height), "aria-labelledby": "\(id)-title \(id)-desc"],
           [el("title", ["id": "\(id)-title"], text: title),
            el("desc", ["id": "\(id)-desc"], text: description)] + content)
    }

    /// A diagonal hatch, used for "all sources" and "below target" fills so they differ from
    /// solid fills without colour.
    static func hatchPattern(id: String, colour: String) -> HTMLNode {
        el("defs", [:], [
            el("pattern", ["id": id, "width": "6", "height": "6", "patternUnits": "userSpaceOnUse",
                           "patternTransform": "rotate(45)"], [
                el("rect", ["width": "6", "height": "6", "fill": "#ffffff"]),
                el("line", ["x1": "0", "y1": "0", "x2": "0", "y2": "6", "stroke": colour, "stroke-width": "3"]),
            ]),
        ])
    }

    static func text(_ content: String, x: Double, y: Double, anchor: String = "start",
                     className: String? = nil) -> HTMLNode {
        var attributes = [HTMLAttribute("x", number(x)), HTMLAttribute("y", number(y)),
                          HTMLAttribute("text-anchor", anchor)]
        if let className { attributes.append(HTMLAttribute("class", className)) }
        return el("text", attributes: attributes, [.text(content)])
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                     width: Double = 1, dash: String? = nil) -> HTMLNode {
        var attributes = [HTMLAttribute("x1", number(x1)), HTMLAttribute("y1", number(y1)),
                          HTMLAttribute("x2", number(x2)), HTMLAttribute("y2", number(y2)),
                          HTMLAttribute("stroke", stroke), HTMLAttribute("stroke-width", number(width))]
        if let dash { attributes.append(HTMLAttribute("stroke-dasharray", dash)) }
        return el("line", attributes: attributes)
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                     stroke: String? = nil, tooltip: String? = nil) -> HTMLNode {
        var attributes = [HTMLAttribute("x", number(x)), HTMLAttribute("y", number(y)),
                          HTMLAttribute("width", number(max(width, 0))), HTMLAttribute("height", number(max(height, 0))),
                          HTMLAttribute("fill", fill)]
        if let stroke { attributes.append(HTMLAttribute("stroke", stroke)) }
        return el("rect", attributes: attributes, tooltip.map { [el("title", text: $0)] } ?? [])
    }

    static func marker(_ marker: Marker, x: Double, y: Double, colour: String) -> HTMLNode {
        let size = 3.5
        switch marker {
        case .circle:
            return el("circle", ["cx": number(x), "cy": number(y), "r": number(size), "fill": colour])
        case .square:
            return rect(x: x - size, y: y - size, width: size * 2, height: size * 2, fill: colour)
        case .triangle:
            let points = [(x, y - size - 1), (x - size - 1, y + size), (x + size + 1, y + size)]
            return el("polygon", ["points": points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " "),
                                  "fill": colour])
        case .diamond:
            let points = [(x, y - size - 1), (x + size + 1, y), (x, y + size + 1), (x - size - 1, y)]
            return el("polygon", ["points": points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " "),
                                  "fill": colour])
        }
    }
}

/// Round axis ticks for counts: 0 to a "nice" top in four or five steps.
enum ChartAxis {
    static func countTicks(maximum: Double) -> [Double] {
        guard maximum > 0 else { return [0, 1] }
        let rough = maximum / 4
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let roundedStep = max(step, 1)
        let top = ceil(maximum / roundedStep) * roundedStep
        return stride(from: 0, through: top, by: roundedStep).map { $0 }
    }

    static let percentTicks: [Double] = [0, 0.25, 0.5, 0.75, 1]

    static func countLabel(_ value: Double) -> String { ChartStyle.number(value) }
    static func percentLabel(_ value: Double) -> String { FixedPointText.format(value * 100, decimals: 0) + "%" }
}
