import CityNetIngest
import CityNetModel
import CityNetTestSupport
import Foundation
import Testing

/// Every file of csvkit's edge-case collection under `../shared/data/csv/csvkit`, read with no options: each to
/// its documented values, or rejected row by row with its physical line and reason. Never a crash, never a row
/// lost: rows read = rows accepted + rows rejected.
struct CSVCorpusTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var file: String
        var header: [String]
        var rows: [[String]]
        var rejected: [(line: Int, reason: String)] = []
        var encoding = "utf-8"
        var delimiter = ","
        var warnings: [String] = []

        var testDescription: String { file }
    }

    static let expectations: [Expectation] = [
        Expectation(
            file: "bad.csv", header: ["column_a", "column_b", "column_c"],
            rows: [["0", "mixed types.... uh oh", "17"]],
            rejected: [(2, "expected 3 fields, found 4"), (3, "expected 3 fields, found 2")]),
        Expectation(
            file: "bad_skip_lines.csv", header: ["column_a", "column_b", "column_c"],
            rows: [["0", "mixed types.... uh oh", "17"]],
            rejected: [(5, "expected 3 fields, found 4"), (6, "expected 3 fields, found 2")]),
        Expectation(
            file: "blanks.csv", header: ["a", "b", "c", "d", "e", "f"], rows: [["", "NA", "N/A", "NONE", "NULL", "."]]),
        Expectation(file: "date_like_number.csv", header: ["a"], rows: [["4.5"]]),
        Expectation(
            file: "dummy_col_shuffled_ragged.csv", header: ["b", "c", "a", "d"], rows: [["2", "3", "1", "4"]]),
        Expectation(
            file: "empty.csv", header: [], rows: [],
            warnings: [
                "empty.csv:1: warning: the file has no header and no rows: it is empty or holds only blank or comment lines"
            ]),
        Expectation(
            file: "mac_newlines.csv", header: ["a", "b", "c"],
            rows: [["1", "2", "3"], ["Once upon\ra time", "5", "6"]]),
        Expectation(
            file: "no_header_row.csv", header: ["column_1", "column_2", "column_3"], rows: [["1", "2", "3"]],
            warnings: [
                "no_header_row.csv:1: warning: line 1 reads as data, not a header (it holds only numbers): the columns are named column_1, column_2 and so on (set header: true if it is a header)"
            ]),
        Expectation(
            file: "null_byte.csv", header: ["a", "b", "c"], rows: [["\u{0}", "2", "3"]],
            warnings: [
                "null_byte.csv:2: warning: 1 row holds NUL bytes (0x00) in its values, which no text has: read with them (line 2)"
            ]),
        Expectation(file: "optional_quote_characters.csv", header: ["a", "b", "c"], rows: [["1", "2", "3"]]),
        Expectation(file: "sniff_limit.csv", header: ["a", "b", "c"], rows: [["1", "2", "3"]], delimiter: ";"),
        Expectation(
            file: "test_empty_columns_long_row.csv", header: ["a", "b", "c"], rows: [],
            rejected: [(2, "expected 3 fields, found 4")]),
        Expectation(
            file: "test_empty_columns_short_row.csv", header: ["a", "b", "c"], rows: [],
            rejected: [(2, "expected 3 fields, found 2")]),
        Expectation(
            file: "test_extra_header.csv", header: ["a", "b", "c", "d"], rows: [],
            rejected: [(2, "expected 4 fields, found 3")]),
        Expectation(
            file: "test_header_newline.csv", header: ["start \t\n\u{0B}\u{0C}\r end", "b", "c"],
            rows: [["d", "e", "f"]]),
        Expectation(
            file: "test_latin1.csv", header: ["a", "b", "c"], rows: [["1", "2", "3"], ["4", "5", "©"]],
            encoding: "windows-1252",
            warnings: ["test_latin1.csv:3:5: warning: not valid UTF-8 (byte 0xA9); read as Windows-1252"]),
        Expectation(file: "test_locale.csv", header: ["a", "b", "c"], rows: [["1,7", "200.000.000", ""]]),
        Expectation(file: "test_no_leading_zeroes.csv", header: ["a", "b", "c"], rows: [["01", "00.11", "0.1"]]),
        Expectation(file: "test_skip_lines.csv", header: ["a", "b", "c"], rows: [["1", "2", "3"]]),
        Expectation(
            file: "test_utf16_big.csv", header: ["a", "b", "c"], rows: [["1", "2", "3"], ["4", "5", "ʤ"]],
            encoding: "utf-16be"),
        Expectation(
            file: "test_utf16_little.csv", header: ["a", "b", "c"], rows: [["1", "2", "3"], ["4", "5", "ʤ"]],
            encoding: "utf-16le"),
        Expectation(file: "test_utf8.csv", header: ["foo", "bar", "baz"], rows: [["1", "2", "3"], ["4", "5", "ʤ"]]),
        Expectation(
            file: "test_utf8_bom.csv", header: ["foo", "bar", "baz"], rows: [["1", "2", "3"], ["4", "5", "ʤ"]],
            encoding: "utf-8-sig"),
    ]

    static var folder: URL? { TestPaths.sharedData()?.appendingPathComponent("csv/csvkit") }

    @Test(arguments: expectations)
    func readsEachEdgeCaseToItsDocumentedValues(expectation: Expectation) throws {
        guard let folder = Self.folder else {
            print("skipped: ../shared/data is absent on this machine")
            return
        }
        let reading = try readCSV(at: folder.appendingPathComponent(expectation.file), displayPath: expectation.file)
        #expect(reading.header == expectation.header)
        #expect(reading.rows == expectation.rows)
        #expect(reading.rejects.map(\.location.line) == expectation.rejected.map(\.line))
        #expect(reading.rejects.map(\.reason) == expectation.rejected.map(\.reason))
        #expect(reading.dialect.encoding.name == expectation.encoding)
        #expect(reading.dialect.delimiterName == expectation.delimiter)
        #expect(reading.warnings == expectation.warnings)
    }

    @Test func everyFileOfTheCorpusReconciles() throws {
        guard let data = TestPaths.sharedData() else {
            print("skipped: ../shared/data is absent on this machine")
            return
        }
        var files: [URL] = []
        for folder in ["csv/csvkit", "csv/csv-spectrum/csvs"] {
            let url = data.appendingPathComponent(folder)
            files += try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".csv") }.map {
                url.appendingPathComponent($0)
            }
        }
        #expect(files.count >= 35)
        let documented = Set(Self.expectations.map(\.file))
        for file in files {
            let reader = try CSVReader(path: file.path, displayPath: file.lastPathComponent)
            var accepted = 0
            var rejected = 0
            try reader.forEachRecord(columns: Array(reader.header.indices), source: "corpus") { _ in
                accepted += 1
            } onReject: { _ in
                rejected += 1
            }
            #expect(reader.rowsRead == accepted + rejected, "\(file.lastPathComponent)")
            if file.path.contains("csvkit") {
                #expect(
                    documented.contains(file.lastPathComponent) || file.lastPathComponent == "realdata_ks_1033_data.csv"
                )
            }
        }
    }

    @Test func readsARealExportOf1575Rows() throws {
        guard let folder = Self.folder else {
            print("skipped: ../shared/data is absent on this machine")
            return
        }
        let reading = try readCSV(at: folder.appendingPathComponent("realdata_ks_1033_data.csv"), displayPath: "ks.csv")
        #expect(reading.rows.count == 1575)
        #expect(reading.rejects.isEmpty)
        #expect(reading.header.count == 14)
        #expect(reading.rows.first?[4] == "RIFLE,5.56 MILLIMETER")
    }
}
