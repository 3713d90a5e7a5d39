import CityNetIngest
import CityNetModel
import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a run does with a stage.
public enum StageDecision: Sendable, Hashable {
    /// The stage runs, for this reason (`input changed: Inputs/gnlc/members.csv`, `needed by aggregate x`).
    case run(String)
    /// The stage's fingerprint and outputs match the last successful run: its results are kept.
    case upToDate
    /// The stage is outside `--only`: its previous results are kept as they are.
    case skipped(String)

    /// Whether the stage runs.
    public var runs: Bool {
        if case .run = self { return true }
        return false
    }

    /// `ran`, `up_to_date` or `skipped`, as the manifest says.
    var status: String {
        switch self {
        case .run: "ran"
        case .upToDate: "up_to_date"
        case .skipped: "skipped"
        }
    }

    /// Why, in words.
    public var reason: String {
        switch self {
        case .run(let reason): reason
        case .upToDate: "up to date"
        case .skipped(let reason): reason
        }
    }
}

/// Decides, stage by stage, what a run must do: a stage runs when its fingerprint differs from the last
/// successful run's (its definition, an input file, a stage it needs or the tool version changed), when an
/// output it wrote is missing or modified, when a stage that runs needs it, or with `--force`.
///
/// Input files are compared by size and modification time first, and hashed only when those differ (a
/// touched file whose bytes are the same is up to date).
public struct RunPlanner: Sendable {
    /// The pipeline.
    public let spec: PipelineSpec
    /// Where it reads and writes.
    public let options: RunOptions
    /// The last successful run's manifest, if any.
    public let previous: Manifest?

    /// Creates a planner; `previous` is read from the output folder when not given.
    public init(spec: PipelineSpec, options: RunOptions, previous: Manifest?? = nil) {
        self.spec = spec
        self.options = options
        self.previous =
            previous
            ?? Manifest.read(from: options.outputFolder(for: spec).appendingPathComponent("manifest.json"))
    }

    /// The plan.
    ///
    /// - Throws: ``PipelineError`` for an unknown `--only` name, ``CityNetIngest/IngestError`` for a missing
    ///   input file.
    public func plan() throws -> RunPlan {
        let database = options.effectiveDatabase(spec)
        let graph = StageGraph(spec: spec, hasDatabase: database != nil)
        var roots: [StageID] = []
        for name in options.only {
            let named = graph.stages(named: name)
            guard !named.isEmpty else {
                let names = graph.stages.filter { $0.kind != .reference }.map(\.name)
                let suggestion = TextFolding.closest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
                throw PipelineError.invalidParameter(
                    "--only names no stage '\(name)'\(suggestion) — stages are \(names.joined(separator: ", "))")
            }
            roots += named
        }
        let scope = roots.isEmpty ? Set(graph.stages) : graph.closure(of: roots)

        let inputs = try inputFiles()
        let fingerprints = self.fingerprints(graph: graph, inputs: inputs, database: database)
        var stale: [StageID: String] = [:]
        let previousStages = Dictionary(
            (previous?.stages ?? []).map { ($0.stage, $0) }, uniquingKeysWith: { first, _ in first })
        let folder = options.outputFolder(for: spec)
        for stage in graph.stages {
            guard let record = fingerprints[stage] else { continue }
            let (needs, definitionHash, fingerprint) = (record.needs, record.definitionSha256, record.fingerprint)
            guard scope.contains(stage) else { continue }
            if options.force {
                stale[stage] = "forced (--force)"
                continue
            }
            guard let previous, let before = previousStages[stage.description] else {
                stale[stage] = previous == nil ? "no previous run" : "new stage"
                continue
            }
            if previous.citynetVersion != PipelineRunner.version {
                stale[stage] = "tool version changed (\(previous.citynetVersion) -> \(PipelineRunner.version))"
            } else if before.definitionSha256 != definitionHash {
                stale[stage] = "definition changed in \(spec.file)"
            } else if let changed = needs.keys.sorted(by: Self.filesFirst).first(where: {
                needs[$0] != before.needs[$0]
            }) {
                stale[stage] = "input changed: \(changed)"
            } else if before.fingerprint != fingerprint || before.status == "skipped" {
                stale[stage] = before.status == "skipped" ? "skipped by the last run" : "inputs changed"
            } else if stage.kind == .output || stage.kind == .aggregate,
                let problem = outputProblem(stage, folder: folder, previous: previous)
            {
                stale[stage] = problem
            }
        }

        var decisions: [StageID: StageDecision] = [:]
        for stage in graph.stages.reversed() {
            guard scope.contains(stage) else {
                decisions[stage] = .skipped("not needed by --only \(options.only.joined(separator: ", "))")
                continue
            }
            if let reason = stale[stage] {
                decisions[stage] = .run(reason)
            } else if let dependent = graph.dependents(of: stage).first(where: {
                (decisions[$0]?.runs ?? false) && !isReport($0)
            }) {
                decisions[stage] = .run("needed by \(dependent)")
            } else {
                decisions[stage] = .upToDate
            }
        }
        // An aggregate computed in SQL runs inside the database load.
        if let database, let id = graph.stages.first(where: { $0.kind == .database }), !(decisions[id]?.runs ?? true),
            let sqlAggregate = spec.aggregates.first(where: {
                decisions[StageID(.aggregate, $0.spec.name)]?.runs ?? false
                    && options.engine(of: $0, database: database) == .sql
            })
        {
            decisions[id] = .run("computes aggregate \(sqlAggregate.spec.name)")
            for dependency in graph.dependencies[id, default: []] where !(decisions[dependency]?.runs ?? false) {
                decisions[dependency] = .run("needed by \(id)")
            }
            for source in spec.sources where !(decisions[StageID(.source, source.name)]?.runs ?? false) {
                decisions[StageID(.source, source.name)] = .run("needed by \(id)")
            }
        }
        return RunPlan(graph: graph, decisions: decisions, inputs: inputs, previous: previous)
    }

