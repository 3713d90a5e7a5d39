import CityNetEmit
import CityNetModel
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
                city,n,share\r
                "Seo-gu, Gwangju",3,12.5\r
                "'=HYPERLINK(""x"")",-2,0.125\r
                "Two
                lines",1000,\r
                '@sum,0,0.3333\r

                """)
    }

    @Test func jsonKeepsColumnOrderAndWritesNumbersAsNumbers() {
        let json = String(decoding: JSONTableWriter.write(table), as: UTF8.self)
        #expect(
            json == """
                {
                  "table": "cities",
                  "columns": [
                    {"name": "city", "type": "dimension", "dimension": "city"},
                    {"name": "n", "type": "count"},
                    {"name": "share", "type": "percent"}
                  ],
                  "rows": [
                    {"city": "Seo-gu, Gwangju", "n": 3, "share": 12.5},
                    {"city": "=HYPERLINK(\\"x\\")", "n": -2, "share": 0.125},
                    {"city": "Two\\nlines", "n": 1000, "share": null},
                    {"city": "@sum", "n": 0, "share": 0.3333}
                  ]
                }

                """)
    }

    @Test func jsonEscapesControlCharacters() {
        #expect(JSONTableWriter.quoted("a\u{01}b\t\"\\") == "\"a\\u0001b\\t\\\"\\\\\"")
    }

    @Test func anEmptyTableIsValidJSON() {
        let empty = Table(name: "e", columns: [Column(name: "n", kind: .count)], rows: [])
        #expect(String(decoding: JSONTableWriter.write(empty), as: UTF8.self).hasSuffix("\"rows\": []\n}\n"))
    }
}
