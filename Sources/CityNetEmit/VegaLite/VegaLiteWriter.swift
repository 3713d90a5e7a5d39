public import CityNetModel

/// Writes a chart as a Vega-Lite specification with the table's rows inline, for dashboards that render charts
/// interactively: the same kind, columns, title, size and colours as the SVG (regions and SDGs in their fixed
/// colours), with keys in a fixed order.
public enum VegaLiteWriter {
    /// The specification as JSON bytes.
    public static func write(_ spec: ChartSpec, table: Table) -> [UInt8] {
        var members: [(String, String)] = [
            ("$schema", quoted("https://vega.github.io/schema/vega-lite/v5.json")),
            ("title", title(spec)),
            ("width", String(max(spec.width - 120, 100))),
            ("height", String(max(spec.height - 140, 80))),
            ("data", "{\"values\": " + rows(table) + "}"),
        ]
        switch spec.kind {
        case .smallMultiples:
            members += [
                ("facet", "{\"field\": \(quoted(spec.facet ?? "")), \"type\": \"nominal\"}"),
                ("columns", String(max(1, min(4, spec.width / 170)))),
                ("spec", object([("mark", mark(spec)), ("encoding", encoding(spec, table: table))])),
            ]
        default:
            members += [("mark", mark(spec)), ("encoding", encoding(spec, table: table))]
        }
        members.append(
            ("config", "{\"font\": \(quoted(ChartPalette.fontFamily)), \"view\": {\"stroke\": null}}"))
        return Array((object(members) + "\n").utf8)
    }

    private static func title(_ spec: ChartSpec) -> String {
        var members = [("text", quoted(spec.title)), ("anchor", "\"start\"")]
        if let subtitle = spec.subtitle { members.append(("subtitle", quoted(subtitle))) }
        return object(members)
    }

    private static func rows(_ table: Table) -> String {
        let rows = table.rows.map { row in
            "{"
                + zip(table.columns, row).map { "\(quoted($0.name)): \(JSONTableWriter.value($1))" }
                .joined(separator: ", ") + "}"
        }
        return "[" + rows.joined(separator: ", ") + "]"
    }

    private static func mark(_ spec: ChartSpec) -> String {
        switch spec.kind {
        case .bar, .hbar, .groupedBar, .stackedBar, .smallMultiples: "{\"type\": \"bar\", \"tooltip\": true}"
        case .line: "{\"type\": \"line\", \"point\": true, \"tooltip\": true}"
        case .heatmap: "{\"type\": \"rect\", \"tooltip\": true}"
        case .donut:
            "{\"type\": \"arc\", \"innerRadius\": \(max(min(spec.width, spec.height) / 5, 20)), \"tooltip\": true}"
        }
    }

    private static func encoding(_ spec: ChartSpec, table: Table) -> String {
        let measure = field(spec.value, type: "quantitative", title: ChartLabels.humanize(spec.value))
        let category = field(
            spec.x, type: isYear(spec.x, table) ? "ordinal" : "nominal", title: axisTitle(spec.x, table),
            sort: spec.order == .value ? "\"-y\"" : "null")
        switch spec.kind {
        case .bar, .smallMultiples:
            return object([("x", category), ("y", measure), ("color", colour(spec.x, table: table))])
        case .hbar:
            let vertical = field(
                spec.x, type: "nominal", title: axisTitle(spec.x, table),
                sort: spec.order == .natural ? "null" : "\"-x\"")
            return object([("y", vertical), ("x", measure), ("color", colour(spec.x, table: table))])
        case .line:
            var members = [("x", field(spec.x, type: "ordinal", title: axisTitle(spec.x, table))), ("y", measure)]
            if let series = spec.series { members.append(("color", colour(series, table: table))) }
            return object(members)
        case .groupedBar:
            let series = spec.series ?? ""
            return object([
                ("x", category), ("xOffset", "{\"field\": \(quoted(series))}"), ("y", measure),
                ("color", colour(series, table: table)),
            ])
        case .stackedBar:
            let series = spec.series ?? ""
            let stacked = field(
                spec.value, type: "quantitative", title: ChartLabels.humanize(spec.value),
                stack: spec.normalize ? "\"normalize\"" : "\"zero\"")
            return object([("x", category), ("y", stacked), ("color", colour(series, table: table))])
        case .heatmap:
            let rows = field(
                spec.series ?? "", type: "nominal", title: axisTitle(spec.series ?? "", table), sort: "null")
            let fill =
                "{\"field\": \(quoted(spec.value)), \"type\": \"quantitative\", \"title\": \(quoted(ChartLabels.humanize(spec.value))), \"scale\": {\"scheme\": \"blues\"}}"
            return object([("x", category), ("y", rows), ("color", fill)])
        case .donut:
            return object([
                (
                    "theta",
                    field(spec.value, type: "quantitative", title: ChartLabels.humanize(spec.value), stack: "true")
                ),
                ("color", colour(spec.x, table: table)),
            ])
        }
    }

    private static func field(
        _ name: String, type: String, title: String, sort: String? = nil, stack: String? = nil
    ) -> String {
        var members = [("field", quoted(name)), ("type", quoted(type)), ("title", quoted(title))]
        if let sort { members.append(("sort", sort)) }
        if let stack { members.append(("stack", stack)) }
        return object(members)
    }

    /// A colour encoding: the fixed colours of regions and SDGs, else the categorical palette in table order.
    private static func colour(_ column: String, table: Table) -> String {
        guard let index = table.columnIndex(named: column) else {
            return "{\"value\": \(quoted(ChartPalette.primary))}"
        }
        let dimension = table.columns[index].kind.asDimension
        var domain: [Cell] = []
        for row in table.rows where !domain.contains(row[index]) { domain.append(row[index]) }
        let range = domain.enumerated().map { position, cell in
            ChartPalette.colour(of: cell, in: dimension)
                ?? ChartPalette.categorical[position % ChartPalette.categorical.count]
        }
        let scale =
            "{\"domain\": [" + domain.map(JSONTableWriter.value).joined(separator: ", ") + "], \"range\": ["
            + range.map(quoted).joined(separator: ", ") + "]}"
        return
            "{\"field\": \(quoted(column)), \"type\": \"nominal\", \"title\": \(quoted(axisTitle(column, table))), \"scale\": \(scale)}"
    }

    private static func axisTitle(_ column: String, _ table: Table) -> String {
        table.columnIndex(named: column).map { ChartLabels.axisTitle(column: table.columns[$0]) }
            ?? ChartLabels.humanize(column)
    }

    private static func isYear(_ column: String, _ table: Table) -> Bool {
        table.columnIndex(named: column).map { table.columns[$0].kind == .dimension(.year) } ?? false
    }

    private static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { "\(quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    private static func quoted(_ text: String) -> String { JSONTableWriter.quoted(text) }
}
