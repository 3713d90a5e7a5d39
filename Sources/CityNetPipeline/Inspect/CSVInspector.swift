import CityNetEmit
public import CityNetIngest
public import CityNetModel
import Foundation

/// What `citynet inspect` reports about a CSV file: how it is read, and a profile of each column.
public struct CSVInspection: Sendable {
    /// A column's profile.
    public struct ColumnProfile: Sendable {
        /// The column's name (after renaming repeated or empty names).
        public var name: String
        /// How many rows have a value.
        public var nonEmpty: Int
        /// How many distinct values there are, up to ``CSVInspector/distinctLimit``.
        public var distinct: Int
        /// Whether there are more distinct values than were counted.
        public var distinctCapped: Bool
        /// The first distinct values.
        public var samples: [String]
        /// What the values look like: `integer`, `decimal`, `year`, `date`, `list (;)`, `text` or `empty`.
        /// Numbers with leading zeros (`007`, `02134`) are codes, and `text`; a decimal comma (`2,5`) is `decimal`.
        public var type: String
    }

    /// The file as named.
    public var file: String
    /// How it was read.
    public var dialect: CSVDialect
    /// The column names.
    public var header: [String]
    /// Data rows read (good and bad).
    public var rows: Int
    /// Rows that cannot be read.
    public var badRows: [Reject]
    /// What the reader decided or repaired.
    public var warnings: [Diagnostic]
    /// One profile per column.
    public var columns: [ColumnProfile]
}

/// Profiles a CSV file for `citynet inspect`, and prints every parsed row for `--rows`.
public enum CSVInspector {
    /// The most distinct values counted per column.
    public static let distinctLimit = 10_000

    /// Reads the whole file and profiles it.
    ///
    /// - Throws: ``CityNetIngest/IngestError`` when the file cannot be read.
    public static func inspect(path: String, displayPath: String, options: CSVOptions = CSVOptions()) throws
        -> CSVInspection
    {
        let reader = try CSVReader(path: path, displayPath: displayPath, options: options)
        var profiles = reader.header.map { ColumnAccumulator(name: $0) }
        var badRows: [Reject] = []
        try reader.forEachRecord(columns: Array(reader.header.indices), source: displayPath) { view in
            for index in profiles.indices {
                if let value = view.values(ofPath: index).first { profiles[index].add(value.bytes) }
            }
        } onReject: { reject in
            badRows.append(reject)
        }
        return CSVInspection(
            file: displayPath, dialect: reader.dialect, header: reader.header, rows: reader.rowsRead, badRows: badRows,
            warnings: reader.warnings, columns: profiles.map(\.profile)
        )
    }

    /// Calls `body` with each row as a JSON line: `{"line": N, "fields": {...}}`, or `{"line": N, "error": "..."}`
    /// for a row that cannot be read; gives back what the reading reported (skipped lines, repairs, fallbacks).
    ///
    /// - Throws: ``CityNetIngest/IngestError`` when the file cannot be read, or what `body` throws.
    @discardableResult
    public static func rows(
        path: String, displayPath: String, options: CSVOptions = CSVOptions(), _ body: (String) throws -> Void
    ) throws -> [Diagnostic] {
        let reader = try CSVReader(path: path, displayPath: displayPath, options: options)
        let keys = reader.header.map(JSONTableWriter.quoted)
        try reader.forEachRecord(columns: Array(reader.header.indices), source: displayPath) { view in
            var line = "{\"line\": \(view.line), \"fields\": {"
            for index in keys.indices {
                if index > 0 { line += ", " }
                line += keys[index] + ": " + JSONTableWriter.quoted(view.values(ofPath: index).first?.string ?? "")
            }
            try body(line + "}}")
        } onReject: { reject in
            let column = reject.location.column.map { ", \"column\": \($0)" } ?? ""
            try body(
                "{\"line\": \(reject.location.line)\(column), \"error\": \(JSONTableWriter.quoted(reject.reason))}")
        }
        return reader.warnings
    }
}

/// Counts and classifies one column's values as they stream by.
private struct ColumnAccumulator {
    let name: String
    var nonEmpty = 0
    var distinct = Set<String>()
    var capped = false
    var samples: [String] = []
    var kinds: [String: Int] = [:]

    init(name: String) { self.name = name }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return }
        nonEmpty += 1
        if distinct.count < CSVInspector.distinctLimit {
            if distinct.insert(text).inserted, samples.count < 5 { samples.append(text) }
        } else if !distinct.contains(text) {
            capped = true
        }
        kinds[ValueKind.classify(text), default: 0] += 1
    }

    var profile: CSVInspection.ColumnProfile {
        CSVInspection.ColumnProfile(
            name: name, nonEmpty: nonEmpty, distinct: distinct.count, distinctCapped: capped, samples: samples,
            type: ValueKind.summarise(kinds, total: nonEmpty)
        )
    }
}

