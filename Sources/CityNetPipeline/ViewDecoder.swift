import CityNetAggregate
import CityNetModel

/// Decodes `views`: named subsets of a source (or of another view) that aggregates read like sources.
///
/// A view's `from` must name a source or a view; views that read each other in a circle are an error at the
/// `from` of the first view of the circle.
struct ViewDecoder {
    let value: YAMLValue
    let sources: [SourceSpec]

    private struct Declared {
        var name: String
        var base: String
        var baseValue: YAMLValue
        var filter: CityNetAggregate.Predicate
        var definedAt: SourceLocation
    }

    /// The views, each after the views it reads.
    func decode() throws(PipelineError) -> [ViewSpec] {
        var declared: [Declared] = []
        for entry in try value.mapping("views").entries {
            let mapping = try entry.value.mapping("view '\(entry.key)'")
            try mapping.allow(["from", "where"])
            if sources.contains(where: { $0.name == entry.key }) {
                throw PipelineError.invalidPipeline(
                    entry.keyLocation, "view '\(entry.key)' has the name of a source; give it its own name")
            }
            let baseValue = try mapping.required("from")
            declared.append(
                Declared(
                    name: entry.key, base: try baseValue.string("from"), baseValue: baseValue,
                    filter: try mapping.required("where").predicate(), definedAt: entry.value.location))
        }
        let names = sources.map(\.name) + declared.map(\.name)
        for view in declared where !names.contains(view.base) {
            let suggestion = TextFolding.closest(to: view.base, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw view.baseValue.fail(
                "view '\(view.name)' reads from unknown source or view '\(view.base)'\(suggestion) — known: \(names.joined(separator: ", "))"
            )
        }
        var ordered: [ViewSpec] = []
        var entities = Dictionary(uniqueKeysWithValues: sources.map { ($0.name, $0.mapping.entity) })
        var pending = declared
        while !pending.isEmpty {
            guard let ready = pending.firstIndex(where: { entities[$0.base] != nil }) else {
                throw cycle(among: pending)
            }
            let view = pending.remove(at: ready)
            let entity = entities[view.base] ?? .initiative
            entities[view.name] = entity
            ordered.append(
                ViewSpec(
                    name: view.name, base: view.base, filter: view.filter, entity: entity, definedAt: view.definedAt))
        }
        return ordered
    }

    /// The error for views that cannot be ordered: the circle that starts at the first of them in file order.
    private func cycle(among pending: [Declared]) -> PipelineError {
        let byName = Dictionary(uniqueKeysWithValues: pending.map { ($0.name, $0) })
        var path: [String] = []
        var current = pending[0]
        while !path.contains(current.name) {
            path.append(current.name)
            guard let next = byName[current.base] else { break }
            current = next
        }
        let start = path.firstIndex(of: current.name) ?? 0
        let circle = path[start...] + [current.name]
        let first = byName[circle.first ?? current.name] ?? current
        return first.baseValue.fail("views form a cycle: \(circle.joined(separator: " -> ")) (each reads the next)")
    }
}

extension YAMLValue {
    /// A `where` expression, with errors at the column of the problem.
    func predicate() throws(PipelineError) -> CityNetAggregate.Predicate {
        let text = try string("where")
        do {
            return try PredicateParser.parse(text)
        } catch {
            throw PipelineError.invalidPipeline(
                location.advanced(byColumns: (textOffset ?? 0) + error.offset),
                "invalid where expression: \(error.message)")
        }
    }
}
