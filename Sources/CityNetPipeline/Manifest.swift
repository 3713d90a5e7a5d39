import CityNetModel
public import Foundation

/// `manifest.json`: what a run read, computed and wrote, stage by stage, so that any figure can be traced to its
/// inputs and the next run knows what is up to date.
///
/// Keys are written sorted; only the run id, the times and the durations change between two runs of the same
/// inputs. The schema is documented in the README ("manifest.json").
public struct Manifest: Codable, Sendable, Equatable {
    /// A stage's fingerprint and what the run did with it.
    public struct Stage: Codable, Sendable, Equatable {
        /// `source members`, `aggregate members_by_region`, `output members_by_region`.
        public var stage: String
        /// SHA-256 over the tool version, the stage's definition and everything it needs.
        public var fingerprint: String
        /// SHA-256 of the stage's part of the pipeline file after interpolation.
        public var definitionSha256: String
        /// What the stage needs, each with its fingerprint: stages by id, files by path.
        public var needs: [String: String]
        /// `ran`, `up_to_date` or `skipped`.
        public var status: String
        /// Why it ran or was skipped.
        public var reason: String
    }

    /// A file a run read (a source or a reference file).
    public struct Input: Codable, Sendable, Equatable {
        public var path: String
        public var bytes: Int
        /// The modification time in nanoseconds since 1970 (the fast check before hashing).
        public var mtimeNs: Int64
        public var sha256: String
    }

    /// A CSV source's dialect.
    public struct Dialect: Codable, Sendable, Equatable {
        public var encoding: String
        public var delimiter: String
        public var quote: String
        /// The escape inside quoted fields, when the file has one.
        public var escape: String?
        public var header: Bool
        public var headerLine: Int
        public var detected: Bool
    }

    /// What a source yielded.
    public struct Source: Codable, Sendable, Equatable {
        public var name: String
        public var path: String
        public var format: String
        public var bytes: Int
        public var sha256: String
        public var dialect: Dialect?
        public var read: Int
        public var accepted: Int
        public var rejected: Int
        public var warnings: Int
        public var warningMessages: [String]
        public var unmappedThemes: [String: Int]
        public var durationMs: Int
    }

    /// An aggregate's table.
    public struct Aggregate: Codable, Sendable, Equatable {
        public var name: String
        public var rows: Int
        public var engine: String
        public var durationMs: Int
    }

    /// A file the run published.
    public struct Output: Codable, Sendable, Equatable {
        public var path: String
        /// The stage that writes it (`output members_by_region`), or `run` for rejects.csv.
        public var stage: String
        public var bytes: Int
        public var sha256: String
    }

    /// What the run loaded into its database.
    public struct Database: Codable, Sendable, Equatable {
        /// `sqlite` or `postgres`.
        public var sink: String
        /// The SQLite path as given, or the PostgreSQL URL without its password.
        public var target: String
        /// Rows written (data and aggregate tables).
        public var rows: Int
        public var durationMs: Int
    }

    public var citynetVersion: String
    public var runId: String
    public var pipeline: String
    public var pipelineFile: String
    public var pipelineSha256: String
    /// `success` (a failed run writes no manifest; `runs.jsonl` records it).
    public var outcome: String
    public var startedAt: String
    public var finishedAt: String
    public var durationMs: Int
    public var params: [String: String]
    public var stages: [Stage]
    public var inputs: [Input]
    public var sources: [Source]
    public var aggregates: [Aggregate]
    public var database: Database?
    public var outputs: [Output]
    /// Rows of rejects.csv.
    public var rejects: Int

    /// The manifest as published: sorted keys, two-space indentation, a final newline.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and dictionaries cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return Array(data) + [0x0A]
    }

    /// Reads a manifest; `nil` when the file is missing or not a manifest of this version of the schema.
    public static func read(from url: URL) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(Manifest.self, from: data)
    }

    /// An ISO 8601 time with milliseconds.
    static func timestamp(_ date: Date) -> String {
        Timestamp.iso8601(secondsSince1970: date.timeIntervalSince1970)
    }

    /// Seconds as whole milliseconds.
    static func milliseconds(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }
}