/// The shapes of values `inspect` recognises.
enum ValueKind {
    static func classify(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let digits = bytes.filter { (0x30...0x39).contains($0) }.count
        if bytes.count == 4, digits == 4, let year = Int(text), (1900...2100).contains(year) { return "year" }
        if isDate(bytes) { return "date" }
        if let number = numberKind(bytes) { return number }
        for separator in [";", "|"] where text.contains(separator) { return "list (\(separator))" }
        return "text"
    }

    /// The kind most values have (the share of others under 5 % does not change it; integers and years mixed with
    /// decimals are decimals).
    static func summarise(_ kinds: [String: Int], total: Int) -> String {
        guard total > 0 else { return "empty" }
        let numeric = (kinds["integer"] ?? 0) + (kinds["decimal"] ?? 0) + (kinds["year"] ?? 0)
        if let year = kinds["year"], year * 100 >= total * 95 { return "year" }
        if let integer = kinds["integer"], integer + (kinds["year"] ?? 0) == total, integer > 0 { return "integer" }
        if numeric * 100 >= total * 95, (kinds["decimal"] ?? 0) > 0 { return "decimal" }
        guard let (kind, count) = kinds.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return "text" }
        return count * 100 >= total * 95 ? kind : "text"
    }

    /// `integer` for `12`, `-3`, `1,234,567` or `1.234.567`; `decimal` for `1.5`, `1,234.5`, a decimal comma (`2,5`,
    /// `1.234,5`) or an exponent (`4.3e12`); `nil` for anything else, such as a number written with leading zeros
    /// (`007`, `02134`: a code, whose zeros a number would lose) or commas that group no thousands (`1,2,3`).
    private static func numberKind(_ bytes: [UInt8]) -> String? {
        var body = bytes[...]
        if body.first == UInt8(ascii: "-") || body.first == UInt8(ascii: "+") { body = body.dropFirst() }
        guard let first = body.first, isDigit(first) else { return nil }
        if first == UInt8(ascii: "0"), body.count > 1, isDigit(body[body.startIndex + 1]) { return nil }
        // Runs of digits and the marks between them: `1,234.5` is [1, 234, 5] with [",", "."].
        var groups: [Int] = [0]
        var marks: [UInt8] = []
        for byte in body {
            if isDigit(byte) {
                groups[groups.count - 1] += 1
            } else {
                marks.append(byte)
                groups.append(0)
            }
        }
        let thousands = { (separator: UInt8, count: Int) in
            (1...3).contains(groups[0]) && groups[1...count].allSatisfy { $0 == 3 }
                && marks[0..<count].allSatisfy { $0 == separator }
        }
        switch marks.count {
        case 0:
            return "integer"
        case _ where groups.contains(0) || !marks.allSatisfy({ $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") }):
            return Double(String(decoding: bytes, as: UTF8.self)) != nil ? "decimal" : nil
        case _ where marks.allSatisfy({ $0 == UInt8(ascii: ",") }):
            if thousands(UInt8(ascii: ","), marks.count) { return "integer" }
            return marks.count == 1 ? "decimal" : nil
        case _ where marks.allSatisfy({ $0 == UInt8(ascii: ".") }) && marks.count > 1:
            return thousands(UInt8(ascii: "."), marks.count) ? "integer" : nil
        case _ where marks.last == UInt8(ascii: "."):
            return marks.count == 1 || thousands(UInt8(ascii: ","), marks.count - 1) ? "decimal" : nil
        default:
            return thousands(UInt8(ascii: "."), marks.count - 1) ? "decimal" : nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private static func isDate(_ bytes: [UInt8]) -> Bool {
        func digits(_ range: Range<Int>) -> Bool {
            range.allSatisfy { bytes.indices.contains($0) && (0x30...0x39).contains(bytes[$0]) }
        }
        if bytes.count >= 10, digits(0..<4), bytes[4] == UInt8(ascii: "-"), digits(5..<7),
            bytes[7] == UInt8(ascii: "-"), digits(8..<10)
        {
            return true
        }
        if bytes.count == 10, digits(0..<2), bytes[2] == UInt8(ascii: "/") || bytes[2] == UInt8(ascii: "."),
            digits(3..<5), digits(6..<10)
        {
            return true
        }
        return false
    }
}
