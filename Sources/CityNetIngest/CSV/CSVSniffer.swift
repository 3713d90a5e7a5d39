/// Detects a CSV table's layout from a sample: delimiter, quote, where the header is and whether there is one.
enum CSVSniffer {
    static let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]

    /// The delimiter that splits the sample's lines most consistently into more than one field.
    ///
    /// For each candidate, the sample's records are tokenised and the most common field count found; the
    /// candidate whose common count covers the most records wins, then the one with more fields. Ragged rows
    /// lower a candidate's score but never switch it. `,` when nothing splits.
    static func delimiter(in sample: UnsafeBufferPointer<UInt8>, quote: UInt8, comment: UInt8?) -> UInt8 {
        var best: (delimiter: UInt8, covered: Int, width: Int) = (UInt8(ascii: ","), 0, 1)
        for candidate in delimiters {
            let widths = fieldCounts(in: sample, delimiter: candidate, quote: quote, comment: comment)
            guard let (width, covered) = mode(of: widths), width > 1 else { continue }
            if (covered, width) > (best.covered, best.width) { best = (candidate, covered, width) }
        }
        return best.delimiter
    }

    /// `'` when the sample quotes with apostrophes and never with double quotes, else `"`.
    static func quote(in sample: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> UInt8 {
        let doubleQuote = UInt8(ascii: "\"")
        let apostrophe = UInt8(ascii: "'")
        var apostropheFields = 0
        var previous: UInt8 = 0x0A
        for byte in sample {
            if byte == doubleQuote { return doubleQuote }
            if byte == apostrophe, previous == delimiter || previous == 0x0A || previous == 0x0D {
                apostropheFields += 1
            }
            previous = byte
        }
        return apostropheFields >= 2 ? apostrophe : doubleQuote
    }

    /// The field counts of the sample's records (blank and comment lines skipped), with their lines.
    static func records(
        in sample: UnsafeBufferPointer<UInt8>, delimiter: UInt8, quote: UInt8, comment: UInt8?, limit: Int = 100
    ) -> [(line: Int, width: Int, numericOnly: Bool)] {
        let tokenizer = CSVTokenizer(delimiter: delimiter, quote: quote, comment: comment)
        var spans = ContiguousArray<FieldSpan>()
        var position = 0
        var line = 1
        var result: [(line: Int, width: Int, numericOnly: Bool)] = []
        while result.count < limit {
            switch tokenizer.scan(sample, from: position, line: line, atEnd: false, spans: &spans) {
            case .record(let recordLine, let next, let nextLine):
                let numericOnly = spans.allSatisfy { span in isNumeric(sample, span) }
                result.append((recordLine, spans.count, numericOnly))
                (position, line) = (next, nextLine)
            case .skipped(let next, let nextLine), .bad(_, _, let next, let nextLine):
                (position, line) = (next, nextLine)
            case .needMore, .end:
                return result
            }
        }
        return result
    }

    private static func fieldCounts(
        in sample: UnsafeBufferPointer<UInt8>, delimiter: UInt8, quote: UInt8, comment: UInt8?
    ) -> [Int] {
        records(in: sample, delimiter: delimiter, quote: quote, comment: comment, limit: 50).map(\.width)
    }

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

    /// Whether a field is empty or a number (digits with an optional sign, decimal point and exponent).
    private static func isNumeric(_ bytes: UnsafeBufferPointer<UInt8>, _ span: FieldSpan) -> Bool {
        var digits = 0
        for index in span.start..<span.end {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "e"), UInt8(ascii: "E"), 0x20:
                continue
            default: return false
            }
        }
        return digits > 0 || span.start == span.end
    }
}
