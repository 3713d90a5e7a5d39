/// Records taken out of a reader's buffers, so that another thread can normalise them while the reader goes on.
///
/// A batch keeps what ``RawRecordView`` lends — each record's line and column, the values of each path with their
/// columns — in a few flat arrays: one arena of value bytes, one entry per value, one per record. A record whose
/// view names its ``RawRecordView/extent`` (a CSV row: every value lies in the row's bytes) is copied with one
/// `memmove` of the row, its values kept as offsets into the copy; when the view also names the extent's
/// ``RawRecordView/extentOwner`` (a mapped window of the file), nothing is copied: the batch keeps the owner, and
/// the values where they are. A record with one value per path (again a CSV row) keeps no path starts of its own.
/// Batches are reused: ``removeAll()`` keeps the capacity, so a reader and a normaliser passing a few batches back
/// and forth allocate nothing per record.
public struct RecordBatch: Sendable {
    /// One value: where its bytes are (in the arena, or at an address for a record that borrows its bytes), and its
    /// column.
    private struct StoredValue {
        var start: Int
        var count: UInt32
        var column: Int32
    }

    /// One record: its line and column, where its values start, where its path starts are (or -1 when it has one
    /// value per path), and whether its values lie in an owner's bytes rather than in the arena.
    private struct StoredRecord {
        var line: Int
        var column: Int32
        var pathStarts: Int32
        var firstValue: UInt32
        var borrows: Bool
    }

    /// The file the records come from, as the user named it.
    public let file: String
    /// How many paths each record has values for.
    public let pathCount: Int
    private var bytes: [UInt8] = []
    private var values: [StoredValue] = []
    private var records: [StoredRecord] = []
    /// Per record with other than one value per path, `pathCount + 1` positions of its values relative to its
    /// first value.
    private var pathStarts: [Int32] = []
    /// `0...pathCount`: the path starts of a record with one value per path.
    private let onePerPath: [Int32]
    /// What keeps the bytes of the records that borrow theirs, each once.
    private var owners: [RecordBytesOwner] = []
    /// The address of the last of ``owners`` (0 when there is none).
    private var lastOwner = 0
    /// The bytes of the records that borrow theirs.
    private var borrowedByteCount = 0
    private let recordLimit: Int
    private let byteLimit: Int
    /// Whether the batch holds `recordLimit` records or `byteLimit` bytes of values: full enough to hand over.
    /// Stored, so that a reader in another module reads it where it checks after each record, rather than calling
    /// into this one (or copying the batch) to count.
    public private(set) var isFull = false

    /// An empty batch for records of `pathCount` paths from `file`, full at `recordLimit` records or `byteLimit`
    /// bytes of values.
    public init(file: String, pathCount: Int, recordLimit: Int = .max, byteLimit: Int = .max) {
        self.file = file
        self.pathCount = pathCount
        onePerPath = (0...pathCount).map(Int32.init)
        self.recordLimit = recordLimit
        self.byteLimit = byteLimit
    }

    /// How many records the batch holds.
    public var count: Int { records.count }

    /// How many bytes of values the batch holds (copied, or borrowed from their owners).
    public var byteCount: Int { bytes.count + borrowedByteCount }

    /// Takes a record in: copies it, or keeps the owner of its bytes.
    public mutating func append(_ record: RawRecordView) {
        precondition(record.pathCount == pathCount, "a record of \(record.pathCount) paths in a batch of \(pathCount)")
        let first = values.count
        let hasOneValuePerPath = record.hasOneValuePerPath
        let owner = record.extentOwner
        records.append(
            StoredRecord(
                line: record.line, column: Int32(clamping: record.column),
                pathStarts: hasOneValuePerPath ? -1 : Int32(pathStarts.count), firstValue: UInt32(first),
                borrows: owner != nil))
        if let extent = record.extent, let extentBase = extent.baseAddress {
            let base: Int
            if let owner {
                // The values stay where they are; their owner is kept, once (told apart by address, which
                // retains nothing).
                if Int(bitPattern: owner.toOpaque()) != lastOwner {
                    owners.append(owner.takeUnretainedValue())
                    lastOwner = Int(bitPattern: owner.toOpaque())
                }
                borrowedByteCount += extent.count
                base = Int(bitPattern: extentBase)
            } else {
                base = bytes.count
                bytes.append(contentsOf: extent)
            }
            let all = record.allValues
            // The values are worked out on the stack and appended at once (one check that the array is not shared,
            // where appending them one by one makes one each), when they fit in a kilobyte (a row of 64 fields).
            if all.count <= 1024 / MemoryLayout<StoredValue>.stride {
                withUnsafeTemporaryAllocation(of: StoredValue.self, capacity: all.count) { stored in
                    for (index, value) in all.enumerated() {
                        stored.initializeElement(at: index, to: Self.stored(value, at: base, in: extentBase))
                    }
                    values.append(contentsOf: UnsafeBufferPointer(stored))
                }
            } else {
                for value in all { values.append(Self.stored(value, at: base, in: extentBase)) }
            }
        } else {
            for value in record.allValues {
                values.append(
                    StoredValue(start: bytes.count, count: UInt32(value.bytes.count), column: value.column))
                bytes.append(contentsOf: value.bytes)
            }
        }
        if !hasOneValuePerPath {
            for path in 0..<pathCount { pathStarts.append(Int32(record.values(ofPath: path).startIndex)) }
            pathStarts.append(Int32(record.allValues.count))
        }
        isFull = records.count >= recordLimit || bytes.count + borrowedByteCount >= byteLimit
    }

