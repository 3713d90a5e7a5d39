// Rows of a table that are no data: the header repeated where files were joined, rules, totals and notes.
extension CSVReader {
    /// A row that repeats the header (files were joined there), and how the rows below it are read.
    struct RepeatedHeader {
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

    /// What a record is when it is no row at all, skipped as a blank line is: of the table's width (two columns or
    /// more), the table's delimiters alone (`,,`, how spreadsheets write an empty row; a row of empty fields one of
    /// which is quoted, `"",,` as citynet's own writer writes a record without values, is a row); of another width,
    /// a line of spaces, of NUL bytes, or a comment (when comments were detected); of the table's width, the units
    /// row under the header again (``isUnitsRow(_:in:like:)``); of any width, a comment whose character a space
    /// follows (``isSpacedComment(_:at:comment:)``). `nil` for a row or a bad row.
    func skippedLine(
        _ spans: ContiguousArray<FieldSpan>, in bytes: UnsafeBufferPointer<UInt8>, start: Int, width: Int
    ) -> Repair? {
        if let detectedComment, isSpacedComment(bytes, at: start, comment: detectedComment) { return .commentLines }
        if let unitsRow, spans.count == width, isUnitsRow(spans, in: bytes, like: unitsRow) { return .unitsRows }
        if spans.count == width || (rowsEndWithDelimiter && spans.count == width + 1) {
            guard width > 1, spans.allSatisfy({ $0.start == $0.end }),
                !spans.contains(where: { $0.start > start && bytes[$0.start - 1] == tokenizer.quote })
            else { return nil }
            return .blankRows
        }
        if let detectedComment, tokenizer.startsWithComment(bytes, at: start, character: detectedComment) {
            return .commentLines
        }
        guard spans.count == 1, spans[0].start < spans[0].end else { return nil }
        let value = bytes[spans[0].start..<spans[0].end]
        if value.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .linesOfSpaces }
        if value.allSatisfy({ $0 == 0 || $0 == 0x20 || $0 == 0x09 }) { return .linesOfNULs }
        return nil
    }

    /// Whether a line is a comment whatever its width: the comment character (after any spaces), then a space or
    /// the line's end (`# that was the first record, and the last`, `#`), where a hashtag row goes on with its word
    /// (`#python,5`).
    private func isSpacedComment(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, comment: UInt8) -> Bool {
        guard let mark = tokenizer.commentMark(bytes, at: start, character: comment) else { return false }
        return mark + 1 == bytes.count || [0x20, 0x0A, 0x0D].contains(bytes[mark + 1])
    }

