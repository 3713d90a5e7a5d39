import CityNetAggregate
import CityNetModel

/// Decodes one entry of `aggregates`.
struct AggregateDecoder {
    let name: String
    let value: YAMLValue
    /// The entity of every source and view an aggregate may read, by name.
    let entities: [(name: String, entity: EntityKind)]

    static let measureNames = [
        "count", "distinct", "sum", "mean", "median", "min", "max", "share", "running_total", "change",
        "change_percent",
        "rank", "members_at_year_end",
    ]

    func decode() throws(PipelineError) -> AggregateEntry {
        let mapping = try value.mapping("aggregate '\(name)'")
        try mapping.allow([
            "from", "where", "group_by", "measures", "running_total", "top", "sort", "totals", "pivot", "complete",
            "engine",
        ])
        let fromValue = try mapping.required("from")
        let sourceName = try fromValue.string("from")
        guard let entity = entities.first(where: { $0.name == sourceName })?.entity else {
            let names = entities.map(\.name)
            let suggestion = TextFolding.closest(to: sourceName, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw fromValue.fail(
                "aggregate '\(name)' reads from unknown source '\(sourceName)'\(suggestion) — sources and views are \(names.joined(separator: ", "))"
            )
        }

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
        for (position, measure) in measures.enumerated() {
            let at = measureValues[measure.name] ?? value
            if let base = measure.measure.base {
                let earlier = measures.prefix(position).map(\.name)
                guard earlier.contains(base) else {
                    let known = measures.map(\.name).filter { $0 != measure.name }
                    throw at.fail(
                        "\(measure.name) is computed from unknown measure '\(base)' — it must name a measure listed before it (\(known.joined(separator: ", ")))"
                    )
                }
            }
            if case .share(_, let within?) = measure.measure, !groupBy.contains(where: { $0.dimension == within }) {
                throw at.fail("share within '\(within.rawValue)' needs '\(within.rawValue)' in group_by")
            }
            if measure.measure == .membersAtYearEnd {
                guard entity == .membership, groupBy.contains(where: { $0.dimension == .year }) else {
                    throw at.fail("members_at_year_end needs a membership source grouped by year (group_by: joined)")
                }
            }
        }

        var top: TopSpec?
        if let topValue = mapping["top"] { top = try self.top(topValue, measures: measures) }
        var sort: [SortKey] = []
        if let sortValue = mapping["sort"] {
            let columns = groupBy.map(\.name) + measures.map(\.name)
            let elements = sortValue.isSequence ? try sortValue.sequence("sort") : [sortValue]
            for element in elements {
                let words = try element.string("sort").split(separator: " ").map(String.init)
                guard let column = words.first, words.count <= 2, columns.contains(column),
                    words.count == 1 || ["asc", "desc"].contains(words[1])
                else {
                    throw element.fail(
                        "sort takes a column and optionally asc or desc (e.g. 'initiatives desc') — columns are \(columns.joined(separator: ", "))"
                    )
                }
                sort.append(SortKey(column: column, descending: words.count == 2 && words[1] == "desc"))
            }
        }
        let totals = try mapping["totals"]?.boolean("totals") ?? false
        let complete = try mapping["complete"]?.boolean("complete") ?? false
        var pivot: String?
        if let pivotValue = mapping["pivot"] {
            let column = try pivotValue.string("pivot")
            guard groupBy.contains(where: { $0.name == column }), groupBy.count >= 2 else {
                throw pivotValue.fail(
                    "pivot names one of at least two group_by dimensions, whose values become columns (group_by: \(groupBy.map(\.name).joined(separator: ", ")))"
                )
            }
            pivot = column
            if totals {
                throw pivotValue.fail(
                    "pivot and totals cannot be combined (a pivot's Total would be a column of its own)")
            }
        }

        let filter = try mapping["where"]?.predicate()
        var engine: AggregateEngineKind?
        if let engineValue = mapping["engine"] {
            engine = AggregateEngineKind(
                rawValue: try engineValue.choice("engine", among: AggregateEngineKind.allCases.map(\.rawValue)))
        }
        return AggregateEntry(
            spec: AggregateSpec(
                name: name, source: sourceName, filter: filter, groupBy: groupBy, measures: measures, top: top,
                sort: sort,
                totals: totals, pivot: pivot, complete: complete),
            engine: engine, definedAt: value.location
        )
    }

    /// `top: 10 by initiatives` or `top: { n: 10, by: initiatives, other: false }`.
    private func top(_ value: YAMLValue, measures: [MeasureSpec]) throws(PipelineError) -> TopSpec {
        let names = measures.map(\.name)
        var count: Int
        var measure: String
        var other = true
        if value.isMapping {
            let mapping = try value.mapping("top")
            try mapping.allow(["n", "by", "other"])
            count = try mapping.required("n").integer("top n", in: 1...1_000_000)
            measure = try mapping.required("by").string("top by")
            if let otherValue = mapping["other"] { other = try otherValue.boolean("other") }
        } else {
            let words = try value.string("top").split(separator: " ").map(String.init)
            guard words.count == 3, words[1] == "by", let n = Int(words[0]), n >= 1 else {
                throw value.fail(
                    "top is 'N by <measure>' (e.g. 'top: 10 by initiatives') or { n: 10, by: initiatives, other: false }"
                )
            }
            count = n
            measure = words[2]
        }
        guard names.contains(measure) else {
            throw value.fail(
                "top orders by unknown measure '\(measure)' — measures are \(names.joined(separator: ", "))")
        }
        return TopSpec(count: count, measure: measure, other: other)
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
        func numericField() throws(PipelineError) -> NumericField {
            guard words.count == 2, let argument else {
                throw value.fail("\(keyword) needs a numeric field, e.g. '\(keyword) beneficiaries'")
            }
            let fields: [NumericField] = entity == .initiative ? [.beneficiaries, .budget, .year] : [.year]
            guard let field = NumericField(named: argument), fields.contains(field) else {
                throw PipelineError.invalidPipeline(
                    argumentColumn,
                    "unknown numeric field '\(argument)' for \(entity.rawValue) records — expected one of \(fields.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return field
        }
        func measureName() throws(PipelineError) -> String {
            guard words.count == 2, let argument else {
                throw value.fail("\(keyword) needs a measure, e.g. '\(keyword) initiatives'")
            }
            return argument
        }
        switch keyword {
        case "count":
            guard words.count == 1 else { throw value.fail("count takes no argument") }
            return .count
        case "members_at_year_end":
            guard words.count == 1 else { throw value.fail("members_at_year_end takes no argument") }
            return .membersAtYearEnd
        case "distinct":
            guard words.count == 2, let argument else {
                throw value.fail("distinct needs a dimension, e.g. 'distinct city'")
            }
            do {
                return .distinct(try dimension(argument, at: value, entity: entity))
            } catch {
                throw PipelineError.invalidPipeline(argumentColumn, error.diagnostic.message)
            }
        case "sum": return .sum(try numericField())
        case "mean": return .mean(try numericField())
        case "median": return .median(try numericField())
        case "min": return .minimum(try numericField())
        case "max": return .maximum(try numericField())
        case "running_total":
            return .runningTotal(of: try measureName())
        case "change":
            return .change(of: try measureName(), percent: false)
        case "change_percent":
            return .change(of: try measureName(), percent: true)
        case "rank":
            return .rank(of: try measureName())
        case "share":
            guard words.count == 2 || (words.count == 4 && words[2] == "within"), let argument else {
                throw value.fail("share is 'share <measure>' or 'share <measure> within <dimension>'")
            }
            var within: Dimension?
            if words.count == 4 {
                do {
                    within = try dimension(words[3], at: value, entity: entity)
                } catch {
                    throw PipelineError.invalidPipeline(value.location, error.diagnostic.message)
                }
            }
            return .share(of: argument, within: within)
        default:
            let suggestion =
                TextFolding.closest(to: keyword, among: measureNames).map { " (did you mean '\($0)'?)" } ?? ""
            throw value.fail(
                "unknown measure '\(keyword)'\(suggestion) — expected one of \(measureNames.joined(separator: ", "))")
        }
    }
}
