import CityNetModel

/// One small bar chart per value of a facet dimension, in a grid, all on the same value scale so panels compare
/// at a glance; tick labels on the left column of panels only.
struct SmallMultiples {
    let spec: ChartSpec
    private let matrix: ChartMatrix

    init(spec: ChartSpec, table: Table) throws(ChartError) {
        guard let facet = spec.facet else {
            throw ChartError(message: "small_multiples needs 'facet' (the column whose values get a panel each)")
        }
        self.spec = spec
        matrix = try ChartMatrix(table: table, x: spec.x, series: facet, value: spec.value, seriesRole: "facet")
    }

    func draw() -> ChartCanvas {
        var canvas = ChartCanvas(spec: spec)
        canvas.description = describe()
        let padding = ChartCanvas.padding
        let size = 11.0
        let width = Double(spec.width)
        let height = Double(spec.height)
        let panelCount = max(matrix.series.count, 1)
        // As many columns as fit, then balanced: 5 panels in 3 + 2 rather than 4 + 1.
        let fitting = max(1, min(panelCount, Int((width - 2 * padding) / 170)))
        let rows = (panelCount + fitting - 1) / fitting
        let columns = (panelCount + rows - 1) / rows
        let maximum = matrix.values.flatMap { $0.compactMap { $0 } }.max() ?? 0
        let scale = NiceScale(maximum: max(maximum, 0), targetTicks: 3, integerSteps: matrix.decimals == 0)
        let tickWidth = scale.ticks.map { TextMetrics.width(matrix.label($0), size: size) }.max() ?? 0
        let gridLeft = padding + 16 + 6 + tickWidth + 4
        let top = canvas.contentTop + 6
        let bottom = height - padding - 18
        let panelWidth = (width - padding - gridLeft) / Double(columns)
        let panelHeight = (bottom - top) / Double(rows)
        let step = (panelWidth - 12) / Double(max(matrix.xs.count, 1))
        // Labels stay horizontal; when they do not all fit, every second (or fourth…) one is shown.
        let widest = matrix.xs.map { TextMetrics.width($0.label, size: size) }.max() ?? 0
        var every = 1
        while Double(every) * step < widest + 4, every < matrix.xs.count { every *= 2 }
        let shown = matrix.xs.enumerated().map { $0.offset % every == 0 ? $0.element.label : "" }
        let labels = CategoryLabelLayout(shown, available: step * Double(every) - 2, size: size)

        var body = canvas.body
        body.verticalAxisTitle(matrix.measureName, x: padding + 8, top: top, bottom: bottom)
        for (facetIndex, facet) in matrix.series.enumerated() {
            let column = facetIndex % columns
            let row = facetIndex / columns
            let left = gridLeft + panelWidth * Double(column)
            let right = left + panelWidth - 12
            let panelTop = top + panelHeight * Double(row)
            let plotTop = panelTop + 26
            let plotBottom = panelTop + panelHeight - labels.height - 12
            body.open("g", ["role": "list", "aria-label": facet.name])
            body.text(
                TextMetrics.truncate(facet.label, width: panelWidth - 12, size: 12),
                [
                    "x": SVGDocument.number(left), "y": SVGDocument.number(panelTop + 14), "font-size": "12",
                    "font-weight": "700", "fill": ChartPalette.text, "aria-hidden": "true",
                ], tooltip: facet.label == facet.name ? nil : facet.name)
            body.open("g", ["aria-hidden": "true"])
            for tick in scale.ticks {
                let y = scale.position(of: tick, from: plotBottom, to: plotTop)
                body.empty(
                    "line",
                    [
                        "x1": SVGDocument.number(left), "x2": SVGDocument.number(right), "y1": SVGDocument.number(y),
                        "y2": SVGDocument.number(y), "stroke": tick == 0 ? ChartPalette.axis : ChartPalette.grid,
                        "stroke-width": "1",
                    ])
                if column == 0 {
                    body.text(
                        matrix.label(tick),
                        [
                            "x": SVGDocument.number(left - 4), "y": SVGDocument.number(y + 4), "font-size": "11",
                            "text-anchor": "end", "fill": ChartPalette.mutedText,
                        ])
                }
            }
            body.close("g")
            let band = step * 0.7
            for (xIndex, category) in matrix.xs.enumerated() {
                guard let value = matrix.values[xIndex][facetIndex] else { continue }
                let x = left + step * Double(xIndex) + (step - band) / 2
                let y = scale.position(of: value, from: plotBottom, to: plotTop)
                let zero = scale.position(of: 0, from: plotBottom, to: plotTop)
                body.titled(
                    "rect",
                    [
                        "x": SVGDocument.number(x), "y": SVGDocument.number(min(y, zero)),
                        "width": SVGDocument.number(band), "height": SVGDocument.number(abs(zero - y)),
                        "fill": category.colour == ChartPalette.primary ? ChartPalette.primary : category.colour,
                        "role": "listitem",
                    ],
                    title:
                        "\(facet.name), \(category.name): \(matrix.label(value)) \(matrix.valueColumn.name.replacingAll("_", with: " "))"
                )
            }
            labels.draw(
                into: &body, categories: matrix.xs,
                centres: matrix.xs.indices.map { left + step * (Double($0) + 0.5) }, top: plotBottom + 4)
            body.close("g")
        }
        body.text(
            ChartLabels.axisTitle(column: matrix.xColumn),
            [
                "x": SVGDocument.number((gridLeft + width - padding) / 2),
                "y": SVGDocument.number(height - padding - 2),
                "font-size": "12", "font-weight": "700", "text-anchor": "middle", "fill": ChartPalette.text,
            ])
        canvas.body = body
        return canvas
    }

    private func describe() -> String {
        let subject =
            "\(matrix.valueColumn.name.replacingAll("_", with: " ")) by "
            + "\(ChartLabels.axisTitle(column: matrix.xColumn).lowercased()), one panel per "
            + "\(ChartLabels.axisTitle(column: matrix.seriesColumn).lowercased())"
        let totals = matrix.series.indices.map { facet in matrix.values.compactMap { $0[facet] }.reduce(0, +) }
        guard let largest = totals.indices.max(by: { totals[$0] < totals[$1] }) else {
            return "Small multiples of \(subject): no data."
        }
        return "Small multiples of \(subject), \(matrix.series.count) panels: largest total "
            + "\(matrix.series[largest].name) (\(matrix.label(totals[largest])))."
    }
}
