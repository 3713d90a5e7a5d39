import CityNetModel

/// A category of a bar chart or a series of a line chart, as drawn.
struct ChartCategory {
    /// The short label on the axis.
    var label: String
    /// The full name for tooltips and descriptions.
    var name: String
    /// The fill colour.
    var colour: String
}

/// How a dimension's values and a measure's name read on a chart.
enum ChartLabels {
    static func category(_ cell: Cell, dimension: Dimension?) -> ChartCategory {
        let colour = ChartPalette.colour(of: cell, in: dimension) ?? ChartPalette.primary
        switch (dimension, cell) {
        case (.sdg, .integer(let number)):
            let name = SDGGoal(number).map { "SDG \(number): \($0.shortTitle)" } ?? "SDG \(number)"
            return ChartCategory(label: String(number), name: name, colour: colour)
        default:
            let text = cell == .null ? "Unknown" : cell.description
            return ChartCategory(label: text, name: text, colour: colour)
        }
    }

    /// The axis title of a dimension column.
    static func axisTitle(column: Column) -> String {
        guard case .dimension(let dimension) = column.kind else { return humanize(column.name) }
        switch dimension {
        case .sdg: return "Sustainable Development Goal"
        case .sdgTarget: return "SDG target"
        case .year: return column.name == "joined" ? "Year joined" : "Year"
        default: return humanize(column.name)
        }
    }

    /// `new_members` -> `New members`.
    static func humanize(_ name: String) -> String {
        let spaced = name.replacingAll("_", with: " ")
        guard let first = spaced.first else { return spaced }
        return first.uppercased() + spaced.dropFirst()
    }

    /// A value as labels print it, for a column kind.
    static func value(_ number: Double, kind: ColumnKind, decimals: Int) -> String {
        let text = ChartNumber.format(number, decimals: decimals)
        return kind == .percent ? text + "%" : text
    }
}
