public import CityNetModel

/// A streaming RFC 4180 reader over the bytes of a file.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks (LF, CRLF or CR); line numbers count
/// physical lines, including those inside quoted fields. Blank lines are skipped. A row that cannot be read
/// (wrong number of fields, an unterminated quote, text after a closing quote, bytes that are not UTF-8) becomes a
/// ``CityNetModel/Reject`` with its line and column, and reading goes on with the next row.
public final class CSVReader {
    private static let chunkSize = 1 << 20
    private static let sampleSize = 1 << 16

    private let file: ByteFile
    private let quote: UInt8
    private var buffer: [UInt8] = []
    private var position = 0
    private var line = 1
    private var atEnd = false
    private var spans: [FieldSpan] = []

    /// The dialect the file is read with.
    public let dialect: CSVDialect
    /// The header's names, trimmed; empty when the file has no header.
    public private(set) var header: [String] = []
    /// How many data rows have been read so far (good and bad).
    public private(set) var rowsRead = 0

    private var delimiter: UInt8 { dialect.delimiter }
    private var displayPath: String { file.displayPath }

    /// Opens a file, detects its dialect as far as the options leave open, and reads the header.
    ///
    /// - Throws: ``IngestError`` when the file is missing or unreadable, or its header is unusable.
    public init(path: String, displayPath: String, options: CSVOptions) throws(IngestError) {
        file = try ByteFile(path: path, displayPath: displayPath)
        quote = options.quote
        while buffer.count < Self.sampleSize, try file.read(appendingTo: &buffer, count: Self.sampleSize) > 0 {}
        atEnd = buffer.count < Self.sampleSize
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hadByteOrderMark = buffer.starts(with: bom)
        if hadByteOrderMark { position = 3 }
        let sample = buffer[position...]
        dialect = CSVDialect(
            delimiter: options.delimiter ?? CSVDialectSniffer.delimiter(in: sample, quote: options.quote),
            detected: options.delimiter == nil,
            hadByteOrderMark: hadByteOrderMark
        )
        if options.header { try readHeader() }
    }

