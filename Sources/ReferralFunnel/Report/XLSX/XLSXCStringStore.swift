#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C copies of strings handed to libxlsxwriter, freed only after the workbook is gone.
///
/// libxlsxwriter copies most strings it is given (cell text, format number formats, chart
/// ranges and titles, table headers), but it reads some structures only later or keeps
/// pointers into them (option structs with `char *` members, the NULL-terminated array of
/// table columns). Rather than rely on each function's current behaviour, every string and
/// array passed through a struct lives here until the workbook is freed. Cell text, by far the
/// most numerous, is copied into the shared string table at once and is passed with a
/// temporary `withCString` instead.
final class XLSXCStringStore {
    private var strings: [UnsafeMutablePointer<CChar>] = []
    private var buffers: [UnsafeMutableRawPointer] = []

    func copy(_ text: String) throws -> UnsafeMutablePointer<CChar> {
        guard let pointer = strdup(text) else {
            throw XLSXError.allocationFailed(operation: "copy a string")
        }
        strings.append(pointer)
        return pointer
    }

    /// A zero-filled buffer of `count` values of `T`, kept alive with the strings.
    func allocate<T>(_ type: T.Type, count: Int) throws -> UnsafeMutablePointer<T> {
        guard let raw = calloc(max(count, 1), MemoryLayout<T>.stride) else {
            throw XLSXError.allocationFailed(operation: "allocate \(count) \(T.self) values")
        }
        buffers.append(raw)
        return raw.bindMemory(to: T.self, capacity: max(count, 1))
    }

    deinit {
        for pointer in strings { free(pointer) }
        for buffer in buffers { free(buffer) }
    }
}
