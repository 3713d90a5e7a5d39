public import CityNetModel

/// Writes a table as RFC 4180 CSV: UTF-8, CRLF line ends, a header row, fields quoted when they must be.
///
/// Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, TAB or CR) is prefixed
/// with `'`, so opening an export never executes a cell. Numbers are written as numbers.
public enum CSVTableWriter {
    /// The table as CSV bytes.
    public static func write(_ table: Table) -> [UInt8] {
        var output: [UInt8] = []
        append(row: table.columns.map { field($0.name, isText: true) }, to: &output)
        for row in table.rows {
            append(
                row: row.map { cell in
                    switch cell {
                    case .text(let text): field(text, isText: true)
                    default: field(cell.description, isText: false)
                    }
                }, to: &output)
        }
        return output
    }

    /// Writes rows of plain strings (used for rejects).
    public static func write(header: [String], rows: [[String]]) -> [UInt8] {
        var output: [UInt8] = []
        append(row: header.map { field($0, isText: true) }, to: &output)
        for row in rows { append(row: row.map { field($0, isText: true) }, to: &output) }
        return output
    }

    private static func append(row: [String], to output: inout [UInt8]) {
        for (index, field) in row.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: field.utf8)
        }
        output.append(contentsOf: [0x0D, 0x0A])
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
