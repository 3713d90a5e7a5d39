import CityNetModel

/// Vertical (`bar`) and horizontal (`hbar`) bar charts of one measure by one dimension.
struct BarChart {
    let spec: ChartSpec
    let horizontal: Bool
    private let categories: [ChartCategory]
    private let values: [Double]
    private let valueColumn: Column
    private let categoryColumn: Column
    private let decimals: Int

    init(spec: ChartSpec, table: Table, horizontal: Bool) throws(ChartError) {
        self.spec = spec
        self.horizontal = horizontal
        let xIndex = try ChartRenderer.column(spec.x, in: table, role: "x")
        let valueIndex = try ChartRenderer.column(spec.value, in: table, role: "value")
        categoryColumn = table.columns[xIndex]
        valueColumn = table.columns[valueIndex]
        var dimension: Dimension?
        if case .dimension(let kind) = categoryColumn.kind { dimension = kind }
        var rows: [(category: ChartCategory, value: Double)] = []
        for row in table.rows {
            guard let number = row[valueIndex].number else {
                if row[valueIndex] == .null { continue }
                throw ChartError(message: "value column '\(spec.value)' of table '\(table.name)' is not numeric")
            }
            rows.append((ChartLabels.category(row[xIndex], dimension: dimension), number))
        }
        let ordered = [Dimension.year, .sdg, .sdgTarget, .region].contains { $0 == dimension }
        if spec.order ?? (ordered ? .natural : .value) == .value {
            rows = rows.enumerated().sorted { lhs, rhs in
                lhs.element.value != rhs.element.value ? lhs.element.value > rhs.element.value : lhs.offset < rhs.offset
            }.map(\.element)
        }
        categories = rows.map(\.category)
        values = rows.map(\.value)
        decimals = ChartNumber.decimals(for: values)
    }

    func draw() -> ChartCanvas {
        var canvas = ChartCanvas(spec: spec)
        canvas.description = describe()
        if horizontal { drawHorizontal(&canvas) } else { drawVertical(&canvas) }
        return canvas
    }

    private var measureName: String { ChartLabels.humanize(valueColumn.name) }

    private func label(_ value: Double) -> String {
        ChartLabels.value(value, kind: valueColumn.kind, decimals: decimals)
    }

    private func describe() -> String {
        let kind = horizontal ? "Horizontal bar chart" : "Bar chart"
        let subject =
            "\(valueColumn.name.replacingAll("_", with: " ")) by \(ChartLabels.axisTitle(column: categoryColumn).lowercased())"
        guard let maximum = values.max(), let minimum = values.min() else { return "\(kind) of \(subject): no data." }
        func names(at value: Double) -> String {
            let matching = values.indices.filter { values[$0] == value }.map { categories[$0].name }
            let list =
                matching.count > 1
                ? matching.dropLast().joined(separator: ", ") + " and " + (matching.last ?? "") : matching.joined()
            return matching.count > 1 ? "\(list) (\(label(value)) each)" : "\(list) (\(label(value)))"
        }
        let total = values.reduce(0, +)
        var sentence = "\(kind) of \(subject), \(values.count) bar\(values.count == 1 ? "" : "s"): "
        sentence += "highest \(names(at: maximum))"
        if maximum != minimum { sentence += ", lowest \(names(at: minimum))" }
        let countsRecordsOnce = ![Dimension.sdg, .sdgTarget, .theme].contains { categoryColumn.kind == .dimension($0) }
        if valueColumn.kind != .percent, countsRecordsOnce { sentence += ", total \(label(total))" }
        return sentence + "."
    }

    // MARK: - Vertical

