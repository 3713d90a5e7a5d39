import CityNetIngest
import CityNetModel
import Foundation
import Glibc
import Testing

/// Excel saves "CSV" in the code page of the Windows it runs on: Central European in Poland or Czechia, Cyrillic
/// in Ukraine, Bulgaria or Kazakhstan, Romanian, Serbian or Croatian in Latin letters, Greek, Turkish, Hebrew,
/// Arabic. Each is recognised with no options, read as
/// it was written, and the fallback reported; Western files stay Windows-1252.
struct CSVCodePageTests {
    /// `text` in the encoding `iconv` knows as `name`.
    static func encoded(_ text: String, as name: String) -> [UInt8] {
        let converter = iconv_open(name, "UTF-8")
        defer { iconv_close(converter) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 4 + 16)
        let written = input.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                var source = input.baseAddress
                var target = output.baseAddress
                var (left, room) = (input.count, output.count)
                _ = iconv(converter, &source, &left, &target, &room)
                return output.count - room
            }
        }
        return output[0..<written].map { UInt8(bitPattern: $0) }
    }

    struct Export: Sendable, CustomTestStringConvertible {
        var iconvName: String
        var encoding: TextEncoding
        var text: String
        var testDescription: String { iconvName }
    }

    static let exports = [
        Export(
            iconvName: "CP1250", encoding: .windows1250,
            text:
                "Miasto;Województwo;Rok;Opis\r\nWrocław;dolnośląskie;2019;Uczenie się przez całe życie\r\nŁódź;łódzkie;2020;Żłobki i świetlice\r\nGdańsk;pomorskie;2021;Kształcenie dorosłych\r\n"
        ),
        Export(
            iconvName: "CP1250", encoding: .windows1250,
            text:
                "Město;Kraj;Rok\r\nPřerov;Olomoucký;2019\r\nDěčín;Ústecký;2020\r\nČeské Budějovice;Jihočeský;2021\r\nBrno;Jihomoravský;2018\r\n"
        ),
        Export(
            iconvName: "CP1250", encoding: .windows1250,
            text:
                "Localitate;Judeţ;Tip\nMiceşti;Alba;sat\nBărăbanţ;Alba;sat\nŞard;Alba;sat\nPiaţa Unirii;Cluj;piaţă\nTârgu Mureş;Mureş;municipiu\n"
        ),
        Export(
            iconvName: "CP1250", encoding: .windows1250,
            text:
                "Stanica;Linija;Opština\nDorćol;2;Stari grad\nKošćuška;5;Stari grad\nGrčka;7;Zemun\nĐeram pijaca;3;Zvezdara\nVračar;9;Vračar\n"
        ),
        Export(
            iconvName: "CP1251", encoding: .windows1251,
            text:
                "Город;Страна;Год;Инициатива\r\nМосква;Россия;2019;Обучение взрослых в библиотеках\r\nКиев;Украина;2020;Цифровая грамотность для пожилых\r\nАлматы;Казахстан;2021;Зелёные навыки для молодёжи\r\n"
        ),
        Export(
            iconvName: "CP1251", encoding: .windows1251,
            text: "Град,Държава,Година\nСофия,България,2019\nПловдив,България,2020\nВарна,България,2021\n"),
        // Two rows: too few for uchardet, known by the case of their words.
        Export(
            iconvName: "CP1251", encoding: .windows1251,
            text: "city;country;year\nКиїв;Україна;2019\nЛьвів;Україна;2020\n"),
        Export(
            iconvName: "KOI8-U", encoding: .koi8, text: "city;country;year\nКиїв;Україна;2019\nЛьвів;Україна;2020\n"),
        Export(
            iconvName: "KOI8-R", encoding: .koi8,
            text: "Город,Страна,Год\nМосква,Россия,2019\nНовосибирск,Россия,2020\nКазань,Россия,2021\n"),
        Export(
            iconvName: "CP1253", encoding: .windows1253,
            text: "Πόλη;Χώρα;Έτος\r\nΑθήνα;Ελλάδα;2019\r\nΛάρισα;Ελλάδα;2020\r\nΛευκωσία;Κύπρος;2021\r\n"),
        Export(
            iconvName: "CP1254", encoding: .windows1254,
            text: "Şehir;Ülke;Yıl\r\nİstanbul;Türkiye;2019\r\nŞişli;Türkiye;2020\r\nKağıthane;Türkiye;2021\r\n"),
        Export(
            iconvName: "CP1255", encoding: .windows1255,
            text: "עיר,מדינה,שנה\nירושלים,ישראל,2019\nתל אביב,ישראל,2020\nחיפה,ישראל,2021\n"),
        Export(
            iconvName: "CP1256", encoding: .windows1256,
            text: "المدينة,البلد,السنة\nالقاهرة,مصر,2019\nعمان,الأردن,2020\nالرباط,المغرب,2021\nالجيزة,مصر,2018\n"),
    ]

    @Test(arguments: exports)
    func anExcelExportInItsCodePageIsReadAsWritten(export: Export) throws {
        let reading = try readCSV(Self.encoded(export.text, as: export.iconvName))
        let expected = try readCSV(export.text)
        #expect(reading.dialect.encoding.encoding == export.encoding)
        #expect(reading.header == expected.header)
        #expect(reading.rows == expected.rows)
        #expect(reading.warnings.count == 1)
        #expect(reading.warnings.first?.hasSuffix("read as \(export.encoding.displayName)") == true)
    }

    /// French with `œ`, Icelandic with `þ` and `ð`, German units (`m³`), Portuguese with `õ` inside words: letters
    /// and symbols that other code pages read as their own, where nothing else says they are.
    @Test(arguments: [
        "ville;pays;note\nMontréal;Canada;cœur de la ville\nSaint-Étienne;France;œuvre collective\nNº 5;España;¿Qué?\n",
        "bær;land\nReykjavík;Ísland\nÞórshöfn;Færeyjar\nSeyðisfjörður;Ísland\nAkureyri;Ísland\n",
        "Ort;Volumen (m³);Fläche (km²)\nWürzburg;12 m³;3 km²\nMünchen;15 m³;5 km²\n",
        "cidade;nota\nSão João;informações e opções\nCamões;lições\nLisboa;atenção\n",
    ])
    func aWesternFileStaysWindows1252(text: String) throws {
        let reading = try readCSV(Self.encoded(text, as: "CP1252"))
        let expected = try readCSV(text)
        #expect(reading.dialect.encoding.encoding == .windows1252)
        #expect(reading.rows == expected.rows)
    }

    @Test func theCodePagesCanBeDeclared() throws {
        #expect(TextEncoding(named: "cp1250") == .windows1250)
        #expect(TextEncoding(named: "Windows-1251") == .windows1251)
        #expect(TextEncoding(named: "KOI8-R") == .koi8)
        #expect(TextEncoding(named: "ISO-8859-9") == .windows1254)
        #expect(TextEncoding(named: "cp1256") == .windows1256)
        let text = "Miasto;Rok\nŁódź;2020\n"
        let reading = try readCSV(Self.encoded(text, as: "CP1250"), options: CSVOptions(encoding: .windows1250))
        #expect(reading.rows == [["Łódź", "2020"]])
        #expect(reading.dialect.encoding.name == "windows-1250")
        #expect(reading.warnings.isEmpty)
    }

    /// A UTF-8 file with rows added from a Ukrainian Excel keeps its UTF-8, and reads the bytes that break it as
    /// Windows-1251: judged with the ASCII around them, they read as Cyrillic words.
    @Test func cyrillicRowsInAFileMostlyInUTF8AreReadAsWindows1251() throws {
        let utf8 = "id,city,title\n" + (1...30).map { "I\($0),Zürich,Lernfestival für Erwachsene \($0)\n" }.joined()
        let cyrillic = (1...4).map { "U\($0),Київ,Цифрова грамотність \($0)\n" }.joined()
        let reading = try readCSV(Array(utf8.utf8) + Self.encoded(cyrillic, as: "CP1251"))
        #expect(reading.dialect.encoding.name == "utf-8+windows-1251")
        #expect(reading.rows.first == ["I1", "Zürich", "Lernfestival für Erwachsene 1"])
        #expect(reading.rows.last == ["U4", "Київ", "Цифрова грамотність 4"])
        #expect(
            reading.warnings == [
                "input.csv:32:4: warning: not valid UTF-8 (byte 0xCA); read as Cyrillic (Windows-1251), like any other byte that breaks UTF-8; the rest is UTF-8"
            ])
    }

    /// Rows past the reader's first chunks are converted as the first ones are.
    @Test func aLongCyrillicFileIsReadWhole() throws {
        let row = "Москва;Россия;Обучение взрослых\n"
        let reading = try readCSV(
            Self.encoded("Город;Страна;Инициатива\n" + String(repeating: row, count: 60_000), as: "CP1251"))
        #expect(reading.dialect.encoding.encoding == .windows1251)
        #expect(reading.rows.count == 60_000)
        #expect(Set(reading.rows.map { $0.joined(separator: ";") }) == ["Москва;Россия;Обучение взрослых"])
    }
}
