public import CityNetModel

/// Writes a table as JSON for dashboards: the columns with their kinds, then one object per row.
///
/// Keys keep the table's column order, numbers are JSON numbers, and the bytes are the same on every run.
public enum JSONTableWriter {
    /// The table as JSON bytes.
    public static func write(_ table: Table) -> [UInt8] {
        var output = "{\n"
        output += "  \"table\": \(quoted(table.name)),\n"
        output += "  \"columns\": [\n"
        for (index, column) in table.columns.enumerated() {
            var entry = "    {\"name\": \(quoted(column.name)), \"type\": \(quoted(column.kind.name))"
            if case .dimension(let dimension) = column.kind {
                entry += ", \"dimension\": \(quoted(dimension.rawValue))"
            }
            entry += "}"
            output += entry + (index + 1 < table.columns.count ? ",\n" : "\n")
        }
        output += "  ],\n"
        output += "  \"rows\": ["
        for (index, row) in table.rows.enumerated() {
            output += index == 0 ? "\n" : ",\n"
            let members = zip(table.columns, row).map { column, cell in "\(quoted(column.name)): \(value(cell))" }
            output += "    {" + members.joined(separator: ", ") + "}"
        }
        output += table.rows.isEmpty ? "]\n" : "\n  ]\n"
        output += "}\n"
        return Array(output.utf8)
    }

    /// A cell as a JSON value.
    static func value(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): quoted(text)
        case .integer(let number): String(number)
        case .decimal(let number): number.isFinite ? Cell.format(number) : "null"
        case .null: "null"
        }
    }

    /// A JSON string literal.
    public static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}
