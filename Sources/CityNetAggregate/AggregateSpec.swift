public import CityNetModel

/// A statistic computed per group.
public enum Measure: Sendable, Hashable {
    /// How many records fall in the group.
    case count
    /// How many distinct values of a dimension the group's records have.
    case distinct(Dimension)
    /// The sum of a numeric field over the group's records (records without a value add nothing).
    case sum(NumericField)
    /// The running total of another measure along the ordered dimension (usually the year).
    case runningTotal(of: String)
}

/// A named measure: the column it produces.
public struct MeasureSpec: Sendable, Hashable {
    /// The column's name.
    public var name: String
    /// What it computes.
    public var measure: Measure

    /// Creates a named measure.
    public init(name: String, measure: Measure) {
        self.name = name
        self.measure = measure
    }
}

/// A grouping dimension with the column name it gets.
public struct GroupingSpec: Sendable, Hashable {
    /// The column's name (the name the pipeline file used, e.g. `joined`).
    public var name: String
    /// The dimension.
    public var dimension: Dimension

    /// Creates a grouping.
    public init(name: String, dimension: Dimension) {
        self.name = name
        self.dimension = dimension
    }
}

/// One aggregate of a pipeline: which records, grouped how, measured how.
public struct AggregateSpec: Sendable {
    /// The aggregate's name, which becomes the table's name.
    public var name: String
    /// The source whose records it aggregates.
    public var source: String
    /// Which records take part; `nil` keeps all.
    public var filter: Predicate?
    /// The dimensions to group by, in column order; empty for one total row.
    public var groupBy: [GroupingSpec]
    /// The measures, in column order.
    public var measures: [MeasureSpec]

    /// Creates an aggregate.
    public init(
        name: String, source: String, filter: Predicate? = nil, groupBy: [GroupingSpec], measures: [MeasureSpec]
    ) {
        self.name = name
        self.source = source
        self.filter = filter
        self.groupBy = groupBy
        self.measures = measures
    }
}
