import CByteScan

/// Where one field lies in the buffer.
struct FieldSpan {
    /// The first byte of the content (after an opening quote).
    var start: Int
    /// One past the last byte of the content (before a closing quote).
    var end: Int
    /// Whether the content holds doubled quotes that must be undoubled.
    var hasDoubledQuotes: Bool
    /// The 1-based column (in Unicode scalars) where the field starts on its line.
    var column: Int32
}

/// A row that cannot be read, and where.
struct RowProblem {
    var line: Int
    var column: Int
    var reason: String
}

/// The outcome of scanning from a position.
enum ScanResult {
    /// A record; its fields are in `spans`. `next` and `nextLine` are where the following record starts.
    case record(line: Int, next: Int, nextLine: Int)
    /// A blank or comment line was skipped.
    case skipped(next: Int, nextLine: Int)
    /// A row that cannot be read; reading resumes at `next`.
    case bad(RowProblem, excerptStart: Int, next: Int, nextLine: Int)
    /// The buffer ends inside the record: read more and scan again from the same position.
    case needMore
    /// No more input.
    case end
}

/// Splits CSV bytes into records and fields (RFC 4180), working on a buffer in place.
///
/// Line ends may be LF, CRLF or CR, also inside quoted fields; line numbers count physical lines. A quote inside
/// a field that did not start with one is data. Columns count Unicode scalars. Empty lines are blank, and skipped.
struct CSVTokenizer {
    let delimiter: UInt8
    let quote: UInt8
    let comment: UInt8?
    /// A character that makes the quote (or itself) after it data inside a quoted field (`\"`), as MySQL and
    /// many PHP exports write; `nil` when quotes are only doubled.
    let escape: UInt8?
    /// Whether the escape also makes the delimiter or a line end after it data in a field without quotes, as
    /// MySQL's `SELECT … INTO OUTFILE` and `mysqldump --tab` write a tab or a line break inside a value.
    let escapesUnquoted: Bool
    /// Whether spaces after a delimiter, and between a closing quote and a delimiter, are left out (`1, "a, b", 3`,
    /// as Python's `skipinitialspace` reads it): a quoted field then starts at its quote.
    let skipsSpacesAroundQuotes: Bool
    /// Whether lines of spaces (and tabs, unless they delimit fields) alone are skipped as blank: while the layout
    /// is worked out. Rows are read without it, so that a reader can report such lines (or keep them as the
    /// values of a one-column table).
    let skipsLinesOfSpaces: Bool
    /// Whether a carriage return alone (not followed by a line feed) ends a line, as in old Mac files. In a file
    /// whose lines end with LF, one inside a line is part of a value instead (`some\rjunk`), and no line break.
    let carriageReturnsEndLines: Bool

    init(
        delimiter: UInt8, quote: UInt8, comment: UInt8?, escape: UInt8? = nil, escapesUnquoted: Bool = false,
        skipsSpacesAroundQuotes: Bool = false, skipsLinesOfSpaces: Bool = true, carriageReturnsEndLines: Bool = true
    ) {
        self.delimiter = delimiter
        self.quote = quote
        self.comment = comment
        self.escape = escape
        self.escapesUnquoted = escapesUnquoted && escape != nil
        self.skipsSpacesAroundQuotes = skipsSpacesAroundQuotes
        self.skipsLinesOfSpaces = skipsLinesOfSpaces
        self.carriageReturnsEndLines = carriageReturnsEndLines
    }

