public import CityNetModel
import Glibc

/// A streaming CSV reader over bytes that reads the files people really send, and says what it did.
///
/// It converts any supported encoding to UTF-8 as it reads, detects what the options leave open (encoding,
/// delimiter, quote, title lines above the table, whether there is a header), and hands each record over as a
/// ``CityNetModel/RawRecordView`` whose values point into its buffer. Every deviation from a plain reading — an
/// encoding fallback, skipped title lines, a renamed header — is a warning in ``warnings``; every row that
/// cannot be read becomes a ``CityNetModel/Reject`` with its physical line and column.
public final class CSVReader {
    private static let chunkSize = 1 << 20
    private static let sampleSize = 1 << 16
    /// Lines in a row that cannot be read as the header before the file is given up as unreadable.
    private static let unreadableHeaderLimit = 3

    private let file: ByteFile
    private var source: UTF8Source
    /// Where the lines replaced by their content so far end, when the file's lines are quoted whole
    /// (``WholeLineQuoting``); `nil` for any other file.
    private var unwrappedEnd: Int?
    private let tokenizer: CSVTokenizer
    private let options: CSVOptions
    private let nullValues: [[UInt8]]
    private let validatesUTF8: Bool
    private var buffer: [UInt8] = []
    private var position = 0
    private var line = 1
    private var atEnd = false
    private var spans = ContiguousArray<FieldSpan>()
    private var footer = FooterWatch()
    /// The header's names as it writes them (trimmed, before any is renamed), to recognise the header repeated
    /// below it where files were joined; empty when the file has no header.
    private let headerValues: [[UInt8]]
    /// Bit `n` is set when a header name is `n` bytes long (names shorter than 64 bytes), if the header has three
    /// or more names and no two alike, so that it can be recognised repeated in another order; a row whose first
    /// value has none of these lengths is no such header, and is looked at no further.
    private let reorderableNameLengths: UInt64
    /// A comment character the reader found rather than was given: below the header, a line that starts with it
    /// and has the table's width is a row.
    private let detectedComment: UInt8?
    /// Rows read with a repair, and lines skipped, by kind, with their count and first lines; reported at the end.
    private var repairs: [Repair: (count: Int, lines: [Int])] = [:]

    /// What reading rows repaired or skipped.
    private enum Repair: CaseIterable {
        case trailingDelimiter
        case linesOfSpaces
        case linesOfNULs
        case commentLines
        case rowsLikeComments
        case emptyRows
        case footerNotes
        case nulBytes
        case repeatedHeader
        case reorderedHeader
        case otherDelimiterHeader
        case ruleRows
        case totalsRows
        case joinedByteOrderMark
    }

    /// Notes below a table, as reports exported from spreadsheets have them (`Source: UNESCO,,`): rows with a
    /// value in the first column only, or shorter than the table's, after a blank line or an empty row or from one
    /// that starts like a note (`Source:`), are held back until a row of the table follows (they were rows after
    /// all, and are read as such) or the table ends (from the first that starts like a note on, they were notes,
    /// and are skipped with a warning; the others are rows).
    private struct FooterWatch {
        /// Whether a row of the table has been read.
        var hasRows = false
        /// Whether a blank line or an empty row came after the last row of the table.
        var separated = false
        /// The rows held back.
        var held: [HeldRow] = []
        /// The first note skipped, for the warning.
        var firstNote: String?
        /// Whether rows are held back at all (not while held rows are read again).
        var holdsRows = true
        /// A row that repeats the header, held back until a row follows it (files were joined: it is skipped) or
        /// the file ends (it was a row, as the last entry of a codebook may be).
        var repeatedHeader: HeldRow?
        /// The header repeated above these rows, where files were joined, which says how they are read: split by
        /// its delimiter, of its width, in its order; `nil` under the file's own header.
        var layout: RepeatedHeader?
        /// The lines of the last rows read, when they start like totals of the rows above them (`TOTAL`,
        /// `Grand Total`, `Insgesamt`): reported when the table ends with them.
        var totals: [Int] = []
        /// Whether a block of rows that might be notes grew beyond ``limit``: its rows are rows, up to the next
        /// row of another shape.
        var overflowed = false

        /// At most this many rows are held back: a longer block is part of the table.
        static let limit = 50
    }

    /// A row held back by a ``FooterWatch``: its first line, its bytes up to and including its line end, the
    /// text of its first value, and whether it is a line of one value that reads as a note
    /// (``CSVReader/readsAsNote(_:)``).
    private struct HeldRow {
        var line: Int
        var bytes: [UInt8]
        var value: String
        var isLineOfText = false
    }

    /// A row that repeats the header (files were joined there), and how the rows below it are read.
    private struct RepeatedHeader {
        /// Where each of the header's columns is in the rows below: -1 for a column they lack.
        var order: [Int]
        /// Whether ``order`` is the header's own (the rows need no reordering).
        var isInOrder: Bool
        /// How many fields the rows below have.
        var width: Int
        /// How they are split, when not by the file's own delimiter.
        var tokenizer: CSVTokenizer?
        /// The names it has beyond the header's, and the header's names it lacks.
        var added: [String] = []
        var leftOut: [String] = []
        /// Bit `n` is set when one of its names is `n` bytes long.
        var nameLengths: UInt64 = 0
    }

    /// How the file is read.
    public let dialect: CSVDialect
    /// The column names: the header's, trimmed, with empty names replaced by `column_N` and repeated names
    /// numbered (`name_2`); `column_1`… when the file has no header.
    public let header: [String]
    /// What the reader had to decide or repair, as warnings located in the file.
    public private(set) var warnings: [Diagnostic] = []
    /// Data rows read so far, good and bad.
    public private(set) var rowsRead = 0

    private var displayPath: String { file.displayPath }

    /// The file's size and SHA-256, once every record has been read, when the reader was asked to hash the file;
    /// `nil` before the end or otherwise.
    public var fingerprint: FileFingerprint? { file.fingerprint }

