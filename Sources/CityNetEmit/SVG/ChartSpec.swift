/// What a chart draws and how it looks, from an output entry of the pipeline file.
public struct ChartSpec: Sendable, Hashable {
    /// The kinds of chart citynet draws.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case bar
        case hbar
        case line
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
    /// For lines: the column whose values are separate series.
    public var series: String?
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

    /// Creates a chart spec.
    public init(
        kind: Kind, x: String, value: String, series: String? = nil, title: String, subtitle: String? = nil,
        order: Order? = nil, width: Int = 640, height: Int = 400, identifier: String = "chart"
    ) {
        self.kind = kind
        self.x = x
        self.value = value
        self.series = series
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
