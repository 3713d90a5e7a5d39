import CityNetModel

/// Bars of one measure by two dimensions: side by side within each category (`grouped_bar`), or stacked
/// (`stacked_bar`), in absolute values or as shares of each bar (`normalize: true`).
struct GroupedBarChart {
    enum Layout {
        case grouped
        case stacked(normalized: Bool)
    }

    let spec: ChartSpec
    let layout: Layout
    private let matrix: ChartMatrix

    init(spec: ChartSpec, table: Table, layout: Layout) throws(ChartError) {
        guard let series = spec.series else {
            throw ChartError(
                message: "a \(spec.kind.rawValue) chart needs 'series' (the column of the second dimension)")
        }
        self.spec = spec
        self.layout = layout
        matrix = try ChartMatrix(table: table, x: spec.x, series: series, value: spec.value)
    }

    private var normalized: Bool {
        if case .stacked(true) = layout { return true }
        return false
    }

    private var stacked: Bool {
        if case .stacked = layout { return true }
        return false
    }

    /// The sum of each x category's values.
    private var totals: [Double] { matrix.values.map { $0.compactMap { $0 }.reduce(0, +) } }

    /// The value a segment or bar shows: its share of the bar in percent when normalised.
    private func shown(_ x: Int, _ series: Int) -> Double? {
        guard let value = matrix.values[x][series] else { return nil }
        guard normalized else { return value }
        let total = totals[x]
        return total > 0 ? value / total * 100 : 0
    }

    private func label(_ value: Double) -> String {
        normalized ? ChartNumber.format(value) + "%" : matrix.label(value)
    }

    func draw() -> ChartCanvas {
        var canvas = ChartCanvas(spec: spec)
        canvas.description = describe()
        let padding = ChartCanvas.padding
        let width = Double(spec.width)
        let height = Double(spec.height)
        var body = canvas.body
        let legend = ChartLegend(
            title: ChartLabels.axisTitle(column: matrix.seriesColumn),
            entries: matrix.series.map { ($0.label, $0.colour) })
        let legendBottom = legend.draw(into: &body, left: padding, right: width - padding, top: canvas.contentTop + 2)

        let maximum: Double
        if normalized {
            maximum = 100
        } else if stacked {
            maximum = totals.max() ?? 0
        } else {
            maximum = matrix.values.flatMap { $0.compactMap { $0 } }.max() ?? 0
        }
        let scale =
            normalized
            ? NiceScale(maximum: 100, targetTicks: 4, integerSteps: true)
            : NiceScale(maximum: max(maximum, 0), targetTicks: 5, integerSteps: matrix.decimals == 0)
        let tickLabels = scale.ticks.map { label($0) }
        let tickWidth = tickLabels.map { TextMetrics.width($0, size: ChartCanvas.tickSize) }.max() ?? 0
        let left = padding + 16 + 8 + tickWidth + 6
        let right = width - padding
        let top = legendBottom + 22
        let step = (right - left) / Double(max(matrix.xs.count, 1))
        let counts = normalized ? totals.map { "n = " + matrix.label($0) } : nil
        let labels = CategoryLabelLayout(
            matrix.xs.map(\.label), available: step - 4, size: ChartCanvas.tickSize, extraLine: counts != nil)
        let bottom = height - padding - 18 - labels.height - 8

        body.verticalAxisTitle(
            normalized ? "Share of \(matrix.measureName.lowercased())" : matrix.measureName, x: padding + 8, top: top,
            bottom: bottom)
        body.open("g", ["aria-hidden": "true"])
        for (tick, text) in zip(scale.ticks, tickLabels) {
            let y = scale.position(of: tick, from: bottom, to: top)
            body.empty(
                "line",
                [
                    "x1": SVGDocument.number(left), "x2": SVGDocument.number(right), "y1": SVGDocument.number(y),
                    "y2": SVGDocument.number(y), "stroke": tick == 0 ? ChartPalette.axis : ChartPalette.grid,
                    "stroke-width": "1",
                ])
            body.text(
                text,
                [
                    "x": SVGDocument.number(left - 6), "y": SVGDocument.number(y + 4), "font-size": "12",
                    "text-anchor": "end", "fill": ChartPalette.mutedText,
                ])
        }
        body.close("g")

        body.open("g", ["role": "list", "aria-label": matrix.measureName])
        for (xIndex, category) in matrix.xs.enumerated() {
            let start = left + step * Double(xIndex)
            body.open("g", ["role": "listitem", "aria-label": category.name])
            if stacked {
                drawStack(&body, x: xIndex, start: start, step: step, scale: scale, top: top, bottom: bottom)
            } else {
                drawGroup(&body, x: xIndex, start: start, step: step, scale: scale, top: top, bottom: bottom)
            }
            body.close("g")
        }
        body.close("g")
        labels.draw(
            into: &body, categories: matrix.xs, centres: matrix.xs.indices.map { left + step * (Double($0) + 0.5) },
            top: bottom + 8, extraLines: counts)
        body.text(
            ChartLabels.axisTitle(column: matrix.xColumn),
            [
                "x": SVGDocument.number((left + right) / 2), "y": SVGDocument.number(height - padding - 2),
                "font-size": "12", "font-weight": "700", "text-anchor": "middle", "fill": ChartPalette.text,
            ])
        canvas.body = body
        return canvas
    }

