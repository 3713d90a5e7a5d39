import CityNetAggregate
import CityNetEmit
import CityNetModel

/// The stages of a pipeline as text: what each needs, reads and writes, and whether a run would run it, and why
/// (`citynet plan`, `citynet run --dry-run`).
public struct PipelinePlan: Sendable {
    /// The pipeline.
    public let spec: PipelineSpec
    /// The decisions.
    public let plan: RunPlan
    /// The output folder as shown to the user.
    public let outputFolder: String

    /// Creates the text of a plan for a pipeline writing into `outputFolder`.
    public init(spec: PipelineSpec, plan: RunPlan, outputFolder: String) {
        self.spec = spec
        self.plan = plan
        self.outputFolder = outputFolder
    }

    /// The plan, one block per stage in execution order, then a count of what would run.
    public var text: String {
        var lines = ["pipeline \(spec.name) (\(spec.file))"]
        if !spec.parameters.isEmpty {
            lines.append("params: " + spec.parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ", "))
        }
        lines.append("output folder: \(outputFolder)")
        lines.append("")
        for stage in plan.graph.stages {
            let decision = plan.decisions[stage] ?? .upToDate
            let verdict: String
            switch decision {
            case .run(let reason): verdict = "run (\(reason))"
            case .upToDate: verdict = "up to date"
            case .skipped(let reason): verdict = "skipped (\(reason))"
            }
            lines.append("\(stage): \(verdict)")
            let needs = plan.graph.dependencies[stage, default: []]
            if !needs.isEmpty { lines.append("  needs:  " + needs.map(\.description).joined(separator: ", ")) }
            if let reads = reads(stage) { lines.append("  reads:  " + reads) }
            lines.append("  writes: " + writes(stage))
        }
        let running = plan.graph.stages.filter { plan.runs($0) }.count
        lines.append("")
        lines.append(
            running == 0
                ? "nothing to do: every stage is up to date"
                : "\(running) of \(plan.graph.stages.count) stages would run")
        return lines.joined(separator: "\n") + "\n"
    }

    private func reads(_ stage: StageID) -> String? {
        switch stage.kind {
        case .reference:
            let files = spec.reference.all.map { "\($0.file.path) (\($0.kind))" }
            return files.isEmpty ? "built-in countries" : (["built-in countries"] + files).joined(separator: ", ")
        case .source:
            guard let source = spec.sources.first(where: { $0.name == stage.name }) else { return nil }
            return "\(source.path) (\(source.format.name))"
        case .view:
            guard let view = spec.views.first(where: { $0.name == stage.name }) else { return nil }
            return "records of \(view.base) where the filter holds"
        case .aggregate:
            guard let aggregate = spec.aggregates.first(where: { $0.spec.name == stage.name })?.spec else { return nil }
            var reads = "\(aggregate.source)"
            if !aggregate.groupBy.isEmpty {
                reads += ", grouped by " + aggregate.groupBy.map(\.name).joined(separator: ", ")
            }
            if aggregate.filter != nil { reads += ", filtered" }
            return reads
        case .output:
            return nil
        case .database:
            return nil
        }
    }

    private func writes(_ stage: StageID) -> String {
        switch stage.kind {
        case .reference:
            return "country table, theme vocabulary, city aliases"
        case .source:
            let entity = spec.sources.first { $0.name == stage.name }?.mapping.entity.rawValue ?? "entity"
            return "\(entity) records; its rows of rejects.csv"
        case .view:
            return "\(spec.views.first { $0.name == stage.name }?.entity.rawValue ?? "entity") records"
        case .aggregate:
            let measures = spec.aggregates.first { $0.spec.name == stage.name }?.spec.measures.map(\.name) ?? []
            return "table (" + measures.joined(separator: ", ") + ")"
        case .output:
            guard let output = spec.outputs.first(where: { $0.path == stage.name }) else { return "" }
            switch output.kind {
            case .table: return output.files.joined(separator: ", ")
            case .chart(_, let chart):
                return output.files.joined(separator: ", ") + " (\(chart.kind.rawValue) chart)"
            case .report: return "\(output.path) (HTML report of every chart and table)"
            }
        case .database:
            return "every source's records and every table, into the database, in one transaction"
        }
    }
}
