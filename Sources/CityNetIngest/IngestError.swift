public import CityNetModel

/// Why a source could not be read at all.
///
/// Problems with single rows are not errors: they become ``CityNetModel/Reject``s and the source goes on.
public enum IngestError: DiagnosticError, Sendable, Hashable {
    /// The input file does not exist.
    case fileMissing(path: String)
    /// The input file exists but cannot be read.
    case unreadable(path: String, reason: String)
    /// The XML is not well-formed (or unsafe); libxml2's message.
    case malformedXML(SourceLocation, message: String)
    /// A mapping names a CSV column the header does not have.
    case missingColumn(name: String, header: String, suggestion: String?, mappedAt: SourceLocation?)
    /// A mapping names a column by an index beyond the row width.
    case columnOutOfRange(index: Int, width: Int, file: String, mappedAt: SourceLocation?)
    /// The CSV header has an empty or repeated name.
    case badHeader(SourceLocation, message: String)
    /// A row that cannot be read, in a source whose `on_bad_row` is `fail`.
    case badRow(SourceLocation, reason: String)
    /// A field path of an XML mapping cannot be parsed.
    case badPath(String, offset: Int, message: String, mappedAt: SourceLocation?)
    /// A file given as CSV is something else: compressed, an archive or workbook, a PDF or a web page.
    case notDelimitedText(path: String, looksLike: String)
    /// A file read as UTF-8 on the strength of its start turned out not to be UTF-8 further on; a reader opened
    /// with `checksEncodingWhileReading` throws it, and its caller reads the file again from the start.
    case notUTF8Further(path: String)

    public var diagnostic: Diagnostic {
        switch self {
        case .fileMissing(let path):
            Diagnostic(.error, "input file not found: \(path)", at: SourceLocation(file: path))
        case .unreadable(let path, let reason):
            Diagnostic(.error, "cannot read \(path): \(reason)", at: SourceLocation(file: path))
        case .malformedXML(let location, let message):
            Diagnostic(.error, "malformed XML: \(message)", at: location)
        case .missingColumn(let name, let header, let suggestion, let mappedAt):
            Diagnostic(
                .error,
                "column '\(name)' is not in the header of \(header)"
                    + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""),
                at: mappedAt
            )
        case .columnOutOfRange(let index, let width, let file, let mappedAt):
            Diagnostic(.error, "column \(index) is beyond the \(width) columns of \(file)", at: mappedAt)
        case .badHeader(let location, let message):
            Diagnostic(.error, message, at: location)
        case .badRow(let location, let reason):
            Diagnostic(.error, "bad row: \(reason) (the source's on_bad_row is fail)", at: location)
        case .badPath(let path, let offset, let message, let mappedAt):
            Diagnostic(.error, "invalid field path '\(path)': \(message)", at: mappedAt?.advanced(byColumns: offset))
        case .notDelimitedText(let path, let kind):
            Diagnostic(
                .error, "\(path) is not a CSV file: it looks like \(kind)", at: SourceLocation(file: path, line: 1))
        case .notUTF8Further(let path):
            Diagnostic(
                .error, "\(path) is valid UTF-8 at its start but not further on; read it again to detect its encoding",
                at: SourceLocation(file: path))
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .fileMissing: .inputMissing
        case .unreadable: .inputMissing
        case .malformedXML: .dataError
        case .badHeader, .badRow, .notUTF8Further, .notDelimitedText: .dataError
        case .missingColumn, .columnOutOfRange, .badPath: .configuration
        }
    }
}
