import CityNetIngest
import CityNetModel
import Foundation
import Glibc
import Testing

/// Excel in Korea, Japan and China saves CSV in the system's code page; the GNLC's Korean members send such
/// files. Each is recognised with no options, read as it was written, and the fallback reported.
struct CSVEastAsianEncodingTests {
    static let koreanHeader: [UInt8] = [0xB5, 0xB5, 0xBD, 0xC3, 0x2C, 0xB1, 0xB9, 0xB0, 0xA1, 0x0A]
    /// `수원시,대한민국` and a line end in CP949.
    static let koreanRow: [UInt8] = [
        0xBC, 0xF6, 0xBF, 0xF8, 0xBD, 0xC3, 0x2C, 0xB4, 0xEB, 0xC7, 0xD1, 0xB9, 0xCE, 0xB1, 0xB9, 0x0A,
    ]

    @Test func aKoreanExcelExportIsReadAsCP949AcrossChunks() throws {
        // Rows of 16 bytes in 2 MiB and a little more: the reader's 1 MiB chunks cut characters in two.
        var bytes = Self.koreanHeader
        bytes += [0x0A] + Array("x".utf8) + [0x0A]
        for _ in 0..<140_000 { bytes += Self.koreanRow }
        let reading = try readCSV(bytes)
        #expect(reading.dialect.encoding.encoding == .korean)
        #expect(reading.header == ["도시", "국가"])
        #expect(reading.rejects.map(\.location.line) == [3])
        #expect(reading.rows.count == 140_000)
        #expect(Set(reading.rows.map { $0.joined(separator: ",") }) == ["수원시,대한민국"])
        #expect(reading.warnings == ["input.csv:1:1: warning: not valid UTF-8 (byte 0xB5); read as Korean (CP949)"])
    }

    @Test(arguments: [
        (
            [
                0x96, 0xBC, 0x91, 0x4F, 0x2C, 0x94, 0x4E, 0x97, 0xEE, 0x0A, 0x8E, 0x52, 0x93, 0x63, 0x2C, 0x33, 0x30,
                0x0A, 0x8D, 0xB2, 0x93, 0xA1, 0x2C, 0x32, 0x38, 0x0A, 0x97, 0xE9, 0x96, 0xD8, 0x2C, 0x33, 0x32, 0x0A,
            ] as [UInt8], TextEncoding.japanese, ["名前", "年齢"], ["山田", "30"]
        ),
        (
            // Kana-rich CP932, with the ideographic comma: not GB18030, which decodes the same bytes to Han.
            [
                0x8F, 0xA4, 0x95, 0x69, 0x96, 0xBC, 0x2C, 0x90, 0xE0, 0x96, 0xBE, 0x0A, 0x82, 0xE8, 0x82, 0xF1, 0x82,
                0xB2, 0x2C, 0x90, 0xC2, 0x90, 0x58, 0x8C, 0xA7, 0x8E, 0x59, 0x82, 0xCC, 0x82, 0xA8, 0x82, 0xA2, 0x82,
                0xB5, 0x82, 0xA2, 0x82, 0xE8, 0x82, 0xF1, 0x82, 0xB2, 0x82, 0xC5, 0x82, 0xB7, 0x0A, 0x82, 0xDD, 0x82,
                0xA9, 0x82, 0xF1, 0x2C, 0x88, 0xA4, 0x95, 0x51, 0x8C, 0xA7, 0x82, 0xCC, 0x82, 0xDD, 0x82, 0xA9, 0x82,
                0xF1, 0x81, 0x41, 0x82, 0xC6, 0x82, 0xC4, 0x82, 0xE0, 0x8A, 0xC3, 0x82, 0xA2, 0x0A, 0x83, 0x52, 0x81,
                0x5B, 0x83, 0x71, 0x81, 0x5B, 0x2C, 0x83, 0x75, 0x83, 0x89, 0x83, 0x57, 0x83, 0x8B, 0x8E, 0x59, 0x82,
                0xCC, 0x93, 0xA4, 0x0A,
            ],
            TextEncoding.japanese, ["商品名", "説明"], ["りんご", "青森県産のおいしいりんごです"]
        ),
        (
            [
                0xB3, 0xC7, 0xCA, 0xD0, 0x2C, 0xB9, 0xFA, 0xBC, 0xD2, 0x0A, 0xB1, 0xB1, 0xBE, 0xA9, 0x2C, 0xD6, 0xD0,
                0xB9, 0xFA, 0x0A, 0xC9, 0xCF, 0xBA, 0xA3, 0x2C, 0xD6, 0xD0, 0xB9, 0xFA, 0x0A, 0xBA, 0xBC, 0xD6, 0xDD,
                0x2C, 0xD6, 0xD0, 0xB9, 0xFA, 0x0A,
            ], .simplifiedChinese, ["城市", "国家"], ["北京", "中国"]
        ),
        (
            [
                0xAB, 0xB0, 0xA5, 0xAB, 0x2C, 0xB0, 0xEA, 0xAE, 0x61, 0x0A, 0xBB, 0x4F, 0xA5, 0x5F, 0x2C, 0xBB, 0x4F,
                0xC6, 0x57, 0x0A, 0xB0, 0xAA, 0xB6, 0xAF, 0x2C, 0xBB, 0x4F, 0xC6, 0x57, 0x0A, 0xB7, 0x73, 0xA6, 0xCB,
                0x2C, 0xBB, 0x4F, 0xC6, 0x57, 0x0A,
            ], .traditionalChinese, ["城市", "國家"], ["臺北", "臺灣"]
        ),
    ])
    func japaneseAndChineseCodePagesAreRecognised(
        bytes: [UInt8], encoding: TextEncoding, header: [String], firstRow: [String]
    ) throws {
        let reading = try readCSV(bytes)
        #expect(reading.dialect.encoding.encoding == encoding)
        #expect(reading.header == header)
        #expect(reading.rows.first == firstRow)
        #expect(reading.rows.count == 3)
    }

