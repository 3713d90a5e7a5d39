import CityNetModel

// What comes before the rows: title lines, the header's names, what detection found, and files that are no
// delimited text.
extension CSVReader {
    /// Skips records from `position` while `isSkipped`, given each record's line and fields, says so (blank,
    /// comment and unreadable lines before each too); stops early at the end of `buffer`.
    static func skipRecords(
        in buffer: [UInt8], position: inout Int, line: inout Int, atEnd: Bool, tokenizer: CSVTokenizer,
        spans: inout ContiguousArray<FieldSpan>, while isSkipped: (Int, ContiguousArray<FieldSpan>) -> Bool
    ) {
        // Lines between records are skipped with the record after them, and left where no record is.
        var (scanned, scannedLine) = (position, line)
        while true {
            let result = buffer.withUnsafeBufferPointer { bytes in
                tokenizer.scan(bytes, from: scanned, line: scannedLine, atEnd: atEnd, spans: &spans)
            }
            switch result {
            case .record(let recordLine, let next, let nextLine):
                guard isSkipped(recordLine, spans) else { return }
                (position, line) = (next, nextLine)
                (scanned, scannedLine) = (next, nextLine)
            case .skipped(let next, let nextLine), .bad(_, _, let next, let nextLine):
                (scanned, scannedLine) = (next, nextLine)
            case .needMore, .end:
                return
            }
        }
    }

    /// Drops what a file's end is padded with, and warns of it: the Ctrl-Z (0x1A) that old DOS tools write at the
    /// end of a text file, after its last line or on a line of its own (CP/M tools pad the last block with them),
    /// and NUL bytes, which no text has (a file written into space set aside for it, or cut short).
    static func dropEndOfFilePadding(_ buffer: inout [UInt8], path: String) -> [Diagnostic] {
        var (marks, nuls) = (0, 0)
        while let last = buffer.last, last == 0x1A || last == 0 {
            if last == 0 { nuls += 1 } else { marks += 1 }
            buffer.removeLast()
        }
        var warnings: [Diagnostic] = []
        if marks > 0 {
            warnings.append(
                Diagnostic(
                    .warning, "the file ends with Ctrl-Z (0x1A), the end-of-file mark of old DOS tools: left out",
                    at: SourceLocation(file: path)))
        }
        if nuls > 0 {
            warnings.append(
                Diagnostic(
                    .warning,
                    "the file ends with \(nuls) NUL byte\(nuls == 1 ? "" : "s") (0x00), padding that no text has: left out",
                    at: SourceLocation(file: path)))
        }
        return warnings
    }

    /// What detection found beyond a plain reading, each to be reported: an unusual delimiter (when detected), and
    /// comments, escapes, spaces around quotes and carriage returns inside lines that the options did not name.
    static func detectionNotes(delimiter: UInt8?, quoting: CSVSniffer.Quoting, options: CSVOptions) -> [String] {
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
        if !quoting.carriageReturnsEndLines {
            notes.append(
                "the file's lines end with LF, and a carriage return (CR) alone inside a line is read as part of its value, not as a line break"
            )
        }
        return notes
    }

