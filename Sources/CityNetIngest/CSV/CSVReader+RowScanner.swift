import CityNetModel
import Glibc

// Reading the rows below the header: the scanner and what it holds back.
extension CSVReader {
    /// Notes below a table, as reports exported from spreadsheets have them (`Source: UNESCO,,`): rows with a
    /// value in the first column only, or shorter than the table's, after a blank line or an empty row or from one
    /// that starts like a note (`Source:`), are held back until a row of the table follows (they were rows after
    /// all, and are read as such) or the table ends (from the first that starts like a note on, they were notes,
    /// and are skipped with a warning; the others are rows).
    struct FooterWatch {
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
        /// `Grand Total`, `Insgesamt`) or state a balance (`Endsaldo`), and which of the two: reported when the
        /// table ends with them.
        var totals: [(line: Int, isBalance: Bool)] = []
        /// Whether a block of rows that might be notes grew beyond ``limit``: its rows are rows, up to the next
        /// row of another shape.
        var overflowed = false

        /// At most this many rows are held back: a longer block is part of the table. Statistics offices' footers
        /// of notes and legends run to a hundred lines and more (IBGE's SIDRA).
        static let limit = 1_000
    }

    /// A row held back by a ``FooterWatch``: its first line, its bytes up to and including its line end, the
    /// text of its first value, and whether it is a line of one value that reads as a note
    /// (``CSVReader/readsAsNote(_:)``), alone or padded to the table's width (``CSVReader/readsAsPaddedNote(_:)``).
    struct HeldRow {
        var line: Int
        var bytes: [UInt8]
        var value: String
        var isLineOfText = false
    }

    /// Reads the rows of one buffer for ``forEachRecord(columns:source:onRecord:onReject:)``.
    struct RowScanner {
        let reader: CSVReader
        let columns: [Int]
        let source: String
        /// Path starts of a row's view: one value per column.
        let starts: [Int32]

        /// Scans rows from `position` until the buffer needs more (returns true) or the file ends (false).
        ///
        /// `owner` keeps the buffer's bytes in place (a mapped window), if anything does: the records handed over
        /// name it, so that a batch keeps it rather than copy them.
        func scan(
            _ bytes: UnsafeMutableBufferPointer<UInt8>, owner: Unmanaged<RecordBytesOwner>? = nil, atEnd: Bool,
            position: inout Int, line: inout Int, rowsRead: inout Int, spans: inout ContiguousArray<FieldSpan>,
            footer: inout FooterWatch, onRecord: (RawRecordView) throws -> Void, onReject: (Reject) throws -> Void
        ) throws -> Bool {
            let reader = reader
            let headerWidth = reader.header.count
            let path = reader.displayPath
            // The values of the row being handed over, written in place: an array would be checked for being
            // shared on each write.
            let values = UnsafeMutableBufferPointer<RawValue>.allocate(capacity: columns.count)
            values.initialize(repeating: RawValue(bytes: UnsafeBufferPointer(start: nil, count: 0)))
            defer { values.deallocate() }
            let readable = UnsafeBufferPointer(bytes)
            // NUL bytes are no text, yet some exports hold them in values; rows that do are read with them, and
            // listed. Looked for once per buffer, and row by row only in a buffer that has one.
            let hasNUL = readable.baseAddress.map { memchr($0, 0, readable.count) != nil } ?? false
            // A row's fields in the header's order, below a header repeated in another.
            var reordered = ContiguousArray<FieldSpan>()
            while true {
                let tokenizer = footer.layout?.tokenizer ?? reader.tokenizer
                var hasDoubledQuotes = false
                let result = tokenizer.scan(
                    readable, from: position, line: line, atEnd: atEnd, spans: &spans,
                    hasDoubledQuotes: &hasDoubledQuotes)
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
                    if spans.count == width + 1, let last = spans.last,
                        readable[last.start..<last.end].allSatisfy({ $0 == 0x20 }),
                        last.start > 0, readable[last.start - 1] == tokenizer.delimiter,
                        spans.dropLast().contains(where: { $0.start != $0.end })
                    {
                        // A delimiter at the end of a row of values and nothing after it but spaces: Excel and
                        // many databases write one; the row is read without the empty field it would add. (A row
                        // of delimiters alone stays a bad row.)
                        spans.removeLast()
                        reader.note(.trailingDelimiter, line: recordLine)
                    } else if spans.count > width + 1, width > 1,
                        spans[width...].allSatisfy({ span in
                            readable[span.start - 1] == tokenizer.delimiter
                                && readable[span.start..<span.end].allSatisfy { $0 == 0x20 }
                        }),
                        spans[..<width].count(where: { $0.start != $0.end }) >= 2
                    {
                        // Empty fields beyond the table's width at the end of a row of values (`…,EUR,,,` where the
                        // rows end `…,EUR,`) hold nothing to lose: the row is read without them, and listed. (A line
                        // of one value padded wider is a note or a bad row, as before.)
                        spans.removeLast(spans.count - width)
                        reader.note(.trailingEmptyFields, line: recordLine)
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
                    if let skipped = reader.skippedLine(spans, in: readable, start: start, width: width) {
                        // What follows a blank row or line may be notes below the table.
                        rowsRead -= 1
                        reader.note(skipped, line: recordLine)
                        footer.separated =
                            footer.separated || (footer.hasRows && skipped != .commentLines && skipped != .unitsRows)
                        continue
                    }
                    // A row of empty fields one of which is quoted is read, and listed.
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
                                    isLineOfText: isLineOfText || CSVReader.readsAsPaddedNote(firstValue)))
                            continue
                        }
                        // A block this long is part of the table, up to the next row of another shape.
                        footer.overflowed = true
                    }
                    try release(&footer, rowsRead: &rowsRead, onRecord: onRecord, onReject: onReject)
                    if !mayBeNote { footer.overflowed = false }
                    footer.separated = false
                    footer.hasRows = true
                    if spans.count == width, let comment = reader.detectedComment, readable[start] == comment {
                        reader.note(.rowsLikeComments, line: recordLine)
                    } else if spans.count == width, reader.mayHaveCommentedRows, readable[start] == UInt8(ascii: "#") {
                        reader.note(.hashRows, line: recordLine)
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
                    if hasDoubledQuotes || reader.validatesUTF8,
                        let invalid = reader.undoubleAndCheck(columns, in: bytes, spans: &spans)
                    {
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
                        footer.totals.append((recordLine, false))
                    } else if CSVReader.statesABalance(readable, spans) {
                        footer.totals.append((recordLine, true))
                    } else if !footer.totals.isEmpty {
                        footer.totals.removeAll()
                    }
                    for (index, column) in columns.enumerated() {
                        let span = spans[column]
                        values[index] = RawValue(bytes: reader.value(readable, span), column: span.column)
                    }
                    try starts.withUnsafeBufferPointer { startBuffer in
                        try withUnsafePointer(to: path) { file in
                            try onRecord(
                                RawRecordView(
                                    file: file, line: recordLine, column: 1, values: UnsafeBufferPointer(values),
                                    pathStarts: startBuffer,
                                    extent: UnsafeBufferPointer(rebasing: readable[start..<next]),
                                    extentOwner: owner, oneValuePerPath: true))
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
            for row in footer.totals { reader.note(row.isBalance ? .balanceRows : .totalsRows, line: row.line) }
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
}
