public import CityNetModel

/// How a CSV file is laid out.
public struct CSVOptions: Sendable, Hashable {
    /// The field separator, or `nil` to detect it from the first lines (`,` `;` TAB `|`).
    public var delimiter: UInt8?
    /// The quote character.
    public var quote: UInt8
    /// Whether the first row names the columns.
    public var header: Bool

    /// Creates options; the defaults detect the delimiter and expect a header with `"` quotes.
    public init(delimiter: UInt8? = nil, quote: UInt8 = UInt8(ascii: "\""), header: Bool = true) {
        self.delimiter = delimiter
        self.quote = quote
        self.header = header
    }
}

/// A column a mapping reads: by header name or by 1-based position, with where the mapping says so.
public struct CSVColumnReference: Sendable, Hashable {
    /// How the column is named.
    public enum Key: Sendable, Hashable {
        case name(String)
        case position(Int)
    }

    /// The header name or position.
    public var key: Key
    /// Where the pipeline file names it, for errors.
    public var mappedAt: SourceLocation?

    /// Creates a reference.
    public init(_ key: Key, mappedAt: SourceLocation? = nil) {
        self.key = key
        self.mappedAt = mappedAt
    }
}

/// What a CSV reader found out about a file, for the manifest.
public struct CSVDialect: Sendable, Hashable {
    /// The field separator used.
    public var delimiter: UInt8
    /// Whether the separator was detected rather than given.
    public var detected: Bool
    /// Whether the file started with a UTF-8 byte order mark.
    public var hadByteOrderMark: Bool

    /// The separator as text (`,`, `;`, `\t`, `|`).
    public var delimiterName: String {
        delimiter == 0x09 ? "\\t" : String(UnicodeScalar(delimiter))
    }
}
