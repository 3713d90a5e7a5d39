import CityNetModel

/// A line chart of one measure over a numeric x (years), one line per series, each end labelled.
struct LineChart {
    private struct Series {
        var category: ChartCategory
        var points: [(x: Double, y: Double)]
    }

    let spec: ChartSpec
    private let series: [Series]
    private let valueColumn: Column
    private let xColumn: Column
    private let seriesColumn: Column?
    private let decimals: Int

    init(spec: ChartSpec, table: Table) throws(ChartError) {
        self.spec = spec
        let xIndex = try ChartRenderer.column(spec.x, in: table, role: "x")
        let valueIndex = try ChartRenderer.column(spec.value, in: table, role: "value")
        let seriesIndex = try spec.series.map { name throws(ChartError) in
            try ChartRenderer.column(name, in: table, role: "series")
        }
        xColumn = table.columns[xIndex]
        valueColumn = table.columns[valueIndex]
        seriesColumn = seriesIndex.map { table.columns[$0] }
        var seriesDimension: Dimension?
        if case .dimension(let dimension) = seriesColumn?.kind { seriesDimension = dimension }
        var byName: [String: Int] = [:]
        var series: [Series] = []
        for row in table.rows {
            guard let x = row[xIndex].number else {
                if row[xIndex] == .text("Unknown") || row[xIndex] == .null { continue }
                throw ChartError(
                    message:
                        "x column '\(spec.x)' of table '\(table.name)' is not numeric (a line chart needs years or numbers)"
                )
            }
            guard let y = row[valueIndex].number else { continue }
            let seriesCell = seriesIndex.map { row[$0] } ?? .text(ChartLabels.humanize(spec.value))
            var category = ChartLabels.category(seriesCell, dimension: seriesDimension)
            if let position = byName[category.name] {
                series[position].points.append((x, y))
            } else {
                if seriesDimension != .region, seriesDimension != .sdg {
                    category.colour = ChartPalette.categorical[series.count % ChartPalette.categorical.count]
                }
                byName[category.name] = series.count
                series.append(Series(category: category, points: [(x, y)]))
            }
        }
        self.series = series.map { entry in
            var sorted = entry
            sorted.points.sort { $0.x < $1.x }
            return sorted
        }
        decimals = ChartNumber.decimals(for: series.flatMap { $0.points.map(\.y) })
    }

    private func label(_ value: Double) -> String {
        ChartLabels.value(value, kind: valueColumn.kind, decimals: decimals)
    }

    func draw() -> ChartCanvas {
        var canvas = ChartCanvas(spec: spec)
        canvas.description = describe()
        let padding = ChartCanvas.padding
        let width = Double(spec.width)
        let height = Double(spec.height)
        var body = canvas.body

        var top = canvas.contentTop
        if series.count > 1 {
            top = drawLegend(&body, top: top, width: width) + 8
        }
        top += 10
        let xs = series.flatMap { $0.points.map(\.x) }
        let ys = series.flatMap { $0.points.map(\.y) }
        let minimumX = xs.min() ?? 0
        let maximumX = max(xs.max() ?? 1, minimumX + 1)
        let scale = NiceScale(maximum: max(ys.max() ?? 0, 0), targetTicks: 5, integerSteps: decimals == 0)
        let tickWidth = scale.widestTickLabel(kind: valueColumn.kind, decimals: decimals)
        let left = padding + 16 + 8 + tickWidth + 6
        let endLabelWidth =
            series.compactMap {
                $0.points.last.map { TextMetrics.width(label($0.y), size: ChartCanvas.valueSize, bold: true) }
            }.max() ?? 0
        let right = width - padding - endLabelWidth - 8
        let bottom = height - padding - 18 - 22

        body.verticalAxisTitle(ChartLabels.humanize(valueColumn.name), x: padding + 8, top: top, bottom: bottom)
        body.valueAxis(
            scale: scale, left: left, right: right, top: top, bottom: bottom, kind: valueColumn.kind, decimals: decimals
        )
        func xPosition(_ x: Double) -> Double { left + (x - minimumX) / (maximumX - minimumX) * (right - left) }

        body.open("g", ["aria-hidden": "true"])
        for tick in xTicks(minimum: minimumX, maximum: maximumX, room: right - left) {
            let x = xPosition(tick)
            body.empty(
                "line",
                [
                    "x1": SVGDocument.number(x), "x2": SVGDocument.number(x), "y1": SVGDocument.number(bottom),
                    "y2": SVGDocument.number(bottom + 4), "stroke": ChartPalette.axis, "stroke-width": "1",
                ])
            body.text(
                String(Int(tick)),
                [
                    "x": SVGDocument.number(x), "y": SVGDocument.number(bottom + 18), "font-size": "12",
                    "text-anchor": "middle",
                    "fill": ChartPalette.mutedText,
                ])
        }
        body.close("g")

        var endLabels: [(y: Double, text: String, colour: String)] = []
        body.open("g", ["role": "list", "aria-label": ChartLabels.humanize(valueColumn.name)])
        for entry in series {
            let points = entry.points.map { (x: xPosition($0.x), y: scale.position(of: $0.y, from: bottom, to: top)) }
            body.open("g", ["role": "listitem", "aria-label": entry.category.name])
            let path = points.enumerated().map { index, point in
                "\(index == 0 ? "M" : "L")\(SVGDocument.number(point.x)) \(SVGDocument.number(point.y))"
            }.joined(separator: " ")
            body.empty(
                "path",
                [
                    "d": path, "fill": "none", "stroke": entry.category.colour, "stroke-width": "2.5",
                    "stroke-linejoin": "round", "stroke-linecap": "round",
                ])
            for (index, point) in points.enumerated() {
                let data = entry.points[index]
                body.titled(
                    "circle",
                    [
                        "cx": SVGDocument.number(point.x), "cy": SVGDocument.number(point.y), "r": "3.5",
                        "fill": entry.category.colour,
                    ],
                    title:
                        "\(entry.category.name), \(Int(data.x)): \(label(data.y)) \(valueColumn.name.replacingAll("_", with: " "))"
                )
            }
            body.close("g")
            if let last = points.last, let value = entry.points.last?.y {
                endLabels.append((last.y, label(value), entry.category.colour))
            }
        }
        body.close("g")
        body.open("g", ["aria-hidden": "true"])
        for placed in separate(endLabels.map(\.y), gap: 13, top: top, bottom: bottom).enumerated() {
            let entry = endLabels[placed.offset]
            body.text(
                entry.text,
                [
                    "x": SVGDocument.number(right + 7), "y": SVGDocument.number(placed.element + 4), "font-size": "11",
                    "font-weight": "700", "fill": entry.colour,
                ])
        }
        body.close("g")
        body.text(
            ChartLabels.axisTitle(column: xColumn),
            [
                "x": SVGDocument.number((left + right) / 2), "y": SVGDocument.number(height - padding - 2),
                "font-size": "12",
                "font-weight": "700", "text-anchor": "middle", "fill": ChartPalette.text,
            ])
        canvas.body = body
        return canvas
    }

