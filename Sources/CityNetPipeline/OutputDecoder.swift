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
        if mapping["report"] != nil { return try report(mapping) }
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
        try mapping.allow(["aggregate", "formats", "path", "chart", "csv"])
        var csv = CSVTableWriter.Options()
        if let csvValue = mapping["csv"] {
            let options = try csvValue.mapping("csv")
            try options.allow(["crlf", "bom"])
            csv.crlf = try options["crlf"]?.boolean("crlf") ?? false
            csv.bom = try options["bom"]?.boolean("bom") ?? false
        }
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
            kind: .table(aggregate: aggregateName, formats: formats, csv: csv), path: path, definedAt: value.location)
    }

    private func chart(_ mapping: YAMLMapping, aggregate: AggregateEntry) throws(PipelineError) -> OutputSpec {
        try mapping.allow([
            "chart", "aggregate", "x", "y", "value", "series", "facet", "normalize", "title", "subtitle", "sort",
            "width",
            "height", "path", "formats",
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
        func misplaced(_ key: String, _ kinds: String) throws(PipelineError) {
            if let entry = mapping[key] { throw entry.fail("'\(key)' applies to \(kinds) only") }
        }
        guard let x = try column("x") else { throw mapping.missing("a chart needs 'x' (the column of categories)") }
        guard let valueColumn = try column("value") else {
            throw mapping.missing("a chart needs 'value' (the column of values)")
        }
        var series: String?
        switch kind {
        case .line:
            series = try column("series")
        case .groupedBar, .stackedBar:
            series = try column("series")
            if series == nil {
                throw mapping.missing(
                    "a \(kindName) chart needs 'series' (the column whose values are the bars of a group)")
            }
        case .heatmap:
            series = try column("y")
            if series == nil { throw mapping.missing("a heatmap needs 'y' (the column whose values are the rows)") }
        default:
            break
        }
        if kind != .heatmap { try misplaced("y", "heatmaps") }
        if ![.line, .groupedBar, .stackedBar].contains(kind) {
            try misplaced("series", "line, grouped_bar and stacked_bar charts")
        }
        let facet = try column("facet")
        if kind == .smallMultiples, facet == nil {
            throw mapping.missing("small_multiples needs 'facet' (the column whose values get a panel each)")
        }
        if kind != .smallMultiples { try misplaced("facet", "small_multiples") }
        if kind != .stackedBar { try misplaced("normalize", "stacked_bar charts") }
        let path = try mapping["path"]?.string("path") ?? "\(aggregate.spec.name).svg"
        try PipelineLoader.checkRelative(path, at: mapping["path"]?.location ?? value.location, what: "path")
        guard path.hasSuffix(".svg") else {
            throw (mapping["path"] ?? value).fail("a chart's path must end in .svg, not '\(path)'")
        }
        var order: ChartSpec.Order?
        if let sort = mapping["sort"] {
            order = ChartSpec.Order(rawValue: try sort.choice("sort", among: ["natural", "value"]))
        }
        var formats: [ChartSpec.Format] = [.svg]
        if let formatsValue = mapping["formats"] {
            formats = []
            let elements = formatsValue.isSequence ? try formatsValue.sequence("formats") : [formatsValue]
            for element in elements {
                let name = try element.choice("format", among: ChartSpec.Format.allCases.map(\.rawValue))
                if let format = ChartSpec.Format(rawValue: name), !formats.contains(format) { formats.append(format) }
            }
        }
        let identifier = String(path.dropLast(4).map { $0.isLetter || $0.isNumber ? $0 : "-" })
        let spec = ChartSpec(
            kind: kind, x: x, value: valueColumn, series: series, facet: facet,
            normalize: try mapping["normalize"]?.boolean("normalize") ?? false,
            title: try mapping["title"]?.string("title") ?? ChartLabelsDefault.title(valueColumn, x),
            subtitle: try mapping["subtitle"]?.string("subtitle"), order: order,
            width: try mapping["width"]?.integer("width", in: 200...4000) ?? 640,
            height: try mapping["height"]?.integer("height", in: 150...4000) ?? 400,
            identifier: identifier, formats: formats
        )
        return OutputSpec(kind: .chart(aggregate: aggregate.spec.name, spec), path: path, definedAt: value.location)
    }
}

extension OutputDecoder {
    /// `report: html`: the page's path, title, subtitle and headline figures.
    private func report(_ mapping: YAMLMapping) throws(PipelineError) -> OutputSpec {
        try mapping.allow(["report", "path", "title", "subtitle", "headlines"])
        _ = try mapping.required("report").choice("report", among: ["html"])
        let path = try mapping["path"]?.string("path") ?? "report.html"
        try PipelineLoader.checkRelative(path, at: mapping["path"]?.location ?? value.location, what: "path")
        guard path.hasSuffix(".html") else {
            throw (mapping["path"] ?? value).fail("a report's path must end in .html, not '\(path)'")
        }
        var headlines: [ReportSpec.Headline] = []
        if let list = mapping["headlines"] {
            for entry in try list.sequence("headlines") {
                let headline = try entry.mapping("a headline")
                try headline.allow(["label", "aggregate", "column", "row"])
                let aggregateValue = try headline.required("aggregate")
                let name = try aggregateValue.string("aggregate")
                guard let aggregate = aggregates.first(where: { $0.spec.name == name }) else {
                    throw aggregateValue.fail("headline names unknown aggregate '\(name)'")
                }
                let columnValue = try headline.required("column")
                let column = try columnValue.string("column")
                let columns = aggregate.spec.measures.map(\.name)
                guard columns.contains(column) else {
                    throw columnValue.fail(
                        "headline column '\(column)' is not a measure of '\(name)' — measures are \(columns.joined(separator: ", "))"
                    )
                }
                headlines.append(
                    ReportSpec.Headline(
                        label: try headline.required("label").string("label"), aggregate: name, column: column,
                        row: try headline["row"]?.string("row")))
            }
        }
        let report = ReportSpec(
            title: try mapping["title"]?.string("title") ?? "Statistics",
            subtitle: try mapping["subtitle"]?.string("subtitle"),
            headlines: headlines)
        return OutputSpec(kind: .report(report), path: path, definedAt: value.location)
    }
}

/// The titles a chart or a report section gets when the pipeline file gives none.
enum ChartLabelsDefault {
    /// Words written in capitals wherever they appear in a name.
    private static let acronyms = ["sdg": "SDG", "sdgs": "SDGs", "gnlc": "GNLC", "iati": "IATI", "unesco": "UNESCO"]

    /// `members_by_region` -> `Members by region`, `initiatives_by_sdg` -> `Initiatives by SDG`.
    static func heading(_ name: String) -> String {
        let words = name.split(separator: "_").map { acronyms[String($0)] ?? String($0) }
        let sentence = words.joined(separator: " ")
        return sentence.first.map { $0.uppercased() + sentence.dropFirst() } ?? sentence
    }

    static func title(_ value: String, _ x: String) -> String {
        let words = value.replacingOccurrences(of: "_", with: " ")
        return (words.first.map { $0.uppercased() + words.dropFirst() } ?? words) + " by "
            + x.replacingOccurrences(of: "_", with: " ")
    }
}
