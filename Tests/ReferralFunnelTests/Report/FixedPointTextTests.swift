import Foundation
import XCTest
@testable import ReferralFunnel

/// FixedPointText replaces `String(format:)` on the report's hot paths: it must write the
/// very same text, including the C library's rounding of values that sit on a tie.
final class FixedPointTextTests: XCTestCase {
    func testWritesWhatStringFormatWrites() {
        // Ties in decimal that are not ties in binary (0.05, 2.675), exact binary ties
        // (0.25, 2.5: printf rounds these to even), signs, zero, large and tiny values.
        var values: [Double] = [0, -0.0, 0.05, 0.25, 0.35, 2.5, 3.5, -2.5, 2.675, 14.25, 99.95, 0.0001,
                                123_456_789.125, 1e15 + 0.5, 1e39, 1e41, -1e41, .infinity, -.infinity, .nan]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            values.append(Double.random(in: -1_000...1_000, using: &random))
            values.append(Double(Int.random(in: 0...100_000, using: &random)) / 200) // many exact halves
        }
        for value in values {
            for decimals in [0, 1, 2, 6] {
                XCTAssertEqual(FixedPointText.format(value, decimals: decimals), String(format: "%.\(decimals)f", value),
                               "\(value) with \(decimals) decimals")
            }
        }
    }

    func testFormattedValuesOnThePages() {
        XCTAssertEqual(ValueFormat.days(14.25), "14.2")
        XCTAssertEqual(ValueFormat.days(14.35), "14.3") // 14.35 is 14.3499999... in binary
        XCTAssertEqual(ValueFormat.percent(0.125), "12%")
        XCTAssertEqual(ValueFormat.daysChange(1.04, 1.0), "\u{00B1}0.0 d")
        XCTAssertEqual(ChartStyle.number(3.0), "3")
    }
}
