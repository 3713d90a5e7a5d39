/// The SQL dialects citynet writes.
public enum SQLDialect: String, Sendable, Hashable {
    case sqlite
    case postgres

    /// The placeholder of the parameter at a 1-based position (`?` or `$1`).
    public func placeholder(_ position: Int) -> String {
        switch self {
        case .sqlite: "?"
        case .postgres: "$\(position)"
        }
    }

    /// A null-safe equality test (`a IS b` / `a IS NOT DISTINCT FROM b`).
    public func nullSafeEqual(_ lhs: String, _ rhs: String) -> String {
        switch self {
        case .sqlite: "\(lhs) IS \(rhs)"
        case .postgres: "\(lhs) IS NOT DISTINCT FROM \(rhs)"
        }
    }

    /// An identifier in double quotes, with inner quotes doubled.
    public func quoted(_ identifier: String) -> String {
        "\"" + identifier.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

/// A SQL statement with its parameters, which are always bound, never spliced into the text.
public struct SQLStatement: Sendable, Hashable, CustomStringConvertible {
    /// The SQL text with placeholders.
    public var text: String
    /// The values of the placeholders, in order.
    public var parameters: [Cell]

    /// Creates a statement.
    public init(_ text: String, parameters: [Cell] = []) {
        self.text = text
        self.parameters = parameters
    }

    public var description: String { text }
}

/// A table computed by a database: statements to run, and how their rows become the table.
///
/// The aggregate stage compiles it; the store runs it inside the transaction that loads the data, so the tables
/// are computed from exactly the rows that transaction writes.
public protocol SQLComputation: Sendable {
    /// The statements to run, in order.
    var statements: [SQLStatement] { get }
    /// The table, from the rows each statement returned.
    func table(from results: [[[Cell]]]) -> Table
}
