import Synchronization

/// How far a reader has got through its file, readable from another task while it reads (for a progress line).
public final class ReadProgress: Sendable {
    private let bytesRead = Atomic<Int>(0)
    private let recordsRead = Atomic<Int>(0)

    /// Creates a counter at zero.
    public init() {}

    /// Bytes of the file read so far.
    public var bytes: Int { bytesRead.load(ordering: .relaxed) }

    /// Records handed over so far.
    public var records: Int { recordsRead.load(ordering: .relaxed) }

    /// Records that the reader has reached `offset` bytes into the file.
    func reached(_ offset: Int) {
        bytesRead.store(offset, ordering: .relaxed)
    }

    /// Counts one more record.
    public func countRecord() {
        recordsRead.add(1, ordering: .relaxed)
    }

    /// Starts again from zero, for a file read again from its start.
    public func restart() {
        bytesRead.store(0, ordering: .relaxed)
        recordsRead.store(0, ordering: .relaxed)
    }
}
