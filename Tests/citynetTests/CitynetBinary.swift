import CityNetTestSupport
import Foundation
import Testing

/// The built `citynet` binary, run as a user or cron would run it.
enum CitynetBinary {
    /// What a finished command printed and how it exited.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let url: URL? = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ]
        return candidates.map { $0.appendingPathComponent("citynet") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// A started command whose output goes to files, so that it can be killed at any moment.
    struct Running {
        let process: Process
        let scratch: URL

        /// Waits for the command to exit, returns what it printed and deletes the files it printed to.
        func finish() -> Result {
            process.waitUntilExit()
            defer { try? FileManager.default.removeItem(at: scratch) }
            return Result(
                status: process.terminationStatus,
                stdout: Self.text(of: scratch.appendingPathComponent("stdout")),
                stderr: Self.text(of: scratch.appendingPathComponent("stderr")))
        }

        private static func text(of file: URL) -> String { (try? String(contentsOf: file, encoding: .utf8)) ?? "" }
    }

    /// Starts `citynet arguments…` (or another executable) in `directory`.
    static func start(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:], executable: URL? = nil
    ) throws -> Running {
        let binary = try executable ?? #require(url, "the citynet binary is built beside the tests")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let scratch = TestPaths.temporaryFolder("citynet-output")
        let stdout = scratch.appendingPathComponent("stdout")
        let stderr = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, scratch: scratch)
    }

    /// Runs `citynet arguments…` in `directory` to the end.
    static func run(
        _ arguments: [String], in directory: URL = TestPaths.packageRoot(), environment: [String: String] = [:],
        executable: URL? = nil
    ) throws -> Result {
        try start(arguments, in: directory, environment: environment, executable: executable).finish()
    }
}

/// What the runner tests do with a copy of the project: write feeds and run the built binary in it.
extension ProjectCopy {
    func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(
            at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url(path))
    }

    func append(_ path: String, _ text: String) throws {
        let handle = try FileHandle(forWritingTo: url(path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    func run(_ arguments: [String]) throws -> CitynetBinary.Result {
        try CitynetBinary.run(arguments, in: root)
    }

    /// The manifest of an output folder, parsed.
    func manifest(_ folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: url(folder).appendingPathComponent("manifest.json"))
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The status the manifest gives each stage (`ran`, `up_to_date`, `skipped`).
    func stageStatuses(_ folder: String) throws -> [String: String] {
        let stages = try #require(try manifest(folder)["stages"] as? [[String: Any]])
        var statuses: [String: String] = [:]
        for stage in stages {
            if let name = stage["stage"] as? String, let status = stage["status"] as? String { statuses[name] = status }
        }
        return statuses
    }
}
