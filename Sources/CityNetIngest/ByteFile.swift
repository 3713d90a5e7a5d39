import CityNetModel
import Crypto
import Glibc

/// A file read in large chunks with `pread(2)`, so that readers stream in constant memory.
final class ByteFile {
    private let descriptor: Int32
    /// The path as the user named it.
    let displayPath: String
    /// Where reads report how far into the file they got.
    private let progress: ReadProgress?

    /// The SHA-256 of the bytes read so far from the start without a gap, when the file hashes its content.
    let hashing: SharedHashing?
    /// How many bytes from the start ``hashing`` has seen.
    private var hashedBytes: Int64 = 0
    /// Whether a read reached the end of the file right after the hashed bytes.
    private var hashedToEnd = false

    /// Opens a file for reading; with `hashesContent`, it computes the SHA-256 of what is read, as it is read.
    ///
    /// - Throws: ``IngestError/fileMissing(path:)`` or ``IngestError/unreadable(path:reason:)``.
    init(path: String, displayPath: String, progress: ReadProgress? = nil, hashesContent: Bool = false)
        throws(IngestError)
    {
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
        hashing = hashesContent ? SharedHashing() : nil
    }

    /// The file's size and SHA-256, when it hashes its content and has been read to its end without a gap (a
    /// reader that reads the file through in order); `nil` otherwise.
    var fingerprint: FileFingerprint? {
        guard let hashing, hashedToEnd else { return nil }
        return FileFingerprint(bytes: hashedBytes, sha256: FileFingerprint.hex(hashing.finalize()))
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
        let total = try read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<count]))
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<total]).bindMemory(to: UInt8.self))
        return total
    }

    /// The file's size when asked, or 0 when it has none (a pipe).
    var size: Int64 {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return 0 }
        return Int64(status.st_size)
    }

    /// Maps `count` bytes from `offset` (a multiple of the page size), lends them to `body` and unmaps them;
    /// returns false, without calling `body`, when the file cannot be mapped.
    func withMapping(at offset: Int64, count: Int, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        guard let window = FileWindow(descriptor: descriptor, offset: offset, count: count) else { return false }
        body(UnsafeRawBufferPointer(window.bytes))
        return true
    }

    /// Maps `count` bytes from `offset` (a multiple of the page size), as a reader reads them: the part after
    /// what was hashed so far is handed over to be hashed (``SharedHashing``), and the progress moves on. `nil`
    /// when the file cannot be mapped, or is no longer that long (a file cut short while mapped would stop the
    /// process at the first missing page).
    func window(at offset: Int64, count: Int) -> FileWindow? {
        guard offset + Int64(count) <= size,
            let window = FileWindow(descriptor: descriptor, offset: offset, count: count)
        else { return nil }
        let end = offset + Int64(count)
        if let hashing, offset <= hashedBytes, end > hashedBytes {
            hashing.offer(window, of: descriptor, skipping: Int(hashedBytes - offset))
            hashedBytes = end
        }
        progress?.reached(Int(end))
        return window
    }

    /// Reads up to `destination.count` bytes from `offset` straight into `destination`; returns how many were
    /// read (fewer only at the end of the file).
    func read(at offset: Int64, into destination: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        guard let base = destination.baseAddress else { return 0 }
        let count = destination.count
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
        if hashing != nil { hash(UnsafeRawBufferPointer(start: base, count: total), at: offset, requested: count) }
        progress?.reached(Int(offset) + total)
        return total
    }
}

extension ByteFile {
    /// Adds to the hash the part of bytes just read at `offset` that follows what it has seen; a read shorter than
    /// `requested` ended at the end of the file.
    private func hash(_ bytes: UnsafeRawBufferPointer, at offset: Int64, requested: Int) {
        let end = offset + Int64(bytes.count)
        guard offset <= hashedBytes, end >= hashedBytes else { return }
        if end > hashedBytes {
            hashing?.update(UnsafeRawBufferPointer(rebasing: bytes[Int(hashedBytes - offset)...]))
            hashedBytes = end
        }
        if bytes.count < requested { hashedToEnd = true }
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
    /// The file is hashed through memory mappings of one window at a time: the pages already in the page cache
    /// are hashed where they are, with no copy into the process, and at most one window is resident. A file that
    /// cannot be mapped (a pipe, say), and whatever follows the size the file had when opened, is read instead.
    ///
    /// - Throws: ``IngestError`` when the file is missing or unreadable.
    public static func compute(path: String, displayPath: String) throws(IngestError) -> FileFingerprint {
        let file = try ByteFile(path: path, displayPath: displayPath)
        var hasher = SHA256()
        var size: Int64 = 0
        let mappedSize = file.size
        while size < mappedSize {
            let count = Int(min(Int64(Self.window), mappedSize - size))
            let mapped = file.withMapping(at: size, count: count) { hasher.update(bufferPointer: $0) }
            guard mapped else { break }
            size += Int64(count)
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.window, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let read = try file.read(at: size, into: chunk)
            if read == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: chunk[0..<read]))
            size += Int64(read)
        }
        return FileFingerprint(bytes: size, sha256: hex(hasher.finalize()))
    }

    /// A digest in lowercase hex.
    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    private static let window = 1 << 18
}

/// A private mapping of part of a file, unmapped when released. Writes stay in the process (a reader undoubles
/// quotes in place); pages it does not write are the page cache's own, so reading them copies nothing.
///
/// Records handed over from a window point into it, and batches keep it (``CityNetModel/RecordBytesOwner``) until
/// they are normalised, on another thread: a reader writes only in the row it is reading, before handing it over,
/// and never in a row handed over.
final class FileWindow: RecordBytesOwner, @unchecked Sendable {
    /// The file offset of the first byte.
    let offset: Int64
    /// The mapped bytes.
    let bytes: UnsafeMutableBufferPointer<UInt8>

    /// Maps `count` bytes of the open file `descriptor` from `offset`, a multiple of the page size; `nil` when
    /// the file cannot be mapped (a pipe, say).
    ///
    /// With `writable` false the mapping is shared and read-only instead: it shows the file's bytes whatever is
    /// written in a private mapping of the same part (what a hashing job reads, ``SharedHashing``); writing through
    /// ``bytes`` would stop the process.
    init?(descriptor: Int32, offset: Int64, count: Int, writable: Bool = true) {
        guard count > 0,
            let address = mmap(
                nil, count, writable ? PROT_READ | PROT_WRITE : PROT_READ, writable ? MAP_PRIVATE : MAP_SHARED,
                descriptor, off_t(offset)),
            address != UnsafeMutableRawPointer(bitPattern: -1)
        else { return nil }
        self.offset = offset
        bytes = UnsafeMutableBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: count)
        super.init()
    }

    deinit { munmap(bytes.baseAddress, bytes.count) }

    /// The size of a page, which mappings start at multiples of.
    static let pageSize = Int64(sysconf(Int32(_SC_PAGESIZE)))
}

@available(*, unavailable)
extension ByteFile: Sendable {}
