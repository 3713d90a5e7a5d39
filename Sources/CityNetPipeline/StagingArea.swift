import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Builds a run's output folder beside the live one, then swaps it in whole.
///
/// The staging folder `.<folder>.staging-<run id>` is a sibling of the output folder, so that both are on the
/// same file system. It receives hard links to the live files the run keeps (up-to-date outputs, a database,
/// files citynet did not write) and the files the run writes, each flushed to disk. Publishing exchanges the two
/// folders with one `renameat2(RENAME_EXCHANGE)`: a reader, or a run killed at any instant, sees either the
/// previous folder or the new one, complete. Where the file system cannot exchange, the live folder is first
/// renamed to `.<folder>.previous-<run id>` and the staging folder renamed into place; if a run is killed
/// between the two renames, the next run puts the previous folder back before it starts.
struct StagingArea {
    /// The live output folder.
    let folder: URL
    /// This run's staging folder.
    let staging: URL

    /// Creates the staging folder of a run.
    ///
    /// - Throws: ``PipelineError/cannotWrite(path:reason:)``.
    init(folder: URL, runID: String) throws(PipelineError) {
        self.folder = folder
        staging = folder.deletingLastPathComponent().appendingPathComponent(
            ".\(folder.lastPathComponent).staging-\(runID)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: staging.path, reason: error.localizedDescription)
        }
    }

    /// Removes what killed runs left beside `folder`, after putting back a live folder that a killed run had
    /// moved aside. Call it while holding the folder's lock.
    static func recover(_ folder: URL) {
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let name = folder.lastPathComponent
        guard let entries = try? manager.contentsOfDirectory(atPath: parent.path) else { return }
        let previous = entries.filter { $0.hasPrefix(".\(name).previous-") }.sorted()
        if !manager.fileExists(atPath: folder.path), let latest = previous.last {
            rename(parent.appendingPathComponent(latest).path, folder.path)
        }
        for entry in entries where entry.hasPrefix(".\(name).staging-") || entry.hasPrefix(".\(name).previous-") {
            try? manager.removeItem(at: parent.appendingPathComponent(entry))
        }
    }

    /// Links the live folder's files into the staging folder, except those the run writes or drops.
    ///
    /// - Throws: ``PipelineError/cannotWrite(path:reason:)``.
    func carry(except excluded: Set<String>) throws(PipelineError) {
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: folder.path) else { return }
        while let relative = walker.nextObject() as? String {
            let source = folder.appendingPathComponent(relative)
            var status = stat()
            guard lstat(source.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, !excluded.contains(relative)
            else { continue }
            let target = staging.appendingPathComponent(relative)
            do {
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if link(source.path, target.path) != 0 { try manager.copyItem(at: source, to: target) }
            } catch {
                throw .cannotWrite(path: target.path, reason: error.localizedDescription)
            }
        }
    }

    /// Whether the live folder has a file.
    func liveFileExists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(relative).path)
    }

    /// The bytes of a live file, if it exists.
    func liveContents(_ relative: String) -> [UInt8]? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(relative).path).map { Array($0) }
    }

    /// Writes a file into the staging folder and flushes it to disk.
    ///
    /// - Throws: ``PipelineError/cannotWrite(path:reason:)``.
    func write(_ relative: String, _ bytes: [UInt8]) throws(PipelineError) {
        let target = staging.appendingPathComponent(relative)
        do {
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: target.path, reason: error.localizedDescription)
        }
        let descriptor = open(target.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path: relative, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: relative, reason: String(cString: strerror(errno)))
            }
            written += result
        }
        guard fsync(descriptor) == 0 else {
            throw .cannotWrite(path: relative, reason: String(cString: strerror(errno)))
        }
    }

    /// Puts the staging folder in place of the live one and removes the previous folder.
    ///
    /// - Throws: ``PipelineError/cannotWrite(path:reason:)``; the live folder is then unchanged.
    func publish() throws(PipelineError) {
        Self.sync(staging)
        let manager = FileManager.default
        if manager.fileExists(atPath: folder.path) {
            if Self.exchange(staging.path, folder.path) {
                Self.sync(folder.deletingLastPathComponent())
                try? manager.removeItem(at: staging)
                return
            }
            let aside = URL(
                fileURLWithPath: staging.path.replacingOccurrences(of: ".staging-", with: ".previous-"))
            guard rename(folder.path, aside.path) == 0 else {
                throw .cannotWrite(path: folder.path, reason: String(cString: strerror(errno)))
            }
            guard rename(staging.path, folder.path) == 0 else {
                let reason = String(cString: strerror(errno))
                rename(aside.path, folder.path)
                throw .cannotWrite(path: folder.path, reason: reason)
            }
            Self.sync(folder.deletingLastPathComponent())
            try? manager.removeItem(at: aside)
        } else {
            guard rename(staging.path, folder.path) == 0 else {
                throw .cannotWrite(path: folder.path, reason: String(cString: strerror(errno)))
            }
            Self.sync(folder.deletingLastPathComponent())
        }
    }

    /// Removes the staging folder (a run that failed).
    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    private static func sync(_ directory: URL) {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    private typealias RenameAt2 =
        @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) ->
        Int32

    /// glibc's `renameat2`, which Swift's Glibc module does not declare; `nil` before glibc 2.28.
    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// Exchanges two paths atomically; `false` where the kernel or file system cannot.
    private static func exchange(_ first: String, _ second: String) -> Bool {
        guard let renameat2 else { return false }
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
    }
}
