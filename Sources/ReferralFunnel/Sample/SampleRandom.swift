import Foundation

/// The sample generator's only source of randomness: xoshiro256** seeded through
/// SplitMix64, so one seed gives the same bytes on every run and platform (the system
/// generator is unseedable, and Swift's hashing is randomized per process).
public struct SampleRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var mixed = splitMix
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    /// A uniform value in [0, 1) from the top 53 bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` (bound > 0); the tiny modulo bias is irrelevant here
    /// and keeps the draw count fixed, which keeps streams aligned.
    public mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(max(bound, 1)))
    }

    public mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// A standard normal draw (Box–Muller, one value per call so the draw count is fixed).
    public mutating func normal() -> Double {
        let first = 1 - unit()   // (0, 1], safe for log
        let second = unit()
        return (-2 * log(first)).squareRoot() * cos(2 * Double.pi * second)
    }

    /// A log-normal draw with the given median and shape: long right tails, like real
    /// handoff delays. Capped so that nothing waits forever in memory.
    public mutating func logNormal(median: Double, sigma: Double, cap: Double) -> Double {
        min(median * exp(sigma * normal()), cap)
    }

    /// A Poisson count (Knuth for small means, a rounded normal beyond), so daily volumes
    /// vary the way arrivals do.
    public mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 40 {
            return max(0, Int((mean + mean.squareRoot() * normal()).rounded()))
        }
        let limit = exp(-mean)
        var product = unit()
        var count = 0
        while product > limit {
            product *= unit()
            count += 1
        }
        return count
    }

    /// An index drawn with the given (non-negative) weights.
    public mutating func weighted(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            if target < weight { return index }
            target -= weight
        }
        return weights.count - 1
    }

    public mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// Lower-case hex digits, for session and submission identifiers.
    public mutating func hex(_ length: Int) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        var bits = next()
        for index in 0..<length {
            if index > 0 && index % 16 == 0 { bits = next() }
            bytes.append(digits[Int(bits & 15)])
            bits >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
