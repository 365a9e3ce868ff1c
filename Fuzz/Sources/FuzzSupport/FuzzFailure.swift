import Foundation

/// Turns a broken property into a crash, which is what libFuzzer records: it then saves
/// the input as `crash-<sha1>` and stops.
public enum FuzzFailure {
    public static func abortIfAny(_ violations: [String], input: [UInt8]) {
        guard !violations.isEmpty else { return }
        let preview = String(decoding: input.prefix(400), as: UTF8.self).debugDescription
        let report = "property violated for input \(preview):\n" + violations.map { "  - \($0)\n" }.joined()
        FileHandle.standardError.write(Data(report.utf8))
        abort()
    }
}