    /// Opens a file, works out its layout as far as the options leave open, and reads the header; `progress`, if
    /// given, follows how far the reading has got.
    ///
    /// With `checksEncodingWhileReading`, a file of undeclared encoding whose first 64 KiB are UTF-8 is read as
    /// UTF-8 straight away and checked as it is read, instead of being read once whole to check it first; should
    /// it turn out not to be UTF-8, reading throws ``IngestError/notUTF8Further(path:)`` and the caller reads the
    /// file again without the option (which then falls back to Windows-1252 with a warning).
    ///
    /// With `hashesContent`, the reader computes the file's SHA-256 from the bytes it reads (``fingerprint``),
    /// so that nothing has to read the file a second time for it.
    ///
    /// - Throws: ``IngestError`` when the file is missing or unreadable.
    public init(
        path: String, displayPath: String, options: CSVOptions = CSVOptions(), progress: ReadProgress? = nil,
        checksEncodingWhileReading: Bool = false, hashesContent: Bool = false
    ) throws(IngestError) {
        let file = try ByteFile(
            path: path, displayPath: displayPath, progress: progress, hashesContent: hashesContent)
        self.file = file
        self.options = options
        nullValues = options.nullValues.map { Array($0.utf8) }
        var sample: [UInt8] = []
        _ = try file.read(at: 0, appendingTo: &sample, count: Self.sampleSize)
        if let kind = Self.nonTextKind(sample) { throw .notDelimitedText(path: displayPath, looksLike: kind) }
        let decision = try EncodingDetector.decide(
            declared: options.encoding, file: file, sample: sample, checksWhileReading: checksEncodingWhileReading)
        if [.utf8, .windows1252, .latin1].contains(decision.encoding), Self.looksBinary(sample) {
            throw .notDelimitedText(path: displayPath, looksLike: "binary data (control bytes no text has)")
        }
        validatesUTF8 = decision.encoding == .utf8 && !decision.detected
        var warnings: [Diagnostic] = []
        if let fallback = decision.fallback {
            warnings.append(
                Diagnostic(
                    .warning,
                    "not valid UTF-8 (byte 0x\(String(fallback.byte, radix: 16, uppercase: true))); \(decision.fallbackReading)",
                    at: SourceLocation(file: displayPath, line: fallback.line, column: fallback.column)
                ))
        }
        var source = UTF8Source(file: file, decision: decision)
        var buffer: [UInt8] = []
        var atEnd = false
        try Self.fill(&buffer, from: &source, atLeast: Self.sampleSize * 4, atEnd: &atEnd)
        if atEnd, Self.dropEndOfFileMark(&buffer) { warnings.append(Self.endOfFileMarkWarning(displayPath)) }
        // A file read whole whose last line has no line end gets one, so that the layout is worked out from every
        // line (a file of one header line, say); the rows read the same either way.
        if atEnd, let last = buffer.last, last != 0x0A, last != 0x0D { buffer.append(0x0A) }

        var position = 0
        var line = 1
        Self.skipLines(options.skipRows, in: buffer, position: &position, line: &line)
        if let headerLine = options.headerLine, headerLine > line {
            Self.skipLines(headerLine - line, in: buffer, position: &position, line: &line)
        }
        var declaredDelimiter = options.delimiter
        if declaredDelimiter == nil,
            let hint = buffer.withUnsafeBufferPointer({ CSVSniffer.separatorHint(in: $0, from: position) })
        {
            declaredDelimiter = hint.delimiter
            warnings.append(
                Diagnostic(
                    .warning,
                    "line \(line) is Excel's separator hint (sep=\(Self.text(hint.delimiter))): the file is read with that delimiter and the line skipped",
                    at: SourceLocation(file: displayPath, line: line)))
            (position, line) = (hint.next, line + 1)
        }
        var unwrappedEnd: Int?
        if options.quote == nil,
            buffer.withUnsafeBufferPointer({
                WholeLineQuoting.isQuotedWhole(
                    Self.sample(of: $0, from: position), atEnd: atEnd && buffer.count - position <= Self.sampleSize)
            })
        {
            unwrappedEnd = WholeLineQuoting.unwrap(&buffer, from: position, atEnd: atEnd)
            warnings.append(
                Diagnostic(
                    .warning,
                    "every line is quoted whole, as one value that holds the line (\"1,\"\"a, b\"\",3\"): each is read as the line inside its quotes, with its doubled quotes undoubled, and columns count from the first character inside; set quote: '\"' to read each line as one value",
                    at: SourceLocation(file: displayPath, line: line)))
        }
        let sampleEnd = min(buffer.count, position + Self.sampleSize)
        let (delimiter, quoting, records) = buffer.withUnsafeBufferPointer { bytes in
            let sample = UnsafeBufferPointer(rebasing: bytes[position..<sampleEnd])
            let quote =
                options.quote ?? CSVSniffer.quote(in: sample, delimiter: declaredDelimiter, comment: options.comment)
            let comment =
                options.comment
                ?? (options.detectsComments
                    && CSVSniffer.hashComments(in: sample, quote: quote, delimiter: declaredDelimiter)
                    ? UInt8(ascii: "#") : nil)
            let quoting = CSVSniffer.extendedQuoting(
                in: sample, CSVSniffer.Quoting(quote: quote, comment: comment, escape: options.escape),
                delimiter: declaredDelimiter, detectsEscape: options.detectsEscape)
            let named = displayPath.lowercased()
            let delimiter =
                declaredDelimiter
                ?? CSVSniffer.delimiter(
                    in: sample, quoting: quoting,
                    preferring: named.hasSuffix(".tsv") || named.hasSuffix(".tab") ? 0x09 : nil)
            let records = CSVSniffer.records(in: sample, delimiter: delimiter, quoting: quoting)
            return (delimiter, quoting, records)
        }
        let quote = quoting.quote
        warnings += Self.detectionNotes(
            delimiter: declaredDelimiter == nil ? delimiter : nil, quoting: quoting, options: options
        ).map { Diagnostic(.warning, $0, at: SourceLocation(file: displayPath, line: line)) }
        let tokenizer = quoting.tokenizer(delimiter: delimiter)
        self.tokenizer = tokenizer.forRows(keepingComment: options.comment != nil)
        detectedComment = options.comment == nil ? quoting.comment : nil
        let width = CSVSniffer.tableWidth(of: records.map(\.width))?.value ?? 1

        // Title lines above the table: fewer fields than the table's rows, or a first field followed by empty
        // ones. Rows that end with a delimiter (and a header that does not) count without the empty field.
        let rowWidth =
            CSVSniffer.tableWidth(of: records.map { $0.width - ($0.endsWithDelimiter ? 1 : 0) })?.value ?? 1
        let preamble =
            options.headerLine != nil
            ? 0
            : buffer.withUnsafeBufferPointer { bytes in
                Self.titleLines(
                    bytes, from: position, line: line, records: records, width: rowWidth, tokenizer: tokenizer,
                    atEnd: atEnd)
            }
        var spans = ContiguousArray<FieldSpan>()
        var skippedLines: [Int] = []
        var skippedOneValueEach = true
        Self.skipRecords(
            preamble, in: buffer, position: &position, line: &line, atEnd: atEnd, tokenizer: tokenizer, spans: &spans
        ) { recordLine, spans in
            skippedLines.append(recordLine)
            skippedOneValueEach = skippedOneValueEach && spans.dropFirst().allSatisfy { $0.start == $0.end }
        }
        // The warning about title lines is written once the header says how many columns the table has.
        let titleWarning = warnings.count

        let candidate = records.first { $0.line >= line }
        var hasHeader = true
        if let declared = options.header {
            hasHeader = declared
        } else if options.headerLine != nil {
            hasHeader = true
        } else if let candidate {
            let verdict = buffer.withUnsafeBufferPointer { bytes in
                CSVSniffer.headerVerdict(
                    in: Self.sample(of: bytes, from: position),
                    from: 0, line: line, tokenizer: tokenizer)
            }
            hasHeader = verdict.isHeader
            if hasHeader, !verdict.reason.isEmpty {
                warnings.append(
                    Diagnostic(
                        .warning,
                        "line \(candidate.line) is read as the header (\(verdict.reason)); set header: false if it is data",
                        at: SourceLocation(file: displayPath, line: candidate.line)))
            }
            if !hasHeader {
                warnings.append(
                    Diagnostic(
                        .warning,
                        "line \(candidate.line) reads as data, not a header (\(verdict.reason)): the columns are named column_1, column_2 and so on (set header: true if it is a header)",
                        at: SourceLocation(file: displayPath, line: candidate.line)))
            }
        } else if buffer.withUnsafeBufferPointer({
            Self.holdsNoRecord($0, from: position, atEnd: atEnd, tokenizer: tokenizer)
        }) {
            warnings.append(
                Diagnostic(
                    .warning, "the file has no header and no rows: it is empty or holds only blank or comment lines",
                    at: SourceLocation(file: displayPath, line: line)))
        }
        var names: [String] = []
        var headerLine = candidate?.line ?? line
        if hasHeader {
            var columns: [Int32] = []
            var unreadableHeaderLines = 0
            readHeader: while true {
                let result = buffer.withUnsafeBufferPointer { bytes in
                    tokenizer.scan(bytes, from: position, line: line, atEnd: atEnd, spans: &spans)
                }
                switch result {
                case .record(let recordLine, let next, let nextLine):
                    headerLine = recordLine
                    names = buffer.withUnsafeBufferPointer { bytes in
                        spans.map { Self.fieldText(bytes, $0, tokenizer: tokenizer) }
                    }
                    let padded = buffer.withUnsafeBufferPointer { bytes in
                        spans.indices.filter { column in
                            String(decoding: bytes[spans[column].start..<spans[column].end], as: UTF8.self)
                                .unicodeScalars.contains { $0.value == 0 || $0.value == 0xFEFF }
                        }
                    }
                    if let first = padded.first {
                        warnings.append(
                            Diagnostic(
                                .warning,
                                "header column\(padded.count == 1 ? "" : "s") \(padded.map { String($0 + 1) }.joined(separator: ", ")): NUL bytes or a byte order mark (U+FEFF) around the name left out ('\(names[first])')",
                                at: SourceLocation(
                                    file: displayPath, line: recordLine, column: Int(spans[first].column))))
                    }
                    columns = spans.map(\.column)
                    (position, line) = (next, nextLine)
                    break readHeader
                case .skipped(let next, let nextLine):
                    (position, line) = (next, nextLine)
                case .bad(let problem, _, let next, let nextLine):
                    unreadableHeaderLines += 1
                    guard unreadableHeaderLines < Self.unreadableHeaderLimit else {
                        throw .badHeader(
                            SourceLocation(file: displayPath, line: problem.line, column: problem.column),
                            message:
                                "no header: \(Self.unreadableHeaderLimit) lines in a row cannot be read (\(problem.reason)) with the delimiter '\(Self.text(delimiter))' and the quote \(Self.text(quote)); citynet inspect shows what was detected, and the pipeline's csv options can say otherwise"
                        )
                    }
                    warnings.append(
                        Diagnostic(
                            .warning,
                            "the header line cannot be read (\(problem.reason)); the next line is taken as the header",
                            at: SourceLocation(file: displayPath, line: problem.line, column: problem.column)
                        ))
                    (position, line) = (next, nextLine)
                case .needMore, .end:
                    break readHeader
                }
            }
            let block =
                options.headerLine != nil
                ? nil
                : buffer.withUnsafeBufferPointer { bytes in
                    CSVSniffer.headerBlock(
                        in: Self.sample(of: bytes, from: position),
                        from: 0, line: line, tokenizer: tokenizer, unnamed: names.indices.filter { names[$0].isEmpty })
                }
            if let block, let first = block.lines.first, let last = block.lines.last {
                Self.skipRecords(
                    block.lines.count, in: buffer, position: &position, line: &line, atEnd: atEnd,
                    tokenizer: tokenizer, spans: &spans
                ) { _, _ in }
                let lines = first == last ? "line \(first)" : "lines \(first)-\(last)"
                warnings.append(
                    Diagnostic(
                        .warning,
                        "skipped \(lines) below the header as more of it (units, dates, a series' metadata, hashtags, answer options or import ids: '\(block.value)' in column \(block.column) is not like the values below); set header_line to read them as rows",
                        at: SourceLocation(file: displayPath, line: first)))
            } else if options.headerLine == nil,
                let second = buffer.withUnsafeBufferPointer({ bytes in
                    CSVSniffer.secondHeader(
                        in: Self.sample(of: bytes, from: position),
                        from: 0, line: line, tokenizer: tokenizer)
                })
            {
                warnings.append(
                    Diagnostic(
                        .warning,
                        "line \(second.line), below the header, reads like a second header ('\(second.word)' in column \(second.column) above numbers, and words above the numbers of other columns): read as a row (units under the header?); if it is the header, set header_line: \(second.line)",
                        at: SourceLocation(file: displayPath, line: second.line)))
            }
            let below = records.filter { $0.line > headerLine }
            let widthBelow = CSVSniffer.tableWidth(of: below.map(\.width))?.value
            let rowsEndAlike =
                widthBelow == names.count && below.filter { $0.width == names.count }.allSatisfy(\.endsWithDelimiter)
            if names.count > 1, names.last == "", widthBelow == names.count - 1 || rowsEndAlike {
                // A delimiter at the end of the header names no column, whether the rows lack it or end with one
                // too (then each row is read without the empty field after it, as a row of values that ends with
                // a delimiter is).
                names.removeLast()
                warnings.append(
                    Diagnostic(
                        .warning,
                        rowsEndAlike
                            ? "the header and its rows end with a delimiter; the empty column it would add is left out"
                            : "the header ends with a delimiter that its rows do not have; the empty column it would add is left out",
                        at: SourceLocation(file: displayPath, line: headerLine)))
            }
            headerValues = names.map { Array($0.utf8) }
            reorderableNameLengths =
                names.count >= 3 && Set(names).count == names.count
                ? headerValues.reduce(0) { $0 | ($1.count < 64 ? 1 << $1.count : 0) } : 0
            names = Self.uniqueNames(names, columns: columns, line: headerLine, file: displayPath, warnings: &warnings)
        } else {
            headerValues = []
            reorderableNameLengths = 0
            names = (1...max(width, 1)).map { "column_\($0)" }
        }
        header = names
        if let first = skippedLines.first, let last = skippedLines.last {
            let lines = first == last ? "line \(first)" : "lines \(first)-\(last)"
            warnings.insert(
                Diagnostic(
                    .warning,
                    "skipped \(lines) above the table: \(skippedLines.count == 1 ? "a title line" : "title lines") with \(skippedOneValueEach ? "one value" : "fewer values"), not the table's \(names.count) columns",
                    at: SourceLocation(file: displayPath, line: first)),
                at: titleWarning)
        }
        dialect = CSVDialect(
            delimiter: delimiter, quote: quote, escape: quoting.escape, hasHeader: hasHeader, headerLine: headerLine,
            encoding: decision, detected: options.delimiter == nil || options.quote == nil || options.header == nil
        )
        self.position = position
        self.line = line
        self.warnings = warnings
        self.buffer = buffer
        self.atEnd = atEnd
        self.source = source
        self.unwrappedEnd = unwrappedEnd
    }

