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
            finish(with: Result { try work() })
        }
    }

    private init() {}

    /// Work that should take only what the others leave of the cores: its own thread, at
    /// the lowest scheduling priority (niceness 19), which ends with the work. (On Linux a
    /// thread's niceness is its own; `who` 0 is the calling thread.)
    static func yielding(_ work: @escaping @Sendable () throws -> Output) -> BackgroundWork {
        let background = BackgroundWork()
        Thread {
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            background.finish(with: Result { try work() })
        }.start()
        return background
    }

    private func finish(with result: Result<Output, any Error>) {
        lock.lock()
        outcome = result
        lock.broadcast()
        lock.unlock()
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
