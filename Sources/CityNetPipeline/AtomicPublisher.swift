import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a set of files into a folder so that each appears whole or not at all.
///
/// Every file is first written and flushed to a hidden temporary file beside its target; only when all are
/// written are they renamed into place. If any write fails, the temporary files are removed and no target
/// has changed.
struct AtomicPublisher {
    let folder: URL

    func publish(_ files: [(path: String, bytes: [UInt8])]) throws(PipelineError) {
        let manager = FileManager.default
        var staged: [(temporary: URL, target: URL)] = []
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: folder.path, reason: Self.reason(error))
        }
        let suffix = ".citynet-\(getpid()).tmp"
        for file in files {
            let target = folder.appendingPathComponent(file.path)
            let temporary = target.deletingLastPathComponent().appendingPathComponent(
                "." + target.lastPathComponent + suffix)
            do {
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Self.write(file.bytes, to: temporary.path)
                staged.append((temporary, target))
            } catch {
                for entry in staged { try? manager.removeItem(at: entry.temporary) }
                try? manager.removeItem(at: temporary)
                throw .cannotWrite(path: target.path, reason: Self.reason(error))
            }
        }
        for entry in staged where rename(entry.temporary.path, entry.target.path) != 0 {
            let reason = String(cString: strerror(errno))
            for remaining in staged { try? manager.removeItem(at: remaining.temporary) }
            throw .cannotWrite(path: entry.target.path, reason: reason)
        }
    }

    private struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    private static func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(description: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw WriteError(description: String(cString: strerror(errno)))
            }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw WriteError(description: String(cString: strerror(errno))) }
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? WriteError { return error.description }
        return (error as NSError).localizedDescription
    }
}
