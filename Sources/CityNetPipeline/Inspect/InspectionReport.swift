import CityNetEmit
public import CityNetIngest
import CityNetModel
import Foundation

/// Renders `citynet inspect` findings as a readable table or as JSON for tools.
public enum InspectionReport {
    /// A CSV inspection as text.
    public static func text(_ inspection: CSVInspection) -> String {
        let dialect = inspection.dialect
        var lines = ["\(inspection.file): CSV"]
        var encoding = dialect.encoding.name
        if let fallback = dialect.encoding.fallback {
            encoding += " (not UTF-8 from line \(fallback.line), column \(fallback.column))"
        } else if dialect.encoding.detected {
            encoding += " (detected)"
        }
        lines.append("  encoding:   \(encoding)")
        lines.append(
            "  delimiter:  \(dialect.delimiterName)   quote: \(dialect.quoteName)"
                + (dialect.escapeName.map { "   escape: \($0)" } ?? ""))
        lines.append(
            "  header:     " + (dialect.hasHeader ? "line \(dialect.headerLine)" : "none (columns are numbered)"))
        lines.append("  rows:       \(inspection.rows) (\(inspection.badRows.count) bad)")
        for warning in inspection.warnings { lines.append("  warning:    \(warning)") }
        for reject in inspection.badRows.prefix(20) {
            lines.append("  bad row:    \(reject.location): \(reject.reason)")
        }
        if inspection.badRows.count > 20 {
            lines.append("  …           \(inspection.badRows.count - 20) more bad rows (--rows lists them all)")
        }
        lines.append("")
        let header = ["#", "column", "type", "values", "distinct", "samples"]
        var rows: [[String]] = []
        for (index, column) in inspection.columns.enumerated() {
            rows.append([
                String(index + 1), column.name, column.type, String(column.nonEmpty),
                column.distinctCapped ? "\(column.distinct)+" : String(column.distinct),
                column.samples.map { $0.count > 24 ? String($0.prefix(23)) + "…" : $0 }.joined(separator: " | "),
            ])
        }
        lines += table(header, rows)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A CSV inspection as JSON.
    public static func json(_ inspection: CSVInspection) -> String {
        let dialect = inspection.dialect
        var out = "{\n"
        out += "  \"file\": \(quoted(inspection.file)),\n  \"format\": \"csv\",\n"
        out +=
            "  \"encoding\": \(quoted(dialect.encoding.name)),\n  \"encoding_detected\": \(dialect.encoding.detected),\n"
        if let fallback = dialect.encoding.fallback {
            out += "  \"first_invalid_utf8\": {\"line\": \(fallback.line), \"column\": \(fallback.column)},\n"
        }
        out += "  \"delimiter\": \(quoted(dialect.delimiterName)),\n  \"quote\": \(quoted(dialect.quoteName)),\n"
        out += "  \"escape\": \(dialect.escapeName.map(quoted) ?? "null"),\n"
        out += "  \"header\": \(dialect.hasHeader),\n  \"header_line\": \(dialect.headerLine),\n"
        out += "  \"rows\": \(inspection.rows),\n"
        out += "  \"warnings\": [" + inspection.warnings.map { quoted($0.description) }.joined(separator: ", ") + "],\n"
        out +=
            "  \"bad_rows\": ["
            + inspection.badRows.map { reject in
                "{\"line\": \(reject.location.line), \"column\": \(reject.location.column ?? 0), \"reason\": \(quoted(reject.reason))}"
            }.joined(separator: ", ") + "],\n"
        out += "  \"columns\": [\n"
        out += inspection.columns.map { column in
            "    {\"name\": \(quoted(column.name)), \"type\": \(quoted(column.type)), \"values\": \(column.nonEmpty), "
                + "\"distinct\": \(column.distinct), \"distinct_capped\": \(column.distinctCapped), "
                + "\"samples\": [\(column.samples.map(quoted).joined(separator: ", "))]}"
        }.joined(separator: ",\n")
        out += "\n  ]\n}\n"
        return out
    }

    /// An XML survey as text.
    public static func text(_ survey: XMLSurvey) -> String {
        var lines = ["\(survey.file): XML, \(survey.paths.count) paths"]
        if !survey.complete {
            lines.append("  (the first \(survey.bytesRead / 1_048_576) MB only; --all reads the whole file)")
        }
        lines.append("")
        lines += table(
            ["path", "count", "samples"],
            survey.paths.map { [$0.path, String($0.count), $0.samples.joined(separator: " | ")] }
        )
        return lines.joined(separator: "\n") + "\n"
    }

    /// An XML survey as JSON.
    public static func json(_ survey: XMLSurvey) -> String {
        var out = "{\n  \"file\": \(quoted(survey.file)),\n  \"format\": \"xml\",\n"
        out += "  \"complete\": \(survey.complete),\n  \"bytes_read\": \(survey.bytesRead),\n  \"paths\": [\n"
        out += survey.paths.map { path in
            "    {\"path\": \(quoted(path.path)), \"count\": \(path.count), \"samples\": [\(path.samples.map(quoted).joined(separator: ", "))]}"
        }.joined(separator: ",\n")
        out += "\n  ]\n}\n"
        return out
    }

    private static func quoted(_ text: String) -> String { JSONTableWriter.quoted(text) }

    /// Left-aligned columns padded to their widest cell.
    private static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return [line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)
    }
}
