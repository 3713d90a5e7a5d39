import Glibc

/// A file read in large chunks with `read(2)`, so that readers stream in constant memory.
final class ByteFile {
    private let descriptor: Int32
    let displayPath: String

    /// Opens a file for reading.
    ///
    /// - Throws: ``IngestError/fileMissing(path:)`` or ``IngestError/unreadable(path:reason:)``.
    init(path: String, displayPath: String) throws(IngestError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .fileMissing(path: displayPath) }
            throw .unreadable(path: displayPath, reason: String(cString: strerror(code)))
        }
        self.descriptor = descriptor
        self.displayPath = displayPath
    }

    deinit { close(descriptor) }

    /// Appends up to `count` bytes to `buffer`; returns how many were read (0 at the end of the file).
    func read(appendingTo buffer: inout [UInt8], count: Int) throws(IngestError) -> Int {
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: count))
        let got = buffer.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            var result: Int
            repeat {
                result = Glibc.read(descriptor, base + start, count)
            } while result < 0 && errno == EINTR
            return result
        }
        guard got >= 0 else {
            buffer.removeLast(count)
            throw .unreadable(path: displayPath, reason: String(cString: strerror(errno)))
        }
        buffer.removeLast(count - got)
        return got
    }
}

@available(*, unavailable)
extension ByteFile: Sendable {}
