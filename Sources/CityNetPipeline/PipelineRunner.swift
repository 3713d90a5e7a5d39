import CityNetAggregate
import CityNetEmit
public import CityNetIngest
public import CityNetModel
public import CityNetNormalize
import CityNetStore
import Crypto
public import Foundation
public import Logging

/// Where a run reads and writes, and how much of it runs.
public struct RunOptions: Sendable {
    /// The folder relative input paths resolve against (the project root).
    public var root: URL
    /// The folder under which the pipeline's `output` folder lives; `root/Outputs` when `nil`.
    public var outputRoot: URL?
    /// Where every aggregate is computed, whatever the pipeline file says (`--engine`).
    public var engine: AggregateEngineKind?
    /// A database to load instead of (or besides the absence of) the pipeline file's (`--database`).
    public var database: DatabaseSpec.Sink?
    /// Run every stage, whatever the last run's manifest says (`--force`).
    public var force = false
    /// Run only these stages and what they need (`--only`); every stage when empty.
    public var only: [String] = []
    /// How many stages run at once (`--jobs`); at least 1.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// How long to wait for another run of the same output folder to finish (`--wait`); `nil` fails at once.
    public var wait: Double?
    /// Receives how far each large source has been read, a few times a second (a terminal's progress line).
    public var progress: (@Sendable (SourceProgress) -> Void)?

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

    /// The database the run loads: `--database`, else the pipeline file's.
    func effectiveDatabase(_ spec: PipelineSpec) -> DatabaseSpec? {
        database.map {
            DatabaseSpec(
                sink: $0, engine: spec.database?.engine ?? .memory, definedAt: SourceLocation(file: "--database"))
        } ?? spec.database
    }

    /// Where an aggregate is computed.
    func engine(of entry: AggregateEntry, database: DatabaseSpec?) -> AggregateEngineKind {
        engine ?? entry.engine ?? database?.engine ?? .memory
    }
}

/// How far the reading of a source has got.
public struct SourceProgress: Sendable {
    /// The source.
    public var source: String
    /// Bytes read and the file's size.
    public var bytes: Int
    public var totalBytes: Int
    /// Records handed to the normaliser.
    public var records: Int
    /// Seconds since the source's reading began.
    public var seconds: Double
    /// Whether the source is read through (the last report for it).
    public var finished: Bool
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
    /// The run's id (also in the manifest and `runs.jsonl`).
    public var runID: String
    /// The output folder.
    public var outputFolder: URL
    /// What the run did with each stage.
    public var plan: RunPlan
    /// Each source read by this run, with its counts.
    public var sources: [SourceReport]
    /// Each aggregate computed by this run.
    public var tables: [Table]
    /// Every record rejected by the sources this run read, in source order.
    public var rejects: [Reject]
    /// The files this run wrote, relative to the output folder, with their bytes (up-to-date files are kept,
    /// not written).
    public var files: [Artifact]
    /// Files kept from the previous run because their stage was up to date or skipped.
    public var keptFiles: [String]

    /// Whether the run found nothing to do.
    public var upToDate: Bool { !plan.hasWork }
}

/// Runs a pipeline: decides what is out of date, reads and normalises the sources that need it, computes the
/// aggregates, renders the outputs, and publishes the new output folder whole.
///
/// One run per output folder at a time (a lock beside it). Everything is built in a staging folder and swapped
/// in only when complete and checked, so a run that fails — bad input, a reject rate over its limit, a lost
/// database, a kill — leaves the previous outputs as they were.
public struct PipelineRunner: Sendable {
    /// The pipeline to run.
    public let spec: PipelineSpec
    /// Where it reads and writes.
    public let options: RunOptions
    /// Where progress, warnings and decisions go; metadata `stage` names the stage.
    public let logger: Logger

    /// The version written into manifests.
    public static let version = "0.1.0"