    /// Prefectures and their capitals: kanji alone, every one of JIS's first level.
    static let prefectures = [
        "都道府県,県庁", "北海道,札幌", "青森,青森", "岩手,盛岡", "宮城,仙台", "秋田,秋田", "山形,山形", "福島,福島",
        "茨城,水戸", "栃木,宇都宮", "群馬,前橋", "埼玉,埼玉", "千葉,千葉", "東京,東京", "神奈川,横浜", "新潟,新潟",
        "富山,富山", "石川,金沢", "福井,福井", "山梨,甲府", "長野,長野", "岐阜,岐阜", "静岡,静岡", "愛知,名古屋",
    ]
    /// Provinces and their capitals, in the same rows of bytes but for GB2312's common characters beyond them.
    static let provinces = [
        "省,省会", "河北,石家庄", "山西,太原", "辽宁,沈阳", "吉林,长春", "黑龙江,哈尔滨", "江苏,南京", "浙江,杭州",
        "安徽,合肥", "福建,福州", "江西,南昌", "山东,济南", "河南,郑州", "湖北,武汉", "湖南,长沙", "广东,广州",
        "海南,海口", "四川,成都", "贵州,贵阳", "云南,昆明", "陕西,西安", "甘肃,兰州", "青海,西宁",
    ]

    @Test func eucJPWithKanjiAloneIsToldFromGB2312() throws {
        let japanese = try readCSV(Self.encoded(Self.prefectures.joined(separator: "\n") + "\n", as: "EUC-JP"))
        #expect(japanese.dialect.encoding.encoding == .japaneseEUC)
        #expect(japanese.header == ["都道府県", "県庁"])
        #expect(japanese.rows.last == ["愛知", "名古屋"])
        let chinese = try readCSV(Self.encoded(Self.provinces.joined(separator: "\n") + "\n", as: "GB2312"))
        #expect(chinese.dialect.encoding.encoding == .simplifiedChinese)
        #expect(chinese.rows.first == ["河北", "石家庄"])
        // A few names are too few to tell: read as GB18030, with the warning that names it.
        let few = try readCSV(Self.encoded(Self.prefectures.prefix(4).joined(separator: "\n") + "\n", as: "EUC-JP"))
        #expect(few.dialect.encoding.encoding == .simplifiedChinese)
        #expect(few.warnings.first?.hasSuffix("read as Chinese (GB18030)") == true)
    }

    /// `text` in the encoding `iconv` names `name`.
    static func encoded(_ text: String, as name: String) throws -> [UInt8] {
        let converter = iconv_open(name, "UTF-8")
        try #require(converter != iconv_t(bitPattern: -1))
        defer { iconv_close(converter) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 2)
        var (inputLeft, outputLeft) = (input.count, output.count)
        let result = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inputPointer = inputBuffer.baseAddress
                var outputPointer = outputBuffer.baseAddress
                return iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
            }
        }
        try #require(result != -1 && inputLeft == 0)
        return output.prefix(output.count - outputLeft).map { UInt8(bitPattern: $0) }
    }

    @Test func aSingleKoreanWordIsEnough() throws {
        // `id,city` then `1,서울` and `2,Busan` in CP949.
        let bytes = Array("id,city\n1,".utf8) + [0xBC, 0xAD, 0xBF, 0xEF] + Array("\n2,Busan\n".utf8)
        let reading = try readCSV(bytes)
        #expect(reading.dialect.encoding.encoding == .korean)
        #expect(reading.rows == [["1", "서울"], ["2", "Busan"]])
    }

    @Test func westernTextStaysWindows1252() throws {
        let text = "Stadt;Straße;Größe\nKöln;Große Straße;äöü\nZürich;Rämistraße;éèà\nMálaga;Calle Ñuño;çÇœ\n"
        let bytes = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value == 0x153 ? 0x9C : $0.value) }
        let reading = try readCSV(bytes)
        #expect(reading.dialect.encoding.encoding == .windows1252)
        #expect(reading.rows.last == ["Málaga", "Calle Ñuño", "çÇœ"])
    }

    @Test func aDeclaredCodePageIsReadWithoutDetection() throws {
        var bytes = Self.koreanHeader
        bytes += Self.koreanRow
        for name in ["euc-kr", "CP949", "ks_c_5601-1987"] {
            let encoding = try #require(TextEncoding(named: name))
            let reading = try readCSV(bytes, options: CSVOptions(encoding: encoding))
            #expect(reading.rows == [["수원시", "대한민국"]])
            #expect(reading.warnings.isEmpty)
        }
    }
}
