/// Detects a CSV table's layout from a sample: delimiter, quote, where the header is and whether there is one.
enum CSVSniffer {
    static let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]
    /// Delimiters tried only when none of ``delimiters`` splits the sample.
    static let unusualDelimiters: [UInt8] = [
        UInt8(ascii: ":"), UInt8(ascii: "+"), UInt8(ascii: "~"), UInt8(ascii: "^"),
    ]

    /// How fields are quoted: everything a tokenizer needs but the delimiter.
    struct Quoting {
        var quote: UInt8
        var comment: UInt8?
        var escape: UInt8?
        /// Whether the escape works in fields without quotes too (MySQL's text dumps).
        var escapesUnquoted = false
        var skipsSpacesAroundQuotes = false
        var carriageReturnsEndLines = true

        func tokenizer(delimiter: UInt8) -> CSVTokenizer {
            CSVTokenizer(
                delimiter: delimiter, quote: quote, comment: comment, escape: escape, escapesUnquoted: escapesUnquoted,
                skipsSpacesAroundQuotes: skipsSpacesAroundQuotes, carriageReturnsEndLines: carriageReturnsEndLines)
        }
    }

    /// The delimiter that splits the sample's lines most consistently into more than one field.
    ///
    /// For each candidate, the sample's records are tokenised and the most common field count found; the
    /// candidate whose common count covers the most records wins, then the one with more fields. Ragged rows
    /// lower a candidate's score but never switch it. When none of `,` `;` TAB `|` splits the sample, `:` `+` `~`
    /// `^` are tried, and taken only when they split every record alike into three fields or more (a column of
    /// times, addresses or timestamps under its header is not split); `,` when nothing splits.
    ///
    /// A `preferred` delimiter (a tab for a file named `.tsv`) wins when it splits as many records as the best:
    /// Eurostat's `.tsv` files join their first columns with commas (`unit,geo\time<TAB>2021<TAB>2020`), which
    /// split every row as consistently as the tabs do.
    static func delimiter(in sample: UnsafeBufferPointer<UInt8>, quoting: Quoting, preferring preferred: UInt8? = nil)
        -> UInt8
    {
        let best = bestSplit(in: sample, quoting: quoting)
        guard let preferred, preferred != best.delimiter else { return best.delimiter }
        let widths = records(in: sample, delimiter: preferred, quoting: quoting, limit: 50).map(\.width)
        guard let (width, covered) = tableWidth(of: widths), width > 1, covered >= best.covered else {
            return best.delimiter
        }
        return preferred
    }

    /// The best delimiter with how many of the sample's records its most common field count covers.
    private static func bestSplit(in sample: UnsafeBufferPointer<UInt8>, quoting: Quoting) -> (
        delimiter: UInt8, covered: Int, width: Int
    ) {
        var best: (delimiter: UInt8, covered: Int, width: Int) = (UInt8(ascii: ","), 0, 1)
        for (candidates, isUsual) in [(delimiters, true), (unusualDelimiters, false)] where best.covered == 0 {
            for candidate in candidates {
                let widths = records(in: sample, delimiter: candidate, quoting: quoting, limit: 50).map(\.width)
                guard let (width, covered) = tableWidth(of: widths), width > 1,
                    isUsual || (width >= 3 && covered == widths.count)
                else { continue }
                if (covered, width) > (best.covered, best.width) { best = (candidate, covered, width) }
            }
        }
        return best
    }

    /// The quoting of the sample beyond RFC 4180: a backslash that escapes quotes inside quoted fields
    /// (`"say \\"hi\\""`), or the delimiter and line ends in fields without quotes as MySQL's text dumps write
    /// them (`Line one\\` and a line break), spaces between delimiters and quotes (`1, "a, b"`), some or none. Only
    /// what the sample shows is tried; the one that reads the sample best wins (most records of the common width,
    /// then most records read), then the one that leaves out spaces the sample shows, then the one without an
    /// escape.
    static func extendedQuoting(
        in sample: UnsafeBufferPointer<UInt8>, _ quoting: Quoting, delimiter declared: UInt8?, detectsEscape: Bool
    ) -> Quoting {
        let backslash = UInt8(ascii: "\\")
        let tryEscape =
            detectsEscape && quoting.escape == nil
            && containsEscapedQuote(sample, quote: quoting.quote, escape: backslash)
        let tryUnquotedEscape =
            detectsEscape && quoting.escape == nil && containsEscapedLineEnd(sample, escape: backslash)
        let trySpaces =
            spacedQuoteFields(sample, quoting: quoting, delimiter: declared) >= 1
            || paddedQuoteFields(sample, quoting: quoting, delimiter: declared) >= 1
        var best = quoting
        var bestScore = (0, 0, 0, 0)
        let escapes: [(escape: Bool, unquoted: Bool)] =
            [(false, false)] + (tryEscape ? [(true, false)] : []) + (tryUnquotedEscape ? [(true, true)] : [])
        for (escape, unquoted) in escapes {
            for spaces in trySpaces ? [false, true] : [false] {
                var candidate = quoting
                if escape { candidate.escape = backslash }
                candidate.escapesUnquoted = unquoted
                candidate.skipsSpacesAroundQuotes = spaces
                let fit = fit(of: candidate, in: sample, delimiter: declared)
                let score = (fit.covered, fit.read, spaces ? 1 : 0, escape ? 0 : 1)
                if score > bestScore { (best, bestScore) = (candidate, score) }
            }
        }
        if hasLoneCarriageReturns(sample) {
            // In a file whose lines end with LF, carriage returns alone inside lines are part of values when that
            // reads every record at one width and taking them for line ends does not.
            var inside = best
            inside.carriageReturnsEndLines = false
            let isConsistent = { (fit: (covered: Int, read: Int)) in fit.covered > 0 && fit.covered == fit.read }
            if isConsistent(fit(of: inside, in: sample, delimiter: declared)),
                !isConsistent(fit(of: best, in: sample, delimiter: declared))
            {
                best = inside
            }
        }
        return best
    }

    /// Whether the sample's lines end with LF and a carriage return stands alone inside one of them.
    private static func hasLoneCarriageReturns(_ sample: UnsafeBufferPointer<UInt8>) -> Bool {
        guard sample.count >= 2, sample.contains(0x0A) else { return false }
        for index in 0..<sample.count - 1 where sample[index] == 0x0D && sample[index + 1] != 0x0A {
            return true
        }
        return false
    }

    /// How well a quoting reads the sample with a delimiter (the best one for it when none is given): how many
    /// records have the most common width of more than one field, and how many records read.
    private static func fit(of quoting: Quoting, in sample: UnsafeBufferPointer<UInt8>, delimiter: UInt8?) -> (
        covered: Int, read: Int
    ) {
        let delimiter = delimiter ?? bestSplit(in: sample, quoting: quoting).delimiter
        let widths = records(in: sample, delimiter: delimiter, quoting: quoting, limit: 50).map(\.width)
        return (tableWidth(of: widths).map { $0.value > 1 ? $0.count : 0 } ?? 0, widths.count)
    }

    /// Whether an escape and a quote stand inside a field: followed by more of it (not a delimiter, a line end or
    /// another quote).
    private static func containsEscapedQuote(_ sample: UnsafeBufferPointer<UInt8>, quote: UInt8, escape: UInt8) -> Bool
    {
        guard sample.count >= 3 else { return false }
        for index in 0..<sample.count - 2 where sample[index] == escape && sample[index + 1] == quote {
            let after = sample[index + 2]
            if !delimiters.contains(after), after != 0x0A, after != 0x0D, after != quote { return true }
        }
        return false
    }

    /// Whether a line ends right after an escape that is not itself escaped (`Line one\\` and a line break), as
    /// MySQL's text dumps write a line break inside a value.
    private static func containsEscapedLineEnd(_ sample: UnsafeBufferPointer<UInt8>, escape: UInt8) -> Bool {
        var run = 0
        for byte in sample {
            if byte == escape {
                run += 1
                continue
            }
            if run % 2 == 1, byte == 0x0A || byte == 0x0D { return true }
            run = 0
        }
        return false
    }

    /// How many fields that RFC 4180 reads as unquoted start with spaces and then a quote (` "a, b"`): quoted
    /// text that happens to hold `; "` is not one.
    private static func spacedQuoteFields(_ sample: UnsafeBufferPointer<UInt8>, quoting: Quoting, delimiter: UInt8?)
        -> Int
    {
        let tokenizer = quoting.tokenizer(delimiter: delimiter ?? bestSplit(in: sample, quoting: quoting).delimiter)
        return countFields(in: sample, tokenizer: tokenizer) { span in
            guard span.start == 0 || sample[span.start - 1] != quoting.quote else { return false }
            var index = span.start
            while index < span.end, sample[index] == 0x20 { index += 1 }
            return index > span.start && index < span.end && sample[index] == quoting.quote
        }
    }

    /// How many quoted fields are followed by spaces before their delimiter or line end (`"onions"  ,`), as
    /// exports that pad their columns write them; RFC 4180 reads each such row as bad.
    private static func paddedQuoteFields(_ sample: UnsafeBufferPointer<UInt8>, quoting: Quoting, delimiter: UInt8?)
        -> Int
    {
        var spacing = quoting
        spacing.skipsSpacesAroundQuotes = true
        let tokenizer = spacing.tokenizer(delimiter: delimiter ?? bestSplit(in: sample, quoting: quoting).delimiter)
        return countFields(in: sample, tokenizer: tokenizer) { span in
            span.start > 0 && sample[span.start - 1] == quoting.quote && span.end + 1 < sample.count
                && sample[span.end + 1] == 0x20
        }
    }

    /// How many fields of the sample's first 100 records `isCounted` counts.
    private static func countFields(
        in sample: UnsafeBufferPointer<UInt8>, tokenizer: CSVTokenizer, where isCounted: (FieldSpan) -> Bool
    ) -> Int {
        var (found, records) = (0, 0)
        forEachRecordSpans(in: sample, tokenizer: tokenizer) { _, spans in
            found += spans.lazy.filter(isCounted).count
            records += 1
            return records < 100
        }
        return found
    }

    /// `'` when the sample quotes with apostrophes and never with double quotes: fields start with one, and the
    /// sample reads better with `'` as the quote than with `"`, or as well and most such fields also end with one
    /// (`'Tis Ltd` and `'Salem's Lot` are apostrophes, `'IL'` is quoted); else `"`. One such field is enough when
    /// it holds the delimiter and only `'` reads its row at the table's width (`345<TAB>'te<TAB>xt2'`).
    static func quote(in sample: UnsafeBufferPointer<UInt8>, delimiter: UInt8?, comment: UInt8?) -> UInt8 {
        let doubleQuote = UInt8(ascii: "\"")
        let apostrophe = UInt8(ascii: "'")
        let fields = apostropheFields(sample, delimiters: delimiter.map { [$0] } ?? delimiters + unusualDelimiters)
        guard fields.starting >= 1 else { return doubleQuote }
        let quoted = fit(of: Quoting(quote: apostrophe, comment: comment), in: sample, delimiter: delimiter)
        let plain = fit(of: Quoting(quote: doubleQuote, comment: comment), in: sample, delimiter: delimiter)
        if (quoted.covered, quoted.read) != (plain.covered, plain.read) {
            return (quoted.covered, quoted.read) > (plain.covered, plain.read) ? apostrophe : doubleQuote
        }
        return fields.wrapped >= 2 && fields.wrapped * 2 >= fields.starting ? apostrophe : doubleQuote
    }

    /// How many fields start with an apostrophe, and how many of them also end with one; none when a double quote
    /// appears in the sample.
    private static func apostropheFields(_ sample: UnsafeBufferPointer<UInt8>, delimiters: [UInt8]) -> (
        starting: Int, wrapped: Int
    ) {
        var isBoundary = [Bool](repeating: false, count: 256)
        for byte in delimiters + [0x0A, 0x0D] { isBoundary[Int(byte)] = true }
        let apostrophe = UInt8(ascii: "'")
        var starting = 0
        var wrapped = 0
        var inApostropheField = false
        var previous: UInt8 = 0x0A
        var beforePrevious: UInt8 = 0x0A
        for byte in sample {
            if byte == UInt8(ascii: "\"") { return (0, 0) }
            if isBoundary[Int(byte)] {
                if inApostropheField, previous == apostrophe, !isBoundary[Int(beforePrevious)] { wrapped += 1 }
                inApostropheField = false
            } else if byte == apostrophe, isBoundary[Int(previous)] {
                starting += 1
                inApostropheField = true
            }
            (beforePrevious, previous) = (previous, byte)
        }
        return (starting, wrapped)
    }

    /// The field counts of the sample's records (blank and comment lines skipped), with their lines and whether
    /// they end with a delimiter and nothing after it.
    static func records(
        in sample: UnsafeBufferPointer<UInt8>, delimiter: UInt8, quoting: Quoting, limit: Int = 100
    ) -> [(line: Int, width: Int, endsWithDelimiter: Bool)] {
        var result: [(line: Int, width: Int, endsWithDelimiter: Bool)] = []
        guard limit > 0 else { return result }
        forEachRecordSpans(in: sample, tokenizer: quoting.tokenizer(delimiter: delimiter)) { line, spans in
            let last = spans[spans.count - 1]
            let endsWithDelimiter = spans.count > 1 && last.start == last.end && sample[last.start - 1] == delimiter
            result.append((line, spans.count, endsWithDelimiter))
            return result.count < limit
        }
        return result
    }

    /// The width of the table among the sample's records, and how many records have it: the most common field
    /// count, unless that is one field. Then the table is a block among titles and notes (as statistics portals
    /// export a few rows between a long preamble and footnotes): the longest run of consecutive records of one
    /// width of three fields or more, when it is ``tableRun`` records or longer. (A list of one column whose values
    /// hold a `|` or `;`, `Drama|Romance`, is no table of two.) When the most common count is two, such a run is
    /// the table only below lines of two fields or fewer and above ``tableRun`` records at most (a statement's
    /// `Kontostand:;+2.134,56 EUR` lines, its bookings, its closing balance): in a table of two columns, rows
    /// that hold a delimiter in a value are bad rows, wherever they are.
    static func tableWidth(of widths: [Int]) -> (value: Int, count: Int)? {
        guard let mode = mode(of: widths) else { return nil }
        guard mode.value <= 2 else { return mode }
        var block: (value: Int, count: Int, start: Int, end: Int)?
        var start = 0
        while start < widths.count {
            var end = start + 1
            while end < widths.count, widths[end] == widths[start] { end += 1 }
            if widths[start] > 2, end - start >= tableRun, end - start > block?.count ?? 0 {
                block = (widths[start], end - start, start, end)
            }
            start = end
        }
        guard let block else { return mode }
        if mode.value == 2,
            !(widths[..<block.start].allSatisfy { $0 <= 2 } && widths.count - block.end <= tableRun)
        {
            return mode
        }
        return (block.value, block.count)
    }

    /// The width of a table that ends the sample below lines of a key and a value or two (`IBAN;DE32 5001…`,
    /// `Zeitraum;06.01.2020 - 09.01.2020`), as bank statements and report exports write them above a few rows,
    /// fewer than those lines: the last run of records of one width, three fields or more, after a blank line, with
    /// a header and a row at least, below two records or more of at most three fields each and fewer than the run's.
    /// `nil` when the sample does not end so.
    static func trailingTableWidth(of records: [(line: Int, width: Int)]) -> Int? {
        guard let last = records.last, last.width >= 3 else { return nil }
        var start = records.count - 1
        while start > 0, records[start - 1].width == last.width { start -= 1 }
        guard records.count - start >= 2, start >= 2, records[start - 1].line + 1 < records[start].line,
            records[..<start].allSatisfy({ $0.width <= 3 && $0.width < last.width })
        else { return nil }
        return last.width
    }

    /// How many consecutive records of one width make a table among lines of one field: a header and four rows.
    static let tableRun = 5

    /// The most common value and how often it occurs; ties go to the value seen first.
    static func mode(of values: [Int]) -> (value: Int, count: Int)? {
        var counts: [Int: Int] = [:]
        var order: [Int] = []
        for value in values {
            if counts[value] == nil { order.append(value) }
            counts[value, default: 0] += 1
        }
        var best: (value: Int, count: Int)?
        for value in order where (counts[value] ?? 0) > (best?.count ?? 0) { best = (value, counts[value] ?? 0) }
        return best
    }

    /// Whether a value is a number: digits with an optional sign, decimal point or comma, exponent, percent sign
    /// and spaces.
    static func isNumber(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        for byte in value {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "e"),
                UInt8(ascii: "E"), UInt8(ascii: "%"), 0x20:
                continue
            default: return false
            }
        }
        return digits > 0
    }

    /// Whether a value is a date of three groups of digits with the same separator: `2/1/03`, `2024-05-01`,
    /// `01.05.2024`.
    static func isDate(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var groups = 0
        var digits = 0
        var separator: UInt8?
        for byte in value {
            if (0x30...0x39).contains(byte) {
                digits += 1
                guard digits <= 4 else { return false }
            } else if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") {
                guard digits > 0, separator == nil || separator == byte else { return false }
                separator = byte
                groups += 1
                digits = 0
            } else {
                return false
            }
        }
        return groups == 2 && digits > 0
    }

    /// Whether a value is a year from 1800 to 2100 (four digits).
    static func isYear(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count == 4, value.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        let year = value.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return (1800...2100).contains(year)
    }

    /// Whether the record at `start` is a header or the first row of data, and why it reads as data.
    ///
    /// The candidate is judged against the records of its width that follow it in the sample, column by column.
    /// A word (a value with a letter) above a column of numbers or dates makes it a header. Otherwise columns
    /// vote: a number above numbers, or a date above dates, for data; a year or date above numbers that are not
    /// periods (a table pivoted by period) for a header. Without votes, a candidate whose every value recurs in
    /// the rows below is data. Otherwise it is a header, so a table of text alone keeps its header. Rows equal to
    /// the candidate (a header repeated where files were joined) are left out.
    static func headerVerdict(
        in sample: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, tokenizer: CSVTokenizer
    ) -> (isHeader: Bool, reason: String) {
        let (candidate, _, following) = records(in: sample, from: start, line: line, tokenizer: tokenizer)
        return verdict(candidate, following)
    }

    /// The first row below a header, when it reads like a second header (a row of units, or the column names
    /// under a row of groups that was taken for the header): words, or years above numbers that are not years,
    /// above columns of numbers or dates in two columns or more, and no other number or date above them. Gives its
    /// line and the first such word, with its column.
    static func secondHeader(
        in sample: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, tokenizer: CSVTokenizer
    ) -> (line: Int, word: String, column: Int)? {
        let (candidate, candidateLine, following) = records(in: sample, from: start, line: line, tokenizer: tokenizer)
        let rows = following.filter { row in !zip(row, candidate).allSatisfy { $0.elementsEqual($1) } }
        guard rows.count >= 2 else { return nil }
        var words: [(word: String, column: Int)] = []
        for (column, value) in candidate.enumerated() where !value.isEmpty && !isMissingMarker(value) {
            let below = rows.map { $0[column] }.filter { !$0.isEmpty }
            guard !below.isEmpty else { continue }
            let numbers = below.allSatisfy { isNumber($0) }
            guard numbers || below.allSatisfy({ isDate($0) }) else { continue }
            let word = (String(decoding: value, as: UTF8.self), column + 1)
            if isYear(value) || isDate(value), !below.allSatisfy({ isYear($0) || isDate($0) }) {
                words.append(word)
                continue
            }
            if isNumber(value) || isDate(value) { return nil }
            if value.contains(where: isLetter) { words.append(word) }
        }
        guard words.count >= 2,
            let shown = words.first(where: { $0.word.utf8.contains(where: isLetter) }) ?? words.first
        else { return nil }
        return (candidateLine, shown.word, shown.column)
    }

    /// Whether a value is one of the ways tables write a missing value (`n/a`, `NA`, `-`, `..`, `x`, `#N/A`,
    /// `unknown`, `pending`…).
    static func isMissingMarker(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count <= 7 else { return false }
        return missingMarkers.contains(String(decoding: value, as: UTF8.self).lowercased())
    }

    private static let missingMarkers: Set<String> = [
        "na", "n/a", "n.a.", "n.a", "nan", "null", "none", "nil", "-", "--", "—", ".", "..", "...", "x", "#n/a", "?",
        "missing", "unknown", "pending", "tbd", "tba",
    ]

    /// The first record from `start`, its line, and up to 50 records of its width that follow it.
    private static func records(
        in sample: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, tokenizer: CSVTokenizer
    ) -> (first: [UnsafeBufferPointer<UInt8>], line: Int, following: [[UnsafeBufferPointer<UInt8>]]) {
        var candidate: [UnsafeBufferPointer<UInt8>] = []
        var candidateLine = line
        var following: [[UnsafeBufferPointer<UInt8>]] = []
        forEachRecord(in: sample, from: start, line: line, tokenizer: tokenizer) { recordLine, values in
            if candidate.isEmpty {
                (candidate, candidateLine) = (values, recordLine)
            } else if values.count == candidate.count {
                following.append(values)
            }
            return following.count < 50
        }
        return (candidate, candidateLine, following)
    }

    /// Calls `body` with each record of the sample from `start`, its line and its values without the spaces
    /// around them, while `body` returns true.
    static func forEachRecord(
        in sample: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, tokenizer: CSVTokenizer,
        _ body: (Int, [UnsafeBufferPointer<UInt8>]) -> Bool
    ) {
        forEachRecordSpans(in: sample, from: start, line: line, tokenizer: tokenizer) { recordLine, spans in
            body(recordLine, spans.map { trimmedSpaces(UnsafeBufferPointer(rebasing: sample[$0.start..<$0.end])) })
        }
    }

    /// Calls `body` with each record of the sample from `start`, its line and its fields, while `body` returns
    /// true; blank, comment and bad lines are skipped, and the reading stops before a record the sample cuts.
    static func forEachRecordSpans(
        in sample: UnsafeBufferPointer<UInt8>, from start: Int = 0, line: Int = 1, tokenizer: CSVTokenizer,
        _ body: (Int, ContiguousArray<FieldSpan>) -> Bool
    ) {
        var spans = ContiguousArray<FieldSpan>()
        var position = start
        var currentLine = line
        while true {
            switch tokenizer.scan(sample, from: position, line: currentLine, atEnd: false, spans: &spans) {
            case .record(let recordLine, let next, let nextLine):
                (position, currentLine) = (next, nextLine)
                guard body(recordLine, spans) else { return }
            case .skipped(let next, let nextLine), .bad(_, _, let next, let nextLine):
                (position, currentLine) = (next, nextLine)
            case .needMore, .end:
                return
            }
        }
    }

    private static func verdict(_ candidate: [UnsafeBufferPointer<UInt8>], _ following: [[UnsafeBufferPointer<UInt8>]])
        -> (isHeader: Bool, reason: String)
    {
        let named = candidate.enumerated().filter { !$0.element.isEmpty }
        if !named.isEmpty, named.allSatisfy({ isNumber($0.element) }), !areYearsInOrder(named.map(\.element)) {
            return (false, "it holds only numbers")
        }
        // A repeated header (files joined end to end) is no evidence that the candidate is data.
        let rows = following.filter { row in !zip(row, candidate).allSatisfy { $0.elementsEqual($1) } }
        var score = 0
        var evidence = ""
        var recurring = 0
        for (column, value) in named {
            let below = rows.map { $0[column] }.filter { !$0.isEmpty }
            guard !below.isEmpty else { continue }
            let numbers = below.allSatisfy { isNumber($0) }
            if numbers || below.allSatisfy({ isDate($0) }) {
                // Words above numbers or dates are a header; so is a year or a date above numbers that are not
                // one (a table pivoted by period). A value like those below is data, unless a header shows.
                if !isNumber(value), value.contains(where: isLetter) { return (true, "") }
                let isPeriod = isYear(value) || isDate(value)
                if isPeriod, !below.allSatisfy({ isYear($0) || isDate($0) }) {
                    score += 1
                } else if numbers ? isNumber(value) : isDate(value) {
                    score -= 1
                    if evidence.isEmpty {
                        let what = numbers ? "number" : "date"
                        evidence =
                            "'\(String(decoding: value, as: UTF8.self))' in column \(column + 1) is a \(what) like the values below it"
                    }
                }
            } else if below.contains(where: { $0.elementsEqual(value) }) {
                recurring += 1
            }
        }
        if score > 0, areYearsInOrder(named.map(\.element)) {
            return (true, "its values are years in order above numbers that are not years")
        }
        if score != 0 { return (score > 0, evidence) }
        // No numbers to go by: a line whose every value recurs in the rows below is one of them; so is a line that
        // recurs whole below when one of its values recurs in other rows too (a header repeated where files were
        // joined holds no value of the rows).
        if rows.count >= 2, recurring == named.count, recurring > 0 {
            return (false, "each of its values recurs in the rows below it")
        }
        if rows.count >= 2, recurring > 0, following.count > rows.count {
            return (false, "it recurs below as a row, and values of it recur in other rows")
        }
        // No row below to go by (a file of one line, rows of other widths only): a number that is no year, or a
        // date, names no column.
        if rows.isEmpty,
            let (column, value) = named.first(where: {
                (isNumber($0.element) && !isYear($0.element)) || isDate($0.element)
            })
        {
            let what = isDate(value) ? "date" : "number"
            return (
                false,
                "'\(String(decoding: value, as: UTF8.self))' in column \(column + 1) is a \(what), which names no column"
            )
        }
        return (true, "")
    }

    /// Whether values are three years or more in order, as the header of a table pivoted by year reads
    /// (`2019;2020;2021`): the columns below then decide, as for a header with words.
    private static func areYearsInOrder(_ values: [UnsafeBufferPointer<UInt8>]) -> Bool {
        guard values.count >= 3, values.allSatisfy(isYear) else { return false }
        let years = values.map { $0.reduce(0) { $0 * 10 + Int($1) - 0x30 } }
        let pairs = zip(years, years.dropFirst())
        return pairs.allSatisfy { $0 < $1 } || pairs.allSatisfy { $0 > $1 }
    }

    /// Whether a byte is an ASCII letter or starts a character beyond ASCII (a letter in most scripts).
    static func isLetter(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte | 0x20) || byte >= 0xC0
    }

    /// A value without leading and trailing spaces, nor a byte order mark before it (where files were joined).
    static func trimmedSpaces(_ value: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = value.count
        if end >= 3, value[0] == 0xEF, value[1] == 0xBB, value[2] == 0xBF { start = 3 }
        while start < end, value[start] == 0x20 { start += 1 }
        while end > start, value[end - 1] == 0x20 { end -= 1 }
        return UnsafeBufferPointer(rebasing: value[start..<end])
    }

    /// The delimiter named by Excel's separator hint (`sep=;` alone on the first line), and where the next line
    /// starts.
    static func separatorHint(in sample: UnsafeBufferPointer<UInt8>, from start: Int) -> (delimiter: UInt8, next: Int)?
    {
        let prefix = Array("sep=".utf8)
        guard sample.count >= start + 5, prefix.indices.allSatisfy({ sample[start + $0] | 0x20 == prefix[$0] | 0x20 })
        else { return nil }
        let delimiter = sample[start + 4]
        let isPunctuation =
            (0x21...0x7E).contains(delimiter) && !(0x30...0x39).contains(delimiter)
            && !(0x61...0x7A).contains(delimiter | 0x20) && delimiter != UInt8(ascii: "\"")
        guard delimiter == 0x09 || isPunctuation else { return nil }
        var next = start + 5
        guard next == sample.count || sample[next] == 0x0A || sample[next] == 0x0D else { return nil }
        if next < sample.count, sample[next] == 0x0D { next += 1 }
        if next < sample.count, sample[next] == 0x0A { next += 1 }
        return (delimiter, next)
    }

    /// Whether lines starting with `#` are comments: the sample's first line that is not blank starts with one,
    /// and it is not the header of a table (with `#` as the name of its first column, split into as many fields
    /// as the rows that do not start with `#`); or lines further down start with one, and the sample's records
    /// all have one width when they are comments and not otherwise (`# that was the first record` between rows).
    static func hashComments(in sample: UnsafeBufferPointer<UInt8>, quote: UInt8, delimiter: UInt8?) -> Bool {
        let hash = UInt8(ascii: "#")
        var start = 0
        while start < sample.count, [0x0A, 0x0D, 0x20, 0x09].contains(sample[start]) { start += 1 }
        guard start < sample.count else { return false }
        guard sample[start] == hash else { return hasCommentsBelow(sample, quote: quote, delimiter: delimiter) }
        let quoting = Quoting(quote: quote, comment: hash)
        let commentless = delimiter ?? Self.delimiter(in: sample, quoting: quoting)
        let rows = records(in: sample, delimiter: commentless, quoting: quoting).map(\.width)
        guard let width = mode(of: rows)?.value, width > 1 else { return true }
        let tokenizer = CSVTokenizer(delimiter: commentless, quote: quote, comment: nil)
        var spans = ContiguousArray<FieldSpan>()
        guard case .record = tokenizer.scan(sample, from: start, line: 1, atEnd: false, spans: &spans) else {
            return true
        }
        return spans.count != width
    }

    /// Whether lines below the first start with `#` and are comments by their width: with them read as comments,
    /// every record of the sample has one width of two fields or more; with them read as rows, not.
    private static func hasCommentsBelow(_ sample: UnsafeBufferPointer<UInt8>, quote: UInt8, delimiter: UInt8?)
        -> Bool
    {
        guard sample.indices.dropFirst().contains(where: { sample[$0] == UInt8(ascii: "#") && sample[$0 - 1] == 0x0A })
        else { return false }
        let isConsistent = { (quoting: Quoting) in
            let widths = records(
                in: sample, delimiter: delimiter ?? bestSplit(in: sample, quoting: quoting).delimiter, quoting: quoting
            ).map(\.width)
            return widths.count >= 2 && widths.allSatisfy { $0 == widths[0] && $0 > 1 }
        }
        return isConsistent(Quoting(quote: quote, comment: UInt8(ascii: "#")))
            && !isConsistent(Quoting(quote: quote, comment: nil))
    }
}
