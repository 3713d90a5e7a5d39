public import CityNetModel

/// Writes a table as JSON for dashboards: `table`, `columns` (each with `name`, `type`, `title`, and the
/// `dimension` of a dimension column), `rows` as objects, and `totals`, the `Total` row (or `null`).
///
/// Keys are in that fixed order and keep the table's column order, numbers are JSON numbers, and the bytes are the
/// same on every run. ``JSONSchemaWriter`` describes the same shape.
public enum JSONTableWriter {
    /// The table as JSON bytes.
    public static func write(_ table: Table) -> [UInt8] {
        var output = "{\n"
        output += "  \"table\": \(quoted(table.name)),\n"
        output += "  \"columns\": [\n"
        for (index, column) in table.columns.enumerated() {
            var entry = "    {\"name\": \(quoted(column.name)), \"type\": \(quoted(column.kind.name))"
            entry += ", \"title\": \(quoted(title(of: column)))"
            if case .dimension(let dimension) = column.kind {
                entry += ", \"dimension\": \(quoted(dimension.rawValue))"
            }
            entry += "}"
            output += entry + (index + 1 < table.columns.count ? ",\n" : "\n")
        }
        output += "  ],\n"
        output += "  \"rows\": ["
        let rows = table.hasTotalRow ? table.rows.dropLast() : table.rows[...]
        for (index, row) in rows.enumerated() {
            output += index == 0 ? "\n" : ",\n"
            output += "    " + object(row, table.columns)
        }
        output += rows.isEmpty ? "],\n" : "\n  ],\n"
        output +=
            "  \"totals\": "
            + (table.hasTotalRow ? table.rows.last.map { object($0, table.columns) } ?? "null" : "null")
        output += "\n}\n"
        return Array(output.utf8)
    }

    private static func object(_ row: [Cell], _ columns: [Column]) -> String {
        "{" + zip(columns, row).map { column, cell in "\(quoted(column.name)): \(value(cell))" }.joined(separator: ", ")
            + "}"
    }

    /// A column's human title: `new_members` -> `New members`; SDG and year columns by their usual names.
    public static func title(of column: Column) -> String {
        ChartLabels.axisTitle(column: column)
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
