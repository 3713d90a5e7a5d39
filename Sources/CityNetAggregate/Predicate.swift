public import CityNetModel

/// A condition on records, from an aggregate's `where`.
public indirect enum Predicate: Sendable, Hashable {
    /// A property compared with a literal.
    case comparison(Operand, ComparisonOperator, Literal)
    /// A property that equals one of several literals.
    case membership(Operand, [Literal])
    case and(Predicate, Predicate)
    case or(Predicate, Predicate)
    case not(Predicate)
}

/// What a comparison looks at: a dimension or a numeric field.
public enum Operand: Sendable, Hashable {
    case dimension(Dimension)
    case field(NumericField)
}

/// `==`, `!=`, `<`, `<=`, `>`, `>=`.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    func holds(_ order: Int) -> Bool {
        switch self {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .greater: order > 0
        case .greaterOrEqual: order >= 0
        }
    }
}

/// A literal in a condition.
public enum Literal: Sendable, Hashable {
    case number(Double)
    case text(String)

    /// Compares a table cell with the literal: numbers numerically, text case- and accent-insensitively.
    /// Returns `nil` when they cannot be compared (text against a number).
    func compare(with cell: Cell) -> Int? {
        switch (self, cell) {
        case (.number(let number), _):
            guard let value = cell.number else { return nil }
            return value < number ? -1 : value > number ? 1 : 0
        case (.text(let text), .text(let value)):
            let lhs = TextFolding.compactKey(value)
            let rhs = TextFolding.compactKey(text)
            return lhs < rhs ? -1 : lhs > rhs ? 1 : 0
        case (.text(let text), .integer(let value)):
            guard let number = Int(text) else { return nil }
            return value < number ? -1 : value > number ? 1 : 0
        case (.text, _):
            return nil
        }
    }
}

extension Predicate {
    /// The dimensions the predicate compares.
    public var dimensions: Set<Dimension> {
        switch self {
        case .comparison(.dimension(let dimension), _, _), .membership(.dimension(let dimension), _): [dimension]
        case .comparison, .membership: []
        case .and(let left, let right), .or(let left, let right): left.dimensions.union(right.dimensions)
        case .not(let inner): inner.dimensions
        }
    }
}
