import Foundation
import CXLSXWriter

/// An XLSX file being built with libxlsxwriter, written to disk by `close()`.
///
/// Not thread-safe, like the libxlsxwriter workbook under it: build one workbook on one
/// thread. The worksheets and charts it hands out keep it alive and refuse to work once it is
/// closed. The workbook runs in libxlsxwriter's default mode, not `constant_memory`: tables,
/// conditional formats and writing cells in any order need the whole sheet in memory. A sheet
/// that only grows with the data (the stalled worklist) can be added with `rowsInOrder`
/// instead, and then holds one row at a time.
public final class XLSXWorkbook {
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    let strings = XLSXCStringStore()
    private var formats: [XLSXFormat: UnsafeMutablePointer<lxw_format>] = [:]
    public let path: String

    public init(path: String, properties: XLSXDocumentProperties) throws {
        self.path = path
        var options = lxw_workbook_options()
        options.constant_memory = 0
        options.use_zip64 = 0
        guard let created = path.withCString({ workbook_new_opt($0, &options) }) else {
            throw XLSXError.cannotCreateWorkbook(path: path)
        }
        handle = created
        try setProperties(properties)
    }

    deinit {
        // A workbook dropped without `close()` (an error part-way) is freed without writing.
        if let handle { lxw_workbook_free(handle) }
    }

    public var isClosed: Bool { handle == nil }

    /// A sheet added with `rowsInOrder` is written in libxlsxwriter's `constant_memory` mode:
    /// each row goes to a temporary file when the next one starts, its text is stored inline
    /// rather than in the shared strings, and writing above the current row, tables and merged
    /// ranges throw. The worklist's 53,000 rows at bench scale held 37 MB of cells otherwise.
    public func addWorksheet(named name: String, rowsInOrder: Bool = false) throws -> XLSXWorksheet {
        let workbook = try open("add worksheet '\(name)'")
        let cName = try strings.copy(name)
        // workbook_add_worksheet returns NULL for a bad name without saying why; asking the
        // validator first gives the library's own reason.
        try XLSXLibraryCall.check(workbook_validate_sheet_name(workbook, cName), "add worksheet '\(name)'")
        // The library offers constant_memory per workbook, but each worksheet takes it from
        // the workbook's options when it is created (`init_data.optimize` in
        // workbook_add_worksheet) and keeps it: setting it for this one call gives one
        // streaming sheet beside sheets that keep their tables and conditional formats.
        // XLSXWorkbookTests checks that the sheet streams and the others do not.
        workbook.pointee.options.constant_memory = rowsInOrder ? 1 : 0
        defer { workbook.pointee.options.constant_memory = 0 }
        guard let sheet = workbook_add_worksheet(workbook, cName) else {
            throw XLSXError.allocationFailed(operation: "add worksheet '\(name)'")
        }
        return XLSXWorksheet(workbook: self, handle: sheet, name: name)
    }

    public func addChart(_ kind: XLSXChart.Kind) throws -> XLSXChart {
        let workbook = try open("add a chart")
        guard let chart = workbook_add_chart(workbook, kind.libraryType) else {
            throw XLSXError.allocationFailed(operation: "add a chart")
        }
        return XLSXChart(workbook: self, handle: chart, kind: kind)
    }

    /// Writes the file. Whether it succeeds or throws, the workbook is finished afterwards.
    public func close() throws {
        let workbook = try open("close the workbook")
        handle = nil
        formats = [:]
        // workbook_close frees the workbook even when writing fails. Its zip errors
        // ("ZIP_ERRNO") leave the cause in errno, read at once before anything resets it.
        let result = workbook_close(workbook)
        let systemError = errno
        guard result == LXW_NO_ERROR else {
            let cause = systemError == 0 ? "" : ": \(String(cString: strerror(systemError)))"
            throw XLSXError.library(operation: "write '\(path)'", code: Int(result.rawValue),
                                    message: XLSXLibraryCall.message(for: result).trimmingCharacters(in: ["."]) + cause)
        }
    }

    func open(_ operation: @autoclosure () -> String) throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { throw XLSXError.workbookClosed(operation: operation()) }
        return handle
    }

    /// The libxlsxwriter format for `format`, created on first use; nil means the default.
    func libraryFormat(_ format: XLSXFormat?) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let format else { return nil }
        if let existing = formats[format] { return existing }
        let workbook = try open("add a format")
        guard let created = workbook_add_format(workbook) else {
            throw XLSXError.allocationFailed(operation: "add a format")
        }
        // format_set_num_format copies the text into the format.
        if let numberFormat = format.numberFormat { format_set_num_format(created, numberFormat) }
        if format.isBold { format_set_bold(created) }
        if format.isItalic { format_set_italic(created) }
        if let size = format.fontSize { format_set_font_size(created, size) }
        if let color = format.fontColor { format_set_font_color(created, color.rgb) }
        if let color = format.backgroundColor {
            format_set_pattern(created, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(created, color.rgb)
        }
        if format.wrapsText { format_set_text_wrap(created) }
        if let alignment = format.horizontalAlignment {
            let value: lxw_format_alignments
            switch alignment {
            case .left: value = LXW_ALIGN_LEFT
            case .center: value = LXW_ALIGN_CENTER
            case .right: value = LXW_ALIGN_RIGHT
            }
            format_set_align(created, UInt8(value.rawValue))
        }
        if let alignment = format.verticalAlignment {
            let value: lxw_format_alignments
            switch alignment {
            case .top: value = LXW_ALIGN_VERTICAL_TOP
            case .center: value = LXW_ALIGN_VERTICAL_CENTER
            case .bottom: value = LXW_ALIGN_VERTICAL_BOTTOM
            }
            format_set_align(created, UInt8(value.rawValue))
        }
        if format.hasBottomBorder { format_set_bottom(created, UInt8(LXW_BORDER_THIN.rawValue)) }
        formats[format] = created
        return created
    }

    private func setProperties(_ properties: XLSXDocumentProperties) throws {
        let workbook = try open("set document properties")
        var cProperties = lxw_doc_properties()
        cProperties.title = try copyUnlessEmpty(properties.title)
        cProperties.subject = try copyUnlessEmpty(properties.subject)
        cProperties.author = try copyUnlessEmpty(properties.author)
        cProperties.company = try copyUnlessEmpty(properties.company)
        cProperties.keywords = try copyUnlessEmpty(properties.keywords)
        cProperties.comments = try copyUnlessEmpty(properties.comments)
        // libxlsxwriter treats 0 as "use the current time", which would break reproducibility.
        cProperties.created = time_t(max(properties.createdSecondsSinceEpoch, 1))
        try XLSXLibraryCall.check(workbook_set_properties(workbook, &cProperties), "set document properties")
    }

    /// NULL leaves a property out of docProps/core.xml instead of writing an empty element.
    private func copyUnlessEmpty(_ text: String) throws -> UnsafeMutablePointer<CChar>? {
        text.isEmpty ? nil : try strings.copy(text)
    }
}
