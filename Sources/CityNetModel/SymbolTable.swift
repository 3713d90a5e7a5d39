/// A string stored once in a ``SymbolTable`` and referred to by a small number.
public struct Symbol: Sendable, Hashable, Comparable {
    /// The position in the table.
    public var index: UInt32

    /// Creates a symbol.
    public init(index: UInt32) { self.index = index }

    public static func < (lhs: Symbol, rhs: Symbol) -> Bool { lhs.index < rhs.index }
}

/// Interns strings: each distinct string is stored once, and records hold 4-byte ``Symbol``s.
public struct SymbolTable: Sendable {
    /// The strings in the order they were first seen.
    public private(set) var strings: [String] = []
    private var lookup: [String: Symbol] = [:]

    /// An empty table.
    public init() {}

    /// The symbol of a string, adding it when new.
    public mutating func intern(_ string: String) -> Symbol {
        if let symbol = lookup[string] { return symbol }
        let symbol = Symbol(index: UInt32(strings.count))
        strings.append(string)
        lookup[string] = symbol
        return symbol
    }

    /// The symbol of a string, if it was interned.
    public func symbol(for string: String) -> Symbol? { lookup[string] }

    /// The string of a symbol.
    public subscript(symbol: Symbol) -> String { strings[Int(symbol.index)] }
}
