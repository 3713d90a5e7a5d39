public import CityNetModel

/// The colours and type of every chart, in one place so all charts agree.
public enum ChartPalette {
    /// The colour of each UNESCO region (Okabe-Ito, colour-blind safe), the same in every chart.
    public static func colour(of region: Region) -> String {
        switch region {
        case .africa: "#E69F00"
        case .arabStates: "#56B4E9"
        case .asiaPacific: "#009E73"
        case .europeNorthAmerica: "#0072B2"
        case .latinAmericaCaribbean: "#CC79A7"
        }
    }

    /// The colour of `Unknown` values.
    public static let unknown = "#9AA0A6"
    /// The colour of a single series that no dimension colours.
    public static let primary = "#2F6DB5"
    /// Colours for series of other dimensions, in order.
    public static let categorical = [
        "#2F6DB5", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F6BB3", "#8C6D31", "#5F6670",
    ]

    /// The fill of a heatmap cell without data.
    static let missing = "#F3F4F6"
    static let text = "#1F2328"
    static let mutedText = "#5F6670"
    static let grid = "#E3E6EA"
    static let axis = "#8C939C"
    static let background = "#FFFFFF"
    static let fontFamily =
        "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif"

    /// The colour of a dimension value, when the dimension has fixed colours (regions, SDGs).
    static func colour(of cell: Cell, in dimension: Dimension?) -> String? {
        switch (dimension, cell) {
        case (.region, .text(let name)):
            if name == "Unknown" { return unknown }
            return Region(codeOrName: name).map(colour(of:))
        case (.sdg, .integer(let number)):
            return SDGGoal(number)?.colour
        case (.sdg, .text("Unknown")):
            return unknown
        default:
            return nil
        }
    }
}
