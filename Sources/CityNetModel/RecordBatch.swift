/// Records copied out of a reader's buffers, so that another thread can normalise them while the reader goes on.
///
/// A batch keeps what ``RawRecordView`` lends — each record's line and column, the values of each path with their
/// columns — in a few flat arrays: one arena of value bytes, and per value its end and column. Batches are
/// reused: ``removeAll()`` keeps the capacity, so a reader and a normaliser passing a few batches back and forth
/// allocate nothing per record.
public struct RecordBatch: Sendable {
    /// The file the records come from, as the user named it.
    public let file: String
    /// How many paths each record has values for.
    public let pathCount: Int
    private var bytes: [UInt8] = []
    private var valueEnds: [UInt32] = []
    private var valueColumns: [Int32] = []
    /// Per record, `pathCount + 1` positions of its values relative to its first value.
    private var pathStarts: [Int32] = []
    private var firstValues: [UInt32] = [0]
    private var lines: [Int] = []
    private var columns: [Int32] = []

    /// An empty batch for records of `pathCount` paths from `file`.
    public init(file: String, pathCount: Int) {
        self.file = file
        self.pathCount = pathCount
    }

    /// How many records the batch holds.
    public var count: Int { lines.count }

    /// How many bytes of values the batch holds.
    public var byteCount: Int { bytes.count }

    /// Copies a record in.
    public mutating func append(_ record: RawRecordView) {
        precondition(record.pathCount == pathCount, "a record of \(record.pathCount) paths in a batch of \(pathCount)")
        lines.append(record.line)
        columns.append(Int32(clamping: record.column))
        let first = valueEnds.count
        for path in 0..<pathCount {
            pathStarts.append(Int32(valueEnds.count - first))
            for value in record.values(ofPath: path) {
                bytes.append(contentsOf: value.bytes)
                valueEnds.append(UInt32(bytes.count))
                valueColumns.append(value.column)
            }
        }
        pathStarts.append(Int32(valueEnds.count - first))
        firstValues.append(UInt32(valueEnds.count))
    }

    /// Empties the batch, keeping its capacity.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        valueEnds.removeAll(keepingCapacity: true)
        valueColumns.removeAll(keepingCapacity: true)
        pathStarts.removeAll(keepingCapacity: true)
        firstValues.removeAll(keepingCapacity: true)
        firstValues.append(0)
        lines.removeAll(keepingCapacity: true)
        columns.removeAll(keepingCapacity: true)
    }

    /// Lends each record as a view, in the order they were appended, with `lineOffset` added to its line;
    /// `values` is scratch space the caller keeps between batches.
    public func forEach(
        lineOffset: Int = 0, scratch values: inout [RawValue], _ body: (RawRecordView) throws -> Void
    ) rethrows {
        try bytes.withUnsafeBufferPointer { arena in
            values.removeAll(keepingCapacity: true)
            var start = 0
            for index in valueEnds.indices {
                let end = Int(valueEnds[index])
                values.append(
                    RawValue(bytes: UnsafeBufferPointer(rebasing: arena[start..<end]), column: valueColumns[index]))
                start = end
            }
            try values.withUnsafeBufferPointer { allValues in
                try pathStarts.withUnsafeBufferPointer { allStarts in
                    try withUnsafePointer(to: file) { file in
                        try forEach(lineOffset: lineOffset, values: allValues, starts: allStarts, file: file, body)
                    }
                }
            }
        }
    }

    /// Lends each record as a view over the batch's values and path starts, with the file name at `file`.
    private func forEach(
        lineOffset: Int, values allValues: UnsafeBufferPointer<RawValue>, starts allStarts: UnsafeBufferPointer<Int32>,
        file: UnsafePointer<String>, _ body: (RawRecordView) throws -> Void
    ) rethrows {
        for record in lines.indices {
            let recordValues = UnsafeBufferPointer(
                rebasing: allValues[Int(firstValues[record])..<Int(firstValues[record + 1])])
            let starts = UnsafeBufferPointer(
                rebasing: allStarts[record * (pathCount + 1)..<(record + 1) * (pathCount + 1)])
            try body(
                RawRecordView(
                    file: file, line: lines[record] + lineOffset, column: Int(columns[record]),
                    values: recordValues,
                    pathStarts: starts))
        }
    }
}
