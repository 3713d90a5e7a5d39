/// Lines quoted whole, as some tools write a table: `"id,city,year"`, then `"1,""Paris, FR"",2019"`. Each line is
/// one quoted value that holds the real line, its own quotes doubled. Read as written, such a file is one column of
/// whole lines; the reader takes each line's value as the line instead.
enum WholeLineQuoting {
    static let quote = UInt8(ascii: "\"")
    /// Reads a line's content: its quotes undoubled (the delimiter does not matter inside it).
    private static let content = CSVTokenizer(delimiter: UInt8(ascii: ","), quote: quote, comment: nil)
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// One line of a buffer, as a quote around the whole line sees it.
    private enum Line {
        /// A quoted value right up to the line end: its content lies between the line's first byte and
        /// `contentEnd` (the closing quote); the next line starts at `next`.
        case quoted(contentEnd: Int, next: Int)
        /// A blank line, or one that is not quoted whole.
        case other(next: Int)
        /// The buffer ends inside the line.
        case cut
    }

    /// Whether the lines of a sample are quoted whole: two or more, each one quoted value right up to its line end
    /// (blank lines aside), whose contents one delimiter splits alike: the first (the header) into two fields or
    /// more, and nine in ten of them into as many. (A column of quoted sentences with commas in them is split
    /// unevenly, and stays a column.)
    static func isQuotedWhole(_ sample: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> Bool {
        var contents: [UInt8] = []
        var position = 0
        var lines = 0
        scan: while position < sample.count {
            switch line(in: sample, at: position, atEnd: atEnd) {
            case .quoted(let contentEnd, let next):
                content.forEachContentByte(sample, span(from: position + 1, to: contentEnd)) { contents.append($0) }
                contents.append(newline)
                lines += 1
                position = next
            case .other(let next):
                guard sample[position] == newline || sample[position] == carriageReturn else { return false }
                position = next
            case .cut:
                break scan
            }
        }
        guard lines >= 2 else { return false }
        return contents.withUnsafeBufferPointer { contents in
            let quoting = CSVSniffer.Quoting(quote: quote)
            let delimiter = CSVSniffer.delimiter(in: contents, quoting: quoting)
            let widths = CSVSniffer.records(in: contents, delimiter: delimiter, quoting: quoting).map(\.width)
            guard let header = widths.first, header > 1 else { return false }
            return widths.count(where: { $0 == header }) * 10 >= widths.count * 9
        }
    }

    /// Replaces each line quoted whole from `start` on by its content, its quotes undoubled and its line end kept,
    /// in place; other lines stay as written. Returns where the replaced lines end: a line that the buffer cuts
    /// (unless `atEnd`) stays after that point as read, for the next call once more is read.
    static func unwrap(_ buffer: inout [UInt8], from start: Int, atEnd: Bool) -> Int {
        let (written, read) = buffer.withUnsafeMutableBufferPointer { bytes in
            var (read, write) = (start, start)
            scan: while read < bytes.count {
                switch line(in: UnsafeBufferPointer(bytes), at: read, atEnd: atEnd) {
                case .quoted(let contentEnd, let next):
                    // Reading stays ahead of writing: the content is written back over the line in place.
                    content.forEachContentByte(UnsafeBufferPointer(bytes), span(from: read + 1, to: contentEnd)) {
                        bytes[write] = $0
                        write += 1
                    }
                    for index in contentEnd + 1..<next {
                        bytes[write] = bytes[index]
                        write += 1
                    }
                    read = next
                case .other(let next):
                    for index in read..<next {
                        bytes[write] = bytes[index]
                        write += 1
                    }
                    read = next
                case .cut:
                    break scan
                }
            }
            return (write, read)
        }
        buffer.removeSubrange(written..<read)
        return written
    }

    /// The line that starts at `start`.
    private static func line(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, atEnd: Bool) -> Line {
        guard bytes[start] == quote else { return restOfLine(bytes, from: start, atEnd: atEnd) }
        var index = start + 1
        while true {
            while index < bytes.count, bytes[index] != quote { index += 1 }
            guard index + 1 < bytes.count else {
                if !atEnd { return .cut }
                return index < bytes.count ? .quoted(contentEnd: index, next: bytes.count) : .other(next: bytes.count)
            }
            switch bytes[index + 1] {
            case quote:
                index += 2
            case newline:
                return .quoted(contentEnd: index, next: index + 2)
            case carriageReturn:
                guard index + 2 < bytes.count else { return atEnd ? .quoted(contentEnd: index, next: index + 2) : .cut }
                return .quoted(contentEnd: index, next: bytes[index + 2] == newline ? index + 3 : index + 2)
            default:
                return restOfLine(bytes, from: index + 1, atEnd: atEnd)
            }
        }
    }

    /// A line that is not quoted whole, from `index` up to and including its line end.
    private static func restOfLine(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int, atEnd: Bool) -> Line {
        var end = index
        while end < bytes.count, bytes[end] != newline, bytes[end] != carriageReturn { end += 1 }
        guard end < bytes.count else { return atEnd ? .other(next: end) : .cut }
        guard bytes[end] == carriageReturn else { return .other(next: end + 1) }
        guard end + 1 < bytes.count else { return atEnd ? .other(next: end + 1) : .cut }
        return .other(next: bytes[end + 1] == newline ? end + 2 : end + 1)
    }

    /// The content of a line quoted whole, as a quoted field's.
    private static func span(from start: Int, to end: Int) -> FieldSpan {
        FieldSpan(start: start, end: end, hasDoubledQuotes: true, column: 1)
    }
}