    private func drawVertical(_ canvas: inout ChartCanvas) {
        let padding = ChartCanvas.padding
        let width = Double(spec.width)
        let height = Double(spec.height)
        let scale = NiceScale(maximum: max(values.max() ?? 0, 0), targetTicks: 5, integerSteps: decimals == 0)
        let tickWidth = scale.widestTickLabel(kind: valueColumn.kind, decimals: decimals)
        let left = padding + 16 + 8 + tickWidth + 6
        let right = width - padding
        let top = canvas.contentTop + 14
        let step = (right - left) / Double(max(categories.count, 1))
        let labels = CategoryLabelLayout(categories.map(\.label), available: step - 4, size: ChartCanvas.tickSize)
        let bottom = height - padding - 18 - labels.height - 8

        var body = canvas.body
        body.verticalAxisTitle(measureName, x: padding + 8, top: top, bottom: bottom)
        body.valueAxis(
            scale: scale, left: left, right: right, top: top, bottom: bottom, kind: valueColumn.kind, decimals: decimals
        )
        let band = step * 0.7
        body.open("g", ["role": "list", "aria-label": measureName])
        for (index, category) in categories.enumerated() {
            let value = values[index]
            let x = left + step * Double(index) + (step - band) / 2
            let y = scale.position(of: value, from: bottom, to: top)
            let zero = scale.position(of: 0, from: bottom, to: top)
            body.open("g", ["role": "listitem"])
            body.titled(
                "rect",
                [
                    "x": SVGDocument.number(x), "y": SVGDocument.number(min(y, zero)),
                    "width": SVGDocument.number(band),
                    "height": SVGDocument.number(abs(zero - y)), "fill": category.colour,
                ], title: "\(category.name): \(label(value)) \(valueColumn.name.replacingAll("_", with: " "))")
            if TextMetrics.width(label(value), size: ChartCanvas.valueSize) <= step + 2 {
                body.text(
                    label(value),
                    [
                        "x": SVGDocument.number(x + band / 2), "y": SVGDocument.number(min(y, zero) - 5),
                        "font-size": "11",
                        "text-anchor": "middle", "fill": ChartPalette.text, "aria-hidden": "true",
                    ])
            }
            body.close("g")
        }
        body.close("g")
        labels.draw(
            into: &body, categories: categories, centres: categories.indices.map { left + step * (Double($0) + 0.5) },
            top: bottom + 8)
        body.text(
            ChartLabels.axisTitle(column: categoryColumn),
            [
                "x": SVGDocument.number((left + right) / 2), "y": SVGDocument.number(height - padding - 2),
                "font-size": "12",
                "font-weight": "700", "text-anchor": "middle", "fill": ChartPalette.text,
            ])
        canvas.body = body
    }

    // MARK: - Horizontal

    private func drawHorizontal(_ canvas: inout ChartCanvas) {
        let padding = ChartCanvas.padding
        let width = Double(spec.width)
        let height = Double(spec.height)
        let size = ChartCanvas.tickSize
        let top = canvas.contentTop + 4
        let bottom = height - padding - 18 - 22
        let step = (bottom - top) / Double(max(categories.count, 1))
        let lineCount = step >= size * 2.6 ? 2 : 1
        let widest = categories.map { TextMetrics.width($0.label, size: size) }.max() ?? 0
        let labelWidth = min(widest, width * 0.3)
        let wrapped = categories.map {
            TextMetrics.wrap($0.label, width: labelWidth, size: size, maximumLines: lineCount)
        }
        let usedLabelWidth = wrapped.flatMap(\.lines).map { TextMetrics.width($0, size: size) }.max() ?? 0
        let left = padding + usedLabelWidth + 10
        let valueLabelWidth = values.map { TextMetrics.width(label($0), size: ChartCanvas.valueSize) }.max() ?? 0
        let right = width - padding - valueLabelWidth - 8
        let scale = NiceScale(
            maximum: max(values.max() ?? 0, 0), targetTicks: max(2, min(6, Int((right - left) / 70))),
            integerSteps: decimals == 0)

        var body = canvas.body
        body.open("g", ["aria-hidden": "true"])
        for tick in scale.ticks {
            let x = scale.position(of: tick, from: left, to: right)
            body.empty(
                "line",
                [
                    "x1": SVGDocument.number(x), "x2": SVGDocument.number(x), "y1": SVGDocument.number(top),
                    "y2": SVGDocument.number(bottom), "stroke": tick == 0 ? ChartPalette.axis : ChartPalette.grid,
                    "stroke-width": "1",
                ])
            body.text(
                ChartLabels.value(tick, kind: valueColumn.kind, decimals: min(decimals, scale.tickDecimals)),
                [
                    "x": SVGDocument.number(x), "y": SVGDocument.number(bottom + 18), "font-size": "12",
                    "text-anchor": "middle", "fill": ChartPalette.mutedText,
                ])
        }
        body.close("g")
        let band = min(step * 0.7, 40)
        body.open("g", ["role": "list", "aria-label": measureName])
        for (index, category) in categories.enumerated() {
            let value = values[index]
            let centre = top + step * (Double(index) + 0.5)
            let end = scale.position(of: value, from: left, to: right)
            let zero = scale.position(of: 0, from: left, to: right)
            body.open("g", ["role": "listitem"])
            body.titled(
                "rect",
                [
                    "x": SVGDocument.number(min(zero, end)), "y": SVGDocument.number(centre - band / 2),
                    "width": SVGDocument.number(abs(end - zero)), "height": SVGDocument.number(band),
                    "fill": category.colour,
                ], title: "\(category.name): \(label(value)) \(valueColumn.name.replacingAll("_", with: " "))")
            body.text(
                label(value),
                [
                    "x": SVGDocument.number(max(end, zero) + 5), "y": SVGDocument.number(centre + 4), "font-size": "11",
                    "fill": ChartPalette.text, "aria-hidden": "true",
                ])
            let lines = wrapped[index].lines
            let firstBaseline = centre + 4 - Double(lines.count - 1) * size * 1.15 / 2
            body.lines(
                lines, lineHeight: size * 1.15,
                [
                    "x": SVGDocument.number(left - 8), "y": SVGDocument.number(firstBaseline), "font-size": "12",
                    "text-anchor": "end", "fill": ChartPalette.mutedText,
                ], x: left - 8, tooltip: wrapped[index].cut ? category.name : nil)
            body.close("g")
        }
        body.close("g")
        body.text(
            measureName,
            [
                "x": SVGDocument.number((left + right) / 2), "y": SVGDocument.number(height - padding - 2),
                "font-size": "12",
                "font-weight": "700", "text-anchor": "middle", "fill": ChartPalette.text,
            ])
        canvas.body = body
    }
}

