import CityNetModel

/// Results of interpreting a field's distinct values, computed once per distinct value.
///
/// Feeds repeat the same country, SDG or theme spellings millions of times; each distinct spelling is interned
/// once (from its bytes, without making a `String`) and its interpretation stored beside it.
struct ValueMemo<Value: Sendable>: Sendable {
    /// Where a value's interpretation is kept.
    enum Place {
        /// In the table of short values, by the value's word.
        case short(UInt64)
        /// Beside the value's symbol.
        case symbol(Int)
    }

    private var values = SymbolTable()
    private var results: [Value?] = []
    private var shortValues = ShortValueMemo<Value>()

    /// The interpretation of a value if it was stored, and the place to store it.
    ///
    /// Callers interpret a new value themselves rather than through a closure: a closure that captured what the
    /// interpretation reads (the whole dataset) would copy it on every call.
    mutating func lookUp(_ bytes: UnsafeBufferPointer<UInt8>) -> (place: Place, value: Value?) {
        if let key = ShortValueMemo<Value>.key(bytes) {
            if let known = shortValues[key] { return (.short(key), known) }
            if !shortValues.isFull { return (.short(key), nil) }
        }
        let slot = Int(values.intern(bytes).index)
        return (.symbol(slot), slot < results.count ? results[slot] : nil)
    }

    /// Stores the interpretation of a value at the place ``lookUp(_:)`` gave.
    mutating func store(_ value: Value, at place: Place) {
        switch place {
        case .short(let key):
            shortValues.store(value, for: key)
        case .symbol(let slot):
            if slot >= results.count {
                results.append(contentsOf: repeatElement(nil, count: slot + 1 - results.count))
            }
            results[slot] = value
        }
    }
}

/// Interpretations of values of at most 8 bytes (`JP`, `Mexico`, `SDG 4.7`, `Goal 11`), found by the value's
/// bytes packed into one word: a multiply and, usually, one comparison of words, where ``ValueMemo`` hashes the
/// bytes and compares them with stored ones.
///
/// It keeps at most ``limit`` values, so that a feed of millions of distinct short values costs no more memory
/// than this table; the caller interprets or memoises the others another way.
struct ShortValueMemo<Value: Sendable>: Sendable {
    private static var slotBits: Int { 11 }
    /// The most values kept: a quarter of the slots, so that probes stay short.
    static var limit: Int { 1 << (slotBits - 2) }

    /// Open addressing by key; 0 marks an empty slot (no key is 0).
    private var keys = [UInt64](repeating: 0, count: 1 << slotBits)
    private var results: [Value?] = Array(repeating: nil, count: 1 << slotBits)
    private var count = 0

    /// The word a value of 1 to 8 bytes is known by: its bytes, with its length in the top byte when it has fewer
    /// than 8; `nil` for other values, and for 8 bytes whose last is below 8 (which could be mistaken for a
    /// length).
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let count = bytes.count
        guard count >= 1, count <= 8, let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        if count == 8 {
            let word = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            return word >> 56 >= 8 ? word : nil
        }
        var word: UInt64 = 0
        if count >= 4 {
            // Two loads that may overlap: the bytes they share are the same in both.
            word =
                UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
                | UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
                << UInt64(8 * (count - 4))
        } else {
            for index in 0..<count { word |= UInt64(base[index]) << UInt64(8 * index) }
        }
        return word | UInt64(count) << 56
    }

    /// Whether the table keeps no more values.
    var isFull: Bool { count >= Self.limit }

    /// The interpretation stored for the value known by `key`, if any.
    @inline(__always)
    subscript(key: UInt64) -> Value? {
        keys.withUnsafeBufferPointer { keys in
            var slot = Self.slot(of: key)
            while keys[slot] != 0 {
                if keys[slot] == key { return results[slot] }
                slot = (slot + 1) & (keys.count - 1)
            }
            return nil
        }
    }

    /// Stores the interpretation of the value known by `key`, unless the table is full.
    mutating func store(_ value: Value, for key: UInt64) {
        guard !isFull else { return }
        var slot = Self.slot(of: key)
        while keys[slot] != 0, keys[slot] != key { slot = (slot + 1) & (keys.count - 1) }
        if keys[slot] == 0 { count += 1 }
        keys[slot] = key
        results[slot] = value
    }

    @inline(__always)
    private static func slot(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
    }
}
