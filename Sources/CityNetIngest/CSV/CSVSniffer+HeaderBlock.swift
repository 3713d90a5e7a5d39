extension CSVSniffer {
    /// What a column of the table's body holds, as the rows at the bottom of the sample show it.
    enum BodyKind: Equatable {
        /// Whole numbers written with digits alone (counts, postal codes: `01000` is one of them).
        case integers
        /// Numbers (`1.613`, `117,6`, `-3`).
        case numbers
        /// Periods: years, dates, months and quarters (`2019`, `2024-02`, `Jan-2023`, `2023 Q1`, `2023*`).
        case periods
        /// Anything else, or nothing.
        case other
    }

    /// The rows right below the header that belong to it rather than to the table: more header rows (units, the
    /// dates under a row of groups, the column names under the subjects), a series' metadata (`CDID`, `Unit`,
    /// `Release date` above years and values), or HXL hashtags (`#adm1+name`, over one row or more), as statistics
    /// offices and humanitarian portals export them; and as survey tools export them, the answer options under questions whose
    /// cells were merged (SurveyMonkey: a row with nothing under the first column and a value under each column the
    /// header leaves unnamed, `unnamed`), or the question texts down to a row of import ids (Qualtrics:
    /// `{"ImportId":"QID1"}`), found by their content however few the answers.
    ///
    /// The columns of the body are typed from the rows at the bottom of the sample with two values or more (whole
    /// numbers, numbers, periods or other, from three values or more). A row fits when one of its typed values is of
    /// its column's kind, and does not when none is. The block starts with the first row below the header, which must
    /// not fit, and ends with the last row among the first ``headerBlockLimit`` that does not; two in three of its rows
    /// with typed values do not fit (a series' metadata may hold a count, `No. Obs,552`), and the three rows after it
    /// fit. Gives the block's lines and the first value that does not fit, with its column.
    static func headerBlock(
        in sample: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, tokenizer: CSVTokenizer, unnamed: [Int]
    ) -> (lines: [Int], value: String, column: Int)? {
        let records = rows(in: sample, from: start, line: line, tokenizer: tokenizer)
        if let last = records.prefix(3).firstIndex(where: { isImportIDRow($0.values) }),
            let column = records[last].values.firstIndex(where: { !$0.isEmpty })
        {
            return (
                records[...last].map(\.line), String(decoding: records[last].values[column], as: UTF8.self), column + 1
            )
        }
        if let first = records.first, let column = unnamed.first,
            isAnswerOptionRow(first.values, unnamed: unnamed), records.count >= 2
        {
            return ([first.line], String(decoding: first.values[column], as: UTF8.self), column + 1)
        }
        if let first = records.first, isHashtagRow(first.values), records.count >= 2,
            !isHashtagRow(records[1].values)
        {
            return ([first.line], String(decoding: first.values[0], as: UTF8.self), 1)
        }
        if let first = records.first, isRepeatedLabelRow(first.values), records.count >= 3,
            records[1].values.first?.isEmpty == false
        {
            return ([first.line], String(decoding: first.values[1], as: UTF8.self), 2)
        }
        guard let width = tableWidth(of: records.map(\.values.count))?.value, width > 1 else { return nil }
        // The body: rows of the table's width with two values or more (no empty rows, no notes below it).
        let body = records.filter { record in
            record.values.count == width && record.values.lazy.filter { !$0.isEmpty }.count >= 2
        }
        guard body.count >= 3 else { return nil }
        let kinds = (0..<width).map { column in
            bodyKind(of: body.suffix(max(3, body.count / 2)).map { $0.values[column] })
        }
        guard kinds.contains(where: { $0 != .other }) else { return nil }
        var fits: [RowFit] = []
        for record in records.prefix(headerBlockLimit * 2) {
            guard record.values.count == width else { break }
            fits.append(fit(record.values, kinds: kinds))
        }
        // The block runs from the first row, which must not fit, to the last row among the first ones that does
        // not fit such that two in three of the block's rows with typed values do not fit and the three rows with
        // typed values after it fit (rows of missing values, `..` under every period, say nothing; a row of units
        // further down, between sections of the table, ends no block).
        guard case .misfits(let column)? = fits.first else { return nil }
        let ends = fits.indices.prefix(headerBlockLimit).filter { last in
            let block = fits[...last]
            let after = fits[(last + 1)...].filter { $0 != .neutral }.prefix(3)
            return fits[last].isMisfit && after.count == 3 && after.allSatisfy { $0 == .fits }
                && block.filter(\.isMisfit).count * 3 >= block.filter { $0 != .neutral }.count * 2
        }
        guard let last = ends.last else { return nil }
        return (
            records[...last].map(\.line), String(decoding: records[0].values[column], as: UTF8.self), column + 1
        )
    }

    /// At most this many rows below the header are taken for more of it.
    static let headerBlockLimit = 20

    private enum RowFit: Equatable {
        /// One typed value of the row or more is of its column's kind.
        case fits
        /// No typed value of the row is of its column's kind; the column of the first.
        case misfits(column: Int)
        /// No typed column has a value in the row.
        case neutral

        var isMisfit: Bool {
            if case .misfits = self { true } else { false }
        }
    }

    private static func fit(_ values: [UnsafeBufferPointer<UInt8>], kinds: [BodyKind]) -> RowFit {
        var typed = 0
        var misfits: [Int] = []
        for (column, value) in values.enumerated() where kinds[column] != .other {
            guard !value.isEmpty, !isMissingMarker(value) else { continue }
            typed += 1
            if !isOfKind(value, kinds[column]) { misfits.append(column) }
        }
        guard typed > 0 else { return .neutral }
        if let first = misfits.first, misfits.count == typed { return .misfits(column: first) }
        return .fits
    }

    /// The kind of a column from three values or more.
    private static func bodyKind(of values: [UnsafeBufferPointer<UInt8>]) -> BodyKind {
        let present = values.filter { !$0.isEmpty && !isMissingMarker($0) }
        guard present.count >= 3 else { return .other }
        if present.allSatisfy(isPlainNumber) { return present.allSatisfy(isDigits) ? .integers : .numbers }
        if present.allSatisfy(isPeriod) { return .periods }
        return .other
    }

    private static func isOfKind(_ value: UnsafeBufferPointer<UInt8>, _ kind: BodyKind) -> Bool {
        switch kind {
        case .integers: isDigits(value) || isPlainNumber(value)
        case .numbers: isPlainNumber(value)
        case .periods: isPeriod(value)
        case .other: true
        }
    }

    /// Whether a value is a number that starts like one and has no leading zero (`E06000053` and `001759970` are
    /// codes) and is no calendar date (`31.12.2020` passes ``isNumber(_:)`` as a number with groups).
    private static func isPlainNumber(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = value.first,
            (0x30...0x39).contains(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: "."),
            isNumber(value), !(first == 0x30 && value.count > 1 && (0x30...0x39).contains(value[1]))
        else { return false }
        guard isDate(value) else { return true }
        var groups: [Int] = [0]
        for byte in value {
            if (0x30...0x39).contains(byte) { groups[groups.count - 1] += 1 } else { groups.append(0) }
        }
        let dayFirst = groups[0] <= 2 && groups[1] <= 2 && (groups[2] == 2 || groups[2] == 4)
        let yearFirst = groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2
        return !dayFirst && !yearFirst
    }

    private static func isDigits(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        !value.isEmpty && value.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// Whether a value names a period: a year (with a provisional `*`), a date, a year with a month or quarter
    /// (`2024-02`, `2024M02`, `2023 Q1`, `2023 JAN`), or a month with a year (`Jan-2023`, `Jan 23`).
    static func isPeriod(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        if isDate(value) { return true }
        let bytes = Array(value)
        let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
        let isSeparator = { (byte: UInt8) in byte == 0x20 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") }
        if bytes.count >= 4, isYear(UnsafeBufferPointer(rebasing: value[0..<4])) {
            var rest = bytes[4...]
            if rest.isEmpty || rest.elementsEqual("*".utf8) { return true }
            if let first = rest.first, isSeparator(first) { rest = rest.dropFirst() }
            if rest.first.map({ $0 | 0x20 == UInt8(ascii: "m") || $0 | 0x20 == UInt8(ascii: "q") }) == true,
                rest.count >= 2, rest.dropFirst().allSatisfy(isDigit)
            {
                return rest.count <= 3
            }
            return (1...2).contains(rest.count) && rest.allSatisfy(isDigit) || isMonth(rest)
        }
        guard let separator = bytes.firstIndex(where: isSeparator), isMonth(bytes[..<separator]) else { return false }
        let year = bytes[(separator + 1)...]
        return (year.count == 2 || year.count == 4) && year.allSatisfy(isDigit)
    }

    /// Whether letters name a month in English, whole or in three letters (`Jan`, `SEPT`, `March`).
    private static func isMonth(_ letters: ArraySlice<UInt8>) -> Bool {
        let name = String(decoding: letters, as: UTF8.self).lowercased()
        return months.contains(name) || name == "sept" || (name.count == 3 && months.contains { $0.hasPrefix(name) })
    }

    private static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ]

    /// Whether every value of a row is an HXL hashtag (`#adm1+name`), two or more of them.
    static func isHashtagRow(_ values: [UnsafeBufferPointer<UInt8>]) -> Bool {
        let present = values.filter { !$0.isEmpty }
        return present.count >= 2
            && present.allSatisfy {
                $0.count >= 2 && $0[0] == UInt8(ascii: "#") && (0x61...0x7A).contains($0[1] | 0x20)
            }
    }

    /// Whether every value of a row, two or more, is a JSON object of an import id (`{"ImportId":"QID1"}`, its
    /// quotes doubled inside the field as read).
    private static func isImportIDRow(_ values: [UnsafeBufferPointer<UInt8>]) -> Bool {
        let present = values.filter { !$0.isEmpty }
        return present.count >= 2
            && present.allSatisfy { value in
                value.first == UInt8(ascii: "{") && value.last == UInt8(ascii: "}")
                    && String(decoding: value, as: UTF8.self).contains("ImportId")
            }
    }

    /// Whether a row has nothing under the first column, and a value under each of the header's unnamed columns
    /// inside it (not only a last one, which a delimiter at the end of the header leaves).
    private static func isAnswerOptionRow(_ values: [UnsafeBufferPointer<UInt8>], unnamed: [Int]) -> Bool {
        guard values.count > 1, values[0].isEmpty, unnamed.contains(where: { $0 < values.count - 1 }) else {
            return false
        }
        return unnamed.allSatisfy { $0 < values.count && !values[$0].isEmpty }
    }

    /// Whether a row has nothing under the first column and one label repeated under every other, three or more
    /// (SurveyMonkey's `,Response,Response,Response` under its questions).
    private static func isRepeatedLabelRow(_ values: [UnsafeBufferPointer<UInt8>]) -> Bool {
        guard values.count >= 4, values[0].isEmpty, let label = values.dropFirst().first, !label.isEmpty,
            label.contains(where: isLetter), !isMissingMarker(label)
        else { return false }
        return values.dropFirst().allSatisfy { $0.elementsEqual(label) }
    }

    /// Up to 60 records from `start` that hold a value (a spreadsheet's empty rows, `,,`, are left out), each with
    /// its line and its values without the spaces around them.
    private static func rows(
        in sample: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, tokenizer: CSVTokenizer
    ) -> [(line: Int, values: [UnsafeBufferPointer<UInt8>])] {
        var result: [(line: Int, values: [UnsafeBufferPointer<UInt8>])] = []
        forEachRecord(in: sample, from: start, line: line, tokenizer: tokenizer) { line, values in
            if values.contains(where: { !$0.isEmpty }) { result.append((line, values)) }
            return result.count < 60
        }
        return result
    }
}
