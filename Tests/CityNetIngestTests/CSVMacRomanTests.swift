import CityNetIngest
import Testing

/// Excel for Mac up to 2011 saved "CSV" in Mac Roman, with CR line ends; such files are still sent. They are told
/// from Windows-1252 by where their accented letters lie, read as written, and the fallback reported.
struct CSVMacRomanTests {
    /// `City,Note`, `Zürich,Café capital`, `Genève,` and `São Paulo,Costa – Andalucía` in Mac Roman, lines ended by
    /// CR.
    static let excelForMac: [UInt8] =
        Array("City,Note\r".utf8) + Array("Z".utf8) + [0x9F] + Array("rich,Caf".utf8) + [0x8E]
        + Array(" capital\rGen".utf8) + [0x8F] + Array("ve,\rS".utf8) + [0x8B] + Array("o Paulo,Costa ".utf8)
        + [0xD0] + Array(" Andaluc".utf8) + [0x92] + Array("a\r".utf8)

    @Test func anExcelForMacExportIsReadAsMacRoman() throws {
        let reading = try readCSV(Self.excelForMac)
        #expect(reading.dialect.encoding.encoding == .macRoman)
        #expect(
            reading.rows == [["Zürich", "Café capital"], ["Genève", ""], ["São Paulo", "Costa – Andalucía"]])
        #expect(reading.lines == [2, 3, 4])
        #expect(
            reading.warnings == [
                "input.csv:2:2: warning: not valid UTF-8 (byte 0x9F); read as Mac Roman (Excel for Mac up to 2011)"
            ])
    }

    @Test func windows1252WithQuotesDashesAndSymbolsStaysWindows1252() throws {
        // `Café,don’t`, `Zürich,“quoted” – dash`, `naïve,ok`: apostrophes inside words, quotes and dashes.
        let text: [UInt8] =
            Array("name,note\nCaf".utf8) + [0xE9] + Array(",don".utf8) + [0x92] + Array("t\nZ".utf8) + [0xFC]
            + Array("rich,".utf8) + [0x93] + Array("quoted".utf8) + [0x94, 0x20, 0x96] + Array(" dash\nna".utf8)
            + [0xEF] + Array("ve,ok\n".utf8)
        let reading = try readCSV(text)
        #expect(reading.dialect.encoding.encoding == .windows1252)
        #expect(reading.rows == [["Café", "don’t"], ["Zürich", "“quoted” – dash"], ["naïve", "ok"]])
        // A `§` between words, as a delimiter even, is no Mac Roman `ß`.
        let sections = try readCSV(
            Array("category".utf8) + [0xA7] + Array("calories\nveg".utf8) + [0xA7] + Array("45\n".utf8))
        #expect(sections.dialect.encoding.encoding == .windows1252)
        #expect(sections.rows == [["veg§45"]])
    }

    @Test func macRomanCanBeDeclared() throws {
        #expect(TextEncoding(named: "macintosh") == .macRoman)
        #expect(TextEncoding(named: "MacRoman") == .macRoman)
        let reading = try readCSV(Self.excelForMac, options: CSVOptions(encoding: .macRoman))
        #expect(reading.rows.first == ["Zürich", "Café capital"])
        #expect(reading.warnings.isEmpty)
    }
}
