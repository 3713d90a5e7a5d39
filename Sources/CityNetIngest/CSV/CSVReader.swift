public import CityNetModel

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
    /// Bytes mapped at a time once a UTF-8 file is mapped rather than read: a file read as it is and larger than
    /// this is scanned in windows of the page cache, with no copy, from its second chunk to its last window.
    public static let windowSize = 1 << 22

    private let file: ByteFile
    var source: UTF8Source
    /// Where the lines replaced by their content so far end, when the file's lines are quoted whole
    /// (``WholeLineQuoting``); `nil` for any other file.
    private var unwrappedEnd: Int?
    let tokenizer: CSVTokenizer
    private let options: CSVOptions
    private let nullValues: [[UInt8]]
    /// Whether each value read is checked for UTF-8 (a file declared UTF-8; one detected as UTF-8 is checked as a
    /// whole instead).
    let validatesUTF8: Bool
    private var buffer: [UInt8] = []
    private var position = 0
    private var line = 1
    private var atEnd = false
    /// Whether the file may still be mapped rather than read, a window at a time.
    private var mapsWindows = true
    private var spans = ContiguousArray<FieldSpan>()
    private var footer = FooterWatch()
    /// The header's names as it writes them (trimmed, before any is renamed), to recognise the header repeated
    /// below it where files were joined; empty when the file has no header.
    let headerValues: [[UInt8]]
    /// The length of the first of ``headerValues`` (0 when the file has no header).
    let firstHeaderNameLength: Int
    /// Bit `n` is set when a header name is `n` bytes long (names shorter than 64 bytes), if the header has three
    /// or more names and no two alike, so that it can be recognised repeated in another order; a row whose first
    /// value has none of these lengths is no such header, and is looked at no further.
    let reorderableNameLengths: UInt64
    /// A comment character the reader found rather than was given: below the header, a line that starts with it
    /// and has the table's width is a row.
    let detectedComment: UInt8?
    /// Whether rows that start with `#` are listed, as rows commented out may be: no comment character was
    /// detected or given, and comments were not declined.
    let mayHaveCommentedRows: Bool
    /// Whether the header and its rows all end with a delimiter that adds no column (as some databases write
    /// every line): a line of delimiters alone one wider than the table is then an empty row too.
    let rowsEndWithDelimiter: Bool
    /// The units row skipped under the header, if it was one word in one column: the same shape further down,
    /// between sections of the table, is units again, not a row.
    let unitsRow: UnitsRow?
    /// Rows read with a repair, and lines skipped, by kind, with their count and first lines; reported at the end.
    var repairs: [Repair: (count: Int, lines: [Int])] = [:]

    /// How the file is read.
    public let dialect: CSVDialect
    /// The column names: the header's, trimmed, with empty names replaced by `column_N` and repeated names
    /// numbered (`name_2`); `column_1`… when the file has no header.
    public let header: [String]
    /// What the reader had to decide or repair, as warnings located in the file.
    public internal(set) var warnings: [Diagnostic] = []
    /// Data rows read so far, good and bad.
    public private(set) var rowsRead = 0
    /// About how many records the file holds, from the lines of the part read to work out its layout; `nil` when
    /// that part is the whole file. A guess to keep room by, not a count: quoted line ends make it high, and rows
    /// that grow longer further down make it low.
    public let estimatedRecordCount: Int?

    var displayPath: String { file.displayPath }

    /// The file's size and SHA-256, once every record has been read, when the reader was asked to hash the file;
    /// `nil` before the end or otherwise.
    public var fingerprint: FileFingerprint? { file.fingerprint }

    /// Work another thread may do for the reader while it has nothing else to do, when the reader hashes the file:
    /// hashing the window the reader is scanning. Returns whether there was any.
    public var helpWhileIdle: (@Sendable () -> Bool)? {
        guard let hashing = file.hashing else { return nil }
        return { hashing.help() }
    }

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
        if decision.encoding == .utf8 || decision.encoding.isSingleByte, Self.looksBinary(sample) {
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
        if atEnd { warnings += Self.dropEndOfFilePadding(&buffer, path: displayPath) }
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
        mayHaveCommentedRows = quoting.comment == nil && options.comment == nil && options.detectsComments
        let width =
            CSVSniffer.trailingTableWidth(of: records.map { ($0.line, $0.width) })
            ?? CSVSniffer.tableWidth(of: records.map(\.width))?.value ?? 1

        // Title lines above the table: fewer fields than the table's rows, or a first field followed by empty
        // ones. Rows that end with a delimiter (and a header that does not) count without the empty field.
        let rowWidths = records.map { (line: $0.line, width: $0.width - ($0.endsWithDelimiter ? 1 : 0)) }
        let rowWidth =
            CSVSniffer.trailingTableWidth(of: rowWidths) ?? CSVSniffer.tableWidth(of: rowWidths.map(\.width))?.value
            ?? 1
        let (preamble, preambleStart, hashtagLine) =
            options.headerLine != nil
            ? (0, line, nil)
            : buffer.withUnsafeBufferPointer { bytes in
                Self.titleLines(
                    bytes, from: position, line: line, records: records, width: rowWidth, tokenizer: tokenizer,
                    atEnd: atEnd)
            }
        var spans = ContiguousArray<FieldSpan>()
        var skippedLines: [Int] = []
        var skippedOneValueEach = true
        Self.skipRecords(
            in: buffer, position: &position, line: &line, atEnd: atEnd, tokenizer: tokenizer, spans: &spans
        ) { recordLine, spans in
            guard skippedLines.count < preamble else { return false }
            skippedLines.append(recordLine)
            skippedOneValueEach = skippedOneValueEach && spans.dropFirst().allSatisfy { $0.start == $0.end }
            return true
        }
        // The warning about title lines is written once the header says how many columns the table has.
        let titleWarning = warnings.count

        let candidate = records.first { $0.line >= line }
        var hasHeader = true
        var holdsNoRecord = false
        var rowsEndWithDelimiter = false
        var unitsRow: UnitsRow?
        let lenient =
            options.header == false || options.headerLine != nil
            ? nil
            : buffer.withUnsafeBufferPointer { bytes in
                Self.lenientHeader(in: bytes, from: position, line: line, atEnd: atEnd, tokenizer: tokenizer)
            }
        if let declared = options.header {
            hasHeader = declared
        } else if options.headerLine != nil || lenient != nil {
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
            holdsNoRecord = true
            warnings.append(
                Diagnostic(
                    .warning, "the file has no header and no rows: it is empty or holds only blank or comment lines",
                    at: SourceLocation(file: displayPath, line: line)))
        }
        var names: [String] = []
        var headerLine = candidate?.line ?? line
        if hasHeader {
            var columns: [Int32] = []
            var header: HeaderLine?
            if let lenient {
                warnings.append(
                    Diagnostic(
                        .warning,
                        "the header line cannot be read as CSV (\(lenient.problem.reason)); its \(lenient.header.names.count) names are read as written between the delimiters",
                        at: SourceLocation(
                            file: displayPath, line: lenient.problem.line, column: lenient.problem.column)))
                (position, line) = (lenient.next, lenient.nextLine)
                header = lenient.header
            } else {
                header = try Self.readHeaderLine(
                    buffer, position: &position, line: &line, atEnd: atEnd, tokenizer: tokenizer,
                    displayPath: displayPath, warnings: &warnings)
            }
            if var read = header {
                if options.headerLine == nil {
                    unitsRow = Self.skipLinesOfTheHeader(
                        &read, in: buffer, position: &position, line: &line, atEnd: atEnd, tokenizer: tokenizer,
                        displayPath: displayPath, warnings: &warnings)
                }
                (names, columns, headerLine) = (read.names, read.columns, read.line)
            }
            let below = records.filter { $0.line > headerLine }
            let widthBelow = CSVSniffer.tableWidth(of: below.map(\.width))?.value
            // Rows that end alike with a delimiter after a named last column (`…,TOTAL,`): a header that ends with
            // two empty names (`a,b,c,,`) has empty columns instead.
            let rowsEndAlike =
                widthBelow == names.count && names.count > 1 && !names[names.count - 2].isEmpty
                && below.filter { $0.width == names.count }.allSatisfy(\.endsWithDelimiter)
            if names.count > 1, names.last == "", widthBelow == names.count - 1 || rowsEndAlike {
                rowsEndWithDelimiter = rowsEndAlike
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
            if names.count >= 2, below.count >= 2,
                below.allSatisfy({ $0.width == names.count + 1 && !$0.endsWithDelimiter }),
                buffer.withUnsafeBufferPointer({ bytes in
                    Self.startsWithRowNumbers(
                        Self.sample(of: bytes, from: position), line: line, tokenizer: tokenizer, count: below.count)
                })
            {
                // R's write.table writes the rows' names, 1, 2, 3… by default, in a first column that its header
                // does not name.
                names.insert("", at: 0)
                columns.insert(1, at: 0)
                warnings.append(
                    Diagnostic(
                        .warning,
                        "the header names \(names.count - 1) columns and every row has \(names.count): the first column, which the header does not name, is read as the rows' names (as R's write.table writes them)",
                        at: SourceLocation(file: displayPath, line: headerLine)))
            }
            headerValues = names.map { Array($0.utf8) }
            firstHeaderNameLength = headerValues.first?.count ?? 0
            reorderableNameLengths =
                names.count >= 3 && Set(names).count == names.count
                ? headerValues.reduce(0) { $0 | ($1.count < 64 ? 1 << $1.count : 0) } : 0
            names = Self.uniqueNames(names, columns: columns, line: headerLine, file: displayPath, warnings: &warnings)
        } else {
            headerValues = []
            firstHeaderNameLength = 0
            reorderableNameLengths = 0
            names = (1...max(width, 1)).map { "column_\($0)" }
        }
        header = names
        if let last = skippedLines.last {
            // Lines CSV cannot read among the titles are skipped with them.
            let first = preambleStart
            let lines = first == last ? "line \(first)" : "lines \(first)-\(last)"
            let unreadable = first < skippedLines[0] ? " (some of which CSV cannot read)" : ""
            let reason =
                hashtagLine.map { "the header is line \(headerLine), right above the HXL hashtag row on line \($0)" }
                ?? "\(first == last ? "a title line" : "title lines")\(unreadable) with \(skippedOneValueEach ? "one value" : "fewer values"), not the table's \(names.count) columns"
            warnings.insert(
                Diagnostic(
                    .warning, "skipped \(lines) above the table: \(reason)",
                    at: SourceLocation(file: displayPath, line: first)),
                at: titleWarning)
        }
        dialect = CSVDialect(
            delimiter: delimiter, quote: quote, escape: quoting.escape, hasHeader: hasHeader && !holdsNoRecord,
            headerLine: headerLine,
            encoding: decision, detected: options.delimiter == nil || options.quote == nil || options.header == nil
        )
        self.rowsEndWithDelimiter = rowsEndWithDelimiter
        self.unitsRow = unitsRow
        self.position = position
        self.line = line
        self.warnings = warnings
        self.buffer = buffer
        self.atEnd = atEnd
        estimatedRecordCount = atEnd ? nil : Self.estimatedRecords(in: buffer, from: position, fileSize: file.size)
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
        var window: FileWindow?
        while true {
            let needsMore: Bool
            if let window {
                needsMore = try scanner.scan(
                    window.bytes, owner: Unmanaged.passUnretained(window), atEnd: false, position: &position,
                    line: &line, rowsRead: &rowsRead, spans: &spans, footer: &footer, onRecord: onRecord,
                    onReject: onReject)
            } else {
                let atEnd = atEnd
                needsMore = try buffer.withUnsafeMutableBufferPointer { bytes in
                    try scanner.scan(
                        bytes, atEnd: atEnd, position: &position, line: &line, rowsRead: &rowsRead, spans: &spans,
                        footer: &footer, onRecord: onRecord, onReject: onReject)
                }
            }
            guard needsMore else {
                reportRepairs(footerNote: footer.firstNote)
                return
            }
            guard try moveWindow(&window, position: &position) else {
                self.position = position
                try refill()
                position = self.position
                continue
            }
        }
    }

    /// Maps the next window of the file, from the record at `position` that the bytes scanned (a window, or the
    /// buffer) end inside, with `position` moved into it; returns false, with the buffer ready to be refilled
    /// from that record, when the rest of the file is read instead.
    ///
    /// A UTF-8 file read as it is gets mapped a window at a time once its first chunk is read: the page cache's
    /// pages are scanned where they are, with no copy into the process. Its last window's worth is read, so that
    /// the end of the file is handled as in any other file.
    private func moveWindow(_ window: inout FileWindow?, position: inout Int) throws(IngestError) -> Bool {
        guard mapsWindows, unwrappedEnd == nil, !atEnd else { return false }
        var count = Self.windowSize
        let start: Int64
        if let current = window {
            start = current.offset + Int64(position)
            // A record longer than the window: the next one is larger.
            if start - current.offset < FileWindow.pageSize { count = current.bytes.count * 2 }
        } else {
            start = source.fileOffset - Int64(buffer.count - position)
        }
        let wasMapped = window != nil
        window = nil
        if let next = try source.window(from: start, count: count) {
            position = Int(start - next.offset)
            window = next
            return true
        }
        mapsWindows = false
        if wasMapped {
            buffer.removeAll(keepingCapacity: true)
            source.resume(at: start)
            position = 0
        }
        return false
    }

    func report(_ reject: Reject, _ onReject: (Reject) throws -> Void) throws {
        if options.onBadRow == .fail {
            throw IngestError.badRow(reject.location, reason: reject.reason)
        }
        try onReject(reject)
    }

    /// A value's bytes after trimming and null-value handling (empty for a null value).
    func value(_ bytes: UnsafeBufferPointer<UInt8>, _ span: FieldSpan) -> UnsafeBufferPointer<UInt8> {
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
    func undoubleAndCheck(
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
        if atEnd { warnings += Self.dropEndOfFilePadding(&buffer, path: displayPath) }
        if let end = unwrappedEnd { unwrappedEnd = WholeLineQuoting.unwrap(&buffer, from: end, atEnd: atEnd) }
    }

    /// The records of a file of `fileSize` bytes, if it goes on as the lines after `position` in its first bytes
    /// do (counted by LF, or by CR in a file without LF).
    private static func estimatedRecords(in buffer: [UInt8], from position: Int, fileSize: Int64) -> Int {
        var (newlines, carriageReturns) = (0, 0)
        for byte in buffer[position...] {
            if byte == 0x0A { newlines += 1 }
            if byte == 0x0D { carriageReturns += 1 }
        }
        let lines = newlines > 0 ? newlines : carriageReturns
        return Int(Double(lines) * Double(fileSize) / Double(max(buffer.count, 1)))
    }

    /// The sample the layout is worked out from: up to ``sampleSize`` bytes from `position`.
    static func sample(of bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[position..<min(bytes.count, position + sampleSize)])
    }

    private static func fill(
        _ buffer: inout [UInt8], from source: inout UTF8Source, atLeast size: Int, atEnd: inout Bool
    ) throws(IngestError) {
        while buffer.count < size, !atEnd {
            if try source.read(appendingTo: &buffer, count: Self.chunkSize) == 0 { atEnd = true }
        }
    }

    /// A byte of the dialect as text.
    static func text(_ byte: UInt8) -> String { String(UnicodeScalar(byte)) }

    /// Up to 200 bytes of a bad row from `start`, to the end of its line, for its reject.
    static func excerpt(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String {
        var end = start
        while end < bytes.count, end - start < 200, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        return String(decoding: bytes[max(0, start)..<end], as: UTF8.self)
    }

}

@available(*, unavailable)
extension CSVReader: Sendable {}
