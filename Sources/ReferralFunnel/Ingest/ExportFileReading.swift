import Foundation

/// What reading one export found: row counts, the quarantine entries, and whether the file
/// must be held back whole (SPEC section 5).
struct ExportFileReading: Sendable {
    /// Data rows seen (the header and blank lines excluded).
    var rowsRead = 0
    /// Rows handed to the consumer.
    var rowsMapped = 0
    var rowsQuarantined = 0
    var warnings = 0
    /// Rejected rows (up to `ExportFileReader.quarantineMemoryLimit`) and every warning, in
    /// file order.
    var entries: [QuarantineEntry] = []
    /// The newest instant the usable rows carry; nil when none was usable.
    var latestInstant: Instant?
    /// Set when the header alone holds the file back; no row was read then.
    var headerProblem: String?
    /// SHA-256 (hex) of the file's bytes and their count, taken while reading them.
    var sha256 = ""
    var sizeBytes: Int64 = 0

    /// Why the file is held back whole, or nil when it loads: a header problem, or a
    /// rejected share over `maxRejectRate`. Warnings never count toward the rate.
    func heldBackReason(maxRejectRate: Double) -> String? {
        if let headerProblem {
            return headerProblem
        }
        guard rowsRead > 0 else { return nil }
        let rejectRate = Double(rowsQuarantined) / Double(rowsRead)
        guard rejectRate > maxRejectRate else { return nil }
        return String(format: "%d of %d rows rejected (%.1f%%), over max_reject_rate %.1f%%",
                      rowsQuarantined, rowsRead, rejectRate * 100, maxRejectRate * 100)
    }

    mutating func note(_ instant: Instant) {
        latestInstant = max(latestInstant ?? instant, instant)
    }

    mutating func reject(_ entry: QuarantineEntry) {
        rowsQuarantined += 1
        if entries.count < ExportFileReader.quarantineMemoryLimit {
            entries.append(entry)
        }
    }

    mutating func accept(warnings newWarnings: [QuarantineEntry]) {
        rowsMapped += 1
        warnings += newWarnings.count
        entries.append(contentsOf: newWarnings)
    }
}
