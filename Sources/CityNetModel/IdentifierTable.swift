#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The distinct ids of a source's records, for duplicate checks: each id gets a number, in the order first seen.
///
/// Exports are mostly sorted by id, and an id that sorts after every id before it cannot be one of them. Such an
/// id is only appended to a sorted list, never hashed into a table: checking a sorted file costs one comparison
/// per id and no random memory access, where a hash table of millions of ids costs a cache miss for each. An id
/// out of that order is looked up by binary search in the sorted list and in a ``SymbolTable`` of the others,
/// and added to the table when new. Ids sort by length, then by bytes, so that numbers without leading zeros
/// (`9`, `10`) are in order too.
public struct IdentifierTable: Sendable {
    private var sortedBytes: [UInt8] = []
    /// Where each id of the sorted list ends in ``sortedBytes``; the first starts at 0.
    private var sortedEnds: [UInt32] = []
    /// The number of each id of the sorted list, once an id has come out of order; until then an id's number is
    /// its position, and this stays empty.
    private var sortedNumbers: [UInt32] = []
    private var others = SymbolTable()
    /// The number of each id in ``others``, by symbol.
    private var otherNumbers: [UInt32] = []
    /// The ids room is kept for; the bytes are reserved by the length of the first id.
    private var reservedCount = 0
    /// The most bytes of ids room is kept for up front (long first ids times many records could be too many).
    private static let mostBytesReserved = 1 << 28

    /// An empty table.
    public init() {}

    /// How many distinct ids the table holds.
    public var count: Int { sortedEnds.count + otherNumbers.count }

    /// Keeps room for `count` ids in all, so that the sorted list is not copied as it grows.
    public mutating func reserveCapacity(_ count: Int) {
        reservedCount = max(reservedCount, count)
        sortedEnds.reserveCapacity(count)
    }

    /// Adds an id when it is new.
    ///
    /// - Parameter bytes: the id.
    /// - Returns: the id's number (from 0, in the order ids were first inserted) and whether it was new.
    public mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> (number: UInt32, inserted: Bool) {
        let number = UInt32(count)
        if sortedEnds.isEmpty || order(sortedEnds.count - 1, bytes) < 0 {
            if sortedEnds.isEmpty, reservedCount > 0 {
                sortedBytes.reserveCapacity(min(reservedCount * (bytes.count + 1), Self.mostBytesReserved))
            }
            sortedBytes.append(contentsOf: bytes)
            sortedEnds.append(UInt32(sortedBytes.count))
            if !otherNumbers.isEmpty { sortedNumbers.append(number) }
            return (number, true)
        }
        if let position = sortedPosition(of: bytes) {
            return (otherNumbers.isEmpty ? UInt32(position) : sortedNumbers[position], false)
        }
        let before = others.count
        let symbol = others.intern(bytes)
        guard Int(symbol.index) == before else { return (otherNumbers[Int(symbol.index)], false) }
        if otherNumbers.isEmpty { sortedNumbers = (0..<UInt32(sortedEnds.count)).map { $0 } }
        otherNumbers.append(number)
        return (number, true)
    }

    /// The position of an id in the sorted list, by binary search.
    private func sortedPosition(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var low = 0
        var high = sortedEnds.count
        while low < high {
            let middle = (low + high) / 2
            let order = order(middle, bytes)
            if order == 0 { return middle }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Negative, zero or positive as the id at `position` in the sorted list sorts before, with or after `bytes`:
    /// shorter first, then by bytes.
    private func order(_ position: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let start = position == 0 ? 0 : Int(sortedEnds[position - 1])
        let count = Int(sortedEnds[position]) - start
        guard count == bytes.count else { return count < bytes.count ? -1 : 1 }
        return sortedBytes.withUnsafeBufferPointer { sorted in
            guard let left = sorted.baseAddress, let right = bytes.baseAddress else { return 0 }
            return Self.order(UnsafeRawPointer(left + start), UnsafeRawPointer(right), count: count)
        }
    }

    /// `memcmp` of `count` bytes, with ids of 8 to 16 bytes (most) compared as two overlapping big-endian words.
    @inline(__always)
    private static func order(_ lhs: UnsafeRawPointer, _ rhs: UnsafeRawPointer, count: Int) -> Int {
        guard count >= 8, count <= 16 else { return Int(memcmp(lhs, rhs, count)) }
        let order = wordOrder(lhs, rhs, at: 0)
        return order != 0 ? order : wordOrder(lhs, rhs, at: count - 8)
    }

    /// The order of the 8 bytes at `offset` on each side, as big-endian numbers.
    @inline(__always)
    private static func wordOrder(_ lhs: UnsafeRawPointer, _ rhs: UnsafeRawPointer, at offset: Int) -> Int {
        let left = UInt64(bigEndian: lhs.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        let right = UInt64(bigEndian: rhs.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        return left == right ? 0 : left < right ? -1 : 1
    }
}