    private func readHeader() throws(IngestError) {
        let headerLine = line
        var names: [String]?
        while names == nil {
            switch try parseRecord() {
            case .record:
                names = spans.map { String(decoding: text(of: $0), as: UTF8.self).trimmingASCIIWhitespace() }
            case .bad(let problem):
                throw .badHeader(
                    SourceLocation(file: displayPath, line: problem.line, column: problem.column),
                    message: "unreadable header: \(problem.reason)")
            case .end:
                names = []
            }
        }
        header = names ?? []
        var seen: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            let location = SourceLocation(
                file: displayPath, line: headerLine, column: spans.indices.contains(index) ? spans[index].column : nil)
            if name.isEmpty {
                throw .badHeader(location, message: "header column \(index + 1) has no name")
            }
            if let first = seen[name] {
                throw .badHeader(
                    location, message: "header name '\(name)' appears twice (columns \(first + 1) and \(index + 1))")
            }
            seen[name] = index
        }
    }

    /// The 0-based positions of the columns a mapping reads.
    ///
    /// - Throws: ``IngestError/missingColumn(name:header:suggestion:mappedAt:)`` naming the closest header,
    ///   or ``IngestError/columnOutOfRange(index:width:file:mappedAt:)``.
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
                if !header.isEmpty, index > header.count {
                    throw .columnOutOfRange(
                        index: index, width: header.count, file: displayPath, mappedAt: column.mappedAt)
                }
                positions.append(index - 1)
            }
        }
        return positions
    }

    /// Reads every remaining row, handing each good one as a record of the given columns and each bad one as
    /// a reject.
    ///
    /// - Parameters:
    ///   - columns: 0-based positions, from ``positions(of:)``.
    ///   - source: the source's name, for rejects.
    ///   - onRecord: called with each good row; an empty cell has no value.
    ///   - onReject: called with each row that cannot be read.
    /// - Throws: ``IngestError`` when the file cannot be read, or what the callbacks throw.
    public func forEachRecord(
        columns: [Int], source: String, onRecord: (RawRecord) throws -> Void, onReject: (Reject) throws -> Void
    ) throws {
        while true {
            let outcome = try parseRecord()
            switch outcome {
            case .end:
                return
            case .bad(let problem):
                rowsRead += 1
                try onReject(
                    Reject(
                        source: source,
                        location: SourceLocation(file: displayPath, line: problem.line, column: problem.column),
                        field: "", value: problem.excerpt, reason: problem.reason
                    ))
            case .record(let recordLine):
                rowsRead += 1
                if !header.isEmpty, spans.count != header.count {
                    let column = spans.indices.contains(header.count) ? spans[header.count].column : spans.last?.column
                    try onReject(
                        Reject(
                            source: source,
                            location: SourceLocation(file: displayPath, line: recordLine, column: column),
                            field: "", value: excerpt(ofRecordStartingAt: spans.first?.start ?? 0),
                            reason: "expected \(header.count) fields, found \(spans.count)"
                        ))
                    continue
                }
                var values: [[String]] = []
                var valueColumns: [Int] = []
                values.reserveCapacity(columns.count)
                var invalid: (column: Int, byte: UInt8, field: Int)?
                for position in columns {
                    guard spans.indices.contains(position) else {
                        values.append([])
                        valueColumns.append(0)
                        continue
                    }
                    let span = spans[position]
                    valueColumns.append(span.column)
                    let bytes = text(of: span)
                    if bytes.isEmpty {
                        values.append([])
                    } else if let string = String(validating: bytes, as: UTF8.self) {
                        values.append([string])
                    } else {
                        invalid = (span.column, firstInvalidByte(bytes), position)
                        break
                    }
                }
                if let invalid {
                    let name =
                        header.indices.contains(invalid.field) ? header[invalid.field] : "column \(invalid.field + 1)"
                    try onReject(
                        Reject(
                            source: source,
                            location: SourceLocation(file: displayPath, line: recordLine, column: invalid.column),
                            field: name, value: String(decoding: text(of: spans[invalid.field]), as: UTF8.self),
                            reason: "invalid UTF-8 (byte 0x\(String(invalid.byte, radix: 16, uppercase: true)))"
                        ))
                    continue
                }
                try onRecord(
                    RawRecord(
                        location: SourceLocation(file: displayPath, line: recordLine, column: 1), values: values,
                        columns: valueColumns
                    ))
            }
        }
    }

    // MARK: - Tokenising

    private struct FieldSpan {
        var start: Int
        var end: Int
        var hasDoubledQuotes: Bool
        var column: Int
    }

    private struct RowProblem {
        var line: Int
        var column: Int
        var reason: String
        var excerpt: String
    }

    private enum Outcome {
        case record(line: Int)
        case bad(RowProblem)
        case end
    }

    private enum Step {
        case done(Outcome)
        case needMore
    }

    private func parseRecord() throws(IngestError) -> Outcome {
        while true {
            switch scanRecord() {
            case .done(let outcome):
                return outcome
            case .needMore:
                if position > 0 {
                    buffer.removeSubrange(0..<position)
                    position = 0
                }
                let read = try file.read(appendingTo: &buffer, count: Self.chunkSize)
                if read == 0 { atEnd = true }
            }
        }
    }

    /// Scans one record from `position`; on success advances `position` and `line` past it.
    private func scanRecord() -> Step {
        spans.removeAll(keepingCapacity: true)
        var index = position
        var currentLine = line
        let count = buffer.count
        let newline = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")

        // Blank lines between records are skipped.
        while index < count, buffer[index] == newline || buffer[index] == carriageReturn {
            if buffer[index] == carriageReturn {
                if index + 1 == count, !atEnd { return .needMore }
                if index + 1 < count, buffer[index + 1] == newline { index += 1 }
            }
            index += 1
            currentLine += 1
            position = index
            line = currentLine
        }
        if index == count { return atEnd ? .done(.end) : .needMore }

        let recordLine = currentLine
        var lineStart = index
        while true {
            let fieldStart = index
            let column = columnNumber(from: lineStart, to: fieldStart)
            if index < count, buffer[index] == quote {
                let quoteLine = currentLine
                index += 1
                let contentStart = index
                var doubled = false
                while true {
                    guard index < count else {
                        if !atEnd { return .needMore }
                        return .done(
                            .bad(recoverFromUnterminatedQuote(quoteLine: quoteLine, column: column, at: fieldStart)))
                    }
                    let byte = buffer[index]
                    if byte == quote {
                        if index + 1 < count, buffer[index + 1] == quote {
                            doubled = true
                            index += 2
                            continue
                        }
                        if index + 1 == count, !atEnd { return .needMore }
                        break
                    }
                    if byte == newline || byte == carriageReturn {
                        if byte == carriageReturn, index + 1 < count, buffer[index + 1] == newline { index += 1 }
                        currentLine += 1
                        lineStart = index + 1
                    }
                    index += 1
                }
                spans.append(FieldSpan(start: contentStart, end: index, hasDoubledQuotes: doubled, column: column))
                index += 1
                if index < count, buffer[index] != delimiter, buffer[index] != newline, buffer[index] != carriageReturn
                {
                    let problemColumn = columnNumber(from: lineStart, to: index)
                    return .done(
                        .bad(
                            skipRestOfLine(
                                from: index, line: currentLine, column: problemColumn, recordStart: position,
                                reason: "unexpected character after the closing quote of a field"
                            )))
                }
            } else {
                // A quote inside a field that did not start with one cannot delimit anything: it is data
                // (`37°36'37.8"N`), as every mainstream reader keeps it.
                while index < count {
                    let byte = buffer[index]
                    if byte == delimiter || byte == newline || byte == carriageReturn { break }
                    index += 1
                }
                spans.append(FieldSpan(start: fieldStart, end: index, hasDoubledQuotes: false, column: column))
            }

            guard index < count else {
                if !atEnd { return .needMore }
                position = index
                line = currentLine
                return .done(.record(line: recordLine))
            }
            let byte = buffer[index]
            if byte == delimiter {
                index += 1
                if index == count, !atEnd { return .needMore }
                continue
            }
            if byte == carriageReturn {
                if index + 1 == count, !atEnd { return .needMore }
                if index + 1 < count, buffer[index + 1] == newline { index += 1 }
            }
            position = index + 1
            line = currentLine + 1
            return .done(.record(line: recordLine))
        }
    }

    /// After a quote that never closes, rejects the line it opened on and goes on from the next line, so one
    /// stray quote loses one row rather than the rest of the file.
    private func recoverFromUnterminatedQuote(quoteLine: Int, column: Int, at quoteIndex: Int) -> RowProblem {
        let excerpt = self.excerpt(ofRecordStartingAt: position)
        var index = quoteIndex
        while index < buffer.count, buffer[index] != UInt8(ascii: "\n"), buffer[index] != UInt8(ascii: "\r") {
            index += 1
        }
        if index < buffer.count {
            if buffer[index] == UInt8(ascii: "\r"), index + 1 < buffer.count, buffer[index + 1] == UInt8(ascii: "\n") {
                index += 1
            }
            index += 1
        }
        position = index
        line = quoteLine + 1
        return RowProblem(
            line: quoteLine, column: column, reason: "unterminated quoted field (the quote opened here never closes)",
            excerpt: excerpt)
    }

    private func skipRestOfLine(from start: Int, line problemLine: Int, column: Int, recordStart: Int, reason: String)
        -> RowProblem
    {
        var index = start
        while index < buffer.count, buffer[index] != UInt8(ascii: "\n"), buffer[index] != UInt8(ascii: "\r") {
            index += 1
        }
        let excerpt = String(decoding: buffer[recordStart..<min(index, recordStart + 200)], as: UTF8.self)
        if index < buffer.count {
            if buffer[index] == UInt8(ascii: "\r"), index + 1 < buffer.count, buffer[index + 1] == UInt8(ascii: "\n") {
                index += 1
            }
            index += 1
        }
        position = index
        line = problemLine + 1
        return RowProblem(line: problemLine, column: column, reason: reason, excerpt: excerpt)
    }

    private func excerpt(ofRecordStartingAt start: Int) -> String {
        var end = start
        while end < buffer.count, end - start < 200, buffer[end] != UInt8(ascii: "\n"),
            buffer[end] != UInt8(ascii: "\r")
        { end += 1 }
        return String(decoding: buffer[start..<end], as: UTF8.self)
    }

    /// The 1-based column of `index` on the line starting at `lineStart`, in Unicode scalars.
    private func columnNumber(from lineStart: Int, to index: Int) -> Int {
        var column = 1
        var cursor = lineStart
        while cursor < index {
            if buffer[cursor] & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        return column
    }

    private func text(of span: FieldSpan) -> ArraySlice<UInt8> {
        guard span.hasDoubledQuotes else { return buffer[span.start..<span.end] }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(span.end - span.start)
        var index = span.start
        while index < span.end {
            bytes.append(buffer[index])
            index += buffer[index] == quote ? 2 : 1
        }
        return bytes[...]
    }

    private func firstInvalidByte(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var consumed = bytes.startIndex
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
            case .emptyInput:
                return 0
            case .error:
                return consumed < bytes.endIndex ? bytes[consumed] : 0
            }
        }
    }
}

@available(*, unavailable)
extension CSVReader: Sendable {}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let utf8 = self.utf8
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) }) ?? first
        return String(self[first...last])
    }
}
