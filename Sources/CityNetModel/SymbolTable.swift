#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A string stored once in a ``SymbolTable`` and referred to by a small number.
public struct Symbol: Sendable, Hashable, Comparable {
    /// The position in the table.
    public var index: UInt32

    /// Creates a symbol.
    public init(index: UInt32) { self.index = index }

    public static func < (lhs: Symbol, rhs: Symbol) -> Bool { lhs.index < rhs.index }
}

/// Interns strings: each distinct byte string is stored once, in one arena, and records hold 4-byte
/// ``Symbol``s.
///
/// Lookups hash the bytes directly (no `String` is made), so readers can intern values straight from their
/// buffers. The table is open addressing with 4-byte slots, at most three quarters full: a slot holds the symbol's
/// index + 1 in its low bits and, in the bits the index does not need, a tag of the hash. A probe compares tags
/// before it touches the arena, so looking up a new string among millions costs one cache miss rather than one
/// per probe, and the cost per symbol stays at its text, 4 bytes of end offset and 5 to 11 bytes of slots.
public struct SymbolTable: Sendable {
    private var arena: [UInt8] = []
    private var offsets: [UInt32] = [0]
    /// Open addressing: 0 marks an empty slot, otherwise the tag above ``indexBits`` and the index + 1 below.
    private var slots: [UInt32] = Array(repeating: 0, count: 16)
    /// How many low bits of a slot hold the index + 1: enough for every index the slot count allows.
    private var indexBits: UInt32 = 5

    /// An empty table.
    public init() {}

    /// How many distinct strings the table holds.
    public var count: Int { offsets.count - 1 }

    /// The symbol of a byte string, adding it when new.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Symbol {
        let hash = Self.hash(bytes)
        let slot = find(bytes, hash: hash)
        if slot.found { return Symbol(index: slots[slot.position] & indexMask &- 1) }
        let index = count
        arena.append(contentsOf: bytes)
        offsets.append(UInt32(arena.count))
        slots[slot.position] = entry(index: index, hash: hash)
        if count * 4 > slots.count * 3 { grow() }
        return Symbol(index: UInt32(index))
    }

    /// The symbol of a string, adding it when new.
    public mutating func intern(_ string: String) -> Symbol {
        var string = string
        return string.withUTF8 { intern($0) }
    }

    /// The symbol of a byte string, if it was interned.
    public func symbol(for bytes: UnsafeBufferPointer<UInt8>) -> Symbol? {
        let slot = find(bytes, hash: Self.hash(bytes))
        return slot.found ? Symbol(index: slots[slot.position] & indexMask &- 1) : nil
    }

    /// The symbol of a string, if it was interned.
    public func symbol(for string: String) -> Symbol? {
        var string = string
        return string.withUTF8 { symbol(for: $0) }
    }

    /// The string of a symbol.
    public subscript(symbol: Symbol) -> String {
        withBytes(of: symbol) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of a symbol.
    public func withBytes<Result>(of symbol: Symbol, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows
        -> Result
    {
        let start = Int(offsets[Int(symbol.index)])
        let end = Int(offsets[Int(symbol.index) + 1])
        return try arena.withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[start..<end]))
        }
    }

    /// Every string in the order first interned.
    public var strings: [String] {
        (0..<count).map { self[Symbol(index: UInt32($0))] }
    }

    private var indexMask: UInt32 { indexBits >= 32 ? .max : (1 << indexBits) &- 1 }

    private func entry(index: Int, hash: UInt32) -> UInt32 {
        let tag = indexBits >= 32 ? 0 : hash & ~indexMask
        return tag | UInt32(index + 1)
    }

    /// The slot holding `bytes`, or the empty slot where they would go.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (position: Int, found: Bool) {
        let mask = slots.count - 1
        let indexMask = indexMask
        let tag = hash & ~indexMask
        return slots.withUnsafeBufferPointer { slots in
            var position = Int(hash) & mask
            while true {
                let slot = slots[position]
                if slot == 0 { return (position, false) }
                if slot & ~indexMask == tag, equals(Int(slot & indexMask) - 1, bytes) { return (position, true) }
                position = (position + 1) & mask
            }
        }
    }

    private func equals(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[index])
        let end = Int(offsets[index + 1])
        guard end - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let other = bytes.baseAddress else { return bytes.isEmpty }
            return Self.sameBytes(UnsafeRawPointer(base + start), UnsafeRawPointer(other), count: bytes.count)
        }
    }

    /// Whether `count` bytes at two places are equal: short strings (most interned values) with two overlapping
    /// loads of each side, longer ones with `memcmp`.
    @inline(__always)
    private static func sameBytes(_ lhs: UnsafeRawPointer, _ rhs: UnsafeRawPointer, count: Int) -> Bool {
        switch count {
        case 0:
            return true
        case 1..<4:
            for index in 0..<count
            where lhs.load(fromByteOffset: index, as: UInt8.self)
                != rhs.load(
                    fromByteOffset: index, as: UInt8.self)
            {
                return false
            }
            return true
        case 4...8:
            return lhs.loadUnaligned(as: UInt32.self) == rhs.loadUnaligned(as: UInt32.self)
                && lhs.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
                    == rhs.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        case 9...16:
            return lhs.loadUnaligned(as: UInt64.self) == rhs.loadUnaligned(as: UInt64.self)
                && lhs.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                    == rhs.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        default:
            return memcmp(lhs, rhs, count) == 0
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        indexBits = UInt32(size.trailingZeroBitCount + 1)
        var larger = [UInt32](repeating: 0, count: size)
        let mask = size - 1
        arena.withUnsafeBufferPointer { arena in
            var start = 0
            for index in 0..<count {
                let end = Int(offsets[index + 1])
                let hash = Self.hash(UnsafeBufferPointer(rebasing: arena[start..<end]))
                var slot = Int(hash) & mask
                while larger[slot] != 0 { slot = (slot + 1) & mask }
                larger[slot] = entry(index: index, hash: hash)
                start = end
            }
        }
        slots = larger
    }

    /// A fast multiplicative hash over 8-byte words, folded to 32 bits.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
            offset += 8
        }
        if offset < count {
            // The last bytes as one word, read with loads that may overlap bytes already hashed but never pass
            // the end.
            var word: UInt64 = 0
            if count >= 8 {
                word = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else if count >= 4 {
                word =
                    UInt64(raw.loadUnaligned(as: UInt32.self))
                    | UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
            } else {
                for index in 0..<count { word |= UInt64(base[index]) << UInt64(index * 8) }
            }
            hash = (hash ^ word) &* 0x94D0_49BB_1331_11EB
        }
        hash ^= hash >> 32
        hash = hash &* 0xD6E8_FEB8_6659_FD93
        return UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}
