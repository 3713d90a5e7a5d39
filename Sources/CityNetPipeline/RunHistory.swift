import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `runs.jsonl` in the output folder: one JSON object per run, successful, up to date or failed — the history
/// a dashboard of the nightly job reads.
///
/// A successful run's line is published with its outputs; an up-to-date or failed run appends its line to the
/// live file (the only write such a run makes, and never to an output).
enum RunHistory {
    /// One run.
    struct Entry: Encodable {
        var runId: String
        var pipeline: String
        var citynetVersion = PipelineRunner.version
        var startedAt: String
        var finishedAt: String
        var durationMs: Int
        /// `success`, `up_to_date` or `failed`.
        var outcome: String
        var exitCode: Int
        var read: Int?
        var accepted: Int?
        var rejected: Int?
        var stagesRun: Int?
        var stagesUpToDate: Int?
        var error: String?

        init(
            runID: String, pipeline: String, startedAt: Date, finishedAt: Date, outcome: String, exitCode: Int,
            read: Int? = nil, accepted: Int? = nil, rejected: Int? = nil, stagesRun: Int? = nil,
            stagesUpToDate: Int? = nil, error: String? = nil
        ) {
            runId = runID
            self.pipeline = pipeline
            self.startedAt = Manifest.timestamp(startedAt)
            self.finishedAt = Manifest.timestamp(finishedAt)
            durationMs = Manifest.milliseconds(finishedAt.timeIntervalSince(startedAt))
            self.outcome = outcome
            self.exitCode = exitCode
            self.read = read
            self.accepted = accepted
            self.rejected = rejected
            self.stagesRun = stagesRun
            self.stagesUpToDate = stagesUpToDate
            self.error = error
        }

        /// The entry as one line of JSON with its line feed.
        func line() -> [UInt8] {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Array((try? encoder.encode(self)) ?? Data("{}".utf8)) + [0x0A]
        }
    }

    /// Appends an entry to the live `runs.jsonl` of `folder`, if the folder exists (a first run that fails
    /// creates nothing).
    static func appendLive(_ entry: Entry, folder: URL) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { return }
        let descriptor = open(
            folder.appendingPathComponent("runs.jsonl").path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = entry.line()
        _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    }
}
