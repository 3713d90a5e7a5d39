import CityNetEmit
import CityNetModel
import Foundation
import Testing

struct TableWriterTests {
    let table = Table(
        name: "cities",
        columns: [
            Column(name: "city", kind: .dimension(.city)), Column(name: "n", kind: .count),
            Column(name: "share", kind: .percent),
        ],
        rows: [
            [.text("Seo-gu, Gwangju"), .integer(3), .decimal(12.5)],
            [.text("=HYPERLINK(\"x\")"), .integer(-2), .decimal(0.125)],
            [.text("Two\nlines"), .integer(1_000), .null],
            [.text("@sum"), .integer(0), .decimal(1.0 / 3.0)],
        ]
    )

    @Test func csvQuotesWhatMustBeQuotedAndNeutralisesFormulas() {
        let csv = String(decoding: CSVTableWriter.write(table), as: UTF8.self)
        #expect(
            csv == """
                city,n,share
                "Seo-gu, Gwangju",3,12.5
                "'=HYPERLINK(""x"")",-2,0.125
                "Two
                lines",1000,
                '@sum,0,0.3333

                """)
    }

    @Test func csvNeutralisesEveryFormulaStartButLeavesNegativeNumbers() {
        let starts = Table(
            name: "t", columns: [Column(name: "text", kind: .dimension(.city)), Column(name: "n", kind: .integer)],
            rows: ["=1+1", "+1", "-1", "@x", "\tx", "\rx", "plain"].map { [.text($0), .integer(-1)] })
        let lines = String(decoding: CSVTableWriter.write(starts), as: UTF8.self)
        #expect(
            lines == "text,n\n'=1+1,-1\n'+1,-1\n'-1,-1\n'@x,-1\n'\tx,-1\n\"'\rx\",-1\nplain,-1\n")
    }

    @Test func csvWritesCRLFAndAByteOrderMarkWhenAsked() {
        let bytes = CSVTableWriter.write(table, options: CSVTableWriter.Options(crlf: true, bom: true))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("city,n,share\r\n\"Seo-gu, Gwangju\",3,12.5\r\n"))
        #expect(text.components(separatedBy: "\r\n").count == 6, "every row ends in CRLF, the quoted newline stays")
    }

    @Test func csvStartsARowOfEmptyFieldsWithAQuotedOne() {
        let wide = CSVTableWriter.write(header: ["a", "b"], rows: [["", ""], ["x", ""]])
        #expect(String(decoding: wide, as: UTF8.self) == "a,b\n\"\",\nx,\n")
        let narrow = CSVTableWriter.write(header: ["a"], rows: [[""]])
        #expect(String(decoding: narrow, as: UTF8.self) == "a\n\"\"\n")
    }

    @Test func jsonKeepsColumnOrderAndWritesNumbersAsNumbers() {
        let json = String(decoding: JSONTableWriter.write(table), as: UTF8.self)
        #expect(
            json == """
                {
                  "table": "cities",
                  "columns": [
                    {"name": "city", "type": "dimension", "title": "City", "dimension": "city"},
                    {"name": "n", "type": "count", "title": "N"},
                    {"name": "share", "type": "percent", "title": "Share"}
                  ],
                  "rows": [
                    {"city": "Seo-gu, Gwangju", "n": 3, "share": 12.5},
                    {"city": "=HYPERLINK(\\"x\\")", "n": -2, "share": 0.125},
                    {"city": "Two\\nlines", "n": 1000, "share": null},
                    {"city": "@sum", "n": 0, "share": 0.3333}
                  ],
                  "totals": null
                }

                """)
    }

    @Test func jsonPutsTheTotalRowUnderTotals() throws {
        var withTotal = table
        withTotal.rows.append([.text("Total"), .integer(1_001), .decimal(100)])
        withTotal.hasTotalRow = true
        let json = String(decoding: JSONTableWriter.write(withTotal), as: UTF8.self)
        #expect(json.hasSuffix("  ],\n  \"totals\": {\"city\": \"Total\", \"n\": 1001, \"share\": 100}\n}\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["rows"] as? [Any])?.count == 4)
    }

    @Test func jsonEscapesControlCharacters() {
        #expect(JSONTableWriter.quoted("a\u{01}b\t\"\\") == "\"a\\u0001b\\t\\\"\\\\\"")
    }

    @Test func anEmptyTableIsValidJSON() throws {
        let empty = Table(name: "e", columns: [Column(name: "n", kind: .count)], rows: [])
        let bytes = JSONTableWriter.write(empty)
        #expect(String(decoding: bytes, as: UTF8.self).hasSuffix("\"rows\": [],\n  \"totals\": null\n}\n"))
        #expect(try JSONSerialization.jsonObject(with: Data(bytes)) is [String: Any])
    }
}
