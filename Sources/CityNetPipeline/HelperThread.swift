import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Threads that help the reading thread — normalising its records, hashing its file — without slowing it down.
///
/// A run reads a source on one thread while a normaliser and a SHA-256 pass work beside it: three busy threads on
/// a two-core machine, where a fair scheduler would give the reader only two thirds of a core. Helpers run at a
/// lower priority (nice 10, on Linux per thread), so the reader keeps its core and the helpers share the other.
enum HelperThread {
    /// The nice value of helper threads.
    static let niceness: Int32 = 10

    /// Starts `body` on a new helper thread.
    static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            lowerPriority()
            body()
        }
        thread.name = name
        thread.start()
    }

    /// Runs `body` on a new helper thread and returns what it returns.
    static func run<Result: Sendable>(name: String, _ body: @escaping @Sendable () throws -> Result) async throws
        -> Result
    {
        try await withCheckedThrowingContinuation { continuation in
            start(name: name) { continuation.resume(with: Swift.Result { try body() }) }
        }
    }

    private static func lowerPriority() {
        #if canImport(Glibc)
            // Linux keeps the nice value per thread; `who` 0 is the calling thread.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }
}
