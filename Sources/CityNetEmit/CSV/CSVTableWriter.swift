public import CityNetModel

/// Writes a table as RFC 4180 CSV: UTF-8, a header row, fields quoted when they must be, `\n` line ends (or CRLF),
/// optionally with a byte-order mark for Excel.
///
/// Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, TAB or CR) is prefixed
/// with `'`, so opening an export never executes a cell (OWASP's CSV injection advice). Numbers are written as
/// numbers.
public enum CSVTableWriter {
    /// How the bytes are laid out.
    public struct Options: Sendable, Hashable {
        /// CRLF line ends instead of `\n`.
        public var crlf: Bool
        /// A UTF-8 byte-order mark first, so Excel reads the file as UTF-8.
        public var bom: Bool

        /// Creates options; the default is `\n` and no byte-order mark.
        public init(crlf: Bool = false, bom: Bool = false) {
            self.crlf = crlf
            self.bom = bom
        }
    }

    /// The table as CSV bytes.
    public static func write(_ table: Table, options: Options = Options()) -> [UInt8] {
        var output: [UInt8] = options.bom ? [0xEF, 0xBB, 0xBF] : []
        append(row: table.columns.map { field($0.name, isText: true) }, to: &output, crlf: options.crlf)
        for row in table.rows {
            append(
                row: row.map { cell in
                    switch cell {
                    case .text(let text): field(text, isText: true)
                    default: field(cell.description, isText: false)
                    }
                }, to: &output, crlf: options.crlf)
        }
        return output
    }

    /// Writes rows of plain strings (used for rejects).
    public static func write(header: [String], rows: [[String]], options: Options = Options()) -> [UInt8] {
        var output: [UInt8] = options.bom ? [0xEF, 0xBB, 0xBF] : []
        append(row: header.map { field($0, isText: true) }, to: &output, crlf: options.crlf)
        for row in rows { append(row: row.map { field($0, isText: true) }, to: &output, crlf: options.crlf) }
        return output
    }

    /// Appends a row; a row of empty fields starts with a quoted one (`"",`), so that a reader takes it neither
    /// for a blank line (one column) nor for the empty row a spreadsheet writes between a table and notes below it.
    private static func append(row: [String], to output: inout [UInt8], crlf: Bool) {
        if !row.isEmpty, row.allSatisfy(\.isEmpty) { output.append(contentsOf: "\"\"".utf8) }
        for (index, field) in row.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: field.utf8)
        }
        if crlf { output.append(0x0D) }
        output.append(0x0A)
    }

    /// One field, neutralised and quoted as needed.
    static func field(_ value: String, isText: Bool) -> String {
        var text = value
        if isText, let first = text.utf8.first, formulaStarts.contains(first) {
            text = "'" + text
        }
        let needsQuotes =
            text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || text.utf8.first == 0x20 || text.utf8.last == 0x20
        guard needsQuotes else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    private static let formulaStarts: Set<UInt8> = [
        UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D,
    ]
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var output = ""
        output.reserveCapacity(utf8.count)
        for character in self {
            if character == target { output += replacement } else { output.append(character) }
        }
        return output
    }
}
