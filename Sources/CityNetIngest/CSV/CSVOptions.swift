public import CityNetModel

/// How a CSV file is laid out. Everything left `nil` is detected from the file.
public struct CSVOptions: Sendable, Hashable {
    /// What to do with a row that cannot be read.
    public enum BadRowPolicy: String, Sendable, Hashable {
        /// Reject it (it goes to `rejects.csv`) and go on.
        case reject
        /// Stop reading the source with an error.
        case fail
    }

    /// The field separator, or `nil` to detect it (`,` `;` TAB `|`).
    public var delimiter: UInt8?
    /// The quote character, or `nil` to detect it (`"` or `'`).
    public var quote: UInt8?
    /// Whether the table has a header row, or `nil` to detect it.
    public var header: Bool?
    /// The 1-based line of the header, or `nil` to take the first line that has the table's width.
    public var headerLine: Int?
    /// Lines to skip before anything else (a preamble).
    public var skipRows: Int
    /// A character that starts comment lines, which are skipped.
    public var comment: UInt8?
    /// Whether, when ``comment`` is `nil`, lines starting with `#` are taken for comments when the file begins
    /// with one (and it is not a header).
    public var detectsComments: Bool
    /// A character that escapes a quote inside quoted fields (`\`), or `nil` to detect a backslash.
    public var escape: UInt8?
    /// Whether, when ``escape`` is `nil`, a backslash before quotes is detected.
    public var detectsEscape: Bool
    /// Whether spaces and tabs around values are removed.
    public var trim: Bool
    /// Values that mean "no value" besides the empty string (`NA`, `n/a`), compared exactly.
    public var nullValues: [String]
    /// The encoding, or `nil` to detect it.
    public var encoding: TextEncoding?
    /// What happens to a row that cannot be read.
    public var onBadRow: BadRowPolicy

    /// Creates options; the defaults detect everything.
    public init(
        delimiter: UInt8? = nil, quote: UInt8? = nil, header: Bool? = nil, headerLine: Int? = nil, skipRows: Int = 0,
        comment: UInt8? = nil, detectsComments: Bool = true, escape: UInt8? = nil, detectsEscape: Bool = true,
        trim: Bool = false, nullValues: [String] = [], encoding: TextEncoding? = nil, onBadRow: BadRowPolicy = .reject
    ) {
        self.delimiter = delimiter
        self.quote = quote
        self.header = header
        self.headerLine = headerLine
        self.skipRows = skipRows
        self.comment = comment
        self.detectsComments = detectsComments
        self.escape = escape
        self.detectsEscape = detectsEscape
        self.trim = trim
        self.nullValues = nullValues
        self.encoding = encoding
        self.onBadRow = onBadRow
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

/// How a CSV file was read, for the manifest and `citynet inspect`: what was given and what was detected.
public struct CSVDialect: Sendable, Hashable {
    /// The field separator.
    public var delimiter: UInt8
    /// The quote character.
    public var quote: UInt8
    /// The character that escapes quotes inside quoted fields, when the file has one (`\`).
    public var escape: UInt8?
    /// Whether the file has a header row.
    public var hasHeader: Bool
    /// The 1-based line of the header (or of the first data row without one).
    public var headerLine: Int
    /// The encoding and how it was decided.
    public var encoding: EncodingDecision
    /// Whether the delimiter, quote and header were detected rather than given.
    public var detected: Bool

    /// The separator as text (`,`, `;`, `\t`, `|`).
    public var delimiterName: String {
        delimiter == 0x09 ? "\\t" : String(UnicodeScalar(delimiter))
    }

    /// The quote as text.
    public var quoteName: String { String(UnicodeScalar(quote)) }

    /// The escape as text, if there is one.
    public var escapeName: String? { escape.map { String(UnicodeScalar($0)) } }
}