    /// Whether a row has the shape of the units row under the header: one word alone, in its column (a missing
    /// mark or a number there is a row).
    private func isUnitsRow(
        _ spans: ContiguousArray<FieldSpan>, in bytes: UnsafeBufferPointer<UInt8>, like unitsRow: UnitsRow
    )
        -> Bool
    {
        let span = spans[unitsRow.column]
        guard span.start < span.end,
            spans.indices.allSatisfy({ $0 == unitsRow.column || spans[$0].start == spans[$0].end })
        else { return false }
        let value = CSVSniffer.trimmedSpaces(UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]))
        return value.contains(where: CSVSniffer.isLetter) && !CSVSniffer.isNumber(value)
            && !CSVSniffer.isMissingMarker(value)
    }

    /// A row that is the header again: the header's names in their order, or, for a header of three or more
    /// distinct names, in any order, with names added (the exports of a later version), or with a third of them at
    /// most left out and none added. `nil` for any other row. `knownLengths`, for a row of the table's width (most
    /// rows), are the lengths of the names of the header above it, beyond the file's header: a row whose first
    /// value has none of these lengths is looked at no further.
    func repeatedHeader(
        _ spans: ContiguousArray<FieldSpan>, in bytes: UnsafeBufferPointer<UInt8>, tokenizer: CSVTokenizer?,
        knownLengths: UInt64?
    ) -> RepeatedHeader? {
        guard !headerValues.isEmpty else { return nil }
        let first = trimmed(bytes, spans[0])
        // The first name's length is compared before its bytes: reading them from the header, row by row, costs
        // more than the comparison, which most rows fail.
        if spans.count == headerValues.count, first.count == firstHeaderNameLength,
            bytes[first].elementsEqual(headerValues[0]),
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
    func reshaping(_ header: RepeatedHeader, line: Int) -> String? {
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
    func headerWithAnotherDelimiter(_ line: UnsafeBufferPointer<UInt8>, than current: UInt8)
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
    static let totalWords: [[UInt8]] = [
        "total", "totals", "grand total", "subtotal", "sub-total", "sum", "summe", "gesamt", "insgesamt", "totaal",
        "totale", "totales", "ensemble",
    ].map { Array($0.utf8) }

    /// The first three bytes of each totals word, as ``prefixKey(_:)`` gives them.
    static let totalPrefixes = totalWords.map { word in word.withUnsafeBufferPointer(prefixKey) }

    /// A bit for the ``prefixBucket(_:)`` of each of ``totalPrefixes``: most rows start with none of them, and are
    /// passed over at one test of a bit.
    static let totalPrefixBuckets = totalPrefixes.reduce(UInt64(0)) { $0 | 1 << prefixBucket($1) }

    /// One of 64 buckets for a ``prefixKey(_:)``.
    @inline(__always)
    static func prefixBucket(_ key: UInt32) -> UInt64 { UInt64((key &* 0x9E37_79B1) >> 26) }

    /// A value's first three bytes (at least three), with ASCII letters lowercased, in one number.
    static func prefixKey(_ value: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(value[0] | 0x20) << 16 | UInt32(value[1] | 0x20) << 8 | UInt32(value[2] | 0x20)
    }

    /// Whether a row's first value (or its second, after an empty first) is a totals word, alone or followed by
    /// anything but a letter (`Total: Account`, `TOTAL`, `Grand Total 2024`). Read for every row: most are
    /// passed over at their first three bytes, which start no totals word.
    static func startsLikeTotal(_ bytes: UnsafeBufferPointer<UInt8>, _ spans: ContiguousArray<FieldSpan>)
        -> Bool
    {
        guard spans.count > 1 else { return false }
        let span = spans[0].start < spans[0].end ? spans[0] : spans[1]
        guard span.end - span.start >= 3 else { return false }
        let value = UnsafeBufferPointer(rebasing: bytes[span.start..<span.end])
        let key = prefixKey(value)
        guard totalPrefixBuckets & 1 << prefixBucket(key) != 0, totalPrefixes.contains(key) else {
            return endsWithTotal(value)
        }
        return totalWords.contains { word in
            guard value.count >= word.count,
                zip(value, word).allSatisfy({ ($0 | ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0)) == $1 })
            else { return false }
            guard value.count > word.count else { return true }
            let next = value[word.count]
            return !((0x41...0x5A).contains(next) || (0x61...0x7A).contains(next) || next >= 0x80)
        }
    }

    /// Whether a value of a few words ends with the word `Total` or `Totals` (`Transactions Total`, `Account
    /// TOTAL`), as brokerages label the last row of a statement.
    static func endsWithTotal(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = value.count
        if end > 0, value[end - 1] | 0x20 == UInt8(ascii: "s") { end -= 1 }
        guard end > totalSuffix.count, end <= 40, value[end - 1] | 0x20 == UInt8(ascii: "l") else { return false }
        return zip(value[(end - totalSuffix.count)..<end], totalSuffix).allSatisfy { ($0 | 0x20) == $1 }
    }

    /// The word `total` with the space before it, which ``endsWithTotal(_:)`` looks for (ASCII letters lowercased).
    static let totalSuffix = Array(" total".utf8)

    /// Whether a row states a balance rather than a booking: half its fields or more empty, and a value that is a
    /// balance (`Anfangssaldo`, `Endsaldo`, `Saldo`, `Alter Kontostand`, `Opening balance`, `Closing Balance`,
    /// `Solde final`), as bank statements write below their bookings, padded to the table's width. Read for every
    /// row: most have too few empty fields to be looked at further.
    static func statesABalance(_ bytes: UnsafeBufferPointer<UInt8>, _ spans: ContiguousArray<FieldSpan>) -> Bool {
        guard spans.count >= 4 else { return false }
        // Half the fields or more empty: most rows have more values than half their fields, and are passed over
        // once they do.
        var values = 0
        for span in spans where span.start != span.end {
            values += 1
            if values * 2 > spans.count { return false }
        }
        return spans.contains { span in
            guard span.end - span.start >= 5, span.end - span.start <= 40 else { return false }
            let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]), as: UTF8.self)
                .lowercased().trimmingCharacters(in: .whitespaces)
            return balanceWords.contains { word in
                value == word || value.hasPrefix(word + " ") || value.hasSuffix(" " + word)
                    || (word == "saldo" && value.hasSuffix(word))
            }
        }
    }

    /// The words a balance line states its balance with, lowercased.
    static let balanceWords = ["saldo", "kontostand", "balance", "solde"]

    /// Whether every field of a row is a rule of `-` or `=` (spaces around it aside), and one of them three long or
    /// more: `-----------,------,---`.
    func isRule(_ spans: ContiguousArray<FieldSpan>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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
    func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ span: FieldSpan) -> Range<Int> {
        var (start, end) = (span.start, span.end)
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return start..<end
    }

    /// Whether a value starts the way notes below a table do: `Source:`, `Notes.`, `Quelle:`, `Key:`, `Fonte:`,
    /// `Sumber:`, `数据来源：`, `注）`, `자료:`, `المصدر:` (``noteLabels``, ``noteLabelsBeyondASCII``), `* `, `©`,
    /// `(1)`, `[a]`, a footnote mark (`a  `, `1) `), or a rule (`__________`, `====`, `---`), so that notes right
    /// below the table, without a blank row between, are found as well. Only rows shaped like a note are asked.
    static func startsWithNoteLabel(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
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
        if noteLabelsBeyondASCII.contains(where: { startsWithLabel(value, $0) }) { return true }
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
    static func isHeadingOfNotes(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
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
    static func isLabelByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte | 0x20) || byte >= 0x80 || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
    }

    static let noteLabels: [[UInt8]] = [
        "source", "sources", "note", "notes", "footnote", "footnotes", "remark", "remarks", "quelle", "quellen",
        "fuente", "fuentes", "nota", "notas", "remarque", "remarques", "anmerkung", "anmerkungen", "key", "legend",
        "fonte", "fontes", "obs", "legenda", "leyenda", "sumber", "catatan", "keterangan", "kaynak", "kaynaklar",
    ].map { Array($0.utf8) }

    /// Labels of notes in letters beyond ASCII, as statistics offices write them (source, note): Portuguese,
    /// Vietnamese, Chinese, Japanese, Korean, Arabic, Hebrew, Russian, Ukrainian, Greek, Thai.
    static let noteLabelsBeyondASCII: [[UInt8]] = [
        "Observação", "Observações", "Nguồn", "Ghi chú", "资料来源", "資料來源", "数据来源", "數據來源", "来源", "來源",
        "注", "資料", "出典", "出所", "備考", "(注", "（注", "자료", "출처", "주", "비고", "المصدر", "ملاحظة", "ملاحظات",
        "מקור", "הערה", "Источник", "Источники", "Примечание", "Примечания", "Джерело", "Примітка", "Πηγή",
        "Σημείωση", "ที่มา", "หมายเหตุ",
    ].map { Array($0.utf8) }

    /// Whether `value` starts with `label` followed, after spaces, by a colon, a full stop or a closing bracket,
    /// half-width or full-width (`注：`, `注）`, `자료:`, `Nguồn:`).
    private static func startsWithLabel(_ value: UnsafeBufferPointer<UInt8>, _ label: [UInt8]) -> Bool {
        guard value.count > label.count, value.starts(with: label) else { return false }
        var index = label.count
        while index < value.count, value[index] == 0x20 { index += 1 }
        let rest = value[index...]
        return rest.first.map { [UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: ")")].contains($0) } == true
            || rest.starts(with: "：".utf8) || rest.starts(with: "）".utf8)
    }

    /// Whether a value alone on its line reads as a note: words (a lowercase letter, or a letter beyond ASCII)
    /// and a space, with a colon or a figure (`Data from database: WDI`, `Exported 2024-01-01 by ShopSys`). `3`,
    /// `INI-0042` or `�` alone is a row cut short, `olive oil` a ragged row.
    static func readsAsNote(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.contains(0x20), value.contains(where: { $0 == UInt8(ascii: ":") || (0x30...0x39).contains($0) })
        else { return false }
        return String(decoding: value, as: UTF8.self).unicodeScalars.contains { scalar in
            scalar.properties.isLowercase || (scalar.value >= 0x80 && scalar.properties.isAlphabetic)
        }
    }

    /// Whether the first value of a row that has no other reads as a note padded to the table's width, as
    /// spreadsheets export a citation below a table (`"International Monetary Fund, World Economic Outlook
    /// Database, October 2023"` and empty fields): a note by ``readsAsNote(_:)`` of five words or more, where a row
    /// label (`Apt 3B`) has fewer.
    static func readsAsPaddedNote(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        value.lazy.filter { $0 == 0x20 }.count >= 4 && readsAsNote(value)
    }

    /// Whether a row of a table of several columns has the shape of a note: a value in its first field and none
    /// in the others (which may be fewer or more than the table's), or fewer fields than the table's (a footnote
    /// `1.;text` below a wide table), which makes it a bad row if it is no note.
    static func isShapedLikeNote(_ spans: ContiguousArray<FieldSpan>, width: Int) -> Bool {
        guard width > 1, spans[0].start < spans[0].end else { return false }
        return spans.count < width || spans.dropFirst().allSatisfy { $0.start == $0.end }
    }
}
