/// How a cell looks. A value: the workbook turns each distinct format into one libxlsxwriter
/// format object the first time it is used, so callers never hold C pointers.
public struct XLSXFormat: Hashable, Sendable {
    /// An Excel number format such as `0.0%`, `0.0` or `yyyy-mm-dd`; nil for General.
    public var numberFormat: String?
    public var isBold: Bool
    public var isItalic: Bool
    public var fontSize: Double?
    public var fontColor: XLSXColor?
    public var backgroundColor: XLSXColor?
    public var wrapsText: Bool
    public var horizontalAlignment: HorizontalAlignment?
    public var verticalAlignment: VerticalAlignment?
    public var hasBottomBorder: Bool

    public init(numberFormat: String? = nil, isBold: Bool = false, isItalic: Bool = false, fontSize: Double? = nil,
                fontColor: XLSXColor? = nil, backgroundColor: XLSXColor? = nil, wrapsText: Bool = false,
                horizontalAlignment: HorizontalAlignment? = nil, verticalAlignment: VerticalAlignment? = nil,
                hasBottomBorder: Bool = false) {
        self.numberFormat = numberFormat
        self.isBold = isBold
        self.isItalic = isItalic
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.backgroundColor = backgroundColor
        self.wrapsText = wrapsText
        self.horizontalAlignment = horizontalAlignment
        self.verticalAlignment = verticalAlignment
        self.hasBottomBorder = hasBottomBorder
    }

    public enum HorizontalAlignment: Hashable, Sendable {
        case left, center, right
    }

    public enum VerticalAlignment: Hashable, Sendable {
        case top, center, bottom
    }
}

/// An RGB colour, e.g. `XLSXColor(0x1F4E79)`.
public struct XLSXColor: Hashable, Sendable {
    public var rgb: UInt32

    public init(_ rgb: UInt32) {
        self.rgb = rgb & 0xFF_FFFF
    }
}
