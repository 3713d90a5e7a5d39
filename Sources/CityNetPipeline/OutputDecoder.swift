import CityNetAggregate
import CityNetEmit
import CityNetModel
import Foundation

/// Decodes one entry of `outputs`.
struct OutputDecoder {
    let value: YAMLValue
    let index: Int
    let aggregates: [AggregateEntry]

    func decode() throws(PipelineError) -> OutputSpec {
        let mapping = try value.mapping("output \(index + 1)")
        let aggregateValue = try mapping.required("aggregate")
        let aggregateName = try aggregateValue.string("aggregate")
        guard let aggregate = aggregates.first(where: { $0.spec.name == aggregateName }) else {
            let names = aggregates.map(\.spec.name)
            let suggestion =
                TextFolding.closest(to: aggregateName, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw aggregateValue.fail(
                "output names unknown aggregate '\(aggregateName)'\(suggestion) — aggregates are \(names.joined(separator: ", "))"
            )
        }
        if mapping["chart"] != nil { return try chart(mapping, aggregate: aggregate) }
        try mapping.allow(["aggregate", "formats", "path", "chart"])
        var formats: [TableFormat] = [.csv, .json]
        if let formatsValue = mapping["formats"] {
            formats = []
            let elements = formatsValue.isSequence ? try formatsValue.sequence("formats") : [formatsValue]
            for element in elements {
                let name = try element.choice("format", among: TableFormat.allCases.map(\.rawValue))
                if let format = TableFormat(rawValue: name), !formats.contains(format) { formats.append(format) }
            }
        }
        let path = try mapping["path"]?.string("path") ?? aggregateName
        try PipelineLoader.checkRelative(path, at: mapping["path"]?.location ?? value.location, what: "path")
        return OutputSpec(
            kind: .table(aggregate: aggregateName, formats: formats), path: path, definedAt: value.location)
    }

    private func chart(_ mapping: YAMLMapping, aggregate: AggregateEntry) throws(PipelineError) -> OutputSpec {
        try mapping.allow([
            "chart", "aggregate", "x", "value", "series", "title", "subtitle", "sort", "width", "height", "path",
        ])
        let kindName = try mapping.required("chart").choice(
            "chart kind", among: ChartSpec.Kind.allCases.map(\.rawValue))
        let kind = ChartSpec.Kind(rawValue: kindName) ?? .bar
        let columns = aggregate.spec.groupBy.map(\.name) + aggregate.spec.measures.map(\.name)
        func column(_ key: String) throws(PipelineError) -> String? {
            guard let entry = mapping[key] else { return nil }
            let name = try entry.string(key)
            guard columns.contains(name) else {
                let suggestion = TextFolding.closest(to: name, among: columns).map { " (did you mean '\($0)'?)" } ?? ""
                throw entry.fail(
                    "\(key) '\(name)' is not a column of aggregate '\(aggregate.spec.name)'\(suggestion) — columns are \(columns.joined(separator: ", "))"
                )
            }
            return name
        }
        guard let x = try column("x") else { throw mapping.missing("a chart needs 'x' (the column of categories)") }
        guard let valueColumn = try column("value") else {
            throw mapping.missing("a chart needs 'value' (the column of values)")
        }
        let series = try column("series")
        if series != nil, kind != .line {
            throw mapping["series"]?.fail("'series' applies to line charts only") ?? mapping.missing("")
        }
        let path = try mapping["path"]?.string("path") ?? "\(aggregate.spec.name).svg"
        try PipelineLoader.checkRelative(path, at: mapping["path"]?.location ?? value.location, what: "path")
        guard path.hasSuffix(".svg") else {
            throw (mapping["path"] ?? value).fail("a chart's path must end in .svg, not '\(path)'")
        }
        var order: ChartSpec.Order?
        if let sort = mapping["sort"] {
            order = ChartSpec.Order(rawValue: try sort.choice("sort", among: ["natural", "value"]))
        }
        let identifier = String(path.dropLast(4).map { $0.isLetter || $0.isNumber ? $0 : "-" })
        let spec = ChartSpec(
            kind: kind, x: x, value: valueColumn, series: series,
            title: try mapping["title"]?.string("title") ?? ChartLabelsDefault.title(valueColumn, x),
            subtitle: try mapping["subtitle"]?.string("subtitle"), order: order,
            width: try mapping["width"]?.integer("width", in: 200...4000) ?? 640,
            height: try mapping["height"]?.integer("height", in: 150...4000) ?? 400,
            identifier: identifier
        )
        return OutputSpec(kind: .chart(aggregate: aggregate.spec.name, spec), path: path, definedAt: value.location)
    }
}

/// The title a chart gets when the pipeline file gives none.
enum ChartLabelsDefault {
    static func title(_ value: String, _ x: String) -> String {
        let words = value.replacingOccurrences(of: "_", with: " ")
        return (words.first.map { $0.uppercased() + words.dropFirst() } ?? words) + " by "
            + x.replacingOccurrences(of: "_", with: " ")
    }
}
