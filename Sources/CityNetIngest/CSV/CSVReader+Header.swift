import CityNetModel
import Foundation

// Reading the header: its line, and the lines right below it that belong to it.
extension CSVReader {
    /// Lines in a row that cannot be read as the header before the file is given up as unreadable.
    static let unreadableHeaderLimit = 3

    /// A row of units under the header, one word in one column (`"","","Persons",,`): its column from 0, and the
    /// word.
    struct UnitsRow {
        var column: Int
        var word: String
    }

    /// A header as read: its names (trimmed, not yet made unique), the column each starts at, and its line.
    struct HeaderLine {
        var names: [String]
        var columns: [Int32]
        var line: Int
    }

    /// The header on the first line from `start` that is no blank or comment line, when CSV cannot read it (a quote
    /// inside a name, `"Age" (years)`, or one that never closes, `"A,B,C`) but it splits leniently into as many
    /// names as the record after it has fields, two or more (and an empty one after a delimiter at its end), and
    /// that record reads as data, not as the header: a field that starts with a quote is quoted when its
    /// closing quote ends it, and is otherwise its text as written up to the next delimiter. Gives the header, why
    /// CSV could not read it, and where the line after it starts.
    static func lenientHeader(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, atEnd: Bool, tokenizer: CSVTokenizer
    ) -> (header: HeaderLine, problem: RowProblem, next: Int, nextLine: Int)? {
        var spans = ContiguousArray<FieldSpan>()
        var (position, currentLine) = (start, line)
        while true {
            switch tokenizer.scan(bytes, from: position, line: currentLine, atEnd: atEnd, spans: &spans) {
            case .skipped(let next, let nextLine):
                (position, currentLine) = (next, nextLine)
            case .bad(let problem, _, let afterBad, let afterBadLine):
                var width = 0
                CSVSniffer.forEachRecordSpans(in: bytes, from: afterBad, line: afterBadLine, tokenizer: tokenizer) {
                    width = $1.count
                    return false
                }
                // The next line may be the header itself, the unreadable one a title above it.
                guard width > 1,
                    !CSVSniffer.headerVerdict(
                        in: sample(of: bytes, from: afterBad), from: 0, line: afterBadLine, tokenizer: tokenizer
                    ).isHeader
                else { return nil }
                var lineEnd = position
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D { lineEnd += 1 }
                let fields = lenientFields(
                    UnsafeBufferPointer(rebasing: bytes[position..<lineEnd]), delimiter: tokenizer.delimiter,
                    quote: tokenizer.quote)
                // A header may end with a delimiter that its rows do not have (reported later).
                guard fields.count == width || (fields.count == width + 1 && fields[width].text.isEmpty) else {
                    return nil
                }
                var next = lineEnd
                if next < bytes.count, bytes[next] == 0x0D { next += 1 }
                if next < bytes.count, bytes[next] == 0x0A { next += 1 }
                let names = fields.map { field in
                    String(decoding: field.text, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                }
                return (
                    HeaderLine(names: names, columns: fields.map(\.column), line: currentLine), problem, next,
                    currentLine + 1
                )
            case .record, .needMore, .end:
                return nil
            }
        }
    }

    /// The fields of one line read leniently (``lenientHeader(in:from:line:atEnd:tokenizer:)``), with the
    /// column each starts at (in bytes, from 1).
    private static func lenientFields(_ line: UnsafeBufferPointer<UInt8>, delimiter: UInt8, quote: UInt8) -> [(
        text: [UInt8], column: Int32
    )] {
        var fields: [(text: [UInt8], column: Int32)] = []
        var index = 0
        while true {
            let start = index
            var text: [UInt8] = []
            var closed = false
            if index < line.count, line[index] == quote {
                var inner = index + 1
                while inner < line.count {
                    if line[inner] == quote {
                        if inner + 1 < line.count, line[inner + 1] == quote {
                            text.append(quote)
                            inner += 2
                            continue
                        }
                        closed = inner + 1 == line.count || line[inner + 1] == delimiter
                        break
                    }
                    text.append(line[inner])
                    inner += 1
                }
                if closed { index = inner + 1 }
            }
            if !closed {
                index = start
                while index < line.count, line[index] != delimiter { index += 1 }
                text = Array(line[start..<index])
            }
            fields.append((text, Int32(start + 1)))
            guard index < line.count else { return fields }
            index += 1
        }
    }

    /// Reads the header from the first record at `position`: blank and comment lines before it are skipped, and
    /// up to ``unreadableHeaderLimit`` lines in a row that cannot be read, each with a warning; `nil` when the
    /// file ends first. Names padded with NUL bytes or a byte order mark are read without them, with a warning.
    ///
    /// - Throws: ``IngestError/badHeader(_:message:)`` when ``unreadableHeaderLimit`` lines in a row cannot be read.
    static func readHeaderLine(
        _ buffer: [UInt8], position: inout Int, line: inout Int, atEnd: Bool, tokenizer: CSVTokenizer,
        displayPath: String, warnings: inout [Diagnostic]
    ) throws(IngestError) -> HeaderLine? {
        var spans = ContiguousArray<FieldSpan>()
        var unreadableHeaderLines = 0
        while true {
            let result = buffer.withUnsafeBufferPointer { bytes in
                tokenizer.scan(bytes, from: position, line: line, atEnd: atEnd, spans: &spans)
            }
            switch result {
            case .record(let recordLine, let next, let nextLine):
                let names = buffer.withUnsafeBufferPointer { bytes in
                    spans.map { fieldText(bytes, $0, tokenizer: tokenizer) }
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
                            at: SourceLocation(file: displayPath, line: recordLine, column: Int(spans[first].column))))
                }
                (position, line) = (next, nextLine)
                return HeaderLine(names: names, columns: spans.map(\.column), line: recordLine)
            case .skipped(let next, let nextLine):
                (position, line) = (next, nextLine)
            case .bad(let problem, _, let next, let nextLine):
                unreadableHeaderLines += 1
                guard unreadableHeaderLines < unreadableHeaderLimit else {
                    throw .badHeader(
                        SourceLocation(file: displayPath, line: problem.line, column: problem.column),
                        message:
                            "no header: \(unreadableHeaderLimit) lines in a row cannot be read (\(problem.reason)) with the delimiter '\(text(tokenizer.delimiter))' and the quote \(text(tokenizer.quote)); citynet inspect shows what was detected, and the pipeline's csv options can say otherwise"
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
                return nil
            }
        }
    }

    /// Skips the rows right below the header that belong to it, with a warning
    /// (``CSVSniffer/headerBlock(in:from:line:tokenizer:unnamed:)``); when the header names few of its columns and
    /// the first of those rows most (``fullerHeader(below:in:from:line:atEnd:tokenizer:)``), that row is the header
    /// and the line above it a title. Otherwise warns of a first row that reads like a second header, and reads it
    /// as a row.
    ///
    /// Gives the units row so skipped, when the block is one row with one word (`"","","Persons",,`): its column
    /// and its word, so that the same row between sections of the table can be told from a row.
    @discardableResult
    static func skipLinesOfTheHeader(
        _ header: inout HeaderLine, in buffer: [UInt8], position: inout Int, line: inout Int, atEnd: Bool,
        tokenizer: CSVTokenizer, displayPath: String, warnings: inout [Diagnostic]
    ) -> UnitsRow? {
        func headerBlock() -> (lines: [Int], value: String, column: Int)? {
            buffer.withUnsafeBufferPointer { bytes in
                CSVSniffer.headerBlock(
                    in: sample(of: bytes, from: position), from: 0, line: line, tokenizer: tokenizer,
                    unnamed: header.names.indices.filter { header.names[$0].isEmpty })
            }
        }
        /// Reads `better` as the header instead, warning why at the line taken so far.
        func replaceHeader(with better: HeaderLine, next: Int, nextLine: Int, because reason: String) {
            warnings.append(
                Diagnostic(
                    .warning,
                    "\(reason); set header_line: \(header.line) to read line \(header.line) as the header",
                    at: SourceLocation(file: displayPath, line: header.line)))
            header = better
            (position, line) = (next, nextLine)
        }
        if let lower = buffer.withUnsafeBufferPointer({ bytes in
            headerBelowEmptyRows(
                below: header, in: bytes, from: position, line: line, atEnd: atEnd, tokenizer: tokenizer)
        }) {
            let skipped = "lines \(header.line)-\(lower.header.line - 1)"
            let above = header.names[lower.column - 1]
            let held = above.isEmpty ? "nothing" : "'\(above)'"
            replaceHeader(
                with: lower.header, next: lower.next, nextLine: lower.nextLine,
                because:
                    "line \(lower.header.line), below empty rows, names the columns under it ('\(lower.word)' in column \(lower.column) over numbers or dates, where line \(header.line) has \(held)): line \(lower.header.line) is read as the header, and \(skipped) skipped as a block of their own"
            )
        }
        var block = headerBlock()
        if let last = block?.lines.last,
            let fuller = buffer.withUnsafeBufferPointer({ bytes in
                fullerHeader(
                    below: header.names, in: bytes, from: position, line: line, through: last, atEnd: atEnd,
                    tokenizer: tokenizer)
            })
        {
            // The lines above named few columns: a title with the table's code, `key:,value` lines, or a row of
            // groups.
            let named = { (names: [String]) in names.filter { !$0.isEmpty }.count }
            let titles =
                fuller.header.line == header.line + 1
                ? "line \(header.line) skipped as a title"
                : "lines \(header.line)-\(fuller.header.line - 1) skipped as titles"
            replaceHeader(
                with: fuller.header, next: fuller.next, nextLine: fuller.nextLine,
                because:
                    "line \(header.line) names \(named(header.names)) of the table's \(header.names.count) columns and line \(fuller.header.line) below it names \(named(fuller.header.names)): line \(fuller.header.line) is read as the header, and \(titles)"
            )
            block = headerBlock()
        }
        /// Reads the row at `rowLine`, right below a header that names three columns or more all alike
        /// (`;Jahr;Jahr;Jahr`, `;;Stichtag;Stichtag`, as GENESIS writes a group over its years and dates), as the
        /// header, the line above skipped as a row of groups; false, changing nothing, for any other layout.
        func takeRowBelowGroups(at rowLine: Int, showing value: String, in column: Int) -> Bool {
            let named = header.names.filter { !$0.isEmpty }
            var spans = ContiguousArray<FieldSpan>()
            guard named.count >= 3, Set(named).count == 1,
                case .record(let recordLine, let next, let nextLine) = buffer.withUnsafeBufferPointer({ bytes in
                    tokenizer.scan(bytes, from: position, line: line, atEnd: atEnd, spans: &spans)
                }), recordLine == rowLine, spans.count == header.names.count
            else { return false }
            let names = buffer.withUnsafeBufferPointer { bytes in
                spans.map { fieldText(bytes, $0, tokenizer: tokenizer) }
            }
            guard zip(header.names, names).allSatisfy({ $0.isEmpty || !$1.isEmpty }) else { return false }
            replaceHeader(
                with: HeaderLine(names: names, columns: spans.map(\.column), line: recordLine), next: next,
                nextLine: nextLine,
                because:
                    "line \(header.line) names every column alike ('\(named[0])') and line \(rowLine) below it names them ('\(value)' in column \(column) above numbers): line \(rowLine) is read as the header, and line \(header.line) skipped as a row of groups"
            )
            return true
        }
        if let block, let first = block.lines.first, let last = block.lines.last {
            if first == last, takeRowBelowGroups(at: first, showing: block.value, in: block.column) { return nil }
            var spans = ContiguousArray<FieldSpan>()
            var unitsRow: UnitsRow?
            var subNames: [String]?
            skipRecords(in: buffer, position: &position, line: &line, atEnd: atEnd, tokenizer: tokenizer, spans: &spans)
            { recordLine, spans in
                let filled = spans.indices.filter { spans[$0].start < spans[$0].end }
                if recordLine <= last, first == last, filled.count == 1, spans.count == header.names.count {
                    unitsRow = buffer.withUnsafeBufferPointer { bytes in
                        UnitsRow(column: filled[0], word: fieldText(bytes, spans[filled[0]], tokenizer: tokenizer))
                    }
                }
                if recordLine <= last, first == last, spans.count == header.names.count {
                    subNames = buffer.withUnsafeBufferPointer { bytes in
                        spans.map { fieldText(bytes, $0, tokenizer: tokenizer) }
                    }
                }
                return recordLine <= last
            }
            if let subNames, let merged = mergedNames(header.names, under: subNames) {
                let joined = merged.indices.filter { merged[$0] != header.names[$0] && merged[$0] != subNames[$0] }
                warnings.append(
                    Diagnostic(
                        .warning,
                        "line \(first) names the columns under the groups of the header, as merged cells export them: each name is joined to its group ('\(merged[joined.first ?? 0])'); set header_line to read line \(first) as a row",
                        at: SourceLocation(file: displayPath, line: first)))
                header.names = merged
                return nil
            }
            let lines = first == last ? "line \(first)" : "lines \(first)-\(last)"
            warnings.append(
                Diagnostic(
                    .warning,
                    "skipped \(lines) below the header as more of it (units, dates, a series' metadata, hashtags, answer options or import ids: '\(block.value)' in column \(block.column) is not like the values below); set header_line to read them as rows",
                    at: SourceLocation(file: displayPath, line: first)))
            return unitsRow
        } else if let second = buffer.withUnsafeBufferPointer({ bytes in
            CSVSniffer.secondHeader(in: sample(of: bytes, from: position), from: 0, line: line, tokenizer: tokenizer)
        }) {
            if takeRowBelowGroups(at: second.line, showing: second.word, in: second.column) { return nil }
            warnings.append(
                Diagnostic(
                    .warning,
                    "line \(second.line), below the header, reads like a second header ('\(second.word)' in column \(second.column) above numbers, and words above the numbers of other columns): read as a row (units under the header?); if it is the header, set header_line: \(second.line)",
                    at: SourceLocation(file: displayPath, line: second.line)))
        }
        return nil
    }

    /// The names of a header over a row of sub-columns, as a spreadsheet exports cells merged over several columns
    /// (`Region,2019,,2020,` over `,Male,Female,Male,Female`): under a group (a name followed by empty ones), each
    /// sub-column's name after the group's (`2019 Male`, `2019 Female`); under an empty name outside a group, the
    /// name below; any other column keeps its own (`Region`). `nil` unless two names or more are below, one of them
    /// under an empty name of the header after its first column.
    static func mergedNames(_ names: [String], under subNames: [String]) -> [String]? {
        guard names.count == subNames.count, subNames.filter({ !$0.isEmpty }).count >= 2,
            names.indices.dropFirst().contains(where: { names[$0].isEmpty && !subNames[$0].isEmpty })
        else { return nil }
        var group: String?
        return names.indices.map { index in
            let sub = subNames[index]
            if !names[index].isEmpty {
                let isGroup = index + 1 < names.count && names[index + 1].isEmpty
                group = isGroup ? names[index] : nil
                return isGroup && !sub.isEmpty ? "\(names[index]) \(sub)" : names[index]
            }
            guard !sub.isEmpty else { return names[index] }
            return group.map { "\($0) \(sub)" } ?? sub
        }
    }

    /// Whether the first `count` records of a sample start with the numbers 1, 2, 3… in order, as R's
    /// write.table numbers rows that have no names of their own.
    static func startsWithRowNumbers(
        _ sample: UnsafeBufferPointer<UInt8>, line: Int, tokenizer: CSVTokenizer, count: Int
    ) -> Bool {
        var expected = 1
        CSVSniffer.forEachRecord(in: sample, from: 0, line: line, tokenizer: tokenizer) { _, values in
            guard let first = values.first, first.elementsEqual(String(expected).utf8) else { return false }
            expected += 1
            return expected <= count
        }
        return expected > count
    }

    /// The header of the table under a block of lines that an instrument or a form writes above it
    /// (`Apex,01/03/2021` and `96-well,` over `x,y`; a statistics release's `Custodian,…` and `Contact:,…` lines),
    /// when empty rows end that block: the first line after them, when it names two columns or more and as many as
    /// the header taken so far, and in one column at least holds a word over numbers or dates where that header
    /// holds nothing, a number or a date. At most eight rows may come between that header and the empty rows. Gives
    /// the line, the word and its column (from 1), and where the line after it starts; `nil` for any other layout.
    static func headerBelowEmptyRows(
        below header: HeaderLine, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, atEnd: Bool,
        tokenizer: CSVTokenizer
    ) -> (header: HeaderLine, word: String, column: Int, next: Int, nextLine: Int)? {
        let width = header.names.count
        guard width >= 2 else { return nil }
        var spans = ContiguousArray<FieldSpan>()
        var (position, currentLine, rowsAbove, separated) = (start, line, 0, false)
        while rowsAbove <= 8 {
            switch tokenizer.scan(bytes, from: position, line: currentLine, atEnd: atEnd, spans: &spans) {
            case .skipped(let next, let nextLine):
                separated = true
                (position, currentLine) = (next, nextLine)
            case .record(let recordLine, let next, let nextLine):
                if spans.allSatisfy({ $0.start == $0.end }) {
                    separated = true
                } else if !separated {
                    rowsAbove += 1
                } else {
                    guard spans.count == width,
                        let column = namingColumn(spans, in: bytes, from: next, line: nextLine, over: header, tokenizer)
                    else { return nil }
                    let names = spans.map { fieldText(bytes, $0, tokenizer: tokenizer) }
                    return (
                        HeaderLine(names: names, columns: spans.map(\.column), line: recordLine), names[column],
                        column + 1, next, nextLine
                    )
                }
                (position, currentLine) = (next, nextLine)
            case .bad, .needMore, .end:
                return nil
            }
        }
        return nil
    }

    /// The first column where a line of values that names as many columns as the header holds a word over the
    /// numbers or dates of the rows from `start` while the header holds nothing, a number or a date; `nil` when
    /// there is none.
    private static func namingColumn(
        _ spans: ContiguousArray<FieldSpan>, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int,
        over header: HeaderLine, _ tokenizer: CSVTokenizer
    ) -> Int? {
        let values = spans.map { CSVSniffer.trimmedSpaces(UnsafeBufferPointer(rebasing: bytes[$0.start..<$0.end])) }
        let named = values.filter { !$0.isEmpty }.count
        guard named >= 2, named >= header.names.filter({ !$0.isEmpty }).count else { return nil }
        var rows: [[UnsafeBufferPointer<UInt8>]] = []
        CSVSniffer.forEachRecord(in: bytes, from: start, line: line, tokenizer: tokenizer) { _, row in
            if row.count == spans.count { rows.append(row) }
            return rows.count < 20
        }
        guard rows.count >= 2 else { return nil }
        let isData = { (value: UnsafeBufferPointer<UInt8>) in CSVSniffer.isNumber(value) || CSVSniffer.isDate(value) }
        return values.indices.first { column in
            let value = values[column]
            let below = rows.map { $0[column] }.filter { !$0.isEmpty }
            guard below.count >= 2, below.allSatisfy(isData), !isData(value),
                value.contains(where: CSVSniffer.isLetter),
                !CSVSniffer.isMissingMarker(value)
            else { return false }
            var name = header.names[column]
            return name.isEmpty || name.withUTF8 { isData($0) }
        }
    }

    /// The first line of the rows below a header that belong to it (through `lastLine`), when the header names
    /// fewer than half of the table's columns and that line names two in three of them or more, its first among
    /// them: the real header, under a title line that gives the table's code and title
    /// (`T02,"Population, density and surface area",,,,,` above `Region/Country/Area,,Year,Series,Value,Footnotes,Source`,
    /// as UN Data writes its tables), under `key:,value` lines (`Date file created:,02/12/2022,,,,`), or the names of
    /// the columns under a row that groups them. Gives it, and where the line after it starts; `nil` when no line
    /// qualifies.
    static func fullerHeader(
        below names: [String], in bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, through lastLine: Int,
        atEnd: Bool, tokenizer: CSVTokenizer
    ) -> (header: HeaderLine, next: Int, nextLine: Int)? {
        let named = names.filter { !$0.isEmpty }.count
        guard named * 2 < names.count else { return nil }
        var spans = ContiguousArray<FieldSpan>()
        var (position, currentLine) = (start, line)
        while currentLine <= lastLine {
            switch tokenizer.scan(bytes, from: position, line: currentLine, atEnd: atEnd, spans: &spans) {
            case .skipped(let next, let nextLine):
                (position, currentLine) = (next, nextLine)
            case .record(let recordLine, let next, let nextLine):
                guard recordLine <= lastLine else { return nil }
                let below = spans.map { fieldText(bytes, $0, tokenizer: tokenizer) }
                let namedBelow = below.filter { !$0.isEmpty }.count
                guard below.count == names.count, !below[0].isEmpty, namedBelow > named,
                    namedBelow * 3 >= names.count * 2
                else {
                    (position, currentLine) = (next, nextLine)
                    continue
                }
                return (HeaderLine(names: below, columns: spans.map(\.column), line: recordLine), next, nextLine)
            case .bad, .needMore, .end:
                return nil
            }
        }
        return nil
    }
}