    private func markTitle(_ x: Int, _ series: Int, _ value: Double) -> String {
        let measure = matrix.valueColumn.name.replacingAll("_", with: " ")
        let base = "\(matrix.xs[x].name), \(matrix.series[series].name): "
        guard normalized, let raw = matrix.values[x][series] else { return base + "\(label(value)) \(measure)" }
        return base + "\(matrix.label(raw)) \(measure) (\(label(value)))"
    }

    private func drawGroup(
        _ body: inout SVGDocument, x: Int, start: Double, step: Double, scale: NiceScale, top: Double, bottom: Double
    ) {
        let groupWidth = step * 0.8
        let count = Double(max(matrix.series.count, 1))
        let gap = min(2, groupWidth / count * 0.1)
        let barWidth = (groupWidth - gap * (count - 1)) / count
        let zero = scale.position(of: 0, from: bottom, to: top)
        for (seriesIndex, series) in matrix.series.enumerated() {
            guard let value = shown(x, seriesIndex) else { continue }
            let barX = start + (step - groupWidth) / 2 + Double(seriesIndex) * (barWidth + gap)
            let y = scale.position(of: value, from: bottom, to: top)
            body.titled(
                "rect",
                [
                    "x": SVGDocument.number(barX), "y": SVGDocument.number(min(y, zero)),
                    "width": SVGDocument.number(barWidth), "height": SVGDocument.number(abs(zero - y)),
                    "fill": series.colour,
                ], title: markTitle(x, seriesIndex, value))
            let text = label(value)
            if TextMetrics.width(text, size: ChartCanvas.valueSize) <= barWidth + gap + 2 {
                body.text(
                    text,
                    [
                        "x": SVGDocument.number(barX + barWidth / 2), "y": SVGDocument.number(min(y, zero) - 5),
                        "font-size": "11", "text-anchor": "middle", "fill": ChartPalette.text, "aria-hidden": "true",
                    ])
            }
        }
    }

    private func drawStack(
        _ body: inout SVGDocument, x: Int, start: Double, step: Double, scale: NiceScale, top: Double, bottom: Double
    ) {
        let band = step * 0.7
        let barX = start + (step - band) / 2
        var base = 0.0
        for (seriesIndex, series) in matrix.series.enumerated() {
            guard let value = shown(x, seriesIndex), value > 0 else { continue }
            let lower = scale.position(of: base, from: bottom, to: top)
            let upper = scale.position(of: base + value, from: bottom, to: top)
            base += value
            body.titled(
                "rect",
                [
                    "x": SVGDocument.number(barX), "y": SVGDocument.number(upper), "width": SVGDocument.number(band),
                    "height": SVGDocument.number(lower - upper), "fill": series.colour,
                    "stroke": ChartPalette.background,
                    "stroke-width": "1",
                ], title: markTitle(x, seriesIndex, value))
            let text = label(value)
            if lower - upper >= ChartCanvas.valueSize + 4,
                TextMetrics.width(text, size: ChartCanvas.valueSize) <= band - 4
            {
                body.text(
                    text,
                    [
                        "x": SVGDocument.number(barX + band / 2), "y": SVGDocument.number((upper + lower) / 2 + 4),
                        "font-size": "11", "text-anchor": "middle", "fill": ChartColour.text(on: series.colour),
                        "aria-hidden": "true",
                    ])
            }
        }
        guard !normalized else { return }
        let total = totals[x]
        let y = scale.position(of: total, from: bottom, to: top)
        body.text(
            matrix.label(total),
            [
                "x": SVGDocument.number(barX + band / 2), "y": SVGDocument.number(y - 5), "font-size": "11",
                "font-weight": "700", "text-anchor": "middle", "fill": ChartPalette.text, "aria-hidden": "true",
            ])
    }

    private func describe() -> String {
        let kind =
            switch layout {
            case .grouped: "Grouped bar chart"
            case .stacked(false): "Stacked bar chart"
            case .stacked(true): "100% stacked bar chart"
            }
        let subject =
            "\(matrix.valueColumn.name.replacingAll("_", with: " ")) by "
            + "\(ChartLabels.axisTitle(column: matrix.xColumn).lowercased()) and "
            + "\(ChartLabels.axisTitle(column: matrix.seriesColumn).lowercased())"
        guard !matrix.xs.isEmpty else { return "\(kind) of \(subject): no data." }
        let totals = self.totals
        let largest = totals.indices.max { totals[$0] < totals[$1] } ?? 0
        var seriesTotals = [Double](repeating: 0, count: matrix.series.count)
        for row in matrix.values { for (index, value) in row.enumerated() { seriesTotals[index] += value ?? 0 } }
        let leading = seriesTotals.indices.max { seriesTotals[$0] < seriesTotals[$1] } ?? 0
        return "\(kind) of \(subject), \(matrix.xs.count) groups of \(matrix.series.count): "
            + "largest total \(matrix.xs[largest].name) (\(matrix.label(totals[largest]))), "
            + "largest \(ChartLabels.axisTitle(column: matrix.seriesColumn).lowercased()) overall "
            + "\(matrix.series[leading].name) (\(matrix.label(seriesTotals[leading])))."
    }
}
