import CityNetAggregate
import CityNetEmit
public import CityNetIngest
public import CityNetModel
public import CityNetNormalize
import CityNetStore
import Crypto
public import Foundation

/// Where a run reads and writes.
public struct RunOptions: Sendable {
    /// The folder relative input paths resolve against (the project root).
    public var root: URL
    /// The folder under which the pipeline's `output` folder lives; `root/Outputs` when `nil`.
    public var outputRoot: URL?
    /// Where every aggregate is computed, whatever the pipeline file says (`--engine`).
    public var engine: AggregateEngineKind?
    /// A database to load instead of (or besides the absence of) the pipeline file's (`--database`).
    public var database: DatabaseSpec.Sink?

    /// Creates options.
    public init(
        root: URL, outputRoot: URL? = nil, engine: AggregateEngineKind? = nil, database: DatabaseSpec.Sink? = nil
    ) {
        self.root = root
        self.outputRoot = outputRoot
        self.engine = engine
        self.database = database
    }

    /// The pipeline's output folder.
    public func outputFolder(for spec: PipelineSpec) -> URL {
        (outputRoot ?? root.appendingPathComponent("Outputs")).appendingPathComponent(spec.output)
    }

    func input(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
    }
}

/// What one source yielded.
public struct SourceReport: Sendable {
    /// The source's name.
    public var name: String
    /// The input path as written.
    public var path: String
    /// `csv` or `xml`.
    public var format: String
    /// The file's size in bytes.
    public var bytes: Int
    /// The file's SHA-256 in hex.
    public var sha256: String
    /// For CSV: the delimiter used and whether it was detected.
    public var dialect: CSVDialect?
    /// Records read, accepted and rejected.
    public var statistics: NormalizeStatistics
    /// The first warnings about the source (``NormalizeStatistics/warnings`` counts all).
    public var warnings: [Diagnostic]
    /// How long reading and normalising took, in seconds.
    public var duration: Double
}

/// What a finished run did.
public struct RunReport: Sendable {
    /// The output folder.
    public var outputFolder: URL
    /// Each source's counts.
    public var sources: [SourceReport]
    /// Each aggregate's table.
    public var tables: [Table]
    /// Every record rejected, in source order.
    public var rejects: [Reject]
    /// The files written, relative to the output folder, with their bytes.
    public var files: [Artifact]
}

/// Runs a pipeline: reads and normalises every source, computes the aggregates, renders the outputs, and
/// publishes all files at once.
///
/// Nothing is written until everything has been computed, so a run that fails (bad input, a reject rate over
/// its limit, a chart that cannot be drawn) leaves the previous outputs as they were.
public struct PipelineRunner: Sendable {
    /// The pipeline to run.
    public let spec: PipelineSpec
    /// Where it reads and writes.
    public let options: RunOptions
    /// Receives progress and warnings as lines of text.
    public let log: @Sendable (Diagnostic) -> Void

    /// The version written into manifests.
    public static let version = "0.1.0"

    /// Creates a runner.
    public init(spec: PipelineSpec, options: RunOptions, log: @escaping @Sendable (Diagnostic) -> Void = { _ in }) {
        self.spec = spec
        self.options = options
        self.log = log
    }

