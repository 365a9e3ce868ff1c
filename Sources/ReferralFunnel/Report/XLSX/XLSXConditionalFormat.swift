/// The conditional formats the reports use: bars sized by value, and colour scales.
public enum XLSXConditionalFormat: Hashable, Sendable {
    /// A bar in each cell, as long as its value is large relative to the range.
    case dataBar(color: XLSXColor)
    /// Cells coloured along minimum, midpoint and maximum colours.
    case threeColorScale(minimum: ScalePoint, midpoint: ScalePoint, maximum: ScalePoint)

    public struct ScalePoint: Hashable, Sendable {
        public var value: Value
        public var color: XLSXColor

        public init(_ value: Value, color: XLSXColor) {
            self.value = value
            self.color = color
        }
    }

    public enum Value: Hashable, Sendable {
        case lowest
        case highest
        case number(Double)
        case percentile(Double)
    }
}
