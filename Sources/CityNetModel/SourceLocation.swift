/// A place in an input or pipeline file: the path as the user wrote it, a 1-based line and, where known, a
/// 1-based column counted in Unicode scalars.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file as the user named it (relative paths stay relative so messages match what was typed).
    public var file: String
    /// The 1-based line, or 0 when the location names the whole file.
    public var line: Int
    /// The 1-based column, or `nil` when only the line is known.
    public var column: Int?

    /// Creates a location.
    public init(file: String, line: Int = 0, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, `file:line` or `file`, as compilers print them.
    public var description: String {
        guard line > 0 else { return file }
        guard let column else { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }

    /// The same place moved right by `offset` columns (used for positions inside a scalar).
    public func advanced(byColumns offset: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column.map { $0 + offset })
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column ?? 0) < (rhs.file, rhs.line, rhs.column ?? 0)
    }
}
