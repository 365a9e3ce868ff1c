import CSQLite

/// Swift functions callable from SQL. SQLite 3.40 has neither a percentile function nor ISO
/// weeks in `strftime`, and time zones with DST need the IANA rules, so the transform
/// registers them here.
extension Database {
    /// Registers a deterministic scalar function of fixed arity.
    public func createFunction(_ name: String, argumentCount: Int32,
                               _ body: @escaping ([DatabaseValue]) -> DatabaseValue) throws {
        let box = Unmanaged.passRetained(ScalarFunctionBox(body)).toOpaque()
        let code = sqlite3_create_function_v2(
            handle, name, argumentCount, SQLITE_UTF8 | SQLITE_DETERMINISTIC, box,
            { context, count, arguments in
                guard let context, let user = sqlite3_user_data(context) else { return }
                let function = Unmanaged<ScalarFunctionBox>.fromOpaque(user).takeUnretainedValue()
                let values = (0..<Int(count)).map { DatabaseValue(sqliteValue: arguments?[$0]) }
                function.body(values).setResult(of: context)
            },
            nil, nil,
            { user in
                guard let user else { return }
                Unmanaged<ScalarFunctionBox>.fromOpaque(user).release()
            })
        try check(code)
    }

    /// A one-argument function from an integer to text that many rows share, such as the
    /// ISO week of an instant: `key` maps the argument to the value the text depends on (a
    /// local day) and `text` renders a key once; later calls with that key reuse it. The cold
    /// build calls these once per session (4 million at bench scale), where the generic path's
    /// per-call argument array and string building cost seconds (see `make bench`).
    public func createCachedTextFunction(_ name: String, key: @escaping (Int64) -> Int,
                                         text: @escaping (Int) -> String) throws {
        let box = Unmanaged.passRetained(CachedTextFunction(key: key, text: text)).toOpaque()
        let code = sqlite3_create_function_v2(
            handle, name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, box,
            { context, _, arguments in
                guard let context, let arguments, let user = sqlite3_user_data(context) else { return }
                guard sqlite3_value_type(arguments[0]) != SQLITE_NULL else {
                    sqlite3_result_null(context)
                    return
                }
                let argument = sqlite3_value_int64(arguments[0])
                Unmanaged<CachedTextFunction>.fromOpaque(user)._withUnsafeGuaranteedRef { function in
                    resultText(function.bytes(for: argument), of: context)
                }
            },
            nil, nil,
            { user in
                guard let user else { return }
                Unmanaged<CachedTextFunction>.fromOpaque(user).release()
            })
        try check(code)
    }

