import CXLSXWriter

/// Turns a libxlsxwriter return code into a thrown `XLSXError` with the library's message.
enum XLSXLibraryCall {
    static func check(_ result: lxw_error, _ operation: @autoclosure () -> String) throws {
        guard result != LXW_NO_ERROR else { return }
        throw XLSXError.library(operation: operation(), code: Int(result.rawValue), message: message(for: result))
    }

    static func message(for result: lxw_error) -> String {
        // lxw_strerror returns a pointer into a static table; an unknown code gives a generic
        // text, never NULL in practice, but a NULL must not crash us.
        guard let text = lxw_strerror(result) else { return "unknown libxlsxwriter error" }
        return String(cString: text)
    }
}