    /// The same tokenizer for reading rows: without a comment character that was only detected (a row that
    /// starts with it may be data), and with lines of spaces handed over as records.
    func forRows(keepingComment: Bool) -> CSVTokenizer {
        CSVTokenizer(
            delimiter: delimiter, quote: quote, comment: keepingComment ? comment : nil, escape: escape,
            escapesUnquoted: escapesUnquoted, skipsSpacesAroundQuotes: skipsSpacesAroundQuotes,
            skipsLinesOfSpaces: false, carriageReturnsEndLines: carriageReturnsEndLines)
    }

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    /// Scans one record (or skips one blank or comment line) starting at `start`, which is on line `line`; a
    /// record's fields are in `spans` afterwards.
    func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, atEnd: Bool,
        spans: inout ContiguousArray<FieldSpan>
    ) -> ScanResult {
        var hasDoubledQuotes = false
        return scan(bytes, from: start, line: line, atEnd: atEnd, spans: &spans, hasDoubledQuotes: &hasDoubledQuotes)
    }

    /// Scans as ``scan(_:from:line:atEnd:spans:)`` does, and tells whether a field of the record holds doubled
    /// quotes or escapes (``FieldSpan/hasDoubledQuotes``): most rows hold none, and need no field looked at for them.
    func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, atEnd: Bool,
        spans: inout ContiguousArray<FieldSpan>, hasDoubledQuotes: inout Bool
    ) -> ScanResult {
        withUnsafeTemporaryAllocation(of: FieldSpan.self, capacity: FoundSpans.onStack) { stack in
            var found = FoundSpans(stack: stack)
            let result = scan(bytes, from: start, line: line, atEnd: atEnd, found: &found, spans: &spans)
            found.finish(into: &spans)
            hasDoubledQuotes = found.hasDoubledQuotes
            return result
        }
    }

    /// The fields found so far: on the stack up to ``onStack`` of them, then in the caller's array. Appending to
    /// the array field by field checked on each append that it was not shared; a record's fields now go into it
    /// at once.
    private struct FoundSpans {
        /// As many fields as fit in the kilobyte that `withUnsafeTemporaryAllocation` takes from the stack (it
        /// allocates more on the heap).
        static let onStack = 1024 / MemoryLayout<FieldSpan>.stride
        let stack: UnsafeMutableBufferPointer<FieldSpan>
        var count = 0
        /// Whether a field found holds doubled quotes or escapes.
        var hasDoubledQuotes = false

        @inline(__always)
        mutating func append(_ span: FieldSpan, spilling spans: inout ContiguousArray<FieldSpan>) {
            hasDoubledQuotes = hasDoubledQuotes || span.hasDoubledQuotes
            if count < stack.count {
                stack.initializeElement(at: count, to: span)
            } else {
                if count == stack.count { spans.replaceSubrange(spans.indices, with: stack) }
                spans.append(span)
            }
            count += 1
        }

        /// Puts the fields into `spans`, unless they are there already.
        func finish(into spans: inout ContiguousArray<FieldSpan>) {
            guard count <= stack.count else { return }
            spans.replaceSubrange(spans.indices, with: UnsafeBufferPointer(rebasing: stack[0..<count]))
        }
    }

    private func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, atEnd: Bool, found: inout FoundSpans,
        spans: inout ContiguousArray<FieldSpan>
    ) -> ScanResult {
        let count = bytes.count
        guard start < count else { return atEnd ? .end : .needMore }
        let first = bytes[start]
        if skipsLinesOfSpaces, first == Self.space || (first == Self.tab && delimiter != Self.tab) {
            // A line of spaces (and tabs, unless they delimit fields) alone is blank.
            var index = start
            while index < count, bytes[index] == Self.space || (bytes[index] == Self.tab && delimiter != Self.tab) {
                index += 1
            }
            if index == count, !atEnd { return .needMore }
            if index == count || bytes[index] == Self.newline || bytes[index] == Self.carriageReturn {
                guard let next = lineEnd(bytes, at: index, atEnd: atEnd) else { return .needMore }
                return .skipped(next: next, nextLine: line + 1)
            }
        }
        if first == Self.newline || first == Self.carriageReturn || first == comment
            || (comment != nil && (first == Self.space || first == Self.tab) && startsWithComment(bytes, at: start))
        {
            var index = start
            while index < count, bytes[index] != Self.newline, bytes[index] != Self.carriageReturn { index += 1 }
            guard let next = lineEnd(bytes, at: index, atEnd: atEnd) else { return .needMore }
            return .skipped(next: next, nextLine: line + 1)
        }

        var index = start
        var currentLine = line
        var column: Int32 = 1
        var counted = start
        // The high bits of the bytes scanned since the field before this one started (and of a few after it): while
        // none is set, the field's bytes are as many columns, and only a field after one with other than ASCII
        // counts its scalars.
        var scanned: UInt64 = 0
        while true {
            if skipsSpacesAroundQuotes, index < count, bytes[index] == Self.space {
                while index < count, bytes[index] == Self.space { index += 1 }
                if index == count, !atEnd { return .needMore }
            }
            let fieldStart = index
            column +=
                scanned & Self.highBits == 0
                ? Int32(fieldStart - counted) : scalars(bytes, from: counted, to: fieldStart)
            counted = fieldStart
            scanned = 0
            if index < count, bytes[index] == quote {
                let quoteLine = currentLine
                let quoteColumn = column
                index += 1
                var doubled = false
                while true {
                    index =
                        escape == nil
                        ? firstOf(quote, in: bytes, from: index, scanned: &scanned)
                        : firstOfQuoteOrEscape(in: bytes, from: index, scanned: &scanned)
                    guard index < count else {
                        if !atEnd { return .needMore }
                        return unterminated(
                            bytes, recordStart: start, quoteAt: fieldStart, line: quoteLine, column: quoteColumn)
                    }
                    let byte = bytes[index]
                    if byte == escape, byte != quote {
                        if index + 1 == count, !atEnd { return .needMore }
                        if index + 1 < count, bytes[index + 1] == quote || bytes[index + 1] == byte {
                            doubled = true
                            index += 2
                        } else {
                            index += 1
                        }
                        continue
                    }
                    if byte == quote {
                        if index + 1 < count, bytes[index + 1] == quote {
                            doubled = true
                            index += 2
                            continue
                        }
                        if index + 1 == count, !atEnd { return .needMore }
                        break
                    }
                    if byte == Self.carriageReturn {
                        if index + 1 == count, !atEnd { return .needMore }
                        if index + 1 < count, bytes[index + 1] == Self.newline {
                            index += 1
                        } else if !carriageReturnsEndLines {
                            index += 1
                            continue
                        }
                    }
                    index += 1
                    currentLine += 1
                    column = 1
                    counted = index
                }
                found.append(
                    FieldSpan(start: fieldStart + 1, end: index, hasDoubledQuotes: doubled, column: quoteColumn),
                    spilling: &spans)
                index += 1
                if skipsSpacesAroundQuotes {
                    while index < count, bytes[index] == Self.space { index += 1 }
                    if index == count, !atEnd { return .needMore }
                }
                if index < count, bytes[index] != delimiter, bytes[index] != Self.newline,
                    bytes[index] != Self.carriageReturn
                {
                    let problemColumn = Int(column + scalars(bytes, from: counted, to: index))
                    var end = index
                    while end < count, bytes[end] != Self.newline, bytes[end] != Self.carriageReturn { end += 1 }
                    guard let next = lineEnd(bytes, at: end, atEnd: atEnd) else { return .needMore }
                    // A record of several lines is reported at the line it starts on, where its bad field opened
                    // when that is there, and the reason says where the stray character is.
                    let problem =
                        currentLine == line
                        ? RowProblem(
                            line: line, column: problemColumn,
                            reason: "unexpected character after the closing quote of a field")
                        : RowProblem(
                            line: line, column: quoteLine == line ? Int(quoteColumn) : 1,
                            reason:
                                "unexpected character after the closing quote of a field that opened on line \(quoteLine), at line \(currentLine), column \(problemColumn)"
                        )
                    return .bad(problem, excerptStart: start, next: next, nextLine: currentLine + 1)
                }
            } else if escapesUnquoted, let escape {
                let fieldColumn = column
                var escaped = false
                while true {
                    index = firstOf(delimiter, orEscape: escape, in: bytes, from: index, scanned: &scanned)
                    guard index < count, bytes[index] == escape else { break }
                    guard index + 1 < count else {
                        if !atEnd { return .needMore }
                        index += 1
                        break
                    }
                    escaped = true
                    let next = bytes[index + 1]
                    index += 2
                    if next == Self.newline || next == Self.carriageReturn {
                        if next == Self.carriageReturn {
                            if index == count, !atEnd { return .needMore }
                            if index < count, bytes[index] == Self.newline { index += 1 }
                        }
                        currentLine += 1
                        column = 1
                        counted = index
                    }
                }
                found.append(
                    FieldSpan(start: fieldStart, end: index, hasDoubledQuotes: escaped, column: fieldColumn),
                    spilling: &spans)
            } else {
                index = firstOf(delimiter, in: bytes, from: index, scanned: &scanned)
                while !carriageReturnsEndLines, index < count, bytes[index] == Self.carriageReturn {
                    if index + 1 == count, !atEnd { return .needMore }
                    guard index + 1 < count, bytes[index + 1] != Self.newline else { break }
                    index = firstOf(delimiter, in: bytes, from: index + 1, scanned: &scanned)
                }
                found.append(
                    FieldSpan(start: fieldStart, end: index, hasDoubledQuotes: false, column: column), spilling: &spans)
            }

            guard index < count else {
                if !atEnd { return .needMore }
                return .record(line: line, next: index, nextLine: currentLine)
            }
            if bytes[index] == delimiter {
                index += 1
                if index == count, !atEnd { return .needMore }
                continue
            }
            guard let next = lineEnd(bytes, at: index, atEnd: atEnd) else { return .needMore }
            return .record(line: line, next: next, nextLine: currentLine + 1)
        }
    }

    /// Whether the line at `start` starts with the comment character (`comment`, or `character` when given), after
    /// any spaces and tabs (tabs only when they do not delimit fields): ` # note` is a comment too.
    func startsWithComment(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, character: UInt8? = nil) -> Bool {
        commentMark(bytes, at: start, character: character) != nil
    }

    /// Where the comment character stands that starts the line at `start`, after any spaces and tabs (tabs only
    /// when they do not delimit fields); `nil` when the line starts otherwise.
    func commentMark(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, character: UInt8? = nil) -> Int? {
        guard let comment = character ?? comment else { return nil }
        var index = start
        while index < bytes.count, bytes[index] == Self.space || (bytes[index] == Self.tab && delimiter != Self.tab) {
            index += 1
        }
        return index < bytes.count && bytes[index] == comment ? index : nil
    }

    /// Calls `body` with each byte of a field's value: a doubled quote, or an escaped quote, escape, delimiter or line
    /// end, gives one.
    /// Reading never runs ahead of writing, so `body` may write the value back over the field in place.
    @inline(__always)
    func forEachContentByte(_ bytes: UnsafeBufferPointer<UInt8>, _ span: FieldSpan, _ body: (UInt8) -> Void) {
        var index = span.start
        while index < span.end {
            let byte = bytes[index]
            guard span.hasDoubledQuotes, byte == quote || byte == escape, index + 1 < span.end else {
                body(byte)
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if byte == quote || next == quote || next == byte
                || (next == delimiter || next == Self.newline || next == Self.carriageReturn)
            {
                body(next)
                index += 2
            } else {
                body(byte)
                index += 1
            }
        }
    }

    /// After a quote that never closes, the line it opened on is the bad row; reading resumes on the next line, so
    /// one stray quote loses one row rather than the rest of the file.
    private func unterminated(
        _ bytes: UnsafeBufferPointer<UInt8>, recordStart: Int, quoteAt quoteIndex: Int, line: Int, column: Int32
    ) -> ScanResult {
        var index = quoteIndex
        while index < bytes.count, bytes[index] != Self.newline, bytes[index] != Self.carriageReturn { index += 1 }
        let next = lineEnd(bytes, at: index, atEnd: true) ?? bytes.count
        return .bad(
            RowProblem(
                line: line, column: Int(column),
                reason: "unterminated quoted field (the quote opened here never closes)"),
            excerptStart: recordStart, next: next, nextLine: line + 1
        )
    }

    /// The position after the line end at `index` (LF, CRLF or CR), or `nil` when a CR ends the buffer and an
    /// LF may follow.
    private func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, atEnd: Bool) -> Int? {
        guard index < bytes.count else { return index }
        if bytes[index] == Self.carriageReturn {
            if index + 1 == bytes.count { return atEnd ? index + 1 : nil }
            return bytes[index + 1] == Self.newline ? index + 2 : index + 1
        }
        return index + 1
    }

    /// The position of the first `byte`, LF or CR at or after `start`, or the end of the buffer; the high bits of
    /// the bytes before it are ORed into `scanned` (so that they tell whether any was not ASCII).
    ///
    /// Thirty-two bytes at a time, with vector compares (``citynet_scan32``): most fields end within the first 32
    /// bytes, so the loop is left at its first turn, where a search a word at a time took a turn per eight bytes
    /// and mispredicted its exit. The last bytes of the buffer, fewer than 32, are looked at one by one.
    @inline(__always)
    private func firstOf(
        _ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, scanned: inout UInt64
    ) -> Int {
        let count = bytes.count
        var index = start
        if let base = bytes.baseAddress {
            while index + 32 <= count {
                let masks = citynet_scan32(base + index, byte)
                let marks = UInt32(truncatingIfNeeded: masks)
                let beyondASCII = UInt32(truncatingIfNeeded: masks >> 32)
                guard marks != 0 else {
                    if beyondASCII != 0 { scanned |= Self.highBits }
                    index += 32
                    continue
                }
                let offset = marks.trailingZeroBitCount
                if beyondASCII & ((1 << offset) &- 1) != 0 { scanned |= Self.highBits }
                return index + offset
            }
        }
        while index < count {
            let value = bytes[index]
            if value == byte || value == Self.newline || value == Self.carriageReturn { break }
            scanned |= UInt64(value)
            index += 1
        }
        return index
    }

    /// The position of the first `byte`, `escape`, LF or CR at or after `start`, a byte at a time (files with
    /// escapes outside quotes are rare), with every byte ORed into `scanned`.
    private func firstOf(
        _ byte: UInt8, orEscape escape: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int,
        scanned: inout UInt64
    ) -> Int {
        var index = start
        while index < bytes.count {
            let value = bytes[index]
            if value == byte || value == escape || value == Self.newline || value == Self.carriageReturn { break }
            scanned |= UInt64(value)
            index += 1
        }
        return index
    }

    /// The position of the first quote, escape, LF or CR at or after `start`, a byte at a time (files with
    /// escapes are rare), with every byte ORed into `scanned`.
    private func firstOfQuoteOrEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, scanned: inout UInt64)
        -> Int
    {
        var index = start
        while index < bytes.count {
            let value = bytes[index]
            if value == quote || value == escape || value == Self.newline || value == Self.carriageReturn { break }
            scanned |= UInt64(value)
            index += 1
        }
        return index
    }

    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The number of Unicode scalars that start in `bytes[from..<to]`: every byte but UTF-8 continuation bytes
    /// (`10xxxxxx`), counted eight at a time.
    private func scalars(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int32 {
        var count = 0
        var index = from
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= to {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                count += 8 - (word & ~(word << 1) & Self.highBits).nonzeroBitCount
                index += 8
            }
        }
        while index < to {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return Int32(count)
    }
}