    /// The manifest's stage records for a plan once the run has read its inputs: each stage's fingerprint over
    /// the files' actual hashes, with what the run did with it.
    func stageRecords(_ plan: RunPlan, inputs: [String: Manifest.Input]) -> [Manifest.Stage] {
        let fingerprints = self.fingerprints(
            graph: plan.graph, inputs: inputs, database: options.effectiveDatabase(spec))
        return plan.graph.stages.compactMap { stage in
            guard var record = fingerprints[stage] else { return nil }
            record.status = plan.decisions[stage]?.status ?? "skipped"
            record.reason = plan.decisions[stage]?.reason ?? ""
            return record
        }
    }

    /// Each stage's fingerprint: the tool version, its definition, the hashes of its files and the fingerprints
    /// of the stages it needs.
    private func fingerprints(graph: StageGraph, inputs: [String: Manifest.Input], database: DatabaseSpec?)
        -> [StageID: Manifest.Stage]
    {
        var fingerprints: [StageID: Manifest.Stage] = [:]
        for stage in graph.stages {
            var needs: [String: String] = [:]
            for dependency in graph.dependencies[stage, default: []] {
                needs[dependency.description] = fingerprints[dependency]?.fingerprint ?? ""
            }
            for path in files(of: stage) { needs[path] = inputs[path]?.sha256 ?? "" }
            let definitionHash = Self.sha256(definitionText(stage, database: database))
            let fingerprint = Self.sha256(
                ([PipelineRunner.version, stage.description, definitionHash]
                    + needs.keys.sorted().map { "\($0)=\(needs[$0] ?? "")" }).joined(separator: "\n"))
            fingerprints[stage] = Manifest.Stage(
                stage: stage.description, fingerprint: fingerprint, definitionSha256: definitionHash, needs: needs,
                status: "", reason: "")
        }
        return fingerprints
    }

