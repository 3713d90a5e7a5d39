/// One record as a reader found it: the values of each requested path, before any interpretation.
///
/// Readers are given the list of paths (CSV headers or XML field paths) a source maps, and fill `values`
/// in that order; a path may have several values (repeated XML elements) or none.
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

    /// The location of the value of the path at `index`, as precise as the reader knew it.
    public func location(ofPath index: Int) -> SourceLocation {
        let column = columns.indices.contains(index) ? columns[index] : 0
        guard column > 0 else { return location }
        return SourceLocation(file: location.file, line: location.line, column: column)
    }
}