    /// Creates a runner.
    public init(spec: PipelineSpec, options: RunOptions, logger: Logger? = nil) {
        self.spec = spec
        self.options = options
        self.logger = logger ?? Logger(label: "citynet", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    /// Runs the pipeline and publishes its outputs.
    ///
    /// - Throws: an ``CityNetModel/DiagnosticError``: ``PipelineError``, ``CityNetIngest/IngestError``,
    ///   ``CityNetStore/StoreError``; the previous outputs are then unchanged and `runs.jsonl` records the
    ///   failure.
    @discardableResult
    public func run() async throws -> RunReport {
        let started = Date()
        let runID = UUID().uuidString.lowercased()
        let folder = options.outputFolder(for: spec)
        let lock = try OutputLock.acquire(for: folder, runID: runID, started: started, wait: options.wait)
        defer { lock.release() }
        StagingArea.recover(folder)
        do {
            return try await execute(runID: runID, started: started, folder: folder)
        } catch {
            let status = (error as? any DiagnosticError)?.exitStatus ?? .dataError
            let message = (error as? any DiagnosticError)?.diagnostic.description ?? "\(error)"
            RunHistory.appendLive(
                RunHistory.Entry(
                    runID: runID, pipeline: spec.name, startedAt: started, finishedAt: Date(),
                    outcome: "failed", exitCode: Int(status.rawValue), error: message),
                folder: folder)
            throw error
        }
    }

    private func execute(runID: String, started: Date, folder: URL) async throws -> RunReport {
        let plan = try RunPlanner(spec: spec, options: options).plan()
        for stage in plan.graph.stages {
            logger.debug("\(plan.decisions[stage]?.reason ?? "")", metadata: ["stage": "\(stage)"])
        }
        guard plan.hasWork else {
            RunHistory.appendLive(
                RunHistory.Entry(
                    runID: runID, pipeline: spec.name, startedAt: started, finishedAt: Date(), outcome: "up_to_date",
                    exitCode: 0),
                folder: folder)
            return RunReport(
                runID: runID, outputFolder: folder, plan: plan, sources: [], tables: [], rejects: [], files: [],
                keptFiles: plan.previous?.outputs.map(\.path) ?? [])
        }
        let database = options.effectiveDatabase(spec)
        let loaded = try await loadDataset(plan)
        var tables: [String: Table] = [:]
        var aggregateTimes: [String: Double] = [:]
        let inMemory = spec.aggregates.filter {
            plan.runs(StageID(.aggregate, $0.spec.name)) && options.engine(of: $0, database: database) == .memory
        }
        let inDatabase = spec.aggregates.filter {
            plan.runs(StageID(.aggregate, $0.spec.name)) && options.engine(of: $0, database: database) == .sql
        }
        for (name, table, seconds) in await computeInMemory(inMemory, dataset: loaded.dataset) {
            tables[name] = table
            aggregateTimes[name] = seconds
        }
        var databaseLoad: Manifest.Database?
        if let database, plan.runs(StageID(.database, "database")) {
            let start = Date()
            let (computed, load) = try await self.load(
                database, dataset: loaded.dataset, tables: tables, computing: inDatabase, started: started,
                runID: runID)
            databaseLoad = load
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
        let rendered = try await render(plan: plan, tables: tables)
        let staging = try StagingArea(folder: folder, runID: runID)
        do {
            let report = try publish(
                plan: plan, loaded: loaded, tables: tables, aggregateTimes: aggregateTimes, database: databaseLoad,
                rendered: rendered, staging: staging, runID: runID, started: started)
            return report
        } catch {
            staging.discard()
            throw error
        }
    }

    /// Computes aggregates in memory, several at once (at most `jobs`).
    private func computeInMemory(_ entries: [AggregateEntry], dataset: Dataset) async -> [(String, Table, Double)] {
        let jobs = max(1, options.jobs)
        return await withTaskGroup(of: (String, Table, Double).self) { group in
            var results: [(String, Table, Double)] = []
            var running = 0
            for entry in entries {
                if running == jobs, let result = await group.next() {
                    results.append(result)
                    running -= 1
                }
                group.addTask {
                    let start = Date()
                    let table = AggregateEngine.run(entry.spec, on: dataset)
                    return (entry.spec.name, table, Date().timeIntervalSince(start))
                }
                running += 1
            }
            for await result in group { results.append(result) }
            return results
        }
    }

    /// Renders the outputs that run, several at once.
    private func render(plan: RunPlan, tables: [String: Table]) async throws -> [(stage: StageID, artifact: Artifact)] {
        let outputs = spec.outputs.filter { plan.runs(StageID(.output, $0.path)) }
        let jobs = max(1, options.jobs)
        return try await withThrowingTaskGroup(of: [(StageID, Artifact)].self) { group in
            var rendered: [(stage: StageID, artifact: Artifact)] = []
            var running = 0
            for output in outputs {
                guard let aggregate = output.aggregate, let table = tables[aggregate] else { continue }
                if running == jobs, let done = try await group.next() {
                    rendered += done.map { (stage: $0.0, artifact: $0.1) }
                    running -= 1
                }
                group.addTask { try Self.render(output, table: table) }
                running += 1
            }
            for try await done in group { rendered += done.map { (stage: $0.0, artifact: $0.1) } }
            let order = Dictionary(uniqueKeysWithValues: spec.outputs.enumerated().map { ($1.path, $0) })
            return rendered.sorted {
                (order[$0.stage.name] ?? 0, $0.artifact.path) < (order[$1.stage.name] ?? 0, $1.artifact.path)
            }
        }
    }

    private static func render(_ output: OutputSpec, table: Table) throws -> [(StageID, Artifact)] {
        let stage = StageID(.output, output.path)
        switch output.kind {
        case .table(_, let formats, let csv):
            return formats.flatMap { format -> [(StageID, Artifact)] in
                switch format {
                case .csv:
                    return [
                        (stage, Artifact(path: "\(output.path).csv", bytes: CSVTableWriter.write(table, options: csv)))
                    ]
                case .json:
                    return [
                        (stage, Artifact(path: "\(output.path).json", bytes: JSONTableWriter.write(table))),
                        (stage, Artifact(path: "\(output.path).schema.json", bytes: JSONSchemaWriter.write(table))),
                    ]
                }
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
            return zip(chart.formats, output.files).map { format, path in
                (stage, Artifact(path: path, bytes: format == .svg ? bytes : VegaLiteWriter.write(chart, table: table)))
            }
        case .report:
            return []
        }
    }

    /// Builds the new output folder in the staging area and swaps it in.
    private func publish(
        plan: RunPlan, loaded: LoadedDataset, tables: [String: Table], aggregateTimes: [String: Double],
        database: Manifest.Database?, rendered: [(stage: StageID, artifact: Artifact)], staging: StagingArea,
        runID: String, started: Date
    ) throws -> RunReport {
        let previous = plan.previous
        let sourceEntries: [Manifest.Source] = spec.sources.compactMap { source in
            if let report = loaded.reports.first(where: { $0.name == source.name }) { return Manifest.Source(report) }
            return previous?.sources.first { $0.name == source.name }
        }
        var rendered = rendered
        // Every computed table is kept in the output folder, so that a later run whose aggregate is up to date can
        // still show it in a report.
        for (name, table) in tables.sorted(by: { $0.key < $1.key }) {
            rendered.append(
                (StageID(.aggregate, name), Artifact(path: TableCache.path(of: name), bytes: TableCache.encode(table))))
        }
        let reports = spec.outputs.filter { output in
            if case .report = output.kind { return plan.runs(StageID(.output, output.path)) }
            return false
        }
        let rejects = try mergedRejects(plan: plan, loaded: loaded, staging: staging)
        if !reports.isEmpty {
            var allTables = tables
            for entry in spec.aggregates where allTables[entry.spec.name] == nil {
                allTables[entry.spec.name] = try TableCache.load(entry.spec.name, from: staging.folder)
            }
            let builder = ReportBuilder(spec: spec, tables: allTables, sources: sourceEntries, rejects: rejects.count)
            for output in reports {
                guard case .report(let report) = output.kind else { continue }
                // A report whose content has not changed keeps its bytes, and so the time it was first generated.
                let live = staging.folder.appendingPathComponent(output.path)
                let previous = FileManager.default.contents(atPath: live.path).map([UInt8].init)
                let bytes: [UInt8]
                if let previous, let previousTime = ReportWriter.generatedAt(of: previous),
                    try builder.html(report, generatedAt: previousTime) == previous
                {
                    bytes = previous
                } else {
                    bytes = try builder.html(report, generatedAt: Manifest.timestamp(started))
                }
                rendered.append((StageID(.output, output.path), Artifact(path: output.path, bytes: bytes)))
            }
        }
        let written = Set(rendered.map(\.artifact.path))
        let liveStages = Set(plan.graph.stages.map(\.description))
        // Files of outputs the pipeline no longer has are dropped with their stage.
        let dropped = Set((previous?.outputs ?? []).filter { !liveStages.contains($0.stage) }.map(\.path))
        try staging.carry(except: written.union(dropped).union(["manifest.json", "rejects.csv", "runs.jsonl"]))
        for (_, artifact) in rendered { try staging.write(artifact.path, artifact.bytes) }

        let rejectsBytes = RejectsWriter.write(rejects)
        try staging.write("rejects.csv", rejectsBytes)

        // A stage that wrote files lists them; one that did not keeps the previous manifest's entries.
        func entries(of stage: StageID, wrote: Bool) -> [Manifest.Output] {
            guard wrote else { return (previous?.outputs ?? []).filter { $0.stage == stage.description } }
            return rendered.filter { $0.stage == stage }.map { _, artifact in
                Manifest.Output(
                    path: artifact.path, stage: stage.description, bytes: artifact.bytes.count,
                    sha256: RunPlanner.sha256(bytes: artifact.bytes))
            }
        }
        var outputs: [Manifest.Output] = []
        for output in spec.outputs {
            let stage = StageID(.output, output.path)
            outputs += entries(of: stage, wrote: plan.runs(stage))
        }
        for entry in spec.aggregates {
            let stage = StageID(.aggregate, entry.spec.name)
            outputs += entries(of: stage, wrote: rendered.contains { $0.stage == stage })
        }
        outputs.append(
            Manifest.Output(
                path: "rejects.csv", stage: "run", bytes: rejectsBytes.count,
                sha256: RunPlanner.sha256(bytes: rejectsBytes)))

        var inputs = plan.inputs
        for report in loaded.reports where inputs[report.path]?.sha256.isEmpty ?? false {
            inputs[report.path]?.sha256 = report.sha256
        }
        for (path, input) in inputs where input.sha256.isEmpty {
            inputs[path]?.sha256 = try FileFingerprint.compute(path: options.input(path).path, displayPath: path).sha256
        }
        let stages = RunPlanner(spec: spec, options: options, previous: .some(previous)).stageRecords(
            plan, inputs: inputs)
        let finished = Date()
        let sources = sourceEntries
        let aggregates: [Manifest.Aggregate] = spec.aggregates.compactMap { entry in
            let name = entry.spec.name
            if let table = tables[name] {
                return Manifest.Aggregate(
                    name: name, rows: table.rows.count,
                    engine: options.engine(of: entry, database: options.effectiveDatabase(spec)).rawValue,
                    durationMs: Manifest.milliseconds(aggregateTimes[name] ?? 0))
            }
            return previous?.aggregates.first { $0.name == name }
        }
        let manifest = Manifest(
            citynetVersion: Self.version, runId: runID, pipeline: spec.name, pipelineFile: spec.file,
            pipelineSha256: spec.fileSHA256, outcome: "success", startedAt: Manifest.timestamp(started),
            finishedAt: Manifest.timestamp(finished),
            durationMs: Manifest.milliseconds(finished.timeIntervalSince(started)),
            params: Dictionary(spec.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }),
            stages: stages, inputs: inputs.values.sorted { $0.path < $1.path }, sources: sources,
            aggregates: aggregates, database: database ?? previous?.database, outputs: outputs, rejects: rejects.count)
        let manifestBytes = manifest.encoded()
        try staging.write("manifest.json", manifestBytes)
        let entry = RunHistory.Entry(
            runID: runID, pipeline: spec.name, startedAt: started, finishedAt: finished, outcome: "success",
            exitCode: 0,
            read: loaded.reports.map(\.statistics.read).reduce(0, +),
            accepted: loaded.reports.map(\.statistics.accepted).reduce(0, +),
            rejected: loaded.reports.map(\.statistics.rejected).reduce(0, +),
            stagesRun: plan.decisions.values.filter(\.runs).count,
            stagesUpToDate: plan.decisions.values.filter { !$0.runs }.count)
        try staging.write("runs.jsonl", (staging.liveContents("runs.jsonl") ?? []) + entry.line())
        try staging.publish()

        let kept = outputs.map(\.path).filter { !written.contains($0) && $0 != "rejects.csv" }
        return RunReport(
            runID: runID, outputFolder: options.outputFolder(for: spec), plan: plan, sources: loaded.reports,
            tables: spec.aggregates.compactMap { tables[$0.spec.name] }, rejects: loaded.rejects,
            files: rendered.map(\.artifact) + [
                Artifact(path: "rejects.csv", bytes: rejectsBytes),
                Artifact(path: "manifest.json", bytes: manifestBytes),
            ],
            keptFiles: kept)
    }

    /// This run's rejects for the sources it read, and the live file's rows for those it did not.
    private func mergedRejects(plan: RunPlan, loaded: LoadedDataset, staging: StagingArea) throws -> [Reject] {
        let readSources = Set(loaded.reports.map(\.name))
        let keptRejects = previousRejects(staging: staging).filter { reject in
            !readSources.contains(reject.source) && spec.sources.contains { $0.name == reject.source }
        }
        var rejects: [Reject] = []
        for source in spec.sources {
            rejects +=
                readSources.contains(source.name)
                ? loaded.rejects.filter { $0.source == source.name } : keptRejects.filter { $0.source == source.name }
        }
        return rejects
    }

    /// The rows of the live `rejects.csv`, to keep those of sources this run did not read.
    private func previousRejects(staging: StagingArea) -> [Reject] {
        let url = staging.folder.appendingPathComponent("rejects.csv")
        guard let reader = try? CSVReader(path: url.path, displayPath: "rejects.csv"), reader.header.count == 9 else {
            return []
        }
        var rejects: [Reject] = []
        try? reader.forEachRecord(columns: Array(0..<9), source: "rejects") { view in
            let values = view.record.values.map { $0.first ?? "" }
            rejects.append(
                Reject(
                    source: values[0],
                    location: SourceLocation(file: values[1], line: Int(values[2]) ?? 0, column: Int(values[3])),
                    field: values[4], value: values[5], rule: values[6], reason: values[7], suggestion: values[8]))
        } onReject: { _ in
        }
        return rejects
    }

    /// Reports a source's progress four times a second while it is read, when the run has a progress receiver
    /// and the file is larger than 4 MB; the task's last report says the source is finished.
    private func startProgress(_ progress: ReadProgress, source: SourceSpec, url: URL, started: Date) -> Task<
        Void, Never
    >? {
        guard let receiver = options.progress,
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > 4 << 20
        else { return nil }
        return Task.detached {
            func report(finished: Bool) {
                receiver(
                    SourceProgress(
                        source: source.name, bytes: progress.bytes, totalBytes: size, records: progress.records,
                        seconds: Date().timeIntervalSince(started), finished: finished))
            }
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                if !Task.isCancelled { report(finished: false) }
            }
            report(finished: true)
        }
    }

    /// Loads the dataset and the in-memory tables into the database in one transaction, computing the SQL
    /// aggregates inside it; returns those tables and what was loaded where.
    private func load(
        _ database: DatabaseSpec, dataset: Dataset, tables: [String: Table], computing entries: [AggregateEntry],
        started: Date, runID: String
    ) async throws -> ([Table], Manifest.Database) {
        let params =
            "{"
            + spec.parameters.map { "\(JSONTableWriter.quoted($0.name)): \(JSONTableWriter.quoted($0.value))" }.joined(
                separator: ", ") + "}"
        let run = LoadPlan.Run(
            id: runID, version: Self.version, startedAt: Manifest.timestamp(started),
            finishedAt: Manifest.timestamp(Date()), outcome: "success", params: params)
        let plan = LoadPlan(
            pipeline: spec.name, dataset: dataset, sources: spec.sources.map(\.name),
            aggregates: spec.aggregates.compactMap { tables[$0.spec.name] }, run: run)
        let start = Date()
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
            let computed = try SQLiteStore(path: url.path).replace(plan, computing: computations)
            let load = Manifest.Database(
                sink: "sqlite", target: path, rows: plan.rowCount,
                durationMs: Manifest.milliseconds(Date().timeIntervalSince(start)))
            return (computed, load)
        case .postgres(let url):
            let computations = try entries.map { entry throws(PipelineError) in
                try compile(entry, dataset: dataset, dialect: .postgres)
            }
            let store = try PostgresStore(url: url)
            let computed = try await store.replace(plan, computing: computations)
            let load = Manifest.Database(
                sink: "postgres", target: store.name, rows: plan.rowCount,
                durationMs: Manifest.milliseconds(Date().timeIntervalSince(start)))
            return (computed, load)
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
        var options = options
        options.force = true
        let plan = try RunPlanner(spec: spec, options: options, previous: .some(nil)).plan()
        let loaded = try await PipelineRunner(spec: spec, options: options, logger: logger).loadDataset(plan)
        return (loaded.reports, loaded.rejects)
    }

    /// The sources a plan reads, normalised into one dataset, and the views over them.
    struct LoadedDataset: Sendable {
        var dataset: Dataset
        var reports: [SourceReport]
        var rejects: [Reject]
    }

    private func loadDataset(_ plan: RunPlan) async throws -> LoadedDataset {
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
        var rejectsBySource: [String: [Reject]] = [:]
        // The graph lists membership sources first, so later sources can refer to member cities.
        for stage in plan.graph.stages where stage.kind == .source && plan.runs(stage) {
            guard let source = spec.sources.first(where: { $0.name == stage.name }) else { continue }
            let (report, sourceRejects) = try await read(source, into: &dataset)
            reports.append(report)
            rejectsBySource[source.name] = sourceRejects
        }
        for view in spec.views where plan.runs(StageID(.view, view.name)) {
            dataset.sources[view.name] = RecordSelection.select(view.filter, from: view.base, in: dataset)
        }
        reports.sort { lhs, rhs in
            (spec.sources.firstIndex { $0.name == lhs.name } ?? 0)
                < (spec.sources.firstIndex { $0.name == rhs.name } ?? 0)
        }
        return LoadedDataset(
            dataset: dataset, reports: reports, rejects: spec.sources.flatMap { rejectsBySource[$0.name] ?? [] })
    }

    private func read(_ source: SourceSpec, into dataset: inout Dataset) async throws -> (SourceReport, [Reject]) {
        let start = Date()
        let url = options.input(source.path)
        // A CSV reader hashes the file from the bytes it reads (the normaliser's thread helps, `readRecords`); an XML
        // file, read by libxml2 (and large ones by two parsers at once), is hashed in a pass of its own on the other
        // core while this one reads.
        var hashing: Task<FileFingerprint, any Error>?
        if case .xml = source.format {
            hashing = Task {
                try await HelperThread.run(name: "citynet-sha256", priority: .background) {
                    try FileFingerprint.compute(path: url.path, displayPath: source.path)
                }
            }
        }
        let progress = ReadProgress()
        let reporter = startProgress(progress, source: source, url: url, started: start)
        defer { reporter?.cancel() }
        // A file that is UTF-8 in its first 64 KiB is read as UTF-8 at once and checked as it goes; should it not
        // be UTF-8 further on, it is read again from the start, as if the check had come first.
        let before = dataset
        var normalizer: SourceNormalizer
        var dialect: CSVDialect?
        var readerFingerprint: FileFingerprint?
        do {
            (normalizer, dialect, readerFingerprint) = try readRecords(
                source, url: url, progress: reporter.map { _ in progress }, into: &dataset,
                checksEncodingWhileReading: true)
        } catch IngestError.notUTF8Further {
            dataset = before
            progress.restart()
            (normalizer, dialect, readerFingerprint) = try readRecords(
                source, url: url, progress: reporter.map { _ in progress }, into: &dataset,
                checksEncodingWhileReading: false)
        }
        if let reporter {
            reporter.cancel()
            await reporter.value
        }
        normalizer.finish(into: &dataset)
        // A reader that stopped before the end (it never does without an error) has no fingerprint to give.
        let fingerprint =
            try await hashing?.value ?? readerFingerprint
            ?? FileFingerprint.compute(path: url.path, displayPath: source.path)
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
        func log(_ diagnostic: Diagnostic) { logger.log(diagnostic, stage: StageID(.source, source.name)) }
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

extension PipelineRunner {
    /// Reads a source's records into the dataset: this thread reads and puts records into batches, a worker thread
    /// normalises them; gives back the normaliser, with the reader's rejects and warnings, the CSV dialect and,
    /// for a CSV file, its size and SHA-256 as read.
    fileprivate func readRecords(
        _ source: SourceSpec, url: URL, progress: ReadProgress?, into dataset: inout Dataset,
        checksEncodingWhileReading: Bool
    ) throws -> (SourceNormalizer, CSVDialect?, FileFingerprint?) {
        // Only a database load reads titles and ids (from the pipeline file or `--database`).
        let keepsText = options.effectiveDatabase(spec) != nil
        var handoff = Dataset(countries: dataset.countries, themes: dataset.themes, cityAliases: dataset.cityAliases)
        swap(&handoff, &dataset)
        let worker = NormalizeWorker(
            normalizer: SourceNormalizer(
                source: source.name, mapping: source.mapping, defaultNetwork: source.name,
                keepsTitles: keepsText, keepsIdentifiers: keepsText),
            dataset: consume handoff, file: source.path, pathCount: source.format.pathCount)
        var batch = worker.emptyBatch()
        var readerRejects: [Reject] = []
        var readerWarnings: [Diagnostic] = []
        var dialect: CSVDialect?
        var fingerprint: FileFingerprint?
        // The batch is passed in rather than captured: a local function that captured it would put it in a box
        // checked for exclusive access at run time on every record.
        func hand(_ record: RawRecordView, to batch: inout RecordBatch) {
            batch.append(record)
            if batch.isFull { worker.submit(&batch) }
            progress?.countRecord()
        }
        do {
            switch source.format {
            case .csv(let csvOptions, let columns):
                let reader = try CSVReader(
                    path: url.path, displayPath: source.path, options: csvOptions, progress: progress,
                    checksEncodingWhileReading: checksEncodingWhileReading, hashesContent: true)
                dialect = reader.dialect
                if let estimate = reader.estimatedRecordCount { worker.reserveCapacity(forMoreRecords: estimate) }
                worker.help(whileIdle: reader.helpWhileIdle)
                let positions = try reader.positions(of: columns)
                try reader.forEachRecord(
                    columns: positions, source: source.name, onRecord: { hand($0, to: &batch) },
                    onReject: { readerRejects.append($0) })
                readerWarnings = reader.warnings
                fingerprint = reader.fingerprint

            case .xml(let record, let fields):
                let reader = try XMLReader(path: url.path, displayPath: source.path, progress: progress)
                try reader.forEachRecord(recordPath: record, fields: fields) { hand($0, to: &batch) }
            }
        } catch {
            (_, dataset) = worker.finish(batch)
            throw error
        }
        var normalizer: SourceNormalizer
        (normalizer, dataset) = worker.finish(batch)
        for reject in readerRejects { normalizer.countReaderReject(reject) }
        for warning in readerWarnings { normalizer.addWarning(warning) }
        return (normalizer, dialect, fingerprint)
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
