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
/// buffers; an open-addressing table of 4-byte slots, at most half full, keeps the cost at 4 bytes per symbol
/// (its end offset) and 8 to 16 bytes of slots beyond the text itself. Hashes are not kept: a probe compares
/// lengths, then bytes, and growing the table hashes the texts again.
public struct SymbolTable: Sendable {
    private var arena: [UInt8] = []
    private var offsets: [UInt32] = [0]
    /// Open addressing: 0 marks an empty slot, otherwise the symbol's index + 1.
    private var slots: [UInt32] = Array(repeating: 0, count: 16)

    /// An empty table.
    public init() {}

    /// How many distinct strings the table holds.
    public var count: Int { offsets.count - 1 }

    /// The symbol of a byte string, adding it when new.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Symbol {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot] - 1)
            if equals(index, bytes) { return Symbol(index: UInt32(index)) }
            slot = (slot + 1) & mask
        }
        let index = count
        arena.append(contentsOf: bytes)
        offsets.append(UInt32(arena.count))
        slots[slot] = UInt32(index + 1)
        if count * 2 > slots.count { grow() }
        return Symbol(index: UInt32(index))
    }

    /// The symbol of a string, adding it when new.
    public mutating func intern(_ string: String) -> Symbol {
        var string = string
        return string.withUTF8 { intern($0) }
    }

    /// The symbol of a byte string, if it was interned.
    public func symbol(for bytes: UnsafeBufferPointer<UInt8>) -> Symbol? {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot] - 1)
            if equals(index, bytes) { return Symbol(index: UInt32(index)) }
            slot = (slot + 1) & mask
        }
        return nil
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

    private func equals(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[index])
        let end = Int(offsets[index + 1])
        guard end - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let other = bytes.baseAddress else { return bytes.isEmpty }
            return memcmp(base + start, other, bytes.count) == 0
        }
    }

    private mutating func grow() {
        var larger = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for index in 0..<count {
            var slot = Int(withBytes(of: Symbol(index: UInt32(index))) { Self.hash($0) }) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = UInt32(index + 1)
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
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                word |= UInt64(base[offset]) << shift
                shift += 8
                offset += 1
            }
            hash = (hash ^ word) &* 0x94D0_49BB_1331_11EB
        }
        hash ^= hash >> 32
        hash = hash &* 0xD6E8_FEB8_6659_FD93
        return UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}
