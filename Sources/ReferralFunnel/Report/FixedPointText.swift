import CFormatting
import Foundation

/// A number with a fixed count of decimals, exactly as `String(format: "%.2f", value)`
/// writes it (the C library's printf rounding, `-0.0` as `-0.0`), but by calling the C
/// library's formatter directly. Foundation's `String(format:)` builds a format string object
/// per call: the 53,000 "days waiting" cells of a year at bench scale spent 8% of the
/// report stage there.
enum FixedPointText {
    static func format(_ value: Double, decimals: Int) -> String {
        let capacity = 48
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            let length = referral_funnel_format_fixed(buffer.baseAddress, capacity, Int32(decimals), value)
            // Only a value beyond about 1e40 needs more room than the buffer holds.
            guard length >= 0, length < capacity else { return String(format: "%.\(decimals)f", value) }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(length)).bindMemory(to: UInt8.self),
                          as: UTF8.self)
        }
    }
}