    /// The 0-based positions of the columns a mapping reads.
    ///
    /// - Throws: ``IngestError/missingColumn(name:header:suggestion:mappedAt:)`` naming the closest header, or
    ///   ``IngestError/columnOutOfRange(index:width:file:mappedAt:)``.
    public func positions(of columns: [CSVColumnReference]) throws(IngestError) -> [Int] {
        var positions: [Int] = []
        for column in columns {
            switch column.key {
            case .name(let name):
                if let index = header.firstIndex(of: name) {
                    positions.append(index)
                } else if let index = header.firstIndex(where: {
                    TextFolding.compactKey($0) == TextFolding.compactKey(name)
                }) {
                    positions.append(index)
                } else {
                    throw .missingColumn(
                        name: name, header: displayPath, suggestion: TextFolding.closest(to: name, among: header),
                        mappedAt: column.mappedAt
                    )
                }
            case .position(let index):
                guard index >= 1, index <= header.count else {
                    throw .columnOutOfRange(
                        index: index, width: header.count, file: displayPath, mappedAt: column.mappedAt)
                }
                positions.append(index - 1)
            }
        }
        return positions
    }

    /// Reads every remaining row, handing each good one over as a view of the given columns and each bad one as
    /// a reject.
    ///
    /// - Parameters:
    ///   - columns: 0-based positions, from ``positions(of:)``; the view's path `i` is `columns[i]`.
    ///   - source: the source's name, for rejects.
    ///   - onRecord: called with each good row; the view is valid only during the call.
    ///   - onReject: called with each row that cannot be read (under `on_bad_row: reject`).
    /// - Throws: ``IngestError`` when the file cannot be read or a row is bad under `on_bad_row: fail`, or what
    ///   the callbacks throw.
    public func forEachRecord(
        columns: [Int], source: String, onRecord: (RawRecordView) throws -> Void, onReject: (Reject) throws -> Void
    ) throws {
        // The reader's state lives in locals while it scans, and the buffer is held once per chunk: a stored
        // property of a class is checked for exclusive access at run time on every use, several times per row.
        var spans = ContiguousArray<FieldSpan>()
        swap(&spans, &self.spans)
        var footer = FooterWatch()
        swap(&footer, &self.footer)
        var (position, line, rowsRead) = (self.position, self.line, self.rowsRead)
        defer {
            swap(&spans, &self.spans)
            swap(&footer, &self.footer)
            (self.position, self.line, self.rowsRead) = (position, line, rowsRead)
        }
        let scanner = RowScanner(
            reader: self, columns: columns, source: source, starts: (0...columns.count).map(Int32.init))
        while true {
            let atEnd = atEnd
            let needsMore = try buffer.withUnsafeMutableBufferPointer { bytes in
                try scanner.scan(
                    bytes, atEnd: atEnd, position: &position, line: &line, rowsRead: &rowsRead, spans: &spans,
                    footer: &footer, onRecord: onRecord, onReject: onReject)
            }
            guard needsMore else {
                reportRepairs(footerNote: footer.firstNote)
                return
            }
            self.position = position
            try refill()
            position = self.position
        }
    }

    /// Counts a repaired row or a skipped line.
    private func note(_ repair: Repair, line: Int) {
        var entry = repairs[repair] ?? (0, [])
        entry.count += 1
        if entry.lines.count < 5 { entry.lines.append(line) }
        repairs[repair] = entry
    }

