import CityNetModel
import Foundation

/// A measure by two dimensions, as grouped and stacked bars, heatmaps and small multiples draw it: the values of
/// `x` in table order, the values of the second dimension in table order, and the value of each pair.
struct ChartMatrix {
    let xColumn: Column
    let seriesColumn: Column
    let valueColumn: Column
    /// The x categories, in table order.
    let xs: [ChartCategory]
    /// The second dimension's values, in table order, each with its colour.
    let series: [ChartCategory]
    /// `values[x][s]`, `nil` where the table has no row for the pair.
    let values: [[Double?]]
    /// Decimals the values need.
    let decimals: Int

    init(table: Table, x: String, series: String, value: String, seriesRole: String = "series") throws(ChartError) {
        let xIndex = try ChartRenderer.column(x, in: table, role: "x")
        let seriesIndex = try ChartRenderer.column(series, in: table, role: seriesRole)
        let valueIndex = try ChartRenderer.column(value, in: table, role: "value")
        xColumn = table.columns[xIndex]
        seriesColumn = table.columns[seriesIndex]
        valueColumn = table.columns[valueIndex]
        let xDimension = xColumn.kind.asDimension
        let seriesDimension = seriesColumn.kind.asDimension
        var xs: [ChartCategory] = []
        var series: [ChartCategory] = []
        var xPosition: [Cell: Int] = [:]
        var seriesPosition: [Cell: Int] = [:]
        var entries: [(x: Int, series: Int, value: Double)] = []
        for row in table.rows {
            guard let number = row[valueIndex].number else {
                if row[valueIndex] == .null { continue }
                throw ChartError(message: "value column '\(value)' of table '\(table.name)' is not numeric")
            }
            let xCell = row[xIndex]
            let seriesCell = row[seriesIndex]
            if xPosition[xCell] == nil {
                xPosition[xCell] = xs.count
                xs.append(ChartLabels.category(xCell, dimension: xDimension))
            }
            if seriesPosition[seriesCell] == nil {
                seriesPosition[seriesCell] = series.count
                var category = ChartLabels.category(seriesCell, dimension: seriesDimension)
                if ChartPalette.colour(of: seriesCell, in: seriesDimension) == nil {
                    category.colour = ChartPalette.categorical[series.count % ChartPalette.categorical.count]
                }
                series.append(category)
            }
            entries.append((xPosition[xCell] ?? 0, seriesPosition[seriesCell] ?? 0, number))
        }
        // Years, SDGs and regions in their natural order whatever the table's row order; other values as they
        // first appear.
        let xOrder = Self.naturalOrder(Array(xPosition.keys), positions: xPosition, dimension: xDimension)
        let seriesOrder = Self.naturalOrder(
            Array(seriesPosition.keys), positions: seriesPosition, dimension: seriesDimension)
        var values = [[Double?]](repeating: [Double?](repeating: nil, count: series.count), count: xs.count)
        for entry in entries {
            let (x, s) = (xOrder[entry.x], seriesOrder[entry.series])
            values[x][s] = (values[x][s] ?? 0) + entry.value
        }
        var orderedXs = xs
        for (old, new) in xOrder.enumerated() { orderedXs[new] = xs[old] }
        var orderedSeries = series
        for (old, new) in seriesOrder.enumerated() { orderedSeries[new] = series[old] }
        self.xs = orderedXs
        self.series = orderedSeries
        self.values = values
        decimals = ChartNumber.decimals(for: entries.map(\.value))
    }

    /// For each value's first-appearance position, its position in natural order.
    private static func naturalOrder(
        _ cells: [Cell], positions: [Cell: Int], dimension: CityNetModel.Dimension?
    ) -> [Int] {
        func rank(_ cell: Cell) -> (Int, Double, Int) {
            let appearance = positions[cell] ?? 0
            switch (dimension, cell) {
            case (.year, .integer(let number)), (.sdg, .integer(let number)): return (0, Double(number), appearance)
            case (.region, .text(let name)):
                return (
                    0, Double(Region(codeOrName: name).map { Region.allCases.firstIndex(of: $0) ?? 9 } ?? 9), appearance
                )
            case (_, .text("Unknown")): return (2, 0, appearance)
            default: return (1, 0, appearance)
            }
        }
        let sorted = cells.sorted { rank($0) < rank($1) }
        var order = [Int](repeating: 0, count: cells.count)
        for (position, cell) in sorted.enumerated() { order[positions[cell] ?? 0] = position }
        return order
    }

    /// A value as labels print it.
    func label(_ value: Double, decimals: Int? = nil) -> String {
        ChartLabels.value(value, kind: valueColumn.kind, decimals: decimals ?? self.decimals)
    }

