import CityNetIngest
import CityNetModel
import Foundation
import Testing

/// The exports secretariats really send, as small fixtures: each read correctly with no options, and every
/// deviation from a plain reading reported.
struct CSVDialectTests {
    /// `text` in Windows-1252.
    func windows1252(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar in
            switch scalar {
            case "€": 0x80
            case "’": 0x92
            default: UInt8(truncatingIfNeeded: scalar.value)
            }
        }
    }

    /// `text` in UTF-16 with a byte order mark.
    func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            let high = UInt8(unit >> 8)
            let low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    @Test func anExcelExportInWindows1252WithSemicolons() throws {
        let reading = try readCSV(
            windows1252("Ville;Pays;Montant\r\nMedellín;Colombie;1 200,50 €\r\nCôte d’Azur;France;7\r\n"))
        #expect(reading.dialect.delimiter == UInt8(ascii: ";"))
        #expect(reading.dialect.encoding.encoding == .windows1252)
        #expect(reading.rows == [["Medellín", "Colombie", "1 200,50 €"], ["Côte d’Azur", "France", "7"]])
        #expect(reading.warnings == ["input.csv:2:7: warning: not valid UTF-8 (byte 0xED); read as Windows-1252"])
    }

    /// ASCII is skipped 32 bytes at a time: a byte that breaks UTF-8 is found, and located, wherever it falls in
    /// such a block, and a character of several bytes across two blocks is no such byte.
    @Test func aByteThatBreaksUTF8IsFoundAtEveryOffsetOfALongLine() throws {
        for offset in 0..<70 {
            let padding = String(repeating: "x", count: offset)
            let bad = try readCSV(Array("name,note\n1,\(padding)".utf8) + [0xE9] + Array(" end\n".utf8))
            #expect(
                bad.warnings == [
                    "input.csv:2:\(offset + 3): warning: not valid UTF-8 (byte 0xE9); read as Windows-1252"
                ])
            let good = try readCSV(Array("name,note\n1,\(padding)é end\n".utf8))
            #expect(good.warnings.isEmpty)
            #expect(good.rows == [["1", "\(padding)é end"]])
        }
    }

    @Test func declaredLatin1AndWindows1252() throws {
        let latin1 = try readCSV(
            [0x61, 0x2C, 0x62, 0x0A, 0xE9, 0x2C, 0x80, 0x0A], options: CSVOptions(encoding: .latin1))
        #expect(latin1.rows == [["é", "\u{80}"]])
        #expect(latin1.warnings.isEmpty)
        let cp1252 = try readCSV(
            [0x61, 0x2C, 0x62, 0x0A, 0xE9, 0x2C, 0x80, 0x0A], options: CSVOptions(encoding: .windows1252))
        #expect(cp1252.rows == [["é", "€"]])
    }

    @Test(arguments: [false, true])
    func excelUnicodeTextIsUTF16WithTabs(bigEndian: Bool) throws {
        let text = "City\tCountry\r\n\"Seoul, Seodaemun-gu\"\t대한민국\r\nKraków\tPolska 🇵🇱\r\n"
        let reading = try readCSV(utf16(text, bigEndian: bigEndian))
        #expect(reading.dialect.delimiter == 0x09)
        #expect(reading.dialect.encoding.encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
        #expect(reading.rows == [["Seoul, Seodaemun-gu", "대한민국"], ["Kraków", "Polska 🇵🇱"]])
        #expect(reading.lines == [2, 3])
    }

    @Test func utf16WithoutAByteOrderMarkIsRecognised() throws {
        let bytes = Array(utf16("a,b\n1,é\n", bigEndian: false).dropFirst(2))
        let reading = try readCSV(bytes)
        #expect(reading.dialect.encoding.encoding == .utf16LittleEndian)
        #expect(reading.rows == [["1", "é"]])
    }

    @Test func titleLinesAboveTheTableAreSkippedAndReported() throws {
        let text =
            "Annual report of the network\nGenerated 2024-05-01,,\n\nCity,Country,Year\nCork,IE,2015\nEspoo,FI,2016\n"
        let reading = try readCSV(text)
        #expect(reading.header == ["City", "Country", "Year"])
        #expect(reading.rows == [["Cork", "IE", "2015"], ["Espoo", "FI", "2016"]])
        #expect(reading.lines == [5, 6])
        #expect(
            reading.warnings == [
                "input.csv:1: warning: skipped lines 1-2 above the table: title lines with one value, not the table's 3 columns"
            ])
        #expect(reading.dialect.headerLine == 4)
    }

    @Test func headerLineAndSkipRowsAreOptions() throws {
        let text = "Report,Report,Report\nCity,Country,Year\nCork,IE,2015\n"
        let named = try readCSV(text, options: CSVOptions(headerLine: 2))
        #expect(named.header == ["City", "Country", "Year"])
        #expect(named.rows == [["Cork", "IE", "2015"]])
        let skipped = try readCSV(text, options: CSVOptions(skipRows: 1))
        #expect(skipped.header == ["City", "Country", "Year"])
        #expect(skipped.lines == [3])
    }

    @Test func commentLinesTrimAndNullValues() throws {
        let text = "# exported by the ministry\ncity , n\n# a note\n Cork , NA\nEspoo,  12 \n"
        let reading = try readCSV(
            text, options: CSVOptions(comment: UInt8(ascii: "#"), trim: true, nullValues: ["NA", "n/a"]))
        #expect(reading.header == ["city", "n"])
        #expect(reading.rows == [["Cork", ""], ["Espoo", "12"]])
        #expect(reading.lines == [4, 5])
    }

    @Test func valuesStayTextAtReadTime() throws {
        let reading = try readCSV("code,country,flag\n08123,NA,f\n")
        #expect(reading.rows == [["08123", "NA", "f"]])
    }

    @Test func apostropheQuotesAreDetected() throws {
        let reading = try readCSV("'city','note'\n'Seo-gu, Gwangju','it''s'\n")
        #expect(reading.dialect.quote == UInt8(ascii: "'"))
        #expect(reading.rows == [["Seo-gu, Gwangju", "it's"]])
    }

    /// One field quoted with apostrophes is enough when only that quote reads its row at the table's width; one
    /// apostrophe that would swallow the lines after it is an apostrophe.
    @Test func oneApostropheQuotedFieldWithTheDelimiterInsideIsQuoted() throws {
        let reading = try readCSV("123\tTEST14\ttext1\n345\tTEST14\t'te\txt2'\n567\tTEST14\ttext3\n")
        #expect(reading.dialect.quote == UInt8(ascii: "'"))
        #expect(reading.rows.map { $0[2] } == ["text1", "te\txt2", "text3"])
        #expect(reading.rejects.isEmpty)
        let apostrophe = try readCSV("band,decade\n'Til Tuesday,80s\nBlur,90s\nPulp,90s\n")
        #expect(apostrophe.dialect.quote == UInt8(ascii: "\""))
        #expect(apostrophe.rows == [["'Til Tuesday", "80s"], ["Blur", "90s"], ["Pulp", "90s"]])
    }

    @Test func raggedRowsNeverChangeTheDelimiter() throws {
        let text = "a;b;c\n1;2;3\n4;5\n6;7;8;9\n10;11;12\n13,14;15;16\n"
        let reading = try readCSV(text)
        #expect(reading.dialect.delimiter == UInt8(ascii: ";"))
        #expect(reading.rows == [["1", "2", "3"], ["10", "11", "12"], ["13,14", "15", "16"]])
        #expect(reading.rejects.map(\.location.line) == [3, 4])
    }

    @Test func quotedNewlinesKeepPhysicalLineNumbers() throws {
        let text = "id,summary,n\r\n1,\"two\r\nlines\",5\r\n2,\"three\nmixed\rline ends\",6\r\n3,plain,7"
        let reading = try readCSV(text)
        #expect(
            reading.rows == [["1", "two\r\nlines", "5"], ["2", "three\nmixed\rline ends", "6"], ["3", "plain", "7"]])
        #expect(reading.lines == [2, 4, 7])
    }

    @Test func onBadRowFailStopsAtTheFirstBadRow() throws {
        #expect {
            _ = try readCSV("a,b\n1,2\n3\n", options: CSVOptions(onBadRow: .fail))
        } throws: { error in
            (error as? IngestError)?.diagnostic.description
                == "input.csv:3:1: error: bad row: expected 2 fields, found 1 (the source's on_bad_row is fail)"
        }
    }

    @Test func columnsByPositionWhenThereIsNoHeader() throws {
        let reading = try readCSV("Cork,IE\nEspoo,FI\n", options: CSVOptions(header: false))
        #expect(reading.header == ["column_1", "column_2"])
        #expect(reading.rows == [["Cork", "IE"], ["Espoo", "FI"]])
    }
}
