import Glibc

/// A file read in large chunks with `pread(2)`, so that readers stream in constant memory.
final class ByteFile {
    private let descriptor: Int32
    /// The path as the user named it.
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
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw .unreadable(path: displayPath, reason: "it is a folder")
        }
        self.descriptor = descriptor
        self.displayPath = displayPath
    }

    private var scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    deinit {
        scratch.deallocate()
        close(descriptor)
    }

    /// Appends up to `count` bytes from `offset` to `buffer`; returns how many were read (0 at the end).
    func read(at offset: Int64, appendingTo buffer: inout [UInt8], count: Int) throws(IngestError) -> Int {
        if scratch.count < count {
            scratch.deallocate()
            scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
        }
        guard let base = scratch.baseAddress else { return 0 }
        var total = 0
        while total < count {
            let result = pread(descriptor, base + total, count - total, off_t(offset) + off_t(total))
            if result < 0, errno == EINTR { continue }
            if result < 0 {
                if total > 0 { break }
                throw .unreadable(path: displayPath, reason: String(cString: strerror(errno)))
            }
            if result == 0 { break }
            total += result
        }
        buffer.append(contentsOf: UnsafeRawBufferPointer(start: base, count: total).bindMemory(to: UInt8.self))
        return total
    }
}

@available(*, unavailable)
extension ByteFile: Sendable {}
