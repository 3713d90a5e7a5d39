/// What a chart draws and how it looks, from an output entry of the pipeline file.
public struct ChartSpec: Sendable, Hashable {
    /// The kinds of chart citynet draws.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case bar
        case hbar
        case line
        case groupedBar = "grouped_bar"
        case stackedBar = "stacked_bar"
        case heatmap
        case donut
        case smallMultiples = "small_multiples"
    }

    /// The files a chart is written as.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// A standalone SVG image.
        case svg
        /// A Vega-Lite specification with the data inline, for dashboards that render interactively.
        case vegaLite = "vega-lite"
    }

    /// How bars are ordered.
    public enum Order: String, Sendable, Hashable {
        /// The table's order: natural for years, SDGs and regions.
        case natural
        /// Largest first.
        case value
    }

    /// The kind of chart.
    public var kind: Kind
    /// The column of categories (bars) or of the x values (lines).
    public var x: String
    /// The column of values.
    public var value: String
    /// The second dimension: the series of a line, grouped or stacked bar chart, the rows of a heatmap.
    public var series: String?
    /// For small multiples: the column whose values get a panel each.
    public var facet: String?
    /// For stacked bars: each bar as 100 %.
    public var normalize: Bool
    /// The title, drawn at the top and used as the accessible name.
    public var title: String
    /// An optional second line under the title (the source, say).
    public var subtitle: String?
    /// The bar order; `nil` chooses natural order for ordered dimensions and value order otherwise.
    public var order: Order?
    /// The outer width in pixels.
    public var width: Int
    /// The outer height in pixels.
    public var height: Int
    /// A prefix for element ids, unique within a page that inlines several charts.
    public var identifier: String
    /// The files written.
    public var formats: [Format]

    /// Creates a chart spec.
    public init(
        kind: Kind, x: String, value: String, series: String? = nil, facet: String? = nil, normalize: Bool = false,
        title: String, subtitle: String? = nil, order: Order? = nil, width: Int = 640, height: Int = 400,
        identifier: String = "chart", formats: [Format] = [.svg]
    ) {
        self.kind = kind
        self.x = x
        self.value = value
        self.series = series
        self.facet = facet
        self.normalize = normalize
        self.formats = formats
        self.title = title
        self.subtitle = subtitle
        self.order = order
        self.width = width
        self.height = height
        self.identifier = identifier
    }
}

/// Why a chart cannot be drawn from a table.
public struct ChartError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String

    public var description: String { message }
}
