import Crypto
import Glibc

/// A file read in large chunks with `pread(2)`, so that readers stream in constant memory.
final class ByteFile {
    private let descriptor: Int32
    /// The path as the user named it.
    let displayPath: String
    /// Where reads report how far into the file they got.
    private let progress: ReadProgress?

    /// Opens a file for reading.
    ///
    /// - Throws: ``IngestError/fileMissing(path:)`` or ``IngestError/unreadable(path:reason:)``.
    init(path: String, displayPath: String, progress: ReadProgress? = nil) throws(IngestError) {
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
        self.progress = progress
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
        progress?.reached(Int(offset) + total)
        return total
    }
}

/// A file's size and SHA-256, for manifests.
public struct FileFingerprint: Sendable, Hashable {
    /// The size in bytes.
    public var bytes: Int64
    /// The SHA-256 in lowercase hex.
    public var sha256: String
}

extension FileFingerprint {
    /// Reads a file through and computes its size and SHA-256 (the runner does this beside the reading).
    ///
    /// - Throws: ``IngestError`` when the file is missing or unreadable.
    public static func compute(path: String, displayPath: String) throws(IngestError) -> FileFingerprint {
        let file = try ByteFile(path: path, displayPath: displayPath)
        var hasher = SHA256()
        var size: Int64 = 0
        var chunk: [UInt8] = []
        while true {
            chunk.removeAll(keepingCapacity: true)
            let read = try file.read(at: size, appendingTo: &chunk, count: 1 << 20)
            if read == 0 { break }
            chunk.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            size += Int64(read)
        }
        let digest = hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        return FileFingerprint(bytes: size, sha256: digest)
    }
}

@available(*, unavailable)
extension ByteFile: Sendable {}
