import CityNetModel

/// One stage of a run: the reference data, a source, a view, an aggregate, an output or the database load.
public struct StageID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The kinds of stage, in the order a run executes them.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
        case reference
        case source
        case view
        case aggregate
        case output
        case database

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    /// The kind.
    public var kind: Kind
    /// The name in the pipeline file (an output's path).
    public var name: String

    /// Creates a stage id.
    public init(_ kind: Kind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    /// `source members`.
    public var description: String { "\(kind.rawValue) \(name)" }

    public static func < (lhs: StageID, rhs: StageID) -> Bool {
        (lhs.kind, lhs.name) < (rhs.kind, rhs.name)
    }
}

/// The stages of a pipeline and what each needs, from the references in the pipeline file.
///
/// - A source needs the reference data; a source of initiatives or awards also needs every membership source,
///   because its cities are matched against the members.
/// - A view needs the source or view it selects from.
/// - An aggregate needs the source or view it reads; one that groups or filters by `city` needs every source,
///   because a city's label depends on all the cities of the run (`Santiago (Chile)` only when there are two).
/// - An output needs its aggregate; a report, every source and aggregate; the database load, every source and
///   aggregate.
public struct StageGraph: Sendable {
    /// Every stage, in execution order: reference, sources (memberships first), views, aggregates, outputs,
    /// database.
    public let stages: [StageID]
    /// What each stage needs.
    public let dependencies: [StageID: [StageID]]

    /// The graph of a pipeline; `hasDatabase` adds the database stage.
    public init(spec: PipelineSpec, hasDatabase: Bool) {
        let reference = StageID(.reference, "data")
        var stages = [reference]
        var dependencies: [StageID: [StageID]] = [reference: []]
        let memberships = spec.sources.filter { $0.mapping.entity == .membership }.map { StageID(.source, $0.name) }
        let allSources = spec.sources.map { StageID(.source, $0.name) }
        let ordered =
            spec.sources.filter { $0.mapping.entity == .membership }
            + spec.sources.filter { $0.mapping.entity != .membership }
        for source in ordered {
            let id = StageID(.source, source.name)
            stages.append(id)
            dependencies[id] = [reference] + (source.mapping.entity == .membership ? [] : memberships)
        }
        func read(_ name: String) -> StageID {
            spec.sources.contains { $0.name == name } ? StageID(.source, name) : StageID(.view, name)
        }
        for view in spec.views {
            let id = StageID(.view, view.name)
            stages.append(id)
            dependencies[id] = [read(view.base)]
        }
        for entry in spec.aggregates {
            let aggregate = entry.spec
            let id = StageID(.aggregate, aggregate.name)
            stages.append(id)
            let usesCity =
                aggregate.groupBy.contains { $0.dimension == .city }
                || (aggregate.filter?.dimensions.contains(.city) ?? false)
            var needs = [read(aggregate.source)]
            if usesCity { needs += allSources.filter { !needs.contains($0) } }
            dependencies[id] = needs
        }
        for output in spec.outputs {
            let id = StageID(.output, output.path)
            stages.append(id)
            // A report shows every aggregate and the counts of every source.
            dependencies[id] =
                output.aggregate.map { [StageID(.aggregate, $0)] }
                ?? allSources + spec.aggregates.map { StageID(.aggregate, $0.spec.name) }
        }
        if hasDatabase {
            let id = StageID(.database, "database")
            stages.append(id)
            dependencies[id] = allSources + spec.aggregates.map { StageID(.aggregate, $0.spec.name) }
        }
        self.stages = stages
        self.dependencies = dependencies
    }

    /// The stages that need `stage` directly.
    public func dependents(of stage: StageID) -> [StageID] {
        stages.filter { dependencies[$0, default: []].contains(stage) }
    }

    /// `stages` and everything they need, directly or not.
    public func closure(of roots: [StageID]) -> Set<StageID> {
        var seen = Set<StageID>()
        var pending = roots
        while let stage = pending.popLast() {
            guard seen.insert(stage).inserted else { continue }
            pending += dependencies[stage, default: []]
        }
        return seen
    }

    /// The stages a name given to `--only` means: every stage of that name (a source and an aggregate may share
    /// one), or the stage `kind name` names.
    public func stages(named name: String) -> [StageID] {
        stages.filter { $0.name == name || $0.description == name }
    }
}
