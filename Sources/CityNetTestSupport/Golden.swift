public import Foundation

/// Compares produced bytes with golden files, and records them when `CITYNET_RECORD_GOLDENS=1` is set.
///
/// Recording rewrites the golden file and reports a failure, so a recording run never passes by accident.
public enum Golden {
    /// Whether this run records goldens instead of comparing.
    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment["CITYNET_RECORD_GOLDENS"] == "1"
    }

    /// Compares `bytes` with the golden file at `url`.
    ///
    /// - Returns: `nil` when they match, otherwise a message describing the first difference (or that the
    ///   golden was recorded).
    public static func compare(_ bytes: [UInt8], with url: URL) -> String? {
        if isRecording {
            try? FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            do {
                try Data(bytes).write(to: url)
            } catch {
                return "could not record \(url.path): \(error)"
            }
            return "recorded \(url.lastPathComponent); unset CITYNET_RECORD_GOLDENS and run again"
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            return "golden file \(url.path) is missing; run with CITYNET_RECORD_GOLDENS=1 to record it"
        }
        return difference(Array(expected), bytes, name: url.lastPathComponent)
    }

    /// A description of the first line where two byte strings differ, or `nil` when equal.
    public static func difference(_ expected: [UInt8], _ actual: [UInt8], name: String) -> String? {
        guard expected != actual else { return nil }
        let expectedLines = String(decoding: expected, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        let actualLines = String(decoding: actual, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let lhs = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let rhs = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            if lhs != rhs {
                return "\(name) differs at line \(index + 1):\n  expected: \(lhs)\n  actual:   \(rhs)"
            }
        }
        return "\(name) differs (\(expected.count) bytes expected, \(actual.count) produced)"
    }
}

/// Where the package's files are, for tests that read fixtures and shared data.
public enum TestPaths {
    /// The package root (the folder holding `Package.swift`), found from a source file's path.
    public static func packageRoot(from file: StaticString = #filePath) -> URL {
        var url = URL(fileURLWithPath: "\(file)")
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// `../shared/data` beside the package, if present.
    public static func sharedData(from file: StaticString = #filePath) -> URL? {
        let url = packageRoot(from: file).deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// A new empty temporary folder.
    public static func temporaryFolder(_ name: String = "citynet") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
