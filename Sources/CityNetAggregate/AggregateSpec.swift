public import CityNetModel

/// A statistic computed per group.
public enum Measure: Sendable, Hashable {
    /// How many records fall in the group.
    case count
    /// How many distinct values of a dimension the group's records have (`Unknown` not counted).
    case distinct(Dimension)
    /// The sum of a numeric field over the group's records (records without a value add nothing).
    case sum(NumericField)
    /// The mean of a numeric field over the group's records that have a value.
    case mean(NumericField)
    /// The median of a numeric field (the mean of the two middle values for an even count).
    case median(NumericField)
    /// The smallest value of a numeric field.
    case minimum(NumericField)
    /// The largest value of a numeric field.
    case maximum(NumericField)
    /// Another measure as a percentage of its column total, or of its total within the groups that share a
    /// dimension's value.
    case share(of: String, within: Dimension?)
    /// The running total of another measure along the ordered dimension (usually the year).
    case runningTotal(of: String)
    /// The change of another measure against the previous row along the ordered dimension: absolute, or in
    /// percent of the previous value.
    case change(of: String, percent: Bool)
    /// The rank of each row by another measure, largest first (ties share a rank: 1, 2, 2, 4).
    case rank(of: String)
    /// Memberships whose city had joined by the end of the row's year and had not left (membership sources
    /// grouped by year).
    case membersAtYearEnd

    /// The measure this one is computed from, when it is derived from another column.
    public var base: String? {
        switch self {
        case .share(let base, _), .runningTotal(let base), .change(let base, _), .rank(let base): base
        default: nil
        }
    }
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

/// Keep the largest groups, fold the rest into `Other`.
public struct TopSpec: Sendable, Hashable {
    /// How many groups to keep (within each combination of the other dimensions).
    public var count: Int
    /// The measure that orders them.
    public var measure: String
    /// Whether the rest becomes one `Other` row (computed exactly from its records), or is left out.
    public var other: Bool

    /// Creates a top-N rule.
    public init(count: Int, measure: String, other: Bool) {
        self.count = count
        self.measure = measure
        self.other = other
    }
}

/// One key of a table's order.
public struct SortKey: Sendable, Hashable {
    /// A column of the table.
    public var column: String
    /// Largest first.
    public var descending: Bool

    /// Creates a sort key.
    public init(column: String, descending: Bool) {
        self.column = column
        self.descending = descending
    }
}

/// One aggregate of a pipeline: which records, grouped how, measured how, shaped how.
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
    /// Keep only the largest groups.
    public var top: TopSpec?
    /// The row order; empty for the dimensions' natural order.
    public var sort: [SortKey]
    /// Whether a `Total` row is added (each record counted once).
    public var totals: Bool
    /// A dimension whose values become columns.
    public var pivot: String?
    /// Whether every combination of the dimensions' values gets a row, zero when it has no records.
    public var complete: Bool

    /// Creates an aggregate.
    public init(
        name: String, source: String, filter: Predicate? = nil, groupBy: [GroupingSpec], measures: [MeasureSpec],
        top: TopSpec? = nil, sort: [SortKey] = [], totals: Bool = false, pivot: String? = nil, complete: Bool = false
    ) {
        self.name = name
        self.source = source
        self.filter = filter
        self.groupBy = groupBy
        self.measures = measures
        self.top = top
        self.sort = sort
        self.totals = totals
        self.pivot = pivot
        self.complete = complete
    }
}