    /// The measure's name for axis titles.
    var measureName: String { ChartLabels.humanize(valueColumn.name) }
}

extension ColumnKind {
    /// The dimension of a dimension column.
    var asDimension: CityNetModel.Dimension? {
        if case .dimension(let dimension) = self { return dimension }
        return nil
    }
}

/// A legend of coloured squares with a title, laid out in rows within a width; it takes its own band and is
/// never drawn over a mark.
struct ChartLegend {
    let title: String
    let entries: [(label: String, colour: String)]
    private let size = ChartCanvas.tickSize

    /// Where each entry goes and how tall the legend is, for a band from `left` to `right` starting at `top`.
    func layout(left: Double, right: Double, top: Double) -> (positions: [(x: Double, y: Double)], height: Double) {
        let titleWidth = title.isEmpty ? 0 : TextMetrics.width(title, size: size, bold: true) + 12
        let start = left + titleWidth
        var x = start
        var y = top + size
        var positions: [(x: Double, y: Double)] = []
        for entry in entries {
            let width = 16 + TextMetrics.width(entry.label, size: size) + 16
            if x + width > right, x > start {
                x = start
                y += size * 1.6
            }
            positions.append((x, y))
            x += width
        }
        return (positions, y - top + 6)
    }

    /// Draws the legend; returns the y below it.
    func draw(into body: inout SVGDocument, left: Double, right: Double, top: Double) -> Double {
        let (positions, height) = layout(left: left, right: right, top: top)
        body.open("g", ["aria-hidden": "true"])
        if !title.isEmpty {
            body.text(
                title,
                [
                    "x": SVGDocument.number(left), "y": SVGDocument.number(top + size), "font-size": "12",
                    "font-weight": "700", "fill": ChartPalette.text,
                ])
        }
        for (entry, position) in zip(entries, positions) {
            body.empty(
                "rect",
                [
                    "x": SVGDocument.number(position.x), "y": SVGDocument.number(position.y - 10), "width": "11",
                    "height": "11", "fill": entry.colour,
                ])
            body.text(
                entry.label,
                [
                    "x": SVGDocument.number(position.x + 16), "y": SVGDocument.number(position.y), "font-size": "12",
                    "fill": ChartPalette.text,
                ])
        }
        body.close("g")
        return top + height
    }
}

/// Colour arithmetic for text on fills and for the heatmap's ramp.
enum ChartColour {
    /// `#RRGGBB` as components in 0...1.
    static func components(_ hex: String) -> (red: Double, green: Double, blue: Double) {
        let digits = Array(hex.utf8.dropFirst())
        func channel(_ start: Int) -> Double {
            guard digits.count >= start + 2 else { return 0 }
            let text = String(decoding: digits[start..<(start + 2)], as: UTF8.self)
            return Double(Int(text, radix: 16) ?? 0) / 255
        }
        return (channel(0), channel(2), channel(4))
    }

    /// The WCAG relative luminance of a colour.
    static func luminance(_ hex: String) -> Double {
        func linear(_ value: Double) -> Double {
            value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055).power(2.4)
        }
        let (red, green, blue) = components(hex)
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// The WCAG contrast ratio of two colours.
    static func contrast(_ first: String, _ second: String) -> Double {
        let (lighter, darker) = (max(luminance(first), luminance(second)), min(luminance(first), luminance(second)))
        return (lighter + 0.05) / (darker + 0.05)
    }

    /// White or the text colour, whichever contrasts more with `fill` (at least 4.5:1 on every fill citynet uses
    /// for labelled marks).
    static func text(on fill: String) -> String {
        contrast("#FFFFFF", fill) >= contrast(ChartPalette.text, fill) ? "#FFFFFF" : ChartPalette.text
    }

    /// A light-to-dark single-hue ramp (ColorBrewer Blues), at `fraction` in 0...1.
    static func ramp(_ fraction: Double) -> String {
        let stops = rampStops.map(components)
        let position = min(max(fraction, 0), 1) * Double(stops.count - 1)
        let lower = min(Int(position), stops.count - 2)
        let weight = position - Double(lower)
        let (a, b) = (stops[lower], stops[lower + 1])
        func hex(_ start: Double, _ end: Double) -> String {
            let value = Int(((start + (end - start) * weight) * 255).rounded())
            let text = String(value, radix: 16, uppercase: true)
            return value < 16 ? "0" + text : text
        }
        return "#" + hex(a.red, b.red) + hex(a.green, b.green) + hex(a.blue, b.blue)
    }

    /// The ramp's stops, light to dark.
    static let rampStops = ["#EFF3FF", "#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C"]
}

extension Double {
    func power(_ exponent: Double) -> Double { Foundation.pow(self, exponent) }
}