    /// Runs the pipeline and publishes its outputs.
    ///
    /// - Throws: an ``CityNetModel/DiagnosticError``: ``PipelineError``, ``CityNetIngest/IngestError``.
    @discardableResult
    public func run() async throws -> RunReport {
        let started = Date()
        let dataset = try await loadDataset()
        let database =
            options.database.map {
                DatabaseSpec(
                    sink: $0, engine: spec.database?.engine ?? .memory, definedAt: SourceLocation(file: "--database"))
            } ?? spec.database
        var tables: [String: Table] = [:]
        var aggregateTimes: [String: Double] = [:]
        var inDatabase: [AggregateEntry] = []
        for entry in spec.aggregates {
            guard engine(of: entry) == .memory else {
                inDatabase.append(entry)
                continue
            }
            let start = Date()
            tables[entry.spec.name] = AggregateEngine.run(entry.spec, on: dataset.dataset)
            aggregateTimes[entry.spec.name] = Date().timeIntervalSince(start)
        }
        if let database {
            let start = Date()
            let computed = try await load(
                database, dataset: dataset.dataset, tables: tables, computing: inDatabase, started: started)
            for (entry, table) in zip(inDatabase, computed) {
                tables[entry.spec.name] = table
                aggregateTimes[entry.spec.name] = Date().timeIntervalSince(start)
            }
        } else if let entry = inDatabase.first {
            throw PipelineError.invalidPipeline(
                entry.definedAt,
                "aggregate '\(entry.spec.name)' is to be computed in SQL, but the run has no database (add database: or --database)"
            )
        }
        var files: [Artifact] = []
        for output in spec.outputs {
            guard let table = tables[output.aggregate] else { continue }
            switch output.kind {
            case .table(_, let formats):
                for format in formats {
                    let bytes = format == .csv ? CSVTableWriter.write(table) : JSONTableWriter.write(table)
                    files.append(Artifact(path: "\(output.path).\(format.rawValue)", bytes: bytes))
                }
            case .chart(_, let chart):
                let bytes: [UInt8]
                do {
                    bytes = try ChartRenderer.render(chart, table: table)
                } catch {
                    throw PipelineError.chartFailed(output.definedAt, error.message)
                }
                // A chart that is not well-formed XML would be a bug in citynet; it never reaches the outputs.
                if let problem = XMLChecker.problem(in: bytes, name: output.path) {
                    throw PipelineError.chartFailed(
                        output.definedAt, "chart \(output.path) is not well-formed XML: \(problem)")
                }
                files.append(Artifact(path: output.path, bytes: bytes))
            }
        }
        files.append(Artifact(path: "rejects.csv", bytes: RejectsWriter.write(dataset.rejects)))
        let folder = options.outputFolder(for: spec)
        let manifest = ManifestWriter(
            spec: spec, sources: dataset.reports, tables: spec.aggregates.compactMap { tables[$0.spec.name] },
            aggregateTimes: aggregateTimes, files: files, rejectCount: dataset.rejects.count, started: started,
            finished: Date()
        )
        files.append(Artifact(path: "manifest.json", bytes: manifest.write()))
        try AtomicPublisher(folder: folder).publish(files.map { ($0.path, $0.bytes) })
        return RunReport(
            outputFolder: folder, sources: dataset.reports, tables: spec.aggregates.compactMap { tables[$0.spec.name] },
            rejects: dataset.rejects, files: files
        )
    }

    private func engine(of entry: AggregateEntry) -> AggregateEngineKind {
        options.engine ?? entry.engine ?? spec.database?.engine ?? .memory
    }

