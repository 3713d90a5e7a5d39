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
        /// Beside the value's symbol, and in the table of recent values at `recent` when it is long enough
        /// to be kept there.
        case symbol(Int, recent: Int?)
        /// In the table of recent values, where it was found.
        case recent
    }

    private var values = SymbolTable()
    private var results: [Value?] = []
    private var shortValues = ShortValueMemo<Value>()
    private var recentValues = RecentValues<Value>()

    /// The interpretation of a value if it was stored, and the place to store it.
    ///
    /// Callers interpret a new value themselves rather than through a closure: a closure that captured what the
    /// interpretation reads (the whole dataset) would copy it on every call.
    mutating func lookUp(_ bytes: UnsafeBufferPointer<UInt8>) -> (place: Place, value: Value?) {
        if let key = ShortValueMemo<Value>.key(bytes) {
            if let known = shortValues[key] { return (.short(key), known) }
            if !shortValues.isFull { return (.short(key), nil) }
        }
        let recent = RecentValues<Value>.slot(of: bytes)
        if let recent, let known = recentValues.value(at: recent, for: bytes) { return (.recent, known) }
        let slot = Int(values.intern(bytes).index)
        let known = slot < results.count ? results[slot] : nil
        if let recent, let known { recentValues.store(known, for: bytes, at: recent) }
        return (.symbol(slot, recent: recent), known)
    }

    /// Stores the interpretation of a value at the place ``lookUp(_:)`` gave.
    mutating func store(_ value: Value, at place: Place) {
        switch place {
        case .short(let key):
            shortValues.store(value, for: key)
        case .recent:
            break
        case .symbol(let slot, let recent):
            if slot >= results.count {
                results.append(contentsOf: repeatElement(nil, count: slot + 1 - results.count))
            }
            results[slot] = value
            if let recent {
                values.withBytes(of: Symbol(index: UInt32(slot))) { recentValues.store(value, for: $0, at: recent) }
            }
        }
    }
}

/// Interpretations of the longer values seen last (9 to 56 bytes: `Citizenship and participation;Literacy`), in a
/// table of ``slotCount`` slots indexed by a hash of a value's length and its first and last eight bytes, with the
/// value's bytes in its slot: one probe and a comparison of a few words find one, where a symbol table hashes every
/// word of the value, looks it up and compares it with `memcmp` in another array. A value whose slot another holds
/// replaces it; the table is a cache in front of ``ValueMemo``'s symbol table, which keeps every value.
struct RecentValues<Value: Sendable>: Sendable {
    private static var slotBits: Int { 10 }
    static var slotCount: Int { 1 << slotBits }
    /// The longest value kept: a slot is 64 bytes, its length in the first 8.
    static var longest: Int { 56 }
    private static var slotSize: Int { 64 }

    /// Per slot, the length of its value (0 for none) in a word, then the value's bytes; allocated when a value
    /// is first kept, so that memos of short values alone cost nothing.
    private var slots: [UInt8] = []
    private var results: [Value?] = []

    /// The slot of a value of 9 to ``longest`` bytes; `nil` for another.
    @inline(__always)
    static func slot(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        guard count > 8, count <= longest, let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let first = raw.loadUnaligned(as: UInt64.self)
        let last = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        let hash = (first &* 0x9E37_79B9_7F4A_7C15) ^ (last &+ UInt64(count)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: hash >> UInt64(64 - slotBits))
    }

    /// The interpretation kept at `slot` when the slot holds `bytes`.
    @inline(__always)
    func value(at slot: Int, for bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        guard !slots.isEmpty, let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        let matches = slots.withUnsafeBytes { table -> Bool in
            guard let table = table.baseAddress else { return false }
            let stored = table + slot * Self.slotSize
            guard stored.loadUnaligned(as: UInt64.self) == UInt64(count) else { return false }
            let key = stored + 8
            let value = UnsafeRawPointer(base)
            // Eight bytes at a time, the last eight read where they end (overlapping bytes already compared).
            var offset = 0
            while offset + 8 < count {
                guard
                    key.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                        == value.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                else { return false }
                offset += 8
            }
            return key.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                == value.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        return matches ? results[slot] : nil
    }

    /// Keeps the interpretation of `bytes` (9 to ``longest`` of them) at `slot`, in place of any other value.
    mutating func store(_ value: Value, for bytes: UnsafeBufferPointer<UInt8>, at slot: Int) {
        guard bytes.count > 8, bytes.count <= Self.longest, let base = bytes.baseAddress else { return }
        if slots.isEmpty {
            slots = [UInt8](repeating: 0, count: Self.slotCount * Self.slotSize)
            results = Array(repeating: nil, count: Self.slotCount)
        }
        slots.withUnsafeMutableBytes { table in
            guard let table = table.baseAddress else { return }
            let stored = table + slot * Self.slotSize
            stored.storeBytes(of: UInt64(bytes.count), as: UInt64.self)
            (stored + 8).copyMemory(from: base, byteCount: bytes.count)
        }
        results[slot] = value
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
