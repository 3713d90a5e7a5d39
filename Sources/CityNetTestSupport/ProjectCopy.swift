public import Foundation

/// A copy of the demo project (`Inputs/` and `Pipelines/`) in a temporary folder, for tests that break feeds on
/// purpose or run pipelines as a cron job would, without touching the repository.
public struct ProjectCopy: Sendable {
    /// The copy's root folder.
    public let root: URL

    /// Copies the project into a new temporary folder whose name starts with `name`.
    public init(_ name: String = "project") throws {
        root = TestPaths.temporaryFolder(name)
        let package = TestPaths.packageRoot()
        for folder in ["Inputs", "Pipelines"] {
            try FileManager.default.copyItem(
                at: package.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
    }

    /// Deletes the copy.
    public func remove() { try? FileManager.default.removeItem(at: root) }

    /// A path inside the copy.
    public func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// Rewrites a text file of the copy; an edit that changes nothing is a mistake in the test.
    public func edit(_ path: String, _ transform: (String) -> String) throws {
        let text = try String(contentsOf: url(path), encoding: .utf8)
        let changed = transform(text)
        precondition(changed != text, "the edit of \(path) changed nothing")
        try Data(changed.utf8).write(to: url(path))
    }

    /// Every file of a folder of the copy and its subfolders with its bytes (see ``snapshot(of:)``).
    public func snapshot(_ folder: String) throws -> [String: Data] { try Self.snapshot(of: url(folder)) }

    /// Every file of a folder and its subfolders with its bytes, but `runs.jsonl`, the log every run appends to.
    public static func snapshot(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where name != "runs.jsonl" {
            var isDirectory: ObjCBool = false
            let file = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            files[name] = try Data(contentsOf: file)
        }
        return files
    }
}