    /// Warns of each kind of repaired row and skipped line, at the first of them, listing the first few;
    /// `footerNote` is the first note skipped below the table.
    private func reportRepairs(footerNote: String?) {
        if source.replacedUnits > 0 {
            let count = source.replacedUnits
            warnings.append(
                Diagnostic(
                    .warning,
                    "\(count) code unit\(count == 1 ? " is" : "s are") no Unicode character (an unpaired surrogate, or an odd byte at the end of UTF-16): read as U+FFFD (\u{FFFD})",
                    at: SourceLocation(file: displayPath)))
        }
        for repair in Repair.allCases {
            guard let (count, lines) = repairs[repair], let first = lines.first else { continue }
            let listed = lines.map(String.init).joined(separator: ", ") + (count > lines.count ? "…" : "")
            let message =
                switch repair {
                case .trailingDelimiter:
                    "\(count) row\(count == 1 ? " ends" : "s end") with a delimiter beyond the header's \(header.count) columns; read without the empty field after it"
                case .linesOfSpaces:
                    "\(count) line\(count == 1 ? " holds" : "s hold") only spaces or tabs: skipped as blank (line\(count == 1 ? "" : "s") \(listed))"
                case .linesOfNULs:
                    "\(count) line\(count == 1 ? " holds" : "s hold") only NUL bytes: skipped (line\(count == 1 ? "" : "s") \(listed))"
                case .emptyRows:
                    "\(count) row\(count == 1 ? " holds" : "s hold") only empty fields (line\(count == 1 ? "" : "s") \(listed))"
                case .footerNotes:
                    "\(count) line\(count == 1 ? "" : "s") below the table \(count == 1 ? "reads" : "read") as notes, not rows: skipped (line\(count == 1 ? "" : "s") \(listed); \(footerNote.map { "'\($0)'" } ?? ""))"
                case .joinedByteOrderMark:
                    "\(count) row\(count == 1 ? " starts" : "s start") with a byte order mark (U+FEFF), as where files were joined: left out of the first value (line\(count == 1 ? "" : "s") \(listed))"
                case .repeatedHeader:
                    "\(count) row\(count == 1 ? " repeats" : "s repeat") the header, as where files were joined: skipped (line\(count == 1 ? "" : "s") \(listed))"
                case .totalsRows:
                    "the table ends with \(count) row\(count == 1 ? " that starts" : "s that start") like a total of the rows above (Total, Grand total, Insgesamt…): read as \(count == 1 ? "a row" : "rows"), as written; leave \(count == 1 ? "it" : "them") out before adding up (line\(count == 1 ? "" : "s") \(listed))"
                case .ruleRows:
                    "\(count) row\(count == 1 ? " is a rule" : "s are rules") of dashes, as database tools print under a header (-----,-----): skipped (line\(count == 1 ? "" : "s") \(listed))"
                case .otherDelimiterHeader:
                    "\(count) row\(count == 1 ? " repeats" : "s repeat") the header with another delimiter, as where files of two locales were joined: skipped, and the rows below \(count == 1 ? "it" : "each") split by that delimiter (line\(count == 1 ? "" : "s") \(listed))"
                case .reorderedHeader:
                    "\(count) row\(count == 1 ? " repeats" : "s repeat") the header's names in another order, as where files were joined: skipped, and the rows below \(count == 1 ? "it" : "each") read by name (line\(count == 1 ? "" : "s") \(listed))"
                case .nulBytes:
                    "\(count) row\(count == 1 ? " holds" : "s hold") NUL bytes (0x00) in \(count == 1 ? "its" : "their") values, which no text has: read with them (line\(count == 1 ? "" : "s") \(listed))"
                case .rowsLikeComments:
                    "\(count) row\(count == 1 ? "" : "s") below the header start\(count == 1 ? "s" : "") with \(detectedComment.map(Self.text) ?? "#"), as the comments above it do, and \(count == 1 ? "has" : "have") the table's \(header.count) fields: read as row\(count == 1 ? "" : "s") (line\(count == 1 ? "" : "s") \(listed))"
                case .commentLines:
                    "\(count) line\(count == 1 ? "" : "s") below the header start\(count == 1 ? "s" : "") with \(detectedComment.map(Self.text) ?? "#") and \(count == 1 ? "does" : "do") not have the table's \(header.count) fields: skipped as comment\(count == 1 ? "" : "s") (line\(count == 1 ? "" : "s") \(listed))"
                }
            warnings.append(Diagnostic(.warning, message, at: SourceLocation(file: displayPath, line: first)))
        }
    }

