/// A column that holds nothing while every value is the absent one, for fields that most feeds leave out
/// (budgets, organisations, explicit SDG targets, second countries).
///
/// The first present value fills in the rows before it, so a column costs memory only in feeds that use it.
struct SparseColumn<Value: Sendable>: Sendable {
    private let absent: Value
    private var values = ContiguousArray<Value>()
    private var rowCount = 0

    /// An empty column whose rows read `absent` until a value is stored.
    init(absent: Value) { self.absent = absent }

    /// Adds a row.
    ///
    /// - Parameters:
    ///   - value: The row's value.
    ///   - isAbsent: Whether the value is the absent one (a column of absent values stays empty).
    mutating func append(_ value: Value, isAbsent: Bool) {
        if values.isEmpty {
            guard !isAbsent else {
                rowCount += 1
                return
            }
            values.reserveCapacity(rowCount + 1)
            values.append(contentsOf: repeatElement(absent, count: rowCount))
        }
        values.append(value)
        rowCount += 1
    }

    /// The value of a row.
    subscript(row: Int) -> Value { values.isEmpty ? absent : values[row] }
}

/// A column that holds one value while every row has the same one (the titles or ids a run does not keep), and
/// a value per row once they differ.
struct UniformColumn<Value: Equatable & Sendable>: Sendable {
    private var first: Value?
    private var values = ContiguousArray<Value>()
    private var rowCount = 0

    /// An empty column.
    init() {}

    /// Adds a row.
    mutating func append(_ value: Value) {
        defer { rowCount += 1 }
        guard let first else {
            first = value
            return
        }
        if values.isEmpty {
            guard value != first else { return }
            values.reserveCapacity(rowCount + 1)
            values.append(contentsOf: repeatElement(first, count: rowCount))
        }
        values.append(value)
    }

    /// The value of a row.
    subscript(row: Int) -> Value {
        precondition(row < rowCount, "row \(row) of a column of \(rowCount)")
        if values.isEmpty, let first { return first }
        return values[row]
    }
}

/// Non-negative counts in 4 bytes each, with the rare value beyond 32 bits (or below zero) kept aside.
struct CountColumn: Sendable {
    private static let absent = UInt32.max
    private static let aside = UInt32.max - 1

    private var values = SparseColumn<UInt32>(absent: absent)
    private var large: [Int: Int] = [:]
    private var rowCount = 0

    /// Adds a row.
    mutating func append(_ value: Int?) {
        switch value {
        case nil:
            values.append(Self.absent, isAbsent: true)
        case let value? where value >= 0 && value < Int(Self.aside):
            values.append(UInt32(value), isAbsent: false)
        case let value?:
            large[rowCount] = value
            values.append(Self.aside, isAbsent: false)
        }
        rowCount += 1
    }

    /// The value of a row.
    subscript(row: Int) -> Int? {
        switch values[row] {
        case Self.absent: nil
        case Self.aside: large[row]
        case let value: Int(value)
        }
    }
}

/// Small sets stored once each and referred to by a 4-byte index; rows whose set is empty cost nothing until a
/// set is stored.
struct InternedSetColumn<Set: Hashable & Sendable>: Sendable {
    private var indices = SparseColumn<UInt32>(absent: 0)
    private var sets: [Set]
    private var lookup: [Set: UInt32]

    /// A column whose index 0 is `empty`.
    init(empty: Set) {
        sets = [empty]
        lookup = [empty: 0]
    }

    /// Adds a row.
    mutating func append(_ set: Set) {
        if set == sets[0] {
            indices.append(0, isAbsent: true)
            return
        }
        if let index = lookup[set] {
            indices.append(index, isAbsent: index == 0)
            return
        }
        let index = UInt32(sets.count)
        sets.append(set)
        lookup[set] = index
        indices.append(index, isAbsent: false)
    }

    /// The set of a row.
    subscript(row: Int) -> Set { sets[Int(indices[row])] }
}