    /// A value of an extent that starts at `extentBase`, for an extent stored from `base` (an arena offset, or the
    /// extent's address).
    @inline(__always)
    private static func stored(_ value: RawValue, at base: Int, in extentBase: UnsafePointer<UInt8>) -> StoredValue {
        let offset = value.bytes.baseAddress.map { $0 - extentBase } ?? 0
        return StoredValue(start: base + offset, count: UInt32(value.bytes.count), column: value.column)
    }

    /// Empties the batch, keeping its capacity, and lets go of the owners of borrowed bytes.
    public mutating func removeAll() {
        var released: [RecordBytesOwner] = []
        removeAll(handingOwnersTo: &released)
    }

    /// Empties the batch, keeping its capacity, and moves the owners of borrowed bytes to `released`, for the
    /// caller to let go of where it chooses: the last one to let go of a mapped window unmaps it, which takes time
    /// a normalising thread is better without.
    public mutating func removeAll(handingOwnersTo released: inout [RecordBytesOwner]) {
        released.append(contentsOf: owners)
        bytes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
        pathStarts.removeAll(keepingCapacity: true)
        owners.removeAll(keepingCapacity: true)
        lastOwner = 0
        borrowedByteCount = 0
        isFull = false
    }

    /// Lends each record as a view, in the order they were appended, with `lineOffset` added to its line;
    /// `values` is scratch space the caller keeps between batches.
    public func forEach(
        lineOffset: Int = 0, scratch values: inout [RawValue], _ body: (RawRecordView) throws -> Void
    ) rethrows {
        let count = self.values.count
        if values.count < count {
            values = [RawValue](repeating: RawValue(bytes: UnsafeBufferPointer(start: nil, count: 0)), count: count)
        }
        try bytes.withUnsafeBufferPointer { arena in
            self.values.withUnsafeBufferPointer { stored in
                values.withUnsafeMutableBufferPointer { values in
                    // Every stored value lies in the arena (append put it there) or at its address in its owner's
                    // bytes, so its bytes are pointed at without the bounds checks of a slice of the arena.
                    let arenaBase = Int(bitPattern: arena.baseAddress)
                    for (index, record) in records.enumerated() {
                        let base = record.borrows ? 0 : arenaBase
                        let end = index + 1 < records.count ? Int(records[index + 1].firstValue) : stored.count
                        for position in Int(record.firstValue)..<end {
                            let value = stored[position]
                            values[position] = RawValue(
                                bytes: UnsafeBufferPointer(
                                    start: UnsafePointer(bitPattern: base + value.start), count: Int(value.count)),
                                column: value.column)
                        }
                    }
                }
            }
            try values.withUnsafeBufferPointer { values in
                let allValues = UnsafeBufferPointer(rebasing: values[0..<count])
                try pathStarts.withUnsafeBufferPointer { allStarts in
                    try onePerPath.withUnsafeBufferPointer { onePerPath in
                        try withUnsafePointer(to: file) { file in
                            try forEach(
                                lineOffset: lineOffset, values: allValues, starts: allStarts, onePerPath: onePerPath,
                                file: file, body)
                        }
                    }
                }
            }
        }
    }

    /// Lends each record as a view over the batch's values and path starts, with the file name at `file`.
    private func forEach(
        lineOffset: Int, values allValues: UnsafeBufferPointer<RawValue>, starts allStarts: UnsafeBufferPointer<Int32>,
        onePerPath: UnsafeBufferPointer<Int32>, file: UnsafePointer<String>, _ body: (RawRecordView) throws -> Void
    ) rethrows {
        for (index, record) in records.enumerated() {
            let end = index + 1 < records.count ? Int(records[index + 1].firstValue) : allValues.count
            let starts =
                record.pathStarts < 0
                ? onePerPath
                : UnsafeBufferPointer(
                    rebasing: allStarts[Int(record.pathStarts)..<Int(record.pathStarts) + pathCount + 1])
            try body(
                RawRecordView(
                    file: file, line: record.line + lineOffset, column: Int(record.column),
                    values: UnsafeBufferPointer(rebasing: allValues[Int(record.firstValue)..<end]),
                    pathStarts: starts, oneValuePerPath: record.pathStarts < 0))
        }
    }
}
