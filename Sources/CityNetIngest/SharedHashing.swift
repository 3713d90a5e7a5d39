import Crypto
import Foundation

/// The SHA-256 of a file as a reader reads it, where a thread with nothing else to do may hash a mapped window for
/// the reader.
///
/// A reader hashes the chunks it reads itself (``update(_:)``). For a window it maps, it hands the window's bytes
/// that follow those hashed so far over as a job instead (``offer(_:of:skipping:)``): the
/// normaliser's thread, waiting for rows, takes the job with ``help()``; the reader hashes a job nobody took, or
/// waits for the one being hashed, before anything after it (``settle()``). On a two-core machine the reader is
/// the slower thread in some spells (its tokenizer slows down where the normaliser does not), and its SHA-256 is a
/// fifth of its work: there the normaliser takes it over.
///
/// A job hashes a read-only shared mapping of the file of its own: quotes the reader undoubles in place, in its
/// private mapping, change no byte the job hashes.
final class SharedHashing: @unchecked Sendable {
    /// A read-only mapping of part of the file, and how many of its first bytes are hashed already.
    private struct Job {
        let window: FileWindow
        let skipped: Int
    }

    private let condition = NSCondition()
    private var hasher = SHA256()
    private var job: Job?
    private var isTaken = false

    /// Hashes bytes the reader read, after any job handed over before them.
    func update(_ bytes: UnsafeRawBufferPointer) {
        settle()
        hasher.update(bufferPointer: bytes)
    }

    /// Hands over the job of hashing the bytes of `window` but its first `skipped`, after settling the job before;
    /// hashes them here, from the window, when they cannot be mapped again (before the reader scans the window,
    /// they are the file's).
    func offer(_ window: FileWindow, of descriptor: Int32, skipping skipped: Int) {
        settle()
        guard skipped < window.bytes.count else { return }
        guard
            let shared = FileWindow(
                descriptor: descriptor, offset: window.offset, count: window.bytes.count, writable: false)
        else {
            hasher.update(bufferPointer: Self.bytes(of: window, skipping: skipped))
            return
        }
        condition.lock()
        job = Job(window: shared, skipped: skipped)
        condition.unlock()
    }

    /// Hashes the job handed over, if nobody has taken it yet; returns whether it did. For a thread with nothing
    /// else to do.
    func help() -> Bool {
        condition.lock()
        guard let job, !isTaken else {
            condition.unlock()
            return false
        }
        isTaken = true
        condition.unlock()
        run(job)
        return true
    }

    /// Waits until the job handed over is hashed, hashing it here if nobody took it: what the reader does before
    /// it hashes anything after it, and before the hash is read.
    func settle() {
        condition.lock()
        guard let job else {
            condition.unlock()
            return
        }
        if isTaken {
            while self.job != nil { condition.wait() }
            condition.unlock()
            return
        }
        isTaken = true
        condition.unlock()
        run(job)
    }

    /// The digest of everything hashed, once settled.
    func finalize() -> SHA256.Digest {
        settle()
        return hasher.finalize()
    }

    /// Hashes a job taken (only the taker touches the hasher meanwhile), and clears it; its mapping goes with it.
    private func run(_ job: Job) {
        hasher.update(bufferPointer: Self.bytes(of: job.window, skipping: job.skipped))
        condition.lock()
        self.job = nil
        isTaken = false
        condition.broadcast()
        condition.unlock()
    }

    /// The bytes of a window after its first `skipped`.
    private static func bytes(of window: FileWindow, skipping skipped: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(window.bytes)[skipped...])
    }
}
