import CityNetAggregate
import CityNetEmit
import CityNetIngest
import CityNetModel
import CityNetNormalize
import Foundation
import Yams

/// Reads a pipeline file into a ``PipelineSpec``, checking every key and reference.
///
/// Every problem is a ``PipelineError`` located at `file:line:column` with what was expected.
public struct PipelineLoader: Sendable {
    /// The environment `${env.NAME}` reads.
    public var environment: [String: String]

    /// Creates a loader reading the given environment (the process's own when `nil`).
    public init(environment: [String: String]? = nil) {
        self.environment = environment ?? ProcessInfo.processInfo.environment
    }

    /// Loads a pipeline file.
    ///
    /// - Parameters:
    ///   - path: the file's path, used to read it.
    ///   - displayPath: the path as messages show it (as the user typed it).
    ///   - overrides: `--param` values, which replace the file's `params`.
    /// - Returns: the decoded pipeline.
    /// - Throws: ``PipelineError``.
    public func load(path: String, displayPath: String? = nil, overrides: [(name: String, value: String)] = [])
        throws(PipelineError) -> PipelineSpec
    {
        let shown = displayPath ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .pipelineFileMissing(path: shown)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidPipeline(SourceLocation(file: shown), "the pipeline file is not UTF-8 text")
        }
        return try decode(text, file: shown, overrides: overrides)
    }

    /// Decodes pipeline text.
    ///
    /// - Throws: ``PipelineError``.
    public func decode(_ text: String, file: String, overrides: [(name: String, value: String)] = [])
        throws(PipelineError) -> PipelineSpec
    {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw PipelineError.invalidPipeline(
                    SourceLocation(file: file, line: 1, column: 1), "the pipeline file is empty")
            }
            root = node
        } catch let error as PipelineError {
            throw error
        } catch let error as YamlError {
            throw Self.syntaxError(error, file: file)
        } catch {
            throw .invalidPipeline(SourceLocation(file: file), "cannot parse YAML: \(error)")
        }
        var interpolator = Interpolator(parameters: [:], environment: environment, allowsParameters: false)
        let top = try YAMLValue(node: root, file: file, interpolator: interpolator).mapping("the pipeline file")
        try top.allow([
            "pipeline", "description", "params", "output", "reference", "sources", "views", "aggregates", "outputs",
            "database",
        ])

        var parameters: [(name: String, value: String)] = []
        if let params = top["params"] {
            for entry in try params.mapping("params").entries {
                parameters.append((entry.key, try entry.value.string("param '\(entry.key)'")))
            }
        }
        for override in overrides {
            guard let index = parameters.firstIndex(where: { $0.name == override.name }) else {
                let declared = parameters.map(\.name)
                throw .invalidParameter(
                    "unknown parameter '\(override.name)' in --param (\(declared.isEmpty ? "the pipeline declares none" : "declared: \(declared.joined(separator: ", "))"))"
                )
            }
            parameters[index].value = override.value
        }
        interpolator = Interpolator(
            parameters: Dictionary(parameters.map { ($0.name, $0.value) }) { first, _ in first },
            environment: environment
        )
        let document = YAMLValue(node: root, file: file, interpolator: interpolator)
        let mapping = try document.mapping("the pipeline file")

        let name = try mapping.required("pipeline").string("pipeline")
        let output = try mapping["output"]?.string("output") ?? name
        try Self.checkRelative(output, at: mapping["output"]?.location ?? mapping.location, what: "output")
        let reference = try self.reference(mapping["reference"])
        let sources = try mapping.required("sources").mapping("sources").entries.map { entry throws(PipelineError) in
            try SourceDecoder(name: entry.key, value: entry.value).decode()
        }
        var definitions: [StageID: String] = [:]
        for entry in try mapping.required("sources").mapping("sources").entries {
            definitions[StageID(.source, entry.key)] = try entry.value.canonical()
        }
        definitions[StageID(.reference, "data")] = try mapping["reference"]?.canonical() ?? "builtin"
        var views: [ViewSpec] = []
        if let value = mapping["views"] {
            views = try ViewDecoder(value: value, sources: sources).decode()
            for entry in try value.mapping("views").entries {
                definitions[StageID(.view, entry.key)] = try entry.value.canonical()
            }
        }
        let entities = sources.map { ($0.name, $0.mapping.entity) } + views.map { ($0.name, $0.entity) }
        var aggregates: [AggregateEntry] = []
        if let value = mapping["aggregates"] {
            for entry in try value.mapping("aggregates").entries {
                aggregates.append(
                    try AggregateDecoder(name: entry.key, value: entry.value, entities: entities).decode())
                definitions[StageID(.aggregate, entry.key)] = try entry.value.canonical()
            }
        }
        var outputs: [OutputSpec] = []
        if let value = mapping["outputs"] {
            for (index, entry) in try value.sequence("outputs").enumerated() {
                let output = try OutputDecoder(value: entry, index: index, aggregates: aggregates).decode()
                outputs.append(output)
                definitions[StageID(.output, output.path)] = try entry.canonical()
            }
        }
        try Self.checkUniqueFiles(outputs)
        let database = try self.database(mapping["database"])
        if let database { definitions[StageID(.database, "database")] = database.sink.redacted }
        for entry in aggregates where (entry.engine ?? database?.engine) == .sql {
            guard database != nil else {
                throw PipelineError.invalidPipeline(
                    entry.definedAt,
                    "aggregate '\(entry.spec.name)' is computed in SQL (engine: sql), which needs a database: section")
            }
            if entry.spec.top != nil || entry.spec.measures.contains(where: { $0.measure == .membersAtYearEnd }) {
                throw PipelineError.invalidPipeline(
                    entry.definedAt,
                    "aggregate '\(entry.spec.name)' uses top or members_at_year_end, which are computed in memory only (engine: memory)"
                )
            }
        }
        return PipelineSpec(
            name: name, description: try mapping["description"]?.string("description") ?? "", file: file,
            fileSHA256: RunPlanner.sha256(text),
            parameters: parameters, output: output, reference: reference, sources: sources, views: views,
            aggregates: aggregates, outputs: outputs, database: database, definitions: definitions
        )
    }

    private func database(_ value: YAMLValue?) throws(PipelineError) -> DatabaseSpec? {
        guard let value else { return nil }
        let mapping = try value.mapping("database")
        try mapping.allow(["sink", "path", "url", "engine"])
        let sinkName = try mapping["sink"]?.choice("sink", among: ["sqlite", "postgres"]) ?? "sqlite"
        let sink: DatabaseSpec.Sink
        if sinkName == "sqlite" {
            if let url = mapping["url"] {
                throw url.fail("'url' applies to the postgres sink; an SQLite database has a 'path'")
            }
            sink = .sqlite(path: try mapping["path"]?.string("path") ?? "citynet.sqlite")
        } else {
            if let path = mapping["path"] {
                throw path.fail("'path' applies to the sqlite sink; a PostgreSQL database has a 'url'")
            }
            let url = try mapping.required("url").string("url")
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw (mapping["url"] ?? value).fail("the url must be postgres://user:password@host:port/database")
            }
            sink = .postgres(url: url)
        }
        var engine = AggregateEngineKind.memory
        if let engineValue = mapping["engine"] {
            engine =
                AggregateEngineKind(
                    rawValue: try engineValue.choice("engine", among: AggregateEngineKind.allCases.map(\.rawValue)))
                ?? .memory
        }
        return DatabaseSpec(sink: sink, engine: engine, definedAt: value.location)
    }

    private func reference(_ value: YAMLValue?) throws(PipelineError) -> ReferenceFiles {
        var files = ReferenceFiles()
        guard let value else { return files }
        let mapping = try value.mapping("reference")
        try mapping.allow(["countries", "themes", "cities"])
        if let countries = mapping["countries"] {
            let path = try countries.string("reference.countries")
            if path != "builtin" { files.countries = ReferenceFile(path: path, definedAt: countries.location) }
        }
        if let themes = mapping["themes"] {
            files.themes = ReferenceFile(path: try themes.string("reference.themes"), definedAt: themes.location)
        }
        if let cities = mapping["cities"] {
            files.cities = ReferenceFile(path: try cities.string("reference.cities"), definedAt: cities.location)
        }
        return files
    }

    static func checkRelative(_ path: String, at location: SourceLocation, what: String) throws(PipelineError) {
        let parts = path.split(separator: "/")
        if path.hasPrefix("/") || parts.contains("..") || path.isEmpty {
            throw PipelineError.invalidPipeline(
                location,
                "\(what) '\(path)' must be a relative path inside the output folder (no '/' at the start, no '..')")
        }
    }

    private static func checkUniqueFiles(_ outputs: [OutputSpec]) throws(PipelineError) {
        var owners: [String: SourceLocation] = [:]
        for output in outputs {
            for file in output.files {
                if ["manifest.json", "rejects.csv", "runs.jsonl"].contains(file) {
                    throw PipelineError.invalidPipeline(
                        output.definedAt, "output file '\(file)' is reserved for citynet's own \(file)")
                }
                if let first = owners[file] {
                    throw PipelineError.invalidPipeline(
                        output.definedAt, "output file '\(file)' is also written by the output at line \(first.line)")
                }
                owners[file] = output.definedAt
            }
        }
    }

    private static func syntaxError(_ error: YamlError, file: String) -> PipelineError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return .invalidPipeline(
                SourceLocation(file: file, line: mark.line, column: mark.column),
                "YAML syntax error: \(problem)\(detail)"
            )
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .invalidPipeline(
                SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                "duplicate key \(names) in a mapping (each key may appear once; this is its first use)")
        default:
            return .invalidPipeline(SourceLocation(file: file), "cannot parse YAML: \(error)")
        }
    }
}
