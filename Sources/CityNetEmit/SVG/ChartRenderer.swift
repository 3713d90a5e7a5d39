public import CityNetModel

/// Draws a table as a standalone SVG chart: valid XML, escaped text, rounded coordinates, the same bytes on
/// every run, and an accessible name and description.
public enum ChartRenderer {
    /// The chart as SVG bytes.
    ///
    /// - Throws: ``ChartError`` when the spec names columns the table does not have, or they hold the wrong
    ///   kind of values.
    public static func render(_ spec: ChartSpec, table: Table) throws(ChartError) -> [UInt8] {
        try draw(spec, table: table).svg
    }

    /// The chart as SVG bytes, with the one-sentence summary of its data that its `<desc>` holds.
    ///
    /// - Throws: as ``render(_:table:)``.
    public static func draw(_ spec: ChartSpec, table: Table) throws(ChartError) -> (svg: [UInt8], description: String) {
        let canvas: ChartCanvas
        switch spec.kind {
        case .bar: canvas = try BarChart(spec: spec, table: table, horizontal: false).draw()
        case .hbar: canvas = try BarChart(spec: spec, table: table, horizontal: true).draw()
        case .line: canvas = try LineChart(spec: spec, table: table).draw()
        case .groupedBar: canvas = try GroupedBarChart(spec: spec, table: table, layout: .grouped).draw()
        case .stackedBar:
            canvas = try GroupedBarChart(spec: spec, table: table, layout: .stacked(normalized: spec.normalize)).draw()
        case .heatmap: canvas = try Heatmap(spec: spec, table: table).draw()
        case .donut: canvas = try DonutChart(spec: spec, table: table).draw()
        case .smallMultiples: canvas = try SmallMultiples(spec: spec, table: table).draw()
        }
        return (Array(canvas.finish().utf8), canvas.description)
    }

    static func column(_ name: String, in table: Table, role: String) throws(ChartError) -> Int {
        guard let index = table.columnIndex(named: name) else {
            let names = table.columns.map(\.name).joined(separator: ", ")
            throw ChartError(message: "\(role) column '\(name)' is not in table '\(table.name)' (columns: \(names))")
        }
        return index
    }
}

/// The frame every chart shares: the root element, the title block and the accessible description.
struct ChartCanvas {
    let spec: ChartSpec
    var body = SVGDocument()
    var description = ""
    /// Where the content below the title block starts.
    private(set) var contentTop = 0.0

    static let padding = 16.0
    static let titleSize = 18.0
    static let subtitleSize = 13.0
    static let tickSize = 12.0
    static let axisTitleSize = 12.0
    static let valueSize = 11.0

    init(spec: ChartSpec) {
        self.spec = spec
        var header = SVGDocument()
        let width = Double(spec.width) - 2 * Self.padding
        let title = TextMetrics.wrap(spec.title, width: width, size: Self.titleSize * 1.08, maximumLines: 2)
        var baseline = Self.padding + Self.titleSize
        header.lines(
            title.lines, lineHeight: Self.titleSize * 1.25,
            [
                "x": SVGDocument.number(Self.padding), "y": SVGDocument.number(baseline), "font-size": "18",
                "font-weight": "700", "fill": ChartPalette.text,
            ],
            x: Self.padding, tooltip: title.cut ? spec.title : nil
        )
        baseline += Double(title.lines.count - 1) * Self.titleSize * 1.25
        if let subtitle = spec.subtitle, !subtitle.isEmpty {
            baseline += 20
            let line = TextMetrics.truncate(subtitle, width: width, size: Self.subtitleSize)
            header.text(
                line,
                [
                    "x": SVGDocument.number(Self.padding), "y": SVGDocument.number(baseline), "font-size": "13",
                    "fill": ChartPalette.mutedText,
                ],
                tooltip: line == subtitle ? nil : subtitle
            )
        }
        contentTop = baseline + 14
        body.raw(header.text.trimmingTrailingNewline())
    }

    func finish() -> String {
        let id = spec.identifier
        var svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(spec.width)\" height=\"\(spec.height)\" "
        svg += "viewBox=\"0 0 \(spec.width) \(spec.height)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" "
        svg += "font-family=\"\(SVGDocument.escape(ChartPalette.fontFamily))\">\n"
        svg += "  <title id=\"\(id)-title\">\(SVGDocument.escape(spec.title))</title>\n"
        svg += "  <desc id=\"\(id)-desc\">\(SVGDocument.escape(description))</desc>\n"
        svg += "  <rect width=\"\(spec.width)\" height=\"\(spec.height)\" fill=\"\(ChartPalette.background)\"/>\n"
        svg += body.text
        svg += "</svg>\n"
        return svg
    }
}

extension String {
    func trimmingTrailingNewline() -> String {
        var text = Substring(self)
        while text.last == "\n" { text.removeLast() }
        while text.first == " " { text.removeFirst() }
        return String(text)
    }
}

extension SVGDocument {
    /// Horizontal grid lines and tick labels of a vertical value axis, in a decorative group.
    mutating func valueAxis(
        scale: NiceScale, left: Double, right: Double, top: Double, bottom: Double, kind: ColumnKind, decimals: Int
    ) {
        open("g", ["aria-hidden": "true"])
        for tick in scale.ticks {
            let y = scale.position(of: tick, from: bottom, to: top)
            empty(
                "line",
                [
                    "x1": SVGDocument.number(left), "x2": SVGDocument.number(right), "y1": SVGDocument.number(y),
                    "y2": SVGDocument.number(y),
                    "stroke": tick == scale.minimum ? ChartPalette.axis : ChartPalette.grid,
                    "stroke-width": "1",
                ])
            text(
                ChartLabels.value(tick, kind: kind, decimals: min(decimals, scale.tickDecimals)),
                [
                    "x": SVGDocument.number(left - 6), "y": SVGDocument.number(y + 4), "font-size": "12",
                    "text-anchor": "end", "fill": ChartPalette.mutedText,
                ])
        }
        close("g")
    }

    /// A rotated axis title centred on the left edge.
    mutating func verticalAxisTitle(_ title: String, x: Double, top: Double, bottom: Double) {
        let y = (top + bottom) / 2
        text(
            title,
            [
                "x": SVGDocument.number(x), "y": SVGDocument.number(y), "font-size": "12", "font-weight": "700",
                "text-anchor": "middle", "fill": ChartPalette.text,
                "transform": "rotate(-90 \(SVGDocument.number(x)) \(SVGDocument.number(y)))",
            ])
    }
}
