import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Threads that help the reading thread: one normalises its records, one hashes its file.
///
/// The normaliser is on the run's critical path (for a CSV file it is the slowest of the three), so it runs at
/// the reader's priority. The SHA-256 pass only has to end before the run does, so it runs in the background
/// (nice 10, per thread on Linux): on a two-core machine, three busy threads would otherwise share the cores
/// evenly, and the reader and the normaliser would each lose a third of theirs while it runs.
enum HelperThread {
    /// How a helper thread is scheduled.
    enum Priority {
        /// As the reading thread.
        case normal
        /// After the threads of the run that are not in the background (nice 10).
        case background
    }

    /// The nice value of background threads.
    static let backgroundNiceness: Int32 = 10

    /// Starts `body` on a new helper thread.
    static func start(name: String, priority: Priority, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            if priority == .background { lowerPriority() }
            body()
        }
        thread.name = name
        thread.start()
    }

    /// Runs `body` on a new helper thread and returns what it returns.
    static func run<Result: Sendable>(
        name: String, priority: Priority, _ body: @escaping @Sendable () throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            start(name: name, priority: priority) { continuation.resume(with: Swift.Result { try body() }) }
        }
    }

    private static func lowerPriority() {
        #if canImport(Glibc)
            // Linux keeps the nice value per thread; `who` 0 is the calling thread.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, backgroundNiceness)
        #endif
    }
}