    /// Every input file with its size, time and hash. A file is hashed here only when the last run read it and
    /// its size or time differ (to tell a touched file from a changed one); otherwise its hash is the last run's,
    /// or empty when the stages that read it run anyway (the run fills it in as it reads).
    private func inputFiles() throws -> [String: Manifest.Input] {
        var known: [String: Manifest.Input] = [:]
        for input in previous?.inputs ?? [] { known[input.path] = input }
        var files: [String: Manifest.Input] = [:]
        let paths = spec.sources.map(\.path) + spec.reference.all.map(\.file.path)
        for path in paths where files[path] == nil {
            let url = options.input(path)
            var status = stat()
            guard stat(url.path, &status) == 0 else {
                throw IngestError.fileMissing(path: path)
            }
            let bytes = Int(status.st_size)
            let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
            guard let before = known[path], !options.force else {
                // The stages that read it run anyway; the run hashes it as it reads it.
                files[path] = Manifest.Input(path: path, bytes: bytes, mtimeNs: modified, sha256: "")
                continue
            }
            if before.bytes == bytes, before.mtimeNs == modified {
                files[path] = before
            } else {
                let fingerprint = try FileFingerprint.compute(path: url.path, displayPath: path)
                files[path] = Manifest.Input(
                    path: path, bytes: Int(fingerprint.bytes), mtimeNs: modified, sha256: fingerprint.sha256)
            }
        }
        return files
    }

    private func files(of stage: StageID) -> [String] {
        switch stage.kind {
        case .reference: spec.reference.all.map(\.file.path)
        case .source: spec.sources.first { $0.name == stage.name }.map { [$0.path] } ?? []
        default: []
        }
    }

    private func definitionText(_ stage: StageID, database: DatabaseSpec?) -> String {
        var text = spec.definitions[stage] ?? ""
        switch stage.kind {
        case .aggregate:
            if let entry = spec.aggregates.first(where: { $0.spec.name == stage.name }) {
                text += "\nengine=\(options.engine(of: entry, database: database).rawValue)"
            }
        case .database:
            text = database.map { "\($0.sink.redacted) engine=\($0.engine.rawValue)" } ?? ""
        default:
            break
        }
        return text
    }

    /// Whether a stage is an HTML report, which reads its up-to-date aggregates from their cached tables and its
    /// sources' counts from the manifest, so that it never makes them run.
    private func isReport(_ stage: StageID) -> Bool {
        guard stage.kind == .output, let output = spec.outputs.first(where: { $0.path == stage.name }) else {
            return false
        }
        if case .report = output.kind { return true }
        return false
    }

    /// Why an output stage's files (or an aggregate's cached table) are not as the last run left them, if they are
    /// not.
    private func outputProblem(_ stage: StageID, folder: URL, previous: Manifest) -> String? {
        for output in previous.outputs where output.stage == stage.description {
            let url = folder.appendingPathComponent(output.path)
            guard let fingerprint = try? FileFingerprint.compute(path: url.path, displayPath: output.path) else {
                return "output missing: \(output.path)"
            }
            if fingerprint.sha256 != output.sha256 { return "output modified: \(output.path)" }
        }
        let expected =
            stage.kind == .aggregate
            ? [TableCache.path(of: stage.name)] : spec.outputs.first(where: { $0.path == stage.name })?.files ?? []
        let recorded = Set(previous.outputs.filter { $0.stage == stage.description }.map(\.path))
        return expected.first { !recorded.contains($0) }.map { "output missing: \($0)" }
    }

    /// Files before stages, so that a changed file is named rather than the stage it changed.
    private static func filesFirst(_ lhs: String, _ rhs: String) -> Bool {
        let lhsStage = StageID.Kind.allCases.contains { lhs.hasPrefix($0.rawValue + " ") }
        let rhsStage = StageID.Kind.allCases.contains { rhs.hasPrefix($0.rawValue + " ") }
        return lhsStage != rhsStage ? !lhsStage : lhs < rhs
    }

    static func sha256(_ text: String) -> String { sha256(bytes: Array(text.utf8)) }

    static func sha256(bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

/// What a run will do, stage by stage.
public struct RunPlan: Sendable {
    /// The stages and what each needs.
    public let graph: StageGraph
    /// What happens to each stage.
    public let decisions: [StageID: StageDecision]
    /// Every input file, by path as written.
    public let inputs: [String: Manifest.Input]
    /// The last successful run's manifest.
    public let previous: Manifest?

    /// Whether any stage runs.
    public var hasWork: Bool { decisions.values.contains { $0.runs } }

    /// Whether a stage runs.
    public func runs(_ stage: StageID) -> Bool { decisions[stage]?.runs ?? false }
}
