import CityNetModel

/// A measure by two dimensions as a grid of cells on a light-to-dark ramp, with a gradient legend and the value
/// in each cell where it fits, in white or dark text, whichever contrasts more.
struct Heatmap {
    let spec: ChartSpec
    private let matrix: ChartMatrix

    init(spec: ChartSpec, table: Table) throws(ChartError) {
        guard let rows = spec.series else {
            throw ChartError(message: "a heatmap needs 'y' (the column whose values are the rows)")
        }
        self.spec = spec
        matrix = try ChartMatrix(table: table, x: spec.x, series: rows, value: spec.value, seriesRole: "y")
    }

    func draw() -> ChartCanvas {
        var canvas = ChartCanvas(spec: spec)
        canvas.description = describe()
        let padding = ChartCanvas.padding
        let size = ChartCanvas.tickSize
        let width = Double(spec.width)
        let height = Double(spec.height)
        let values = matrix.values.flatMap { $0.compactMap { $0 } }
        let scale = NiceScale(
            minimum: min(values.min() ?? 0, 0), maximum: max(values.max() ?? 0, 0), targetTicks: 4,
            integerSteps: matrix.decimals == 0)
        let legendTitle = matrix.measureName
        let tickWidth = scale.ticks.map { TextMetrics.width(matrix.label($0), size: size) }.max() ?? 0
        let legendWidth = max(TextMetrics.width(legendTitle, size: size, bold: true), 14 + 6 + tickWidth)
        let right = width - padding - legendWidth - 16
        let rowCount = Double(max(matrix.series.count, 1))
        let columnCount = Double(max(matrix.xs.count, 1))
        let stripHeight = matrix.xColumn.kind.asDimension == .sdg ? 6.0 : 0
        let top = canvas.contentTop + 8 + (stripHeight > 0 ? stripHeight + 3 : 0)
        let available = width * 0.32
        let rowStep0 = (height - top - padding - 40) / rowCount
        let lineCount = rowStep0 >= size * 2.6 ? 2 : 1
        let rowLabels = matrix.series.map {
            TextMetrics.wrap($0.label, width: available, size: size, maximumLines: lineCount)
        }
        let labelWidth = rowLabels.flatMap(\.lines).map { TextMetrics.width($0, size: size) }.max() ?? 0
        let left = padding + labelWidth + 10
        let columnStep = (right - left) / columnCount
        let xLabels = CategoryLabelLayout(matrix.xs.map(\.label), available: columnStep - 2, size: size)
        let bottom = height - padding - 18 - xLabels.height - 8
        let rowStep = (bottom - top) / rowCount

        var body = canvas.body
        if stripHeight > 0 {
            body.open("g", ["aria-hidden": "true"])
            for (index, category) in matrix.xs.enumerated() {
                body.empty(
                    "rect",
                    [
                        "x": SVGDocument.number(left + columnStep * Double(index) + 1),
                        "y": SVGDocument.number(top - stripHeight - 3),
                        "width": SVGDocument.number(columnStep - 2), "height": SVGDocument.number(stripHeight),
                        "fill": category.colour,
                    ])
            }
            body.close("g")
        }
        body.open("g", ["role": "list", "aria-label": matrix.measureName])
        for (rowIndex, row) in matrix.series.enumerated() {
            let y = top + rowStep * Double(rowIndex)
            body.open("g", ["role": "listitem", "aria-label": row.name])
            for (columnIndex, column) in matrix.xs.enumerated() {
                let x = left + columnStep * Double(columnIndex)
                let value = matrix.values[columnIndex][rowIndex]
                var fill = ChartPalette.missing
                if let value { fill = ChartColour.ramp((value - scale.minimum) / (scale.maximum - scale.minimum)) }
                let text = value.map { matrix.label($0) } ?? "no data"
                body.titled(
                    "rect",
                    [
                        "x": SVGDocument.number(x + 1), "y": SVGDocument.number(y + 1),
                        "width": SVGDocument.number(columnStep - 2), "height": SVGDocument.number(rowStep - 2),
                        "fill": fill,
                    ],
                    title:
                        "\(row.name), \(column.name): \(text) \(matrix.valueColumn.name.replacingAll("_", with: " "))")
                if let value, rowStep >= ChartCanvas.valueSize + 4,
                    TextMetrics.width(matrix.label(value), size: ChartCanvas.valueSize) <= columnStep - 4
                {
                    body.text(
                        matrix.label(value),
                        [
                            "x": SVGDocument.number(x + columnStep / 2), "y": SVGDocument.number(y + rowStep / 2 + 4),
                            "font-size": "11", "text-anchor": "middle", "fill": ChartColour.text(on: fill),
                            "aria-hidden": "true",
                        ])
                }
            }
            body.close("g")
            let lines = rowLabels[rowIndex].lines
            let firstBaseline = y + rowStep / 2 + 4 - Double(lines.count - 1) * size * 1.15 / 2
            body.lines(
                lines, lineHeight: size * 1.15,
                [
                    "x": SVGDocument.number(left - 8), "y": SVGDocument.number(firstBaseline), "font-size": "12",
                    "text-anchor": "end", "fill": ChartPalette.mutedText, "aria-hidden": "true",
                ], x: left - 8, tooltip: rowLabels[rowIndex].cut ? row.name : nil)
        }
        body.close("g")
        xLabels.draw(
            into: &body, categories: matrix.xs,
            centres: matrix.xs.indices.map { left + columnStep * (Double($0) + 0.5) }, top: bottom + 6)
        body.text(
            ChartLabels.axisTitle(column: matrix.xColumn),
            [
                "x": SVGDocument.number((left + right) / 2), "y": SVGDocument.number(height - padding - 2),
                "font-size": "12", "font-weight": "700", "text-anchor": "middle", "fill": ChartPalette.text,
            ])
        drawLegend(&body, scale: scale, left: right + 16, top: top, bottom: min(bottom, top + 160), title: legendTitle)
        canvas.body = body
        return canvas
    }

