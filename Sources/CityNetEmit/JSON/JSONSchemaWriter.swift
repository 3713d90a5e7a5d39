public import CityNetModel

/// Writes the JSON Schema (draft 2020-12) of a table's JSON file: the fixed keys, each column's name, type and
/// title as constants, and each row as an object with exactly the table's columns and their value types.
///
/// A dashboard can validate a file against it before trusting it, and notice when a pipeline change alters the
/// shape of what it reads.
public enum JSONSchemaWriter {
    /// The schema of `JSONTableWriter.write(table)` for this table's columns, as JSON bytes.
    public static func write(_ table: Table) -> [UInt8] {
        let row = rowSchema(table.columns, indent: "      ")
        var output = "{\n"
        output += "  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
        output += "  \"$id\": \(quoted("citynet:table:" + table.name)),\n"
        output += "  \"title\": \(quoted("Table " + table.name)),\n"
        output += "  \"type\": \"object\",\n"
        output += "  \"required\": [\"table\", \"columns\", \"rows\", \"totals\"],\n"
        output += "  \"additionalProperties\": false,\n"
        output += "  \"properties\": {\n"
        output += "    \"table\": {\"const\": \(quoted(table.name))},\n"
        output += "    \"columns\": {\n"
        output += "      \"type\": \"array\",\n"
        output += "      \"minItems\": \(table.columns.count),\n"
        output += "      \"maxItems\": \(table.columns.count),\n"
        output += "      \"prefixItems\": [\n"
        for (index, column) in table.columns.enumerated() {
            var properties = [
                "\"name\": {\"const\": \(quoted(column.name))}", "\"type\": {\"const\": \(quoted(column.kind.name))}",
                "\"title\": {\"const\": \(quoted(JSONTableWriter.title(of: column)))}",
            ]
            var required = ["\"name\"", "\"type\"", "\"title\""]
            if case .dimension(let dimension) = column.kind {
                properties.append("\"dimension\": {\"const\": \(quoted(dimension.rawValue))}")
                required.append("\"dimension\"")
            }
            output += "        {\"type\": \"object\", \"required\": [\(required.joined(separator: ", "))], "
            output += "\"additionalProperties\": false, \"properties\": {\(properties.joined(separator: ", "))}}"
            output += index + 1 < table.columns.count ? ",\n" : "\n"
        }
        output += "      ]\n"
        output += "    },\n"
        output += "    \"rows\": {\"type\": \"array\", \"items\": \(row)},\n"
        output += "    \"totals\": {\"oneOf\": [{\"type\": \"null\"}, \(row)]}\n"
        output += "  }\n"
        output += "}\n"
        return Array(output.utf8)
    }

    private static func rowSchema(_ columns: [Column], indent: String) -> String {
        let properties = columns.map { "\(quoted($0.name)): {\"type\": \(types(of: $0.kind))}" }
        let required = columns.map { quoted($0.name) }
        return "{\"type\": \"object\", \"required\": [\(required.joined(separator: ", "))], "
            + "\"additionalProperties\": false, \"properties\": {\(properties.joined(separator: ", "))}}"
    }

    /// The JSON types a column's cells take (`null` for a missing value, text for `Unknown`, `Other` and `Total`
    /// in dimension columns).
    private static func types(of kind: ColumnKind) -> String {
        switch kind {
        case .dimension(.year), .dimension(.sdg): "[\"integer\", \"string\", \"null\"]"
        case .dimension: "[\"string\", \"null\"]"
        case .count, .integer: "[\"integer\", \"null\"]"
        default: "[\"number\", \"null\"]"
        }
    }

    private static func quoted(_ text: String) -> String { JSONTableWriter.quoted(text) }
}