/// How category labels under vertical bars fit: on one line, wrapped on two, or rotated and cut; optionally with
/// one more line under each (`n = 12` under a 100 % bar).
struct CategoryLabelLayout {
    enum Mode {
        case straight(lines: [[String]], cut: [Bool])
        case rotated(labels: [String], cut: [Bool])
    }

    let mode: Mode
    let height: Double
    private let labelHeight: Double
    private let size: Double

    init(_ labels: [String], available: Double, size: Double, extraLine: Bool = false) {
        self.size = size
        let extra = extraLine ? size * 1.2 : 0
        let wrapped = labels.map { TextMetrics.wrap($0, width: available, size: size, maximumLines: 2) }
        if !wrapped.contains(where: \.cut) {
            let lineCount = wrapped.map(\.lines.count).max() ?? 1
            mode = .straight(lines: wrapped.map(\.lines), cut: wrapped.map(\.cut))
            labelHeight = size * 1.2 * Double(lineCount)
            height = labelHeight + extra
            return
        }
        let limit = 120.0
        let cut = labels.map { TextMetrics.width($0, size: size) > limit }
        let shortened = labels.map { TextMetrics.truncate($0, width: limit, size: size) }
        let widest = shortened.map { TextMetrics.width($0, size: size) }.max() ?? 0
        mode = .rotated(labels: shortened, cut: cut)
        labelHeight = widest * 0.71 + size
        height = labelHeight + extra
    }

    func draw(
        into body: inout SVGDocument, categories: [ChartCategory], centres: [Double], top: Double,
        extraLines: [String]? = nil
    ) {
        body.open("g", ["aria-hidden": "true"])
        switch mode {
        case .straight(let lines, let cut):
            for (index, centre) in centres.enumerated() {
                body.lines(
                    lines[index], lineHeight: size * 1.2,
                    [
                        "x": SVGDocument.number(centre), "y": SVGDocument.number(top + size),
                        "font-size": SVGDocument.number(size),
                        "text-anchor": "middle", "fill": ChartPalette.mutedText,
                    ], x: centre, tooltip: cut[index] ? categories[index].name : nil)
            }
        case .rotated(let labels, let cut):
            for (index, centre) in centres.enumerated() {
                let y = top + size * 0.5
                body.text(
                    labels[index],
                    [
                        "x": SVGDocument.number(centre), "y": SVGDocument.number(y),
                        "font-size": SVGDocument.number(size),
                        "text-anchor": "end",
                        "fill": ChartPalette.mutedText,
                        "transform": "rotate(-45 \(SVGDocument.number(centre)) \(SVGDocument.number(y)))",
                    ], tooltip: cut[index] ? categories[index].name : nil)
            }
        }
        if let extraLines {
            for (centre, line) in zip(centres, extraLines) {
                body.text(
                    line,
                    [
                        "x": SVGDocument.number(centre), "y": SVGDocument.number(top + labelHeight + size),
                        "font-size": SVGDocument.number(size), "text-anchor": "middle", "fill": ChartPalette.mutedText,
                    ])
            }
        }
        body.close("g")
    }
}