    /// The gradient legend: the measure's name, a vertical ramp from the scale's minimum (bottom) to its
    /// maximum (top), and nice ticks beside it.
    private func drawLegend(
        _ body: inout SVGDocument, scale: NiceScale, left: Double, top: Double, bottom: Double, title: String
    ) {
        let gradient = "\(spec.identifier)-ramp"
        body.open("defs")
        body.open("linearGradient", ["id": gradient, "x1": "0", "y1": "1", "x2": "0", "y2": "0"])
        let stops = ChartColour.rampStops
        for (index, colour) in stops.enumerated() {
            let offset = Double(index) / Double(stops.count - 1) * 100
            body.empty("stop", ["offset": SVGDocument.number(offset) + "%", "stop-color": colour])
        }
        body.close("linearGradient")
        body.close("defs")
        body.open("g", ["aria-hidden": "true"])
        body.text(
            title,
            [
                "x": SVGDocument.number(left), "y": SVGDocument.number(top + 10), "font-size": "12",
                "font-weight": "700", "fill": ChartPalette.text,
            ])
        let barTop = top + 22
        body.empty(
            "rect",
            [
                "x": SVGDocument.number(left), "y": SVGDocument.number(barTop), "width": "14",
                "height": SVGDocument.number(max(bottom - barTop, 20)), "fill": "url(#\(gradient))",
            ])
        for tick in scale.ticks {
            let y = scale.position(of: tick, from: max(bottom, barTop + 20), to: barTop)
            body.text(
                matrix.label(tick),
                [
                    "x": SVGDocument.number(left + 20), "y": SVGDocument.number(y + 4), "font-size": "12",
                    "fill": ChartPalette.mutedText,
                ])
        }
        body.close("g")
    }

    private func describe() -> String {
        let subject =
            "\(matrix.valueColumn.name.replacingAll("_", with: " ")) by "
            + "\(ChartLabels.axisTitle(column: matrix.seriesColumn).lowercased()) and "
            + "\(ChartLabels.axisTitle(column: matrix.xColumn).lowercased())"
        var best: (row: Int, column: Int, value: Double)?
        for (column, values) in matrix.values.enumerated() {
            for (row, value) in values.enumerated() {
                if let value, value > (best?.value ?? -.infinity) { best = (row, column, value) }
            }
        }
        guard let best else { return "Heatmap of \(subject): no data." }
        return "Heatmap of \(subject), \(matrix.series.count) rows by \(matrix.xs.count) columns: highest "
            + "\(matrix.series[best.row].name), \(matrix.xs[best.column].name) (\(matrix.label(best.value)))."
    }
}
