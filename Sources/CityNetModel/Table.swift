/// One value of a table.
public enum Cell: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    case text(String)
    case integer(Int)
    case decimal(Double)
    case null

    /// The value as plain text (decimals with up to 4 places, trailing zeros removed).
    public var description: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .decimal(let value): Cell.format(value)
        case .null: ""
        }
    }

    /// The value as a number, when it is one.
    public var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .decimal(let value): value
        case .text, .null: nil
        }
    }

    /// Formats a decimal with at most four places and no trailing zeros (`12.5`, `0.3333`, `7`).
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        let scaled = (value * 10_000).rounded()
        let integerPart = Int(scaled / 10_000)
        var fraction = Int(abs(scaled).truncatingRemainder(dividingBy: 10_000))
        let sign = scaled < 0 && integerPart == 0 ? "-" : ""
        guard fraction != 0 else { return "\(sign)\(integerPart)" }
        var digits = 4
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let padded = String(repeating: "0", count: digits - String(fraction).count) + String(fraction)
        return "\(sign)\(integerPart).\(padded)"
    }

    public static func < (lhs: Cell, rhs: Cell) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): false
        case (.null, _): false
        case (_, .null): true
        case (.text(let a), .text(let b)): a < b
        case (.text, _): false
        case (_, .text): true
        default: (lhs.number ?? 0) < (rhs.number ?? 0)
        }
    }
}

/// What a column holds, so emitters format it right.
public enum ColumnKind: Sendable, Hashable, Codable {
    /// The values of a dimension.
    case dimension(Dimension)
    /// A count of records (an integer).
    case count
    /// A sum or other exact integer.
    case integer
    /// A number with a fractional part.
    case decimal
    /// A share in percent (0-100).
    case percent

    /// The kind's name in JSON schemas and manifests.
    public var name: String {
        switch self {
        case .dimension: "dimension"
        case .count: "count"
        case .integer: "integer"
        case .decimal: "decimal"
        case .percent: "percent"
        }
    }
}

/// A column of a table.
public struct Column: Sendable, Hashable, Codable {
    /// The column's name, as the pipeline file gives it.
    public var name: String
    /// What it holds.
    public var kind: ColumnKind

    /// Creates a column.
    public init(name: String, kind: ColumnKind) {
        self.name = name
        self.kind = kind
    }
}

/// The result of an aggregate: named, typed columns and rows in a stable order.
public struct Table: Sendable, Hashable, Codable {
    /// The aggregate's name.
    public var name: String
    /// The columns: the group-by dimensions first, then the measures.
    public var columns: [Column]
    /// The rows; each has one cell per column.
    public var rows: [[Cell]]
    /// Whether the last row is a `Total` row (an aggregate with `totals: true`).
    public var hasTotalRow: Bool

    /// Creates a table.
    public init(name: String, columns: [Column], rows: [[Cell]], hasTotalRow: Bool = false) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.hasTotalRow = hasTotalRow
    }

    /// The index of the column with a name.
    public func columnIndex(named name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }
}
