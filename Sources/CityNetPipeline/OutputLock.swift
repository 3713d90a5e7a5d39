import CityNetModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One run per output folder at a time: an exclusive `flock` on `.<folder>.lock` beside the output folder.
///
/// The lock file sits beside the folder, not in it, because a run publishes by exchanging the whole folder
/// with its staging folder: a lock inside would move with it. The kernel releases the lock when its holder
/// exits, however it exits, so a lock left by a killed run never blocks. The file holds the holder's pid and
/// start time, for the message a second run prints.
final class OutputLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The lock file of an output folder.
    static func path(for folder: URL) -> URL {
        folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).lock")
    }

    /// Takes the lock of `folder`, waiting up to `wait` seconds for another run to finish.
    ///
    /// - Throws: ``PipelineError/locked(folder:holder:)`` when another run holds it (exit 75),
    ///   ``PipelineError/cannotWrite(path:reason:)`` when the lock file cannot be created.
    static func acquire(for folder: URL, runID: String, started: Date, wait: Double?) throws(PipelineError)
        -> OutputLock
    {
        let url = path(for: folder)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: url.deletingLastPathComponent().path, reason: "\(error.localizedDescription)")
        }
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
        let deadline = Date().addingTimeInterval(wait ?? 0)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                let holder = holderDescription(descriptor)
                close(descriptor)
                throw .locked(folder: folder.path, holder: holder)
            }
            usleep(100_000)
        }
        let holder = "pid \(getpid()), run \(runID), started \(Manifest.timestamp(started))\n"
        ftruncate(descriptor, 0)
        _ = holder.utf8CString.withUnsafeBufferPointer { buffer in
            pwrite(descriptor, buffer.baseAddress, buffer.count - 1, 0)
        }
        return OutputLock(descriptor: descriptor)
    }

    private static func holderDescription(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return "another run" }
        let text = String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "another run" : text
    }

    /// Releases the lock (the file stays, empty of meaning until the next run takes it).
    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