    /// A one-argument function from text to text that repeats its arguments, such as the
    /// normalized name of a practice (a year at bench scale: 446,000 referrals, a few dozen
    /// spellings): each distinct argument is transformed once, by its UTF-8 bytes, and the
    /// result reused. Up to `cacheLimit` distinct arguments are kept; past that, free text
    /// that never repeats is transformed every time rather than held. An argument that is
    /// not text gives null.
    public func createMemoizedTextFunction(_ name: String, cacheLimit: Int = 10_000,
                                           _ transform: @escaping (String) -> String) throws {
        let box = Unmanaged.passRetained(MemoizedTextFunction(transform: transform, cacheLimit: cacheLimit)).toOpaque()
        let code = sqlite3_create_function_v2(
            handle, name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, box,
            { context, _, arguments in
                guard let context, let arguments, let user = sqlite3_user_data(context) else { return }
                guard sqlite3_value_type(arguments[0]) == SQLITE_TEXT, let text = sqlite3_value_text(arguments[0]) else {
                    sqlite3_result_null(context)
                    return
                }
                let argument = UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(arguments[0])))
                Unmanaged<MemoizedTextFunction>.fromOpaque(user)._withUnsafeGuaranteedRef { function in
                    resultText(function.result(for: argument), of: context)
                }
            },
            nil, nil,
            { user in
                guard let user else { return }
                Unmanaged<MemoizedTextFunction>.fromOpaque(user).release()
            })
        try check(code)
    }

    /// `duration_percentile(microseconds, fraction, unit_microseconds)`: the fraction-th
    /// percentile of integer durations by linear interpolation, in `unit`s (hours: 3.6e9).
    /// Nulls are skipped, as by SQL's own aggregates; null when every value is.
    /// Computed exactly on the integers and divided once, so the result is the double
    /// nearest the exact value: a median of 1.6 h and 23.15 h is 12.375 h and prints as
    /// 12.38, where interpolating already-divided doubles gave 12.374999... and 12.37.
    public func createDurationPercentileFunction() throws {
        let code = sqlite3_create_function_v2(
            handle, "duration_percentile", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, nil,
            { context, _, arguments in
                guard let context, let arguments, sqlite3_value_type(arguments[0]) != SQLITE_NULL else { return }
                let value = sqlite3_value_int64(arguments[0])
                DurationSamples.gather(in: context, fraction: arguments[1], unit: arguments[2]) { $0.values.append(value) }
            },
            { context in DurationSamples.resultPercentile(of: context) },
            nil)
        try check(code)
    }

    /// Percentiles do not add up, but samples do: `duration_samples(microseconds)` keeps a
    /// group's non-null durations, sorted, as a blob of native 64-bit integers (null when
    /// there are none), and `duration_percentile_of_samples(samples, fraction,
    /// unit_microseconds)` gives the percentile of every value in the blobs it aggregates,
    /// exactly as `duration_percentile` over those values. A trailing window's percentiles
    /// are so taken from its weeks' samples rather than from its referrals' rows. Sorted so
    /// that a week's blob is the same bytes whatever order its rows came in (a night's and a
    /// cold run's warehouses hold the same samples).
    public func createDurationSampleFunctions() throws {
        try check(sqlite3_create_function_v2(
            handle, "duration_samples", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, nil,
            { context, _, arguments in
                guard let context, let arguments, sqlite3_value_type(arguments[0]) != SQLITE_NULL else { return }
                let value = sqlite3_value_int64(arguments[0])
                DurationSamples.gather(in: context) { $0.values.append(value) }
            },
            { context in
                guard let context else { return }
                guard let samples = DurationSamples.take(from: context) else {
                    sqlite3_result_null(context)
                    return
                }
                samples.values.sort()
                samples.values.withUnsafeBytes { bytes in
                    sqlite3_result_blob(context, bytes.baseAddress, Int32(bytes.count), transientDestructor)
                }
            },
            nil))
        try check(sqlite3_create_function_v2(
            handle, "duration_percentile_of_samples", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, nil,
            { context, _, arguments in
                guard let context, let arguments, sqlite3_value_type(arguments[0]) == SQLITE_BLOB,
                      let blob = sqlite3_value_blob(arguments[0]) else { return }
                // A blob's bytes sit wherever SQLite's record put them, unaligned: copied as bytes.
                let bytes = UnsafeRawBufferPointer(start: blob, count: Int(sqlite3_value_bytes(arguments[0])))
                DurationSamples.gather(in: context, fraction: arguments[1], unit: arguments[2]) { samples in
                    let count = bytes.count / MemoryLayout<Int64>.size
                    let start = samples.values.count
                    samples.values.append(contentsOf: repeatElement(0, count: count))
                    samples.values.withUnsafeMutableBytes { destination in
                        destination.baseAddress.map { target in
                            (target + start * MemoryLayout<Int64>.size).copyMemory(from: blob, byteCount: count * MemoryLayout<Int64>.size)
                        }
                    }
                }
            },
            { context in DurationSamples.resultPercentile(of: context) },
            nil))
    }
}

extension Database {
    /// `earliest_position(instant, position)`: of a group's rows, the `position` (a place in
    /// file order as one integer) of the row with the least instant, the least position among
    /// rows that share it; null when every argument is null. How a model takes "the first
    /// row by ts, then file order, then line" (SPEC section 3) in one grouping pass, without
    /// relying on which row SQLite takes bare columns from. The group's state lives in
    /// SQLite's own aggregate memory: no allocation per group or row.
    public func createEarliestPositionFunction() throws {
        try check(sqlite3_create_function_v2(
            handle, "earliest_position", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, nil,
            { context, _, arguments in
                guard let context, let arguments,
                      sqlite3_value_type(arguments[0]) != SQLITE_NULL, sqlite3_value_type(arguments[1]) != SQLITE_NULL
                else { return }
                guard let state = sqlite3_aggregate_context(context, Int32(MemoryLayout<EarliestPosition>.size))?
                    .assumingMemoryBound(to: EarliestPosition.self) else {
                    sqlite3_result_error_nomem(context)
                    return
                }
                let instant = sqlite3_value_int64(arguments[0])
                let position = sqlite3_value_int64(arguments[1])
                // SQLite zeroes the memory it first hands out: `isSet` starts false.
                if !state.pointee.isSet || (instant, position) < (state.pointee.instant, state.pointee.position) {
                    state.pointee = EarliestPosition(isSet: true, instant: instant, position: position)
                }
            },
            { context in
                guard let context else { return }
                guard let state = sqlite3_aggregate_context(context, 0)?.assumingMemoryBound(to: EarliestPosition.self),
                      state.pointee.isSet else {
                    sqlite3_result_null(context)
                    return
                }
                sqlite3_result_int64(context, state.pointee.position)
            },
            nil))
    }
}

