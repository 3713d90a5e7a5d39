/// One value a reader found: bytes in the reader's buffer and the column where they start.
///
/// The bytes are valid only while the ``RawRecordView`` that holds the value is being handed over.
public struct RawValue {
    /// The UTF-8 bytes of the value, as found (not trimmed).
    public let bytes: UnsafeBufferPointer<UInt8>
    /// The 1-based column of the value on its line, or 0 when unknown.
    public let column: Int32

    /// Creates a value.
    public init(bytes: UnsafeBufferPointer<UInt8>, column: Int32 = 0) {
        self.bytes = bytes
        self.column = column
    }

    /// The value as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// One record as a reader found it, lent to a callback: the values of each requested path, in place in the
/// reader's buffers.
///
/// Readers are given the list of paths (CSV columns or XML field paths) a source maps and hand each record
/// over as a view: no `String` is made for a value unless the consumer asks. The view and its values are
/// valid only during the callback.
public struct RawRecordView {
    /// The file as the user named it.
    public var file: String { filePointer.pointee }
    /// The file's name, lent like the values: a view holds nothing that is reference-counted, so passing it to
    /// the functions and closures of a normaliser copies a few words and retains nothing.
    private let filePointer: UnsafePointer<String>
    /// The line where the record starts.
    public let line: Int
    /// The column where the record starts, or 0 when unknown.
    public let column: Int
    private let values: UnsafeBufferPointer<RawValue>
    private let pathStarts: UnsafeBufferPointer<Int32>
    /// Bytes that hold every value of the record, when the reader knows such a span (a CSV row); `nil` otherwise.
    /// A batch copies a record with an extent in one piece.
    public let extent: UnsafeBufferPointer<UInt8>?
    /// What keeps the extent's bytes where they are, when they stay there while it lives (a mapped window of a
    /// file): a batch keeps it rather than copy the record. Unretained, like the rest of the view.
    public let extentOwner: Unmanaged<RecordBytesOwner>?
    /// Whether the reader said each path has one value, which then is not counted for each record.
    private let isOneValuePerPath: Bool

    /// Creates a view.
    ///
    /// - Parameters:
    ///   - file: the file as the user named it, valid as long as the view is.
    ///   - line: the line where the record starts.
    ///   - column: the column where the record starts, or 0.
    ///   - values: every value, grouped by path.
    ///   - pathStarts: where each path's values start in `values`; one more entry than there are paths.
    ///   - extent: bytes that hold every value, when the reader knows such a span.
    ///   - extentOwner: what keeps the extent's bytes in place while it lives, if anything does; the bytes must not
    ///     change once the record is handed over.
    ///   - oneValuePerPath: true when each path has one value (`pathStarts` are 0, 1, … the path count), as in a
    ///     CSV row; false when unknown.
    public init(
        file: UnsafePointer<String>, line: Int, column: Int = 0, values: UnsafeBufferPointer<RawValue>,
        pathStarts: UnsafeBufferPointer<Int32>, extent: UnsafeBufferPointer<UInt8>? = nil,
        extentOwner: Unmanaged<RecordBytesOwner>? = nil, oneValuePerPath: Bool = false
    ) {
        filePointer = file
        self.line = line
        self.column = column
        self.values = values
        self.pathStarts = pathStarts
        self.extent = extent
        self.extentOwner = extent == nil ? nil : extentOwner
        isOneValuePerPath = oneValuePerPath
    }

    /// How many paths the record has values for.
    public var pathCount: Int { pathStarts.count - 1 }

    /// The values of the path at `index`, in document order.
    public func values(ofPath index: Int) -> Slice<UnsafeBufferPointer<RawValue>> {
        values[Int(pathStarts[index])..<Int(pathStarts[index + 1])]
    }

    /// Every value of the record, path after path.
    public var allValues: UnsafeBufferPointer<RawValue> { values }

    /// Whether each path has exactly one value (as in a CSV row).
    public var hasOneValuePerPath: Bool {
        if isOneValuePerPath { return true }
        guard values.count == pathCount else { return false }
        for (path, start) in pathStarts.enumerated() where start != Int32(path) { return false }
        return true
    }

    /// Where the record starts.
    public var location: SourceLocation {
        SourceLocation(file: file, line: line, column: column > 0 ? column : nil)
    }

    /// Where a value is: its record's line and the value's column.
    public func location(of value: RawValue) -> SourceLocation {
        SourceLocation(file: file, line: line, column: value.column > 0 ? Int(value.column) : location.column)
    }

    /// A copy that owns its strings.
    public var record: RawRecord {
        RawRecord(
            location: location,
            values: (0..<pathCount).map { path in values(ofPath: path).map(\.string) },
            columns: (0..<pathCount).map { path in values(ofPath: path).first.map { Int($0.column) } ?? 0 }
        )
    }
}

/// One record with its values as strings: the owned form of a ``RawRecordView``, for tests and tools.
public struct RawRecord: Sendable, Hashable {
    /// Where the record starts.
    public var location: SourceLocation
    /// The values of each requested path, in the order the paths were requested.
    public var values: [[String]]
    /// The 1-based column of each path's first value on its line, or 0 when unknown.
    public var columns: [Int]

    /// Creates a record.
    public init(location: SourceLocation, values: [[String]], columns: [Int]? = nil) {
        self.location = location
        self.values = values
        self.columns = columns ?? Array(repeating: 0, count: values.count)
    }

    /// Lends the record as a view, as readers do.
    public func withView<Result>(_ body: (RawRecordView) throws -> Result) rethrows -> Result {
        var storage: [[UInt8]] = []
        var slots: [(path: Int, value: Int)] = []
        for (path, strings) in values.enumerated() {
            for string in strings {
                slots.append((path, storage.count))
                storage.append(Array(string.utf8))
            }
        }
        var arena: [UInt8] = storage.flatMap { $0 }
        var starts: [Int32] = [0]
        for path in values.indices {
            starts.append(starts[path] + Int32(values[path].count))
        }
        return try arena.withUnsafeMutableBufferPointer { arenaBuffer in
            var rawValues: [RawValue] = []
            var offset = 0
            for slot in slots {
                let length = storage[slot.value].count
                let column = columns.indices.contains(slot.path) ? Int32(columns[slot.path]) : 0
                rawValues.append(
                    RawValue(
                        bytes: UnsafeBufferPointer(rebasing: arenaBuffer[offset..<offset + length]), column: column))
                offset += length
            }
            return try rawValues.withUnsafeBufferPointer { valueBuffer in
                try starts.withUnsafeBufferPointer { startBuffer in
                    try withUnsafePointer(to: location.file) { file in
                        try body(
                            RawRecordView(
                                file: file, line: location.line, column: location.column ?? 0, values: valueBuffer,
                                pathStarts: startBuffer
                            ))
                    }
                }
            }
        }
    }
}

/// Memory that records lend their bytes from and that stays in place while this object lives: a mapped window of
/// a file. A ``RecordBatch`` keeps the owner of a record's extent, rather than copy the record.
///
/// Subclasses hold bytes that nobody writes once records in them are handed over, so that batches may read them
/// on another thread.
open class RecordBytesOwner: @unchecked Sendable {
    /// An owner; the subclass holds the bytes.
    public init() {}
}