    /// What a record of the wrong width is when it is no row at all: a line of spaces, of NUL bytes, or a comment
    /// (when comments were detected); `nil` for a bad row.
    private func skippedLine(_ spans: ContiguousArray<FieldSpan>, in bytes: UnsafeBufferPointer<UInt8>, start: Int)
        -> Repair?
    {
        if let detectedComment, bytes[start] == detectedComment { return .commentLines }
        guard spans.count == 1, spans[0].start < spans[0].end else { return nil }
        let value = bytes[spans[0].start..<spans[0].end]
        if value.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .linesOfSpaces }
        if value.allSatisfy({ $0 == 0 || $0 == 0x20 || $0 == 0x09 }) { return .linesOfNULs }
        return nil
    }

    /// Reads the rows of one buffer for ``forEachRecord(columns:source:onRecord:onReject:)``.
    private struct RowScanner {
        let reader: CSVReader
        let columns: [Int]
        let source: String
        /// Path starts of a row's view: one value per column.
        let starts: [Int32]

        /// Scans rows from `position` until the buffer needs more (returns true) or the file ends (false).
        func scan(
            _ bytes: UnsafeMutableBufferPointer<UInt8>, atEnd: Bool, position: inout Int, line: inout Int,
            rowsRead: inout Int, spans: inout ContiguousArray<FieldSpan>, footer: inout FooterWatch,
            onRecord: (RawRecordView) throws -> Void, onReject: (Reject) throws -> Void
        ) throws -> Bool {
            let reader = reader
            let headerWidth = reader.header.count
            let path = reader.displayPath
            var values = [RawValue](
                repeating: RawValue(bytes: UnsafeBufferPointer(start: nil, count: 0)), count: columns.count)
            let readable = UnsafeBufferPointer(bytes)
            // NUL bytes are no text, yet some exports hold them in values; rows that do are read with them, and
            // listed. Looked for once per buffer, and row by row only in a buffer that has one.
            let hasNUL = readable.baseAddress.map { memchr($0, 0, readable.count) != nil } ?? false
            // A row's fields in the header's order, below a header repeated in another.
            var reordered = ContiguousArray<FieldSpan>()
            while true {
                let tokenizer = footer.layout?.tokenizer ?? reader.tokenizer
                let result = tokenizer.scan(readable, from: position, line: line, atEnd: atEnd, spans: &spans)
                switch result {
                case .end:
                    try endTable(&footer, rowsRead: &rowsRead, onRecord: onRecord, onReject: onReject)
                    if let header = footer.repeatedHeader {
                        // No row follows it: it was a row, read as written.
                        footer.repeatedHeader = nil
                        footer.layout = nil
                        footer.held = [header]
                        try release(&footer, rowsRead: &rowsRead, onRecord: onRecord, onReject: onReject)
                    }
                    return false
                case .needMore:
                    return true
                case .skipped(let next, let nextLine):
                    if footer.hasRows, readable[position] == 0x0A || readable[position] == 0x0D {
                        footer.separated = true
                    }
                    (position, line) = (next, nextLine)
                case .bad(let problem, let excerptStart, let next, let nextLine):
                    confirmRepeatedHeader(&footer)
                    try release(&footer, rowsRead: &rowsRead, onRecord: onRecord, onReject: onReject)
                    rowsRead += 1
                    (position, line) = (next, nextLine)
                    try reader.report(
                        Reject(
                            source: source,
                            location: SourceLocation(file: path, line: problem.line, column: problem.column),
                            field: "", value: CSVReader.excerpt(readable, from: excerptStart), reason: problem.reason
                        ), onReject)
                case .record(let recordLine, let next, let nextLine):
                    rowsRead += 1
                    let width = footer.layout?.width ?? headerWidth
                    let start = position
                    (position, line) = (next, nextLine)
                    confirmRepeatedHeader(&footer)
                    var rowStart = start
                    if spans[0].end - spans[0].start >= 3, readable[spans[0].start] == 0xEF,
                        readable[spans[0].start + 1] == 0xBB, readable[spans[0].start + 2] == 0xBF
                    {
                        // The byte order mark of a file joined to this one, at the start of a row: no part of it.
                        spans[0].start += 3
                        rowStart = spans[0].start
                        reader.note(.joinedByteOrderMark, line: recordLine)
                    }
                    if spans.count == width + 1, let last = spans.last, last.start == last.end,
                        readable[last.start - 1] == tokenizer.delimiter,
                        spans.dropLast().contains(where: { $0.start != $0.end })
                    {
                        // A delimiter at the end of a row of values and nothing after it: Excel and many
                        // databases write one; the row is read without the empty field it would add. (A row of
                        // delimiters alone stays a bad row.)
                        spans.removeLast()
                        reader.note(.trailingDelimiter, line: recordLine)
                    }
                    let repeatedHeader =
                        headerWidth > 1 && footer.holdsRows
                        ? reader.repeatedHeader(
                            spans, in: readable, tokenizer: footer.layout?.tokenizer,
                            knownLengths: spans.count == width ? footer.layout?.nameLengths ?? 0 : nil)
                            ?? (spans.count == width
                                ? nil
                                : reader.headerWithAnotherDelimiter(
                                    UnsafeBufferPointer(rebasing: readable[rowStart..<next]), than: tokenizer.delimiter))
                        : nil
                    if let repeatedHeader {
                        // The header again, where files were joined: the table before it ends there, and the rows
                        // below it are in its order, of its width and split by its delimiter. (A column of one
                        // value repeated is no joined file.)
                        rowsRead -= 1
                        try endTable(&footer, rowsRead: &rowsRead, onRecord: onRecord, onReject: onReject)
                        footer = FooterWatch(firstNote: footer.firstNote)
                        footer.repeatedHeader = HeldRow(
                            line: recordLine, bytes: Array(readable[start..<next]), value: reader.header[0])
                        footer.layout = repeatedHeader
                        continue
                    }
                    if width > 1, spans.count == width, reader.isRule(spans, in: readable) {
                        // The line database tools print under a header (`-----,-------`), and again under each
                        // page's: no row.
                        rowsRead -= 1
                        reader.note(.ruleRows, line: recordLine)
                        continue
                    }
                    if spans.count != width, let skipped = reader.skippedLine(spans, in: readable, start: start) {
                        rowsRead -= 1
                        reader.note(skipped, line: recordLine)
                        footer.separated = footer.separated || (footer.hasRows && skipped != .commentLines)
                        continue
                    }
                    // A row of empty fields is read and listed; unquoted (`,,`), it is how spreadsheets write an
                    // empty row, and what follows it may be notes below the table.
                    let isEmptyRow = width > 1 && spans.count == width && spans.allSatisfy { $0.start == $0.end }
                    if isEmptyRow { reader.note(.emptyRows, line: recordLine) }
                    let firstValue = UnsafeBufferPointer(rebasing: readable[spans[0].start..<spans[0].end])
                    // A line of one value with words and a colon or a figure may be a note, even right below the
                    // table (`Centraal Bureau voor de Statistiek, 2024`, `Data from database: WDI`); a ragged row
                    // of names or titles (`olive oil`, `The Cloud of Unknowing`) is a bad row.
                    let isLineOfText = spans.count == 1 && width > 1 && CSVReader.readsAsNote(firstValue)
                    let mayBeNote =
                        !isEmptyRow && footer.holdsRows && footer.hasRows
                        && CSVReader.isShapedLikeNote(spans, width: width)
                        && (footer.separated || !footer.held.isEmpty || isLineOfText
                            || CSVReader.startsWithNoteLabel(firstValue))
                    if mayBeNote, !footer.overflowed {
                        if footer.held.count < FooterWatch.limit {
                            rowsRead -= 1
                            footer.held.append(
                                HeldRow(
                                    line: recordLine, bytes: Array(readable[start..<next]),
                                    value: CSVReader.fieldText(readable, spans[0], tokenizer: tokenizer),
                                    isLineOfText: isLineOfText))
                            continue
                        }
                        // A block this long is part of the table, up to the next row of another shape.
                        footer.overflowed = true
                    }
                    try release(&footer, rowsRead: &rowsRead, onRecord: onRecord, onReject: onReject)
                    if !mayBeNote { footer.overflowed = false }
                    footer.separated =
                        isEmptyRow && footer.hasRows
                        && !spans.contains { $0.start > start && readable[$0.start - 1] == tokenizer.quote }
                    footer.hasRows = true
                    if spans.count == width, let comment = reader.detectedComment, readable[start] == comment {
                        reader.note(.rowsLikeComments, line: recordLine)
                    }
                    if spans.count != width {
                        let column = spans.indices.contains(width) ? spans[width].column : spans.last?.column ?? 1
                        try reader.report(
                            Reject(
                                source: source,
                                location: SourceLocation(file: path, line: recordLine, column: Int(column)),
                                field: "",
                                value: CSVReader.excerpt(
                                    readable,
                                    from: spans.first.map { $0.start - ($0.hasDoubledQuotes ? 1 : 0) } ?? start),
                                reason: "expected \(width) field\(width == 1 ? "" : "s"), found \(spans.count)"
                            ), onReject)
                        continue
                    }
                    if let layout = footer.layout, !layout.isInOrder {
                        // A column the rows lack is read as empty, at the end of the row.
                        let last = spans[spans.count - 1]
                        let absent = FieldSpan(
                            start: last.end, end: last.end, hasDoubledQuotes: false, column: last.column)
                        reordered.removeAll(keepingCapacity: true)
                        for column in layout.order { reordered.append(column >= 0 ? spans[column] : absent) }
                        swap(&spans, &reordered)
                    }
                    if let invalid = reader.undoubleAndCheck(columns, in: bytes, spans: &spans) {
                        try reader.report(
                            Reject(
                                source: source,
                                location: SourceLocation(
                                    file: path, line: recordLine, column: Int(spans[invalid.column].column)),
                                field: reader.header[invalid.column],
                                value: CSVReader.excerpt(readable, from: spans[invalid.column].start),
                                reason: "invalid UTF-8 (byte 0x\(String(invalid.byte, radix: 16, uppercase: true)))"
                            ), onReject)
                        continue
                    }
                    if hasNUL, let base = readable.baseAddress, memchr(base + start, 0, next - start) != nil {
                        reader.note(.nulBytes, line: recordLine)
                    }
                    if CSVReader.startsLikeTotal(readable, spans) {
                        footer.totals.append(recordLine)
                    } else if !footer.totals.isEmpty {
                        footer.totals.removeAll()
                    }
                    for (index, column) in columns.enumerated() {
                        let span = spans[column]
                        values[index] = RawValue(bytes: reader.value(readable, span), column: span.column)
                    }
                    try values.withUnsafeBufferPointer { valueBuffer in
                        try starts.withUnsafeBufferPointer { startBuffer in
                            try withUnsafePointer(to: path) { file in
                                try onRecord(
                                    RawRecordView(
                                        file: file, line: recordLine, column: 1, values: valueBuffer,
                                        pathStarts: startBuffer,
                                        extent: UnsafeBufferPointer(rebasing: readable[start..<next])))
                            }
                        }
                    }
                }
            }
        }

        /// At the end of a table (the end of the file, or the header repeated), the rows held back are notes from
        /// the first that starts like one (``startsWithNoteLabel(_:)``, or a heading such as `Symbol legend:`), or
        /// that is a line of one value that reads as a note (``HeldRow/isLineOfText``), on; the rows before it
        /// (`3,,`, `Los Angeles,,`, `12:30,,`) are rows with empty fields, and read as such.
        private func endTable(
            _ footer: inout FooterWatch, rowsRead: inout Int, onRecord: (RawRecordView) throws -> Void,
            onReject: (Reject) throws -> Void
        ) throws {
            let firstNote = footer.held.firstIndex { note in
                note.isLineOfText
                    || note.value.utf8.withContiguousStorageIfAvailable {
                        CSVReader.startsWithNoteLabel($0) || CSVReader.isHeadingOfNotes($0)
                    } ?? false
            }
            let notes = footer.held[(firstNote ?? footer.held.endIndex)...]
            footer.held.removeLast(notes.count)
            try release(&footer, rowsRead: &rowsRead, onRecord: onRecord, onReject: onReject)
            for line in footer.totals { reader.note(.totalsRows, line: line) }
            footer.totals.removeAll()
            for note in notes {
                reader.note(.footerNotes, line: note.line)
                footer.firstNote = footer.firstNote ?? note.value
            }
        }

        /// Skips the header repeated above the row just read: files were joined there.
        private func confirmRepeatedHeader(_ footer: inout FooterWatch) {
            guard let header = footer.repeatedHeader else { return }
            footer.repeatedHeader = nil
            guard let layout = footer.layout else { return }
            if let reshaping = reader.reshaping(layout, line: header.line) {
                reader.warnings.append(
                    Diagnostic(.warning, reshaping, at: SourceLocation(file: reader.displayPath, line: header.line)))
                return
            }
            reader.note(
                layout.tokenizer != nil ? .otherDelimiterHeader : layout.isInOrder ? .repeatedHeader : .reorderedHeader,
                line: header.line)
        }

        /// Reads the rows held back as possible notes below the table, now that a row of the table follows them:
        /// each is scanned again from a copy of its bytes, as it would have been read in its place.
        private func release(
            _ footer: inout FooterWatch, rowsRead: inout Int, onRecord: (RawRecordView) throws -> Void,
            onReject: (Reject) throws -> Void
        ) throws {
            guard !footer.held.isEmpty else { return }
            var held: [HeldRow] = []
            swap(&held, &footer.held)
            var replay = FooterWatch()
            replay.hasRows = true
            replay.holdsRows = false
            replay.layout = footer.layout
            replay.totals = footer.totals
            defer { footer.totals = replay.totals }
            var spans = ContiguousArray<FieldSpan>()
            for var row in held {
                var position = 0
                var line = row.line
                _ = try row.bytes.withUnsafeMutableBufferPointer { bytes in
                    try scan(
                        bytes, atEnd: true, position: &position, line: &line, rowsRead: &rowsRead, spans: &spans,
                        footer: &replay, onRecord: onRecord, onReject: onReject)
                }
            }
        }
    }

    /// A row that is the header again: the header's names in their order, or, for a header of three or more
    /// distinct names, in any order, with names added (the exports of a later version), or with a third of them at
    /// most left out and none added. `nil` for any other row. `knownLengths`, for a row of the table's width (most
    /// rows), are the lengths of the names of the header above it, beyond the file's header: a row whose first
    /// value has none of these lengths is looked at no further.
    private func repeatedHeader(
        _ spans: ContiguousArray<FieldSpan>, in bytes: UnsafeBufferPointer<UInt8>, tokenizer: CSVTokenizer?,
        knownLengths: UInt64?
    ) -> RepeatedHeader? {
        guard let firstName = headerValues.first else { return nil }
        let first = trimmed(bytes, spans[0])
        if spans.count == headerValues.count, first.count == firstName.count, bytes[first].elementsEqual(firstName),
            spans.indices.dropFirst().allSatisfy({ bytes[trimmed(bytes, spans[$0])].elementsEqual(headerValues[$0]) })
        {
            return RepeatedHeader(
                order: Array(spans.indices), isInOrder: true, width: spans.count, tokenizer: tokenizer)
        }
        // Read for every row of the table: a row whose first value has the length of no name seen in a header is
        // looked at no further.
        guard reorderableNameLengths != 0, spans.count >= 2 else { return nil }
        if let knownLengths {
            guard first.count < 64, (reorderableNameLengths | knownLengths) & (1 << first.count) != 0 else {
                return nil
            }
        }
        var repeated = RepeatedHeader(
            order: [Int](repeating: -1, count: headerValues.count), isInOrder: false, width: spans.count,
            tokenizer: tokenizer)
        for field in spans.indices {
            let value = bytes[trimmed(bytes, spans[field])]
            repeated.nameLengths |= value.count < 64 ? 1 << value.count : 0
            guard let column = headerValues.firstIndex(where: { $0.elementsEqual(value) }) else {
                repeated.added.append(String(decoding: value, as: UTF8.self))
                continue
            }
            guard repeated.order[column] < 0 else { return nil }
            repeated.order[column] = field
        }
        repeated.leftOut = repeated.order.indices.filter { repeated.order[$0] < 0 }.map { header[$0] }
        repeated.isInOrder = repeated.order.indices.elementsEqual(repeated.order)
        let found = headerValues.count - repeated.leftOut.count
        guard
            found == headerValues.count || (repeated.added.isEmpty && found >= 2 && found * 3 >= headerValues.count * 2)
        else { return nil }
        return repeated
    }

    /// The warning for a header repeated with columns added or left out; `nil` for one with the header's columns.
    private func reshaping(_ header: RepeatedHeader, line: Int) -> String? {
        guard !header.added.isEmpty || !header.leftOut.isEmpty else { return nil }
        let names = { (names: [String]) in names.map { "'\($0)'" }.joined(separator: ", ") }
        let changes = [
            header.added.isEmpty ? nil : "columns added (\(names(header.added)))",
            header.leftOut.isEmpty ? nil : "columns left out (\(names(header.leftOut)))",
        ].compactMap { $0 }.joined(separator: " and ")
        return
            "line \(line) repeats the header with \(changes), as where exports of two versions were joined: skipped; the rows below it are read by name\(header.added.isEmpty ? "" : ", without the added columns")\(header.leftOut.isEmpty ? "" : ", with the left-out columns empty")"
    }

    /// A line that is the header written with another of the usual delimiters (`id;city;year` in a file of commas,
    /// where exports of two locales were joined), as ``repeatedHeader(_:in:tokenizer:knownLengths:)`` reads it;
    /// its tokenizer is `nil` when that delimiter is the file's own. `nil` for any other line.
    private func headerWithAnotherDelimiter(_ line: UnsafeBufferPointer<UInt8>, than current: UInt8)
        -> RepeatedHeader?
    {
        var spans = ContiguousArray<FieldSpan>()
        for delimiter in CSVSniffer.delimiters where delimiter != current {
            let other = CSVTokenizer(
                delimiter: delimiter, quote: tokenizer.quote, comment: nil, escape: tokenizer.escape,
                escapesUnquoted: tokenizer.escapesUnquoted, skipsSpacesAroundQuotes: tokenizer.skipsSpacesAroundQuotes,
                skipsLinesOfSpaces: false)
            guard case .record = other.scan(line, from: 0, line: 1, atEnd: true, spans: &spans),
                let header = repeatedHeader(
                    spans, in: line, tokenizer: delimiter == tokenizer.delimiter ? nil : other, knownLengths: nil)
            else { continue }
            return header
        }
        return nil
    }

    /// The words a totals row starts with, lowercased: `Total`, `TOTAL:`, `Grand Total`, `Insgesamt`, `Totaal`.
    private static let totalWords: [[UInt8]] = [
        "total", "totals", "grand total", "subtotal", "sub-total", "sum", "summe", "gesamt", "insgesamt", "totaal",
        "totale", "totales", "ensemble",
    ].map { Array($0.utf8) }

    /// The first three bytes of each totals word, as ``prefixKey(_:)`` gives them.
    private static let totalPrefixes = totalWords.map { word in word.withUnsafeBufferPointer(prefixKey) }

    /// A value's first three bytes (at least three), with ASCII letters lowercased, in one number.
    private static func prefixKey(_ value: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(value[0] | 0x20) << 16 | UInt32(value[1] | 0x20) << 8 | UInt32(value[2] | 0x20)
    }

    /// Whether a row's first value (or its second, after an empty first) is a totals word, alone or followed by
    /// anything but a letter (`Total: Account`, `TOTAL`, `Grand Total 2024`). Read for every row: most are
    /// passed over at their first three bytes, which start no totals word.
    private static func startsLikeTotal(_ bytes: UnsafeBufferPointer<UInt8>, _ spans: ContiguousArray<FieldSpan>)
        -> Bool
    {
        guard spans.count > 1 else { return false }
        let span = spans[0].start < spans[0].end ? spans[0] : spans[1]
        guard span.end - span.start >= 3 else { return false }
        let value = UnsafeBufferPointer(rebasing: bytes[span.start..<span.end])
        guard totalPrefixes.contains(prefixKey(value)) else { return false }
        return totalWords.contains { word in
            guard value.count >= word.count,
                zip(value, word).allSatisfy({ ($0 | ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0)) == $1 })
            else { return false }
            guard value.count > word.count else { return true }
            let next = value[word.count]
            return !((0x41...0x5A).contains(next) || (0x61...0x7A).contains(next) || next >= 0x80)
        }
    }

    /// Whether every field of a row is a rule of `-` or `=` (spaces around it aside), and one of them three long or
    /// more: `-----------,------,---`.
    private func isRule(_ spans: ContiguousArray<FieldSpan>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var isLong = false
        for span in spans {
            let range = trimmed(bytes, span)
            guard let first = range.first.map({ bytes[$0] }), first == UInt8(ascii: "-") || first == UInt8(ascii: "="),
                bytes[range].allSatisfy({ $0 == first })
            else { return false }
            isLong = isLong || range.count >= 3
        }
        return isLong
    }

    /// A field's range without the spaces and tabs around it.
    private func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ span: FieldSpan) -> Range<Int> {
        var (start, end) = (span.start, span.end)
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return start..<end
    }

    /// Whether a value starts the way notes below a table do: `Source:`, `Notes.`, `Quelle:`, `Key:`, `* `, `©`,
    /// `(1)`, `[a]`, a footnote mark (`a  `, `1) `), or a rule (`__________`, `====`, `---`), so that notes right
    /// below the table, without a blank row between, are found as well. Only rows shaped like a note are asked.
    private static func startsWithNoteLabel(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = value.first else { return false }
        if first == UInt8(ascii: "*") || first == UInt8(ascii: "_") || first == UInt8(ascii: "=")
            || value.starts(with: "©".utf8)
        {
            return true
        }
        // A mark in brackets of one or two letters or digits: `(1)`, `(a)`, `[12]`, `(C)` (not `(555) 019-3344`).
        if first == UInt8(ascii: "(") || first == UInt8(ascii: "["),
            let close = value.prefix(4).firstIndex(where: { $0 == UInt8(ascii: ")") || $0 == UInt8(ascii: "]") }),
            (2...3).contains(close)
        {
            return true
        }
        if value.count >= 3, value.allSatisfy({ $0 == UInt8(ascii: "-") }) { return true }
        // A footnote's mark: a letter or a number of one or two digits, then `)` or two spaces.
        let mark =
            (0x61...0x7A).contains(first | 0x20) ? 1 : value.prefix(2).prefix { (0x30...0x39).contains($0) }.count
        if mark > 0, mark < value.count,
            value[mark] == UInt8(ascii: ")")
                || (mark + 1 < value.count && value[mark] == 0x20 && value[mark + 1] == 0x20)
        {
            return true
        }
        // Read for every row: the first word is compared by its bytes, without making a string.
        var length = 0
        while length < value.count, length <= 11, (0x61...0x7A).contains(value[length] | 0x20) { length += 1 }
        guard (3...11).contains(length), length < value.count,
            value[length] == UInt8(ascii: ":") || value[length] == UInt8(ascii: ".") || value[length] == 0x20
        else { return false }
        return noteLabels.contains { label in
            label.count == length && label.indices.allSatisfy { value[$0] | 0x20 == label[$0] }
        }
    }

    /// Whether a value is a heading of one to three words and a colon, with nothing after it (`Symbol legend:`,
    /// `Quelle(n):`), as the blocks below a statistics office's table start. (`Time: 10am` and `Carol: late` are
    /// values.) Asked only of rows held back at the end of a table, where it marks the first note.
    private static func isHeadingOfNotes(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var words = 0
        var index = 0
        while index < value.count, words < 3 {
            let start = index
            while index < value.count, isLabelByte(value[index]) { index += 1 }
            guard index > start else { return false }
            words += 1
            guard index < value.count else { return false }
            if value[index] == UInt8(ascii: ":") {
                return value[(index + 1)...].allSatisfy { $0 == 0x20 || $0 == 0x09 }
            }
            guard value[index] == 0x20 else { return false }
            index += 1
        }
        return false
    }

    /// A letter of a label: ASCII letters, bytes of characters beyond ASCII, and the brackets of `Source(s)`.
    private static func isLabelByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte | 0x20) || byte >= 0x80 || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
    }

    private static let noteLabels: [[UInt8]] = [
        "source", "sources", "note", "notes", "footnote", "footnotes", "remark", "remarks", "quelle", "quellen",
        "fuente", "fuentes", "nota", "notas", "remarque", "remarques", "anmerkung", "anmerkungen", "key", "legend",
    ].map { Array($0.utf8) }

    /// Whether a value alone on its line reads as a note: words (a lowercase letter, or a letter beyond ASCII)
    /// and a space, with a colon or a figure (`Data from database: WDI`, `Exported 2024-01-01 by ShopSys`). `3`,
    /// `INI-0042` or `�` alone is a row cut short, `olive oil` a ragged row. Asked only of rows of one field.
    private static func readsAsNote(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.contains(0x20), value.contains(where: { $0 == UInt8(ascii: ":") || (0x30...0x39).contains($0) })
        else { return false }
        return String(decoding: value, as: UTF8.self).unicodeScalars.contains { scalar in
            scalar.properties.isLowercase || (scalar.value >= 0x80 && scalar.properties.isAlphabetic)
        }
    }

    /// Whether a row of a table of several columns has the shape of a note: a value in its first field and none
    /// in the others (which may be fewer or more than the table's), or fewer fields than the table's (a footnote
    /// `1.;text` below a wide table), which makes it a bad row if it is no note.
    private static func isShapedLikeNote(_ spans: ContiguousArray<FieldSpan>, width: Int) -> Bool {
        guard width > 1, spans[0].start < spans[0].end else { return false }
        return spans.count < width || spans.dropFirst().allSatisfy { $0.start == $0.end }
    }

    private func report(_ reject: Reject, _ onReject: (Reject) throws -> Void) throws {
        if options.onBadRow == .fail {
            throw IngestError.badRow(reject.location, reason: reject.reason)
        }
        try onReject(reject)
    }

    /// A value's bytes after trimming and null-value handling (empty for a null value).
    private func value(_ bytes: UnsafeBufferPointer<UInt8>, _ span: FieldSpan) -> UnsafeBufferPointer<UInt8> {
        let range = options.trim ? trimmed(bytes, span) : span.start..<span.end
        let start = range.lowerBound
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if !nullValues.isEmpty, nullValues.contains(where: { $0.elementsEqual(slice) }) {
            return UnsafeBufferPointer(rebasing: bytes[start..<start])
        }
        return slice
    }

    /// Undoubles quotes in place in the requested fields and, for files declared UTF-8, checks them; returns the
    /// first field with invalid UTF-8.
    private func undoubleAndCheck(
        _ columns: [Int], in bytes: UnsafeMutableBufferPointer<UInt8>, spans: inout ContiguousArray<FieldSpan>
    ) -> (column: Int, byte: UInt8)? {
        var invalid: (column: Int, byte: UInt8)?
        for column in columns {
            if spans[column].hasDoubledQuotes {
                var write = spans[column].start
                tokenizer.forEachContentByte(UnsafeBufferPointer(bytes), spans[column]) { byte in
                    bytes[write] = byte
                    write += 1
                }
                spans[column].end = write
                spans[column].hasDoubledQuotes = false
            }
            if validatesUTF8, invalid == nil,
                let byte = Self.invalidUTF8(
                    UnsafeBufferPointer(rebasing: bytes[spans[column].start..<spans[column].end]))
            {
                invalid = (column, byte)
            }
        }
        return invalid
    }

    /// The first byte of a value that breaks UTF-8, if one does.
    private static func invalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            guard let length = UTF8Validator.sequenceLength(bytes, at: index) else { return bytes[index] }
            index += length
        }
        return nil
    }

    private func refill() throws(IngestError) {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            unwrappedEnd = unwrappedEnd.map { $0 - position }
            position = 0
        }
        try Self.fill(&buffer, from: &source, atLeast: buffer.count + Self.chunkSize, atEnd: &atEnd)
        if atEnd, Self.dropEndOfFileMark(&buffer) { warnings.append(Self.endOfFileMarkWarning(displayPath)) }
        if let end = unwrappedEnd { unwrappedEnd = WholeLineQuoting.unwrap(&buffer, from: end, atEnd: atEnd) }
    }

    /// The sample the layout is worked out from: up to ``sampleSize`` bytes from `position`.
    private static func sample(of bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[position..<min(bytes.count, position + sampleSize)])
    }

    /// Skips `count` records from `position` (blank, comment and unreadable lines between them too), calling
    /// `body` with each record's line and fields; stops early at the end of `buffer`.
    private static func skipRecords(
        _ count: Int, in buffer: [UInt8], position: inout Int, line: inout Int, atEnd: Bool, tokenizer: CSVTokenizer,
        spans: inout ContiguousArray<FieldSpan>, _ body: (Int, ContiguousArray<FieldSpan>) -> Void
    ) {
        var skipped = 0
        while skipped < count {
            let result = buffer.withUnsafeBufferPointer { bytes in
                tokenizer.scan(bytes, from: position, line: line, atEnd: atEnd, spans: &spans)
            }
            switch result {
            case .record(let recordLine, let next, let nextLine):
                body(recordLine, spans)
                skipped += 1
                (position, line) = (next, nextLine)
            case .skipped(let next, let nextLine), .bad(_, _, let next, let nextLine):
                (position, line) = (next, nextLine)
            case .needMore, .end:
                return
            }
        }
    }

    /// Drops the Ctrl-Z (0x1A) that old DOS tools write at the end of a text file, after its last line or on a
    /// line of its own (CP/M tools pad the last block with them); returns whether there was one.
    private static func dropEndOfFileMark(_ buffer: inout [UInt8]) -> Bool {
        guard buffer.last == 0x1A else { return false }
        while buffer.last == 0x1A { buffer.removeLast() }
        return true
    }

    private static func endOfFileMarkWarning(_ path: String) -> Diagnostic {
        Diagnostic(
            .warning, "the file ends with Ctrl-Z (0x1A), the end-of-file mark of old DOS tools: left out",
            at: SourceLocation(file: path))
    }

    private static func fill(
        _ buffer: inout [UInt8], from source: inout UTF8Source, atLeast size: Int, atEnd: inout Bool
    ) throws(IngestError) {
        while buffer.count < size, !atEnd {
            if try source.read(appendingTo: &buffer, count: Self.chunkSize) == 0 { atEnd = true }
        }
    }

    /// What detection found beyond a plain reading, each to be reported: an unusual delimiter (when detected), and
    /// comments, escapes and spaces around quotes that the options did not name.
    private static func detectionNotes(delimiter: UInt8?, quoting: CSVSniffer.Quoting, options: CSVOptions) -> [String]
    {
        var notes: [String] = []
        if let delimiter, CSVSniffer.unusualDelimiters.contains(delimiter) {
            notes.append(
                "no usual delimiter (, ; tab |) splits the file; it is read with '\(text(delimiter))', which does")
        }
        if options.comment == nil, let comment = quoting.comment {
            notes.append(
                "lines that start with \(text(comment)) are read as comments and skipped (comment: none reads them as rows)"
            )
        }
        if options.escape == nil, let escape = quoting.escape, quoting.escapesUnquoted {
            notes.append(
                "\(text(escape)) makes the delimiter or a line break after it part of a value, also outside quotes, as MySQL's text dumps write them: read that way (escape: none reads them as RFC 4180)"
            )
        } else if options.escape == nil, let escape = quoting.escape {
            notes.append(
                "quoted fields escape quotes with \(text(escape)) (\(text(escape))\(text(quoting.quote))), not by doubling them: read that way (escape: none reads them as RFC 4180)"
            )
        }
        if quoting.skipsSpacesAroundQuotes {
            notes.append(
                "spaces after delimiters and around quoted fields are left out (1, \"a, b\", 3 reads as 1 and a, b and 3)"
            )
        }
        return notes
    }

    /// Whether nothing from `start` to the end of the file is a record or a bad row: blank and comment lines at
    /// most (`false` when the buffer ends before the file does).
    private static func holdsNoRecord(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool, tokenizer: CSVTokenizer
    ) -> Bool {
        var spans = ContiguousArray<FieldSpan>()
        var position = start
        while true {
            switch tokenizer.scan(bytes, from: position, line: 1, atEnd: atEnd, spans: &spans) {
            case .skipped(let next, _): position = next
            case .end: return true
            case .record, .bad, .needMore: return false
            }
        }
    }

    /// A byte of the dialect as text.
    private static func text(_ byte: UInt8) -> String { String(UnicodeScalar(byte)) }

    /// What a file that is not delimited text looks like, from its first bytes: a compressed file, an archive
    /// (an Excel workbook is one), a PDF, XML, a web page or JSON; `nil` for anything else.
    static func nonTextKind(_ start: [UInt8]) -> String? {
        let signatures: [([UInt8], String)] = [
            ([0x1F, 0x8B], "a gzip-compressed file (decompress it first)"),
            (Array("PK\u{03}\u{04}".utf8), "a ZIP archive, such as an Excel workbook (.xlsx): save it as CSV"),
            ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "an Excel 97-2003 workbook (.xls): save it as CSV"),
            (Array("%PDF-".utf8), "a PDF document"),
        ]
        for (signature, kind) in signatures where start.starts(with: signature) { return kind }
        if start.count >= 16, start.prefix(1024).allSatisfy({ $0 == 0 }) { return "binary data (NUL bytes only)" }
        let text = start.drop { [0xEF, 0xBB, 0xBF, 0x20, 0x09, 0x0A, 0x0D].contains($0) }.prefix(14)
        let lowered = String(decoding: text.map { $0 | 0x20 }, as: UTF8.self)
        let opening = text.filter { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }.prefix(2)
        if opening.elementsEqual(Array("{\"".utf8)) || opening.elementsEqual(Array("[{".utf8)) {
            return "JSON (a source with format: csv reads delimited text only)"
        }
        if lowered.hasPrefix("<?xml") {
            return "an XML document (a source with format: xml reads it)"
        }
        if lowered.hasPrefix("<!doctype html") || lowered.hasPrefix("<html") {
            return "a web page (HTML), perhaps what a download returned instead of the file"
        }
        return nil
    }

    /// Whether more than 1 % of a sample in a single-byte or UTF-8 encoding, and 8 bytes or more, are control
    /// bytes that no text holds (all below 0x20 but NUL, tab, line ends, form feed, Ctrl-Z and escape).
    static func looksBinary(_ sample: [UInt8]) -> Bool {
        let controls = sample.lazy.filter { byte in
            byte < 0x20 && ![0x00, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A, 0x1B].contains(byte)
        }.count
        return controls >= 8 && controls * 100 > sample.count
    }

    /// Up to 200 bytes of a bad row from `start`, to the end of its line, for its reject.
    private static func excerpt(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String {
        var end = start
        while end < bytes.count, end - start < 200, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        return String(decoding: bytes[max(0, start)..<end], as: UTF8.self)
    }

    /// Skips `count` physical lines without regard to quotes (a preamble is not CSV).
    private static func skipLines(_ count: Int, in buffer: [UInt8], position: inout Int, line: inout Int) {
        var skipped = 0
        while skipped < count, position < buffer.count {
            if buffer[position] == 0x0D {
                position += position + 1 < buffer.count && buffer[position + 1] == 0x0A ? 2 : 1
                skipped += 1
                line += 1
            } else if buffer[position] == 0x0A {
                position += 1
                skipped += 1
                line += 1
            } else {
                position += 1
            }
        }
    }

    /// How many records at the start are title lines, above the first line of the table (the table's width or
    /// more, with two values or more, or with a value over every column but the first): all of them when there
    /// are two or more (a block of titles, notes or `key: value` lines), a single one only when it is a title (one
    /// value, alone or followed by the empty fields Excel pads titles with). A single line of several values is the
    /// header, naming fewer columns than the rows have; a single line of delimiters alone is a header without
    /// names.
    private static func titleLines(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int,
        records: [(line: Int, width: Int, endsWithDelimiter: Bool)],
        width: Int, tokenizer: CSVTokenizer, atEnd: Bool
    ) -> Int {
        guard width > 1 else { return 0 }
        var spans = ContiguousArray<FieldSpan>()
        var position = start
        var currentLine = line
        var above = 0
        var firstIsTitle = false
        while above < records.count {
            switch tokenizer.scan(bytes, from: position, line: currentLine, atEnd: atEnd, spans: &spans) {
            case .record(_, let next, let nextLine):
                let values = spans.filter { $0.start != $0.end }.count
                // The table starts at a line of its width with two values, or with a value over each column but
                // the first: the header of a column of row labels (`,Total`, as accounting reports write it).
                let isTableLine =
                    spans.count >= width
                    && (values >= 2 || (spans[0].start == spans[0].end && values == spans.count - 1))
                if isTableLine { return above >= 2 || (above == 1 && firstIsTitle) ? above : 0 }
                if above == 0 { firstIsTitle = values == 1 && spans[0].start != spans[0].end }
                above += 1
                (position, currentLine) = (next, nextLine)
            case .skipped(let next, let nextLine):
                (position, currentLine) = (next, nextLine)
            case .bad, .needMore, .end:
                return 0
            }
        }
        return 0
    }

    /// A field's text as a header name or a note shows it: quotes undoubled, padding around it left out.
    private static func fieldText(_ bytes: UnsafeBufferPointer<UInt8>, _ span: FieldSpan, tokenizer: CSVTokenizer)
        -> String
    {
        var raw: [UInt8] = []
        tokenizer.forEachContentByte(bytes, span) { raw.append($0) }
        let text = String(decoding: raw, as: UTF8.self)
        let scalars = text.unicodeScalars
        // White space, NUL bytes (the padding of fixed-width exports) and byte order marks (a second one, where a
        // tool added its own) around a name are no part of it.
        let isPadding = { (scalar: Unicode.Scalar) in
            scalar.properties.isWhitespace || scalar.value == 0 || scalar.value == 0xFEFF
        }
        guard let first = scalars.firstIndex(where: { !isPadding($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isPadding($0) }) ?? first
        return String(scalars[first...last])
    }

    /// Names every column: empty names become `column_N`, repeated ones `name_2`, `name_3`…, each with a warning.
    private static func uniqueNames(
        _ names: [String], columns: [Int32], line: Int, file: String, warnings: inout [Diagnostic]
    ) -> [String] {
        var result: [String] = []
        var used = Set<String>()
        // The header's own names are never made up for another column.
        let given = Set(names)
        for (index, name) in names.enumerated() {
            let location = SourceLocation(
                file: file, line: line, column: columns.indices.contains(index) ? Int(columns[index]) : nil)
            var unique = name.isEmpty ? "column_\(index + 1)" : name
            if used.contains(unique) || (name.isEmpty && given.contains(unique)) {
                var number = 2
                while used.contains("\(unique)_\(number)") || given.contains("\(unique)_\(number)") { number += 1 }
                let renamed = "\(unique)_\(number)"
                if !name.isEmpty {
                    warnings.append(
                        Diagnostic(
                            .warning,
                            "header name '\(unique)' appears again in column \(index + 1); that column is called '\(renamed)'",
                            at: location))
                }
                unique = renamed
            }
            if name.isEmpty {
                warnings.append(
                    Diagnostic(
                        .warning, "header column \(index + 1) has no name; it is called '\(unique)'", at: location))
            }
            used.insert(unique)
            result.append(unique)
        }
        return result
    }
}

@available(*, unavailable)
extension CSVReader: Sendable {}