/// A group's earliest row so far, for `earliest_position`.
private struct EarliestPosition {
    var isSet: Bool
    var instant: Int64
    var position: Int64
}

/// Linear-interpolation percentiles, as numpy's default and SQL's `percentile_cont`. The
/// metrics use the exact integer form through `duration_percentile`; `linear` serves checks
/// such as `explain`'s recomputation.
public enum Percentile {
    public static func linear(_ values: [Double], fraction: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = Double(sorted.count - 1) * min(max(fraction, 0), 1)
        let lower = Int(position.rounded(.down))
        let upper = Int(position.rounded(.up))
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    /// The same interpolation on integer durations, exact: the fraction is taken in
    /// thousandths, the interpolated value is a fraction `numerator / denominator` of
    /// integers, and one division by `denominator × unit` gives the nearest double.
    public static func exactDuration(_ values: [Int64], fraction: Double, unit: Int64) -> Double? {
        var values = values
        return exactDuration(reordering: &values, fraction: fraction, unit: unit)
    }

    /// `exactDuration`, leaving `values` in some other order. Only the two values around the
    /// position are needed, so they are selected rather than everything sorted: a trailing
    /// window's `(all)` percentiles take 100,000 durations at bench scale, three times over.
    static func exactDuration(reordering values: inout [Int64], fraction: Double, unit: Int64) -> Double? {
        guard !values.isEmpty, unit > 0 else { return nil }
        let thousandths = Int64((min(max(fraction, 0), 1) * 1000).rounded())
        let position = Int64(values.count - 1) * thousandths
        let lower = Int(position / 1000)
        let remainder = position % 1000
        selectElement(at: lower, in: &values)
        let lowerValue = values[lower]
        // Everything after `lower` is no smaller than it: the next rank is their least.
        let upperValue = remainder == 0 ? lowerValue : values[(lower + 1)...].min() ?? lowerValue
        let divisor = greatestCommonDivisor(remainder, 1000)
        let denominator = 1000 / divisor
        let numerator = lowerValue * denominator + (upperValue - lowerValue) * (remainder / divisor)
        return Double(numerator) / (Double(denominator) * Double(unit))
    }

    /// Puts at `rank` the value a sort would put there, with none greater before it and none
    /// smaller after it (C++'s `nth_element`): quickselect, median-of-three pivots, and a sort
    /// of what is left if the partitions stop shrinking, so never worse than sorting.
    static func selectElement(at rank: Int, in values: inout [Int64]) {
        guard values.indices.contains(rank) else { return }
        values.withUnsafeMutableBufferPointer { buffer in
            var low = 0
            var high = buffer.count - 1
            var partitionsLeft = 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount)
            while low < high {
                guard partitionsLeft > 0 else {
                    buffer[low...high].sort()
                    return
                }
                partitionsLeft -= 1
                let first = buffer[low], middle = buffer[low + (high - low) / 2], last = buffer[high]
                let pivot = max(min(first, middle), min(max(first, middle), last))
                // Hoare's partition: afterwards low...j holds values <= pivot, i...high values
                // >= pivot, and anything between them equals the pivot.
                var i = low
                var j = high
                while i <= j {
                    while buffer[i] < pivot { i += 1 }
                    while buffer[j] > pivot { j -= 1 }
                    if i <= j {
                        buffer.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if rank <= j {
                    high = j
                } else if rank >= i {
                    low = i
                } else {
                    return
                }
            }
        }
    }

    private static func greatestCommonDivisor(_ first: Int64, _ second: Int64) -> Int64 {
        var (a, b) = (abs(first), abs(second))
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}

private final class ScalarFunctionBox {
    let body: ([DatabaseValue]) -> DatabaseValue
    init(_ body: @escaping ([DatabaseValue]) -> DatabaseValue) { self.body = body }
}

/// Makes UTF-8 `bytes` (copied by SQLite) the text result of a function call.
private func resultText(_ bytes: [UInt8], of context: OpaquePointer) {
    bytes.withUnsafeBufferPointer { buffer in
        sqlite3_result_text(context, buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                            Int32(buffer.count), transientDestructor)
    }
}

/// Used by one connection, so one thread at a time: SQLite calls a function on the thread
/// running the statement.
private final class CachedTextFunction {
    let key: (Int64) -> Int
    let text: (Int) -> String
    private var cache: [Int: [UInt8]] = [:]

    init(key: @escaping (Int64) -> Int, text: @escaping (Int) -> String) {
        self.key = key
        self.text = text
    }

    func bytes(for argument: Int64) -> [UInt8] {
        let key = key(argument)
        if let cached = cache[key] {
            return cached
        }
        let rendered = Array(text(key).utf8)
        cache[key] = rendered
        return rendered
    }
}

/// Used by one connection, so one thread at a time, like `CachedTextFunction`.
private final class MemoizedTextFunction {
    let transform: (String) -> String
    let cacheLimit: Int
    private var cache: [[UInt8]: [UInt8]] = [:]

    init(transform: @escaping (String) -> String, cacheLimit: Int) {
        self.transform = transform
        self.cacheLimit = cacheLimit
    }

    func result(for argument: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let key = Array(argument)
        if let cached = cache[key] {
            return cached
        }
        let result = Array(transform(String(decoding: argument, as: UTF8.self)).utf8)
        if cache.count < cacheLimit {
            cache[key] = result
        }
        return result
    }
}

/// The durations one group of a duration aggregate has gathered, kept in SQLite's
/// aggregate context (as a retained pointer) between its rows.
private final class DurationSamples {
    var values: [Int64] = []
    var fraction = 0.5
    var unit: Int64 = 1

    /// Lets `add` change the group's samples, created at its first row (which also reads
    /// `fraction` and `unit`, when given). Called once per row of a year's referrals: no
    /// retain and release per call.
    @inline(__always)
    static func gather(in context: OpaquePointer, fraction: OpaquePointer? = nil, unit: OpaquePointer? = nil,
                       _ add: (DurationSamples) -> Void) {
        guard let slot = sqlite3_aggregate_context(context, Int32(MemoryLayout<UnsafeMutableRawPointer?>.size))?
            .assumingMemoryBound(to: UnsafeMutableRawPointer?.self) else {
            sqlite3_result_error_nomem(context)
            return
        }
        if let existing = slot.pointee {
            Unmanaged<DurationSamples>.fromOpaque(existing)._withUnsafeGuaranteedRef(add)
        } else {
            let samples = DurationSamples()
            if let fraction { samples.fraction = sqlite3_value_double(fraction) }
            if let unit { samples.unit = sqlite3_value_int64(unit) }
            add(samples)
            slot.pointee = Unmanaged.passRetained(samples).toOpaque()
        }
    }

    /// The group's samples, released from the context; nil when it gathered none.
    static func take(from context: OpaquePointer) -> DurationSamples? {
        guard let slot = sqlite3_aggregate_context(context, 0)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self),
              let existing = slot.pointee else { return nil }
        slot.pointee = nil
        return Unmanaged<DurationSamples>.fromOpaque(existing).takeRetainedValue()
    }

    static func resultPercentile(of context: OpaquePointer?) {
        guard let context else { return }
        guard let samples = take(from: context),
              let result = Percentile.exactDuration(reordering: &samples.values, fraction: samples.fraction, unit: samples.unit) else {
            sqlite3_result_null(context)
            return
        }
        sqlite3_result_double(context, result)
    }
}


extension DatabaseValue {
    init(sqliteValue value: OpaquePointer?) {
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: self = .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT: self = .real(sqlite3_value_double(value))
        case SQLITE_NULL: self = .null
        default:
            guard let bytes = sqlite3_value_text(value) else { self = .null; return }
            let count = Int(sqlite3_value_bytes(value))
            self = .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        }
    }

    func setResult(of context: OpaquePointer) {
        switch self {
        case .null: sqlite3_result_null(context)
        case let .integer(number): sqlite3_result_int64(context, number)
        case let .real(number): sqlite3_result_double(context, number)
        case let .text(text): sqlite3_result_text(context, text, -1, transientDestructor)
        }
    }
}
