import CityNetModel
import Foundation

/// Parts of a whole as a ring: slices largest first, clockwise from 12 o'clock, the total in the centre, and a
/// legend at the right (or below, when the chart is narrow) with each value and percentage.
struct DonutChart {
    let spec: ChartSpec
    private let slices: [(category: ChartCategory, value: Double)]
    private let valueColumn: Column
    private let categoryColumn: Column
    private let decimals: Int

    init(spec: ChartSpec, table: Table) throws(ChartError) {
        self.spec = spec
        let xIndex = try ChartRenderer.column(spec.x, in: table, role: "x")
        let valueIndex = try ChartRenderer.column(spec.value, in: table, role: "value")
        categoryColumn = table.columns[xIndex]
        valueColumn = table.columns[valueIndex]
        var slices: [(category: ChartCategory, value: Double)] = []
        for row in table.rows {
            guard let number = row[valueIndex].number else {
                if row[valueIndex] == .null { continue }
                throw ChartError(message: "value column '\(spec.value)' of table '\(table.name)' is not numeric")
            }
            guard number >= 0 else {
                throw ChartError(message: "a donut shows parts of a whole; '\(spec.value)' has a negative value")
            }
            var category = ChartLabels.category(row[xIndex], dimension: categoryColumn.kind.asDimension)
            if ChartPalette.colour(of: row[xIndex], in: categoryColumn.kind.asDimension) == nil {
                category.colour = ChartPalette.categorical[slices.count % ChartPalette.categorical.count]
            }
            slices.append((category, number))
        }
        self.slices = slices.enumerated().sorted { lhs, rhs in
            lhs.element.value != rhs.element.value ? lhs.element.value > rhs.element.value : lhs.offset < rhs.offset
        }.map(\.element)
        decimals = ChartNumber.decimals(for: slices.map(\.value))
    }

    private var total: Double { slices.map(\.value).reduce(0, +) }