    /// Loads the dataset and the in-memory tables into the database in one transaction, computing the SQL
    /// aggregates inside it; returns those tables.
    private func load(
        _ database: DatabaseSpec, dataset: Dataset, tables: [String: Table], computing entries: [AggregateEntry],
        started: Date
    ) async throws -> [Table] {
        let formatter = ISO8601DateFormatter()
        let params =
            "{"
            + spec.parameters.map { "\(JSONTableWriter.quoted($0.name)): \(JSONTableWriter.quoted($0.value))" }.joined(
                separator: ", ") + "}"
        let run = LoadPlan.Run(
            id: UUID().uuidString.lowercased(), version: Self.version, startedAt: formatter.string(from: started),
            finishedAt: formatter.string(from: Date()), outcome: "success", params: params)
        let plan = LoadPlan(
            pipeline: spec.name, dataset: dataset, sources: spec.sources.map(\.name),
            aggregates: spec.aggregates.compactMap { tables[$0.spec.name] }, run: run)
        switch database.sink {
        case .sqlite(let path):
            let url =
                path.hasPrefix("/")
                ? URL(fileURLWithPath: path) : options.outputFolder(for: spec).appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw PipelineError.cannotWrite(path: url.deletingLastPathComponent().path, reason: "\(error)")
            }
            let computations = try entries.map { entry throws(PipelineError) in
                try compile(entry, dataset: dataset, dialect: .sqlite)
            }
            let store = try SQLiteStore(path: url.path)
            return try store.replace(plan, computing: computations)
        case .postgres(let url):
            let computations = try entries.map { entry throws(PipelineError) in
                try compile(entry, dataset: dataset, dialect: .postgres)
            }
            return try await PostgresStore(url: url).replace(plan, computing: computations)
        }
    }

    private func compile(_ entry: AggregateEntry, dataset: Dataset, dialect: SQLDialect) throws(PipelineError)
        -> any SQLComputation
    {
        do {
            return try SQLAggregatePlan(spec: entry.spec, pipeline: spec.name, dataset: dataset, dialect: dialect)
        } catch {
            throw PipelineError.invalidPipeline(entry.definedAt, error.message)
        }
    }

    /// Reads, checks and normalises every source without writing anything (`citynet validate`).
    ///
    /// - Throws: as ``run()``.
    public func validate() async throws -> (sources: [SourceReport], rejects: [Reject]) {
        let loaded = try await loadDataset()
        return (loaded.reports, loaded.rejects)
    }

    private func loadDataset() async throws -> (dataset: Dataset, reports: [SourceReport], rejects: [Reject]) {
        let countries = try ReferenceLoader.countries(spec.reference.countries, root: options)
        var themes = ThemeVocabulary()
        if let reference = spec.reference.themes {
            themes = try ThemesLoader.load(
                path: options.input(reference.path).path, displayPath: reference.path, definedAt: reference.definedAt
            )
        }
        let aliases = try ReferenceLoader.cityAliases(spec.reference.cities, countries: countries, root: options)
        var dataset = Dataset(countries: countries, themes: themes, cityAliases: aliases)
        var reports: [SourceReport] = []
        var rejects: [Reject] = []
        // Memberships first, so later sources can refer to member cities.
        let ordered =
            spec.sources.filter { $0.mapping.entity == .membership }
            + spec.sources.filter { $0.mapping.entity != .membership }
        var rejectsBySource: [String: [Reject]] = [:]
        for source in ordered {
            let (report, sourceRejects) = try await read(source, into: &dataset)
            reports.append(report)
            rejectsBySource[source.name] = sourceRejects
        }
        reports.sort { lhs, rhs in
            (spec.sources.firstIndex { $0.name == lhs.name } ?? 0)
                < (spec.sources.firstIndex { $0.name == rhs.name } ?? 0)
        }
        for source in spec.sources { rejects += rejectsBySource[source.name] ?? [] }
        return (dataset, reports, rejects)
    }

    private func read(_ source: SourceSpec, into dataset: inout Dataset) async throws -> (SourceReport, [Reject]) {
        let start = Date()
        let url = options.input(source.path)
        var normalizer = SourceNormalizer(source: source.name, mapping: source.mapping, defaultNetwork: source.name)
        var dialect: CSVDialect?
        // The SHA-256 pass runs on the other core while this one reads.
        let hashing = Task.detached { try FileFingerprint.compute(path: url.path, displayPath: source.path) }
        switch source.format {
        case .csv(let csvOptions, let columns):
            let reader = try CSVReader(path: url.path, displayPath: source.path, options: csvOptions)
            dialect = reader.dialect
            let positions = try reader.positions(of: columns)
            try reader.forEachRecord(columns: positions, source: source.name) { record in
                normalizer.normalize(record, into: &dataset)
            } onReject: { reject in
                normalizer.countReaderReject(reject)
            }
            for warning in reader.warnings { normalizer.addWarning(warning) }

        case .xml(let record, let fields):
            let reader = try XMLReader(path: url.path, displayPath: source.path)
            try reader.forEachRecord(recordPath: record, fields: fields) { record in
                normalizer.normalize(record, into: &dataset)
            }

        }
        normalizer.finish(into: &dataset)
        let fingerprint = try await hashing.value
        let statistics = normalizer.statistics
        // Every record read is either accepted or rejected; anything else is a bug, and no output is written.
        guard statistics.read == statistics.accepted + statistics.rejected,
            statistics.rejected == normalizer.rejects.count,
            dataset.sources[source.name]?.count == statistics.accepted
        else {
            throw PipelineError.reconciliationFailed(
                source: source.name, read: statistics.read, accepted: statistics.accepted, rejected: statistics.rejected
            )
        }
        let rejects = normalizer.rejects.sorted {
            ($0.location.line, $0.location.column ?? 0) < ($1.location.line, $1.location.column ?? 0)
        }
        for warning in normalizer.warnings.prefix(20) { log(warning) }
        if statistics.warnings > 20 {
            log(
                Diagnostic(
                    .warning, "source '\(source.name)': \(statistics.warnings - 20) more warnings (see manifest.json)",
                    at: SourceLocation(file: source.path)))
        }
        if statistics.rejected > 0 {
            log(
                Diagnostic(
                    .warning,
                    "source '\(source.name)': \(statistics.rejected) of \(statistics.read) records rejected (see rejects.csv)",
                    at: SourceLocation(file: source.path)))
        }
        if let limit = source.maxRejectRate, statistics.read > 0,
            Double(statistics.rejected) / Double(statistics.read) > limit
        {
            for reject in rejects.prefix(10) {
                log(
                    Diagnostic(
                        .warning, "rejected \(reject.field.isEmpty ? "row" : reject.field): \(reject.reason)",
                        at: reject.location))
            }
            throw PipelineError.rejectRateExceeded(
                source: source.name, rejected: statistics.rejected, read: statistics.read, limit: limit,
                location: source.definedAt
            )
        }
        let report = SourceReport(
            name: source.name, path: source.path, format: source.format.name, bytes: Int(fingerprint.bytes),
            sha256: fingerprint.sha256,
            dialect: dialect, statistics: statistics, warnings: normalizer.warnings,
            duration: Date().timeIntervalSince(start)
        )
        return (report, rejects)
    }
}

/// Writes `rejects.csv`: one row per rejected record or value, with where it is and why.
enum RejectsWriter {
    static func write(_ rejects: [Reject]) -> [UInt8] {
        CSVTableWriter.write(
            header: ["source", "file", "line", "column", "field", "value", "rule", "reason", "suggestion"],
            rows: rejects.map { reject in
                [
                    reject.source, reject.location.file, String(reject.location.line),
                    reject.location.column.map(String.init) ?? "", reject.field, reject.value, reject.rule,
                    reject.reason,
                    reject.suggestion,
                ]
            }
        )
    }
}
