import Foundation

/// A closure running on a background thread, whose result or error the thread that started
/// it collects with `wait`. For the warehouse work that runs on a second SQLite connection
/// beside the main one (each connection is used from one thread only), and the workbook
/// written beside the HTML pages.
final class BackgroundWork<Output: Sendable>: @unchecked Sendable {
    // @unchecked: `outcome` is touched only under `lock`.
    private let lock = NSCondition()
    private var outcome: Result<Output, any Error>?

    init(_ work: @escaping @Sendable () throws -> Output) {
        DispatchQueue.global().async { [self] in
            let result = Result { try work() }
            lock.lock()
            outcome = result
            lock.broadcast()
            lock.unlock()
        }
    }

    /// Waits for the work to end; its result, or its error rethrown.
    func wait() throws -> Output {
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let outcome {
                return try outcome.get()
            }
            lock.wait()
        }
    }
}