    /// Whole percentages that add up to 100 (largest remainders get the rounding).
    private var percentages: [Int] {
        let total = self.total
        guard total > 0 else { return slices.map { _ in 0 } }
        let exact = slices.map { $0.value / total * 100 }
        var whole = exact.map { Int($0.rounded(.down)) }
        let remainders = exact.enumerated().map { ($0.offset, $0.element - $0.element.rounded(.down)) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        for index in 0..<max(0, 100 - whole.reduce(0, +)) where index < remainders.count {
            whole[remainders[index].0] += 1
        }
        return whole
    }

    private func label(_ value: Double) -> String {
        ChartLabels.value(value, kind: valueColumn.kind, decimals: decimals)
    }

    func draw() -> ChartCanvas {
        var canvas = ChartCanvas(spec: spec)
        canvas.description = describe()
        let padding = ChartCanvas.padding
        let size = ChartCanvas.tickSize
        let width = Double(spec.width)
        let height = Double(spec.height)
        let percentages = self.percentages
        let entries = slices.indices.map {
            "\(slices[$0].category.label) \(label(slices[$0].value)) (\(percentages[$0])%)"
        }
        let legendTitle = ChartLabels.axisTitle(column: categoryColumn)
        let legendWidth =
            (entries.map { 16 + TextMetrics.width($0, size: size) }
            + [TextMetrics.width(legendTitle, size: size, bold: true)]).max() ?? 0
        let top = canvas.contentTop + 8
        let besides = width - 2 * padding - legendWidth - 24 >= min(height - top - padding, 180)
        let ringWidth = besides ? width - 2 * padding - legendWidth - 24 : width - 2 * padding
        let legendHeight = 22 + Double(entries.count) * size * 1.8
        let ringHeight = besides ? height - top - padding : height - top - padding - legendHeight - 12
        let radius = max(min(ringWidth, ringHeight) / 2, 20)
        let inner = radius * 0.6
        let centre = (x: padding + radius, y: top + radius)

        var body = canvas.body
        body.open("g", ["role": "list", "aria-label": ChartLabels.humanize(valueColumn.name)])
        var angle = 0.0
        let total = self.total
        for (index, slice) in slices.enumerated() where slice.value > 0 && total > 0 {
            let sweep = slice.value / total * 2 * Double.pi
            body.titled(
                "path",
                [
                    "d": Self.ring(
                        centre: centre, outer: radius, inner: inner, start: angle,
                        end: angle + min(sweep, 2 * .pi - 1e-6)),
                    "fill": slice.category.colour, "stroke": ChartPalette.background, "stroke-width": "2",
                    "role": "listitem",
                ],
                title:
                    "\(slice.category.name): \(label(slice.value)) \(valueColumn.name.replacingAll("_", with: " ")) (\(percentages[index])%)"
            )
            let middle = angle + sweep / 2
            let labelRadius = (radius + inner) / 2
            let text = "\(percentages[index])%"
            let arc = sweep * labelRadius
            if arc >= TextMetrics.width(text, size: ChartCanvas.valueSize) + 8, radius - inner >= 18 {
                body.text(
                    text,
                    [
                        "x": SVGDocument.number(centre.x + labelRadius * sin(middle)),
                        "y": SVGDocument.number(centre.y - labelRadius * cos(middle) + 4), "font-size": "11",
                        "font-weight": "700", "text-anchor": "middle",
                        "fill": ChartColour.text(on: slice.category.colour),
                        "aria-hidden": "true",
                    ])
            }
            angle += sweep
        }
        body.close("g")
        body.open("g", ["aria-hidden": "true"])
        body.text(
            label(total),
            [
                "x": SVGDocument.number(centre.x), "y": SVGDocument.number(centre.y + 4), "font-size": "26",
                "font-weight": "700", "text-anchor": "middle", "fill": ChartPalette.text,
            ])
        body.text(
            TextMetrics.truncate(
                ChartLabels.humanize(valueColumn.name).lowercased(), width: inner * 1.7, size: size),
            [
                "x": SVGDocument.number(centre.x), "y": SVGDocument.number(centre.y + 22), "font-size": "12",
                "text-anchor": "middle", "fill": ChartPalette.mutedText,
            ])
        let legendLeft = besides ? padding + 2 * radius + 24 : padding
        var y = besides ? top + size : top + 2 * radius + 12 + size
        body.text(
            legendTitle,
            [
                "x": SVGDocument.number(legendLeft), "y": SVGDocument.number(y), "font-size": "12",
                "font-weight": "700", "fill": ChartPalette.text,
            ])
        y += 10
        for (index, entry) in entries.enumerated() {
            y += size * 1.8
            body.empty(
                "rect",
                [
                    "x": SVGDocument.number(legendLeft), "y": SVGDocument.number(y - 10), "width": "11", "height": "11",
                    "fill": slices[index].category.colour,
                ])
            body.text(
                TextMetrics.truncate(entry, width: width - padding - legendLeft - 16, size: size),
                [
                    "x": SVGDocument.number(legendLeft + 16), "y": SVGDocument.number(y), "font-size": "12",
                    "fill": ChartPalette.text,
                ])
        }
        body.close("g")
        canvas.body = body
        return canvas
    }

    /// The path of a ring segment from `start` to `end` radians, clockwise from 12 o'clock.
    static func ring(centre: (x: Double, y: Double), outer: Double, inner: Double, start: Double, end: Double)
        -> String
    {
        func point(_ radius: Double, _ angle: Double) -> String {
            SVGDocument.number(centre.x + radius * sin(angle)) + " "
                + SVGDocument.number(centre.y - radius * cos(angle))
        }
        let large = end - start > Double.pi ? 1 : 0
        let outerRadius = SVGDocument.number(outer)
        let innerRadius = SVGDocument.number(inner)
        return "M \(point(outer, start)) A \(outerRadius) \(outerRadius) 0 \(large) 1 \(point(outer, end)) "
            + "L \(point(inner, end)) A \(innerRadius) \(innerRadius) 0 \(large) 0 \(point(inner, start)) Z"
    }

    private func describe() -> String {
        let subject =
            "\(valueColumn.name.replacingAll("_", with: " ")) by \(ChartLabels.axisTitle(column: categoryColumn).lowercased())"
        guard let first = slices.first else { return "Donut chart of \(subject): no data." }
        let percentages = self.percentages
        return "Donut chart of \(subject), \(slices.count) parts of \(label(total)): largest \(first.category.name) "
            + "(\(label(first.value)), \(percentages[0])%)"
            + (slices.count > 1
                ? ", smallest \(slices[slices.count - 1].category.name) (\(label(slices[slices.count - 1].value)), \(percentages[slices.count - 1])%)."
                : ".")
    }
}