    /// Year ticks at a step of 1, 2, 5, 10… that leaves at least 48 px between labels.
    private func xTicks(minimum: Double, maximum: Double, room: Double) -> [Double] {
        let span = maximum - minimum
        let most = max(Int(room / 48), 2)
        let step = [1.0, 2, 5, 10, 20, 25, 50, 100].first { span / $0 < Double(most) } ?? 100
        var ticks: [Double] = []
        var tick = (minimum / step).rounded(.up) * step
        while tick <= maximum {
            ticks.append(tick)
            tick += step
        }
        return ticks
    }

    /// Moves label positions apart so that none is closer than `gap` to another, staying within the plot.
    private func separate(_ positions: [Double], gap: Double, top: Double, bottom: Double) -> [Double] {
        let order = positions.indices.sorted { positions[$0] < positions[$1] }
        var placed = positions
        var previous = -Double.infinity
        for index in order {
            placed[index] = max(placed[index], previous + gap)
            previous = placed[index]
        }
        var next = bottom + 4
        for index in order.reversed() {
            placed[index] = min(placed[index], next)
            next = placed[index] - gap
        }
        return placed.map { max($0, top - 4) }
    }

    private func drawLegend(_ body: inout SVGDocument, top: Double, width: Double) -> Double {
        let padding = ChartCanvas.padding
        let size = ChartCanvas.tickSize
        let title = seriesColumn.map(ChartLabels.axisTitle(column:)) ?? ""
        let titleWidth = TextMetrics.width(title, size: size, bold: true) + 12
        var x = padding + titleWidth
        var y = top + size
        body.open("g", ["aria-hidden": "true"])
        body.text(
            title,
            [
                "x": SVGDocument.number(padding), "y": SVGDocument.number(y), "font-size": "12", "font-weight": "700",
                "fill": ChartPalette.text,
            ])
        for entry in series {
            let entryWidth = 16 + TextMetrics.width(entry.category.label, size: size) + 16
            if x + entryWidth > width - padding, x > padding + titleWidth {
                x = padding + titleWidth
                y += size * 1.6
            }
            body.empty(
                "rect",
                [
                    "x": SVGDocument.number(x), "y": SVGDocument.number(y - 10), "width": "11", "height": "11",
                    "fill": entry.category.colour,
                ])
            body.text(
                entry.category.label,
                [
                    "x": SVGDocument.number(x + 16), "y": SVGDocument.number(y), "font-size": "12",
                    "fill": ChartPalette.text,
                ])
            x += entryWidth
        }
        body.close("g")
        return y + 4
    }

    private func describe() -> String {
        let subject =
            "\(valueColumn.name.replacingAll("_", with: " ")) by \(ChartLabels.axisTitle(column: xColumn).lowercased())"
        let xs = series.flatMap { $0.points.map(\.x) }
        guard let first = xs.min(), let last = xs.max() else { return "Line chart of \(subject): no data." }
        var sentence = "Line chart of \(subject), \(Int(first))-\(Int(last))"
        let ends = series.compactMap { entry in
            entry.points.last.map { "\(entry.category.name) \(label($0.y)) in \(Int($0.x))" }
        }
        if series.count > 1 {
            sentence += ", \(series.count) series: " + ends.joined(separator: ", ")
        } else if let only = series.first, let start = only.points.first, let end = only.points.last {
            sentence += ": from \(label(start.y)) in \(Int(start.x)) to \(label(end.y)) in \(Int(end.x))"
        }
        return sentence + "."
    }
}
