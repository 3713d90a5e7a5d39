import CityNetAggregate
import CityNetEmit
import CityNetModel

/// The stages of a pipeline in the order a run executes them, with what each reads and writes.
public struct PipelinePlan: Sendable {
    /// The pipeline.
    public let spec: PipelineSpec
    /// The output folder as shown to the user.
    public let outputFolder: String

    /// Creates a plan for a pipeline writing into `outputFolder`.
    public init(spec: PipelineSpec, outputFolder: String) {
        self.spec = spec
        self.outputFolder = outputFolder
    }

    /// The plan as text, one stage per line.
    public var text: String {
        var lines = ["pipeline \(spec.name) (\(spec.file))"]
        if !spec.parameters.isEmpty {
            lines.append("params: " + spec.parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ", "))
        }
        lines.append("output folder: \(outputFolder)")
        lines.append("")
        var step = 0
        func add(_ kind: String, _ name: String, _ reads: String, _ writes: String) {
            step += 1
            lines.append("\(step). \(kind) \(name)")
            lines.append("   reads:  \(reads)")
            lines.append("   writes: \(writes)")
        }
        let ordered =
            spec.sources.filter { $0.mapping.entity == .membership }
            + spec.sources.filter { $0.mapping.entity != .membership }
        for (kind, file) in spec.reference.all {
            add(
                "reference", kind, file.path,
                kind == "themes" ? "theme vocabulary" : kind == "cities" ? "city aliases" : "country table")
        }
        for source in ordered {
            add(
                "source", source.name, "\(source.path) (\(source.format.name))",
                "\(source.mapping.entity.rawValue) records, rejects")
        }
        for entry in spec.aggregates {
            let aggregate = entry.spec
            var reads = "source \(aggregate.source)"
            if !aggregate.groupBy.isEmpty {
                reads += ", group by " + aggregate.groupBy.map(\.name).joined(separator: ", ")
            }
            if aggregate.filter != nil { reads += ", filtered" }
            add(
                "aggregate", aggregate.name, reads,
                "table (" + aggregate.measures.map(\.name).joined(separator: ", ") + ")")
        }
        for output in spec.outputs {
            let kind: String
            switch output.kind {
            case .table: kind = "table"
            case .chart(_, let chart): kind = "chart \(chart.kind.rawValue)"
            }
            add(
                "output", output.path, "aggregate \(output.aggregate)",
                output.files.joined(separator: ", ") + " (\(kind))")
        }
        add("publish", "run", "all of the above", "rejects.csv, manifest.json, then every file above, atomically")
        return lines.joined(separator: "\n") + "\n"
    }
}
