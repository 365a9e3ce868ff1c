/// The formats and colours of the weekly workbook, in one place so every sheet matches.
enum WeeklyWorkbookStyle {
    static let title = XLSXFormat(isBold: true, fontSize: 14, fontColor: XLSXColor(0x1F3864))
    static let sectionTitle = XLSXFormat(isBold: true, fontSize: 12, fontColor: XLSXColor(0x1F3864))
    static let header = XLSXFormat(isBold: true, backgroundColor: XLSXColor(0xDDEBF7), wrapsText: true,
                                   verticalAlignment: .top, hasBottomBorder: true)
    static let label = XLSXFormat(isBold: true)
    static let text = XLSXFormat(verticalAlignment: .top)
    static let wrappedText = XLSXFormat(wrapsText: true, verticalAlignment: .top)
    static let note = XLSXFormat(isItalic: true, fontColor: XLSXColor(0x595959))
    static let count = XLSXFormat(numberFormat: "#,##0")
    static let average = XLSXFormat(numberFormat: "#,##0.0")
    static let percent = XLSXFormat(numberFormat: "0.0%")
    /// Days and hours alike: one decimal.
    static let duration = XLSXFormat(numberFormat: "0.0")
    static let date = XLSXFormat(numberFormat: "yyyy-mm-dd", horizontalAlignment: .left)
    static let countChange = XLSXFormat(numberFormat: "+#,##0;-#,##0;0")
    static let decimalChange = XLSXFormat(numberFormat: "+#,##0.0;-#,##0.0;0.0")
    /// A change of a rate, in percentage points (shown with a % sign, as Excel users expect).
    static let percentChange = XLSXFormat(numberFormat: "+0.0%;-0.0%;0.0%")

    static let dataBar = XLSXColor(0x5B9BD5)
    static let poor = XLSXColor(0xF8696B)
    static let middling = XLSXColor(0xFFEB84)
    static let good = XLSXColor(0x63BE7B)
}
