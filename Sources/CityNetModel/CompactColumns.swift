/// A column that holds nothing while every value is the absent one, for fields that most feeds leave out
/// (budgets, organisations, explicit SDG targets, second countries).
///
/// The first present value fills in the rows before it, so a column costs memory only in feeds that use it.
struct SparseColumn<Value: Sendable>: Sendable {
    /// The value of every row until a present one is stored.
    let absent: Value
    private var values = ContiguousArray<Value>()
    private var rowCount = 0
    /// The rows room is kept for once a present value is stored.
    private var reservedRows = 0

    /// An empty column whose rows read `absent` until a value is stored.
    init(absent: Value) { self.absent = absent }

    /// Keeps room for `rows` rows in all, so that a column of present values is not copied as it grows; a column
    /// of absent values still costs nothing.
    mutating func reserveCapacity(_ rows: Int) {
        reservedRows = max(reservedRows, rows)
        if !values.isEmpty { values.reserveCapacity(rows) }
    }

    /// Adds a row.
    ///
    /// - Parameters:
    ///   - value: The row's value.
    ///   - isAbsent: Whether the value is the absent one (a column of absent values stays empty).
    @inline(__always)
    mutating func append(_ value: Value, isAbsent: Bool) {
        if values.isEmpty {
            guard !isAbsent else {
                rowCount += 1
                return
            }
            values.reserveCapacity(max(rowCount + 1, reservedRows))
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
    /// A sparse column whose absent value is the first row's.
    private var column: SparseColumn<Value>?
    private var reservedRows = 0

    /// An empty column.
    init() {}

    /// Keeps room for `rows` rows in all, once the rows differ.
    mutating func reserveCapacity(_ rows: Int) {
        reservedRows = max(reservedRows, rows)
        column?.reserveCapacity(rows)
    }

    /// Adds a row.
    @inline(__always)
    mutating func append(_ value: Value) {
        let first = column?.absent ?? value
        if column == nil {
            column = SparseColumn(absent: value)
            column?.reserveCapacity(reservedRows)
        }
        column?.append(value, isAbsent: value == first)
    }

    /// The value of a row.
    subscript(row: Int) -> Value {
        guard let column else { preconditionFailure("row \(row) of an empty column") }
        return column[row]
    }
}

/// Non-negative counts in 4 bytes each, with the rare value beyond 32 bits (or below zero) kept aside.
struct CountColumn: Sendable {
    private static let absent = UInt32.max
    private static let aside = UInt32.max - 1

    private var values = SparseColumn<UInt32>(absent: absent)
    private var large = RowsAside<Int>()
    private var rowCount = 0

    /// Keeps room for `rows` rows in all.
    mutating func reserveCapacity(_ rows: Int) { values.reserveCapacity(rows) }

    /// Adds a row.
    @inline(__always)
    mutating func append(_ value: Int?) {
        switch value {
        case nil:
            values.append(Self.absent, isAbsent: true)
        case let value? where value >= 0 && value < Int(Self.aside):
            values.append(UInt32(value), isAbsent: false)
        case let value?:
            large.append(value, at: rowCount)
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

/// SDG target sets in 2 bytes per row where a row names at most two targets (most do): each target's index + 1
/// in a byte, no hashing and no lookup; a larger set is kept aside by row, the way ``CountColumn`` keeps large
/// counts. Rows without targets cost nothing until one has some.
struct TargetSetColumn: Sendable {
    private static let aside = UInt16.max

    private var pairs = SparseColumn<UInt16>(absent: 0)
    private var larger = RowsAside<SDGTargetSet>()
    private var rowCount = 0

    /// Keeps room for `rows` rows in all.
    mutating func reserveCapacity(_ rows: Int) { pairs.reserveCapacity(rows) }

    /// Adds a row.
    @inline(__always)
    mutating func append(_ set: SDGTargetSet) {
        if set.isEmpty {
            pairs.append(0, isAbsent: true)
        } else if let pair = set.packedPair {
            pairs.append(pair, isAbsent: pair == 0)
        } else {
            larger.append(set, at: rowCount)
            pairs.append(Self.aside, isAbsent: false)
        }
        rowCount += 1
    }

    /// The set of a row.
    subscript(row: Int) -> SDGTargetSet {
        let pair = pairs[row]
        return pair == Self.aside ? larger[row] ?? SDGTargetSet() : SDGTargetSet(packedPair: pair)
    }
}

/// The values of a few rows of a column, kept aside from it (a count beyond 32 bits, a set of more than two SDG
/// targets) in the order of their rows: appending one costs an append, where a dictionary by row hashed the row
/// (with SipHash) and found it a bucket; a row's value is found by binary search.
struct RowsAside<Value: Sendable>: Sendable {
    private var rows: [Int] = []
    private var values: [Value] = []

    /// An empty list.
    init() {}

    /// Keeps the value of `row`, which comes after every row kept so far.
    mutating func append(_ value: Value, at row: Int) {
        precondition(rows.last.map { $0 < row } ?? true, "rows kept aside out of order")
        rows.append(row)
        values.append(value)
    }

    /// The value kept for `row`, if any.
    subscript(row: Int) -> Value? {
        var low = 0
        var high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if rows[middle] < row { low = middle + 1 } else { high = middle }
        }
        return low < rows.count && rows[low] == row ? values[low] : nil
    }
}

/// A value with a cheap hash of its bits, for the small in-memory indexes of ``InternedSetColumn`` (Swift's
/// `Hashable` hashes with SipHash, which costs more than the lookup it serves here).
protocol BitsHashable: Equatable {
    /// A hash that mixes every bit of the value.
    var bitsHash: UInt64 { get }
}

extension BitsHashable {
    /// Mixes a word into a hash (a multiply-xorshift step).
    static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
        return mixed ^ (mixed >> 31)
    }
}

extension ThemeSet: BitsHashable {
    var bitsHash: UInt64 { Self.mix(0x9E37_79B9_7F4A_7C15, bits) }
}

extension Array: BitsHashable where Element == UInt16 {
    var bitsHash: UInt64 { reduce(0x9E37_79B9_7F4A_7C15 ^ UInt64(count)) { Self.mix($0, UInt64($1)) } }
}

/// Small sets stored once each and referred to by a 4-byte index; rows whose set is empty cost nothing until a
/// set is stored.
///
/// The distinct sets are found through an open-addressing index keyed by ``BitsHashable/bitsHash``: a row costs
/// one multiply-xorshift and, usually, one comparison.
struct InternedSetColumn<Set: BitsHashable & Sendable>: Sendable {
    private var indices = SparseColumn<UInt32>(absent: 0)
    private var sets: [Set]
    /// Open addressing: 0 marks an empty slot, otherwise a set's index + 1.
    private var slots: [UInt32] = Array(repeating: 0, count: 16)

    /// A column whose index 0 is `empty`.
    init(empty: Set) {
        sets = [empty]
        slots[Int(truncatingIfNeeded: empty.bitsHash) & (slots.count - 1)] = 1
    }

    /// Keeps room for `rows` rows in all.
    mutating func reserveCapacity(_ rows: Int) { indices.reserveCapacity(rows) }

    /// Whether every row holds the empty set.
    var holdsOnlyTheEmptySet: Bool { sets.count == 1 }

    /// Adds a row that holds the empty set (index 0), without comparing sets.
    @inline(__always)
    mutating func appendEmpty() { indices.append(0, isAbsent: true) }

    /// Adds a row.
    mutating func append(_ set: Set) {
        if set == sets[0] {
            indices.append(0, isAbsent: true)
            return
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: set.bitsHash) & mask
        while slots[slot] != 0 {
            let index = slots[slot] - 1
            if sets[Int(index)] == set {
                indices.append(index, isAbsent: index == 0)
                return
            }
            slot = (slot + 1) & mask
        }
        let index = UInt32(sets.count)
        sets.append(set)
        slots[slot] = index + 1
        if sets.count * 2 > slots.count { growIndex() }
        indices.append(index, isAbsent: false)
    }

    private mutating func growIndex() {
        var larger = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for (index, set) in sets.enumerated() {
            var slot = Int(truncatingIfNeeded: set.bitsHash) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = UInt32(index + 1)
        }
        slots = larger
    }

    /// The set of a row.
    subscript(row: Int) -> Set { sets[Int(indices[row])] }
}