    /// Whether nothing from `start` to the end of the file is a record or a bad row: blank and comment lines at
    /// most (`false` when the buffer ends before the file does).
    static func holdsNoRecord(
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

    /// Skips `count` physical lines without regard to quotes (a preamble is not CSV).
    static func skipLines(_ count: Int, in buffer: [UInt8], position: inout Int, line: inout Int) {
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
    /// names. Lines that CSV cannot read among them (a quoted title with footnote marks after its quote,
    /// `"Population estimates, quarterly" 1 2 3`) are skipped with them. Gives the count and the first line of
    /// the titles.
    static func titleLines(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int,
        records: [(line: Int, width: Int, endsWithDelimiter: Bool)],
        width: Int, tokenizer: CSVTokenizer, atEnd: Bool
    ) -> (count: Int, firstLine: Int, hashtagLine: Int?) {
        guard width > 1 else { return (0, line, nil) }
        if let anchor = hashtagAnchor(bytes, from: start, line: line, tokenizer: tokenizer, atEnd: atEnd) {
            return (anchor.count, anchor.firstLine, anchor.hashtagLine)
        }
        var spans = ContiguousArray<FieldSpan>()
        var position = start
        var currentLine = line
        var above = 0
        var firstLine: Int?
        var firstIsTitle = false
        // A single line of several values set apart from the table by a blank line is a title too
        // (`Umsätze Girokonto;Zeitraum: 30 Tage`): a header is written right above its rows.
        var firstIsSetApart = false
        while above < records.count {
            switch tokenizer.scan(bytes, from: position, line: currentLine, atEnd: atEnd, spans: &spans) {
            case .record(let recordLine, let next, let nextLine):
                let values = spans.filter { $0.start != $0.end }.count
                // The table starts at a line of its width with two values, or with a value over each column but
                // the first: the header of a column of row labels (`,Total`, as accounting reports write it). A
                // key and its value padded to the table's width (`Title:,Phosphate in rivers,,,,`) is metadata.
                let isKeyAndValue =
                    values == 2 && spans.count > 2 && spans[0].start < spans[0].end
                    && CSVSniffer.trimmedSpaces(UnsafeBufferPointer(rebasing: bytes[spans[0].start..<spans[0].end]))
                        .last == UInt8(ascii: ":")
                let isTableLine =
                    spans.count >= width && !isKeyAndValue
                    && (values >= 2 || (spans[0].start == spans[0].end && values == spans.count - 1))
                if isTableLine {
                    return above >= 2 || (above == 1 && (firstIsTitle || firstIsSetApart))
                        ? (above, firstLine ?? recordLine, nil) : (0, line, nil)
                }
                if above == 0 {
                    // A line of a value, or of fields for fewer than half the table's columns (DATEV's line of
                    // metadata above its header), is no header of the table.
                    firstIsTitle = (values == 1 && spans[0].start != spans[0].end) || spans.count * 2 < width
                }
                above += 1
                firstLine = firstLine ?? recordLine
                (position, currentLine) = (next, nextLine)
            case .skipped(let next, let nextLine):
                firstIsSetApart = firstIsSetApart || above == 1
                (position, currentLine) = (next, nextLine)
            case .bad(_, _, let next, let nextLine):
                firstLine = firstLine ?? currentLine
                (position, currentLine) = (next, nextLine)
            case .needMore, .end:
                return (0, line, nil)
            }
        }
        return (0, line, nil)
    }

    /// The header that an HXL hashtag row (`#adm1+name`) names below notes or a row of groups, as humanitarian
    /// portals export tables: the record right above the first hashtag row among the first 25 records, when
    /// records lie above it, it is no hashtag row and holds two values or more, and a record that is no hashtag
    /// row follows. Gives how many records lie above that header, the first line of them (or of a line CSV cannot
    /// read among them), and the hashtag row's line.
    private static func hashtagAnchor(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, tokenizer: CSVTokenizer, atEnd: Bool
    ) -> (count: Int, firstLine: Int, hashtagLine: Int)? {
        var spans = ContiguousArray<FieldSpan>()
        var (position, currentLine) = (start, line)
        var firstLine: Int?
        var records: [(line: Int, isHashtags: Bool, values: Int)] = []
        scanning: while records.count <= 25 {
            switch tokenizer.scan(bytes, from: position, line: currentLine, atEnd: atEnd, spans: &spans) {
            case .record(let recordLine, let next, let nextLine):
                let values = spans.map {
                    CSVSniffer.trimmedSpaces(UnsafeBufferPointer(rebasing: bytes[$0.start..<$0.end]))
                }
                records.append((recordLine, CSVSniffer.isHashtagRow(values), values.count { !$0.isEmpty }))
                firstLine = firstLine ?? recordLine
                (position, currentLine) = (next, nextLine)
            case .bad(_, _, let next, let nextLine):
                firstLine = firstLine ?? currentLine
                (position, currentLine) = (next, nextLine)
            case .skipped(let next, let nextLine):
                (position, currentLine) = (next, nextLine)
            case .needMore, .end:
                break scanning
            }
        }
        guard let hashtags = records.prefix(25).firstIndex(where: \.isHashtags), hashtags >= 2,
            !records[hashtags - 1].isHashtags, records[hashtags - 1].values >= 2, hashtags + 1 < records.count,
            !records[hashtags + 1].isHashtags, let firstLine
        else { return nil }
        return (hashtags - 1, firstLine, records[hashtags].line)
    }

    /// A field's text as a header name or a note shows it: quotes undoubled, padding around it left out.
    static func fieldText(_ bytes: UnsafeBufferPointer<UInt8>, _ span: FieldSpan, tokenizer: CSVTokenizer)
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
    static func uniqueNames(
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
