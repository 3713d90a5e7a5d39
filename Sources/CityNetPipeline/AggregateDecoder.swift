import CityNetAggregate
import CityNetModel

/// Decodes one entry of `aggregates`.
struct AggregateDecoder {
    let name: String
    let value: YAMLValue
    let sources: [SourceSpec]

    static let measureNames = ["count", "distinct", "sum", "running_total"]

    func decode() throws(PipelineError) -> AggregateEntry {
        let mapping = try value.mapping("aggregate '\(name)'")
        try mapping.allow(["from", "where", "group_by", "measures", "running_total"])
        let fromValue = try mapping.required("from")
        let sourceName = try fromValue.string("from")
        guard let source = sources.first(where: { $0.name == sourceName }) else {
            let names = sources.map(\.name)
            let suggestion = TextFolding.closest(to: sourceName, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw fromValue.fail(
                "aggregate '\(name)' reads from unknown source '\(sourceName)'\(suggestion) — sources are \(names.joined(separator: ", "))"
            )
        }
        let entity = source.mapping.entity

        var groupBy: [GroupingSpec] = []
        if let group = mapping["group_by"] {
            let elements = group.isSequence ? try group.sequence("group_by") : [group]
            for element in elements {
                let dimensionName = try element.string("group_by")
                let dimension = try Self.dimension(dimensionName, at: element, entity: entity)
                if groupBy.contains(where: { $0.dimension == dimension }) {
                    throw element.fail("group_by names '\(dimensionName)' twice")
                }
                groupBy.append(GroupingSpec(name: dimensionName, dimension: dimension))
            }
        }

        var measures: [MeasureSpec] = []
        var measureValues: [String: YAMLValue] = [:]
        if let value = mapping["measures"] {
            for entry in try value.mapping("measures").entries {
                let measure = try Self.measure(entry.value, entity: entity)
                if groupBy.contains(where: { $0.name == entry.key }) {
                    throw PipelineError.invalidPipeline(
                        entry.keyLocation, "measure '\(entry.key)' has the name of a group_by column")
                }
                measures.append(MeasureSpec(name: entry.key, measure: measure))
                measureValues[entry.key] = entry.value
            }
        }
        if let running = mapping["running_total"] {
            let elements = running.isSequence ? try running.sequence("running_total") : [running]
            for element in elements {
                let base = try element.string("running_total")
                measures.append(MeasureSpec(name: "\(base)_running_total", measure: .runningTotal(of: base)))
                measureValues["\(base)_running_total"] = element
            }
        }
        guard !measures.isEmpty else {
            throw mapping.missing("aggregate '\(name)' has no measures (e.g. measures: { cities: count })")
        }
        for measure in measures {
            guard case .runningTotal(let base) = measure.measure else { continue }
            let known = measures.filter { if case .runningTotal = $0.measure { false } else { true } }.map(\.name)
            guard known.contains(base) else {
                throw (measureValues[measure.name] ?? value).fail(
                    "running_total of unknown measure '\(base)' — measures are \(known.joined(separator: ", "))"
                )
            }
        }

        var filter: Predicate?
        if let whereValue = mapping["where"] {
            let text = try whereValue.string("where")
            do {
                filter = try PredicateParser.parse(text)
            } catch {
                throw PipelineError.invalidPipeline(
                    whereValue.location.advanced(byColumns: (whereValue.textOffset ?? 0) + error.offset),
                    "invalid where expression: \(error.message)"
                )
            }
        }
        return AggregateEntry(
            spec: AggregateSpec(name: name, source: sourceName, filter: filter, groupBy: groupBy, measures: measures),
            definedAt: value.location
        )
    }

    /// The dimensions records of each entity kind have.
    static func dimensions(of entity: EntityKind) -> [Dimension] {
        switch entity {
        case .membership: [.city, .country, .region, .subregion, .network, .field, .status, .year]
        case .initiative: [.city, .country, .region, .subregion, .organisation, .year, .sdg, .sdgTarget, .theme]
        case .award: [.city, .country, .region, .subregion, .year]
        }
    }

    static func dimension(_ name: String, at value: YAMLValue, entity: EntityKind) throws(PipelineError) -> Dimension {
        let available = dimensions(of: entity)
        var names = available.map(\.rawValue)
        if entity == .membership { names.append("joined") }
        guard let dimension = Dimension(named: name), available.contains(dimension) else {
            let suggestion = TextFolding.closest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw value.fail(
                "unknown dimension '\(name)' for \(entity.rawValue) records\(suggestion) — expected one of \(names.joined(separator: ", "))"
            )
        }
        return dimension
    }

    static func measure(_ value: YAMLValue, entity: EntityKind) throws(PipelineError) -> Measure {
        let text = try value.string("measure")
        let words = text.split(separator: " ").map(String.init)
        guard let keyword = words.first else {
            throw value.fail("empty measure — expected one of \(measureNames.joined(separator: ", "))")
        }
        let argument = words.dropFirst().first
        let argumentColumn = value.location.advanced(byColumns: (value.textOffset ?? 0) + keyword.count + 1)
        switch keyword {
        case "count":
            guard words.count == 1 else { throw value.fail("count takes no argument") }
            return .count
        case "distinct":
            guard words.count == 2, let argument else {
                throw value.fail("distinct needs a dimension, e.g. 'distinct city'")
            }
            let located = YAMLValue(node: value.node, file: value.file, interpolator: value.interpolator)
            do {
                return .distinct(try dimension(argument, at: located, entity: entity))
            } catch {
                throw PipelineError.invalidPipeline(argumentColumn, error.diagnostic.message)
            }
        case "sum":
            guard words.count == 2, let argument else {
                throw value.fail("sum needs a numeric field, e.g. 'sum beneficiaries'")
            }
            let fields: [NumericField] = entity == .initiative ? [.beneficiaries, .budget, .year] : [.year]
            guard let field = NumericField(named: argument), fields.contains(field) else {
                throw PipelineError.invalidPipeline(
                    argumentColumn,
                    "unknown numeric field '\(argument)' for \(entity.rawValue) records — expected one of \(fields.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return .sum(field)
        case "running_total":
            guard words.count == 2, let argument else {
                throw value.fail("running_total needs a measure, e.g. 'running_total new_members'")
            }
            return .runningTotal(of: argument)
        default:
            let suggestion =
                TextFolding.closest(to: keyword, among: measureNames).map { " (did you mean '\($0)'?)" } ?? ""
            throw value.fail(
                "unknown measure '\(keyword)'\(suggestion) — expected one of \(measureNames.joined(separator: ", "))")
        }
    }
}
