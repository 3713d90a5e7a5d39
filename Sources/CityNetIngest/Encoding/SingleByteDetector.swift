import CUchardet

/// Tells a file in the Windows code page of Central Europe, Cyrillic, Greek, Turkish, Hebrew or Arabic (or KOI8)
/// from one in Windows-1252, when it is not UTF-8: Excel saves "CSV" in the code page of the Windows it runs on.
///
/// uchardet (Mozilla's detector, whose language models know these scripts) names a code page, and the bytes must
/// bear it out, so that a Western file it misjudges stays Windows-1252:
/// - a non-Latin script when four bytes above 0x7F or more are there and most come in runs of three or more, as the
///   letters of its words do (in Windows-1252 such runs would be words of accented letters alone, which Western
///   languages do not write);
/// - Central European when two or more of its letters stand inside words where Windows-1252 has a symbol
///   (`Wroc³aw` is `Wrocław`) or a letter that Western languages hardly write there (`Pøerov` is `Přerov`, `Dìèín`
///   is `Děčín`, `Gyõr` is `Győr`); also Romanian (`Miceºti` is `Miceşti`) and, where uchardet names Windows-1250
///   itself, Serbian and Croatian in Latin letters (`Košæuška` is `Košćuška`);
/// - Turkish when two letters or more inside words are among its six (`Kaðýthane` is `Kağıthane`).
///
/// Where uchardet has no answer (a line or two of text) or a Western one (a few words among much ASCII), Cyrillic
/// words are known by their case.
enum SingleByteDetector {
    /// The code page `evidence`, bytes of a file that is not UTF-8, is written in when it is one of these; `nil`
    /// for Windows-1252 and anything else.
    static func encoding(of evidence: [UInt8]) -> TextEncoding? {
        switch guess(evidence) {
        case "WINDOWS-1251": nonLatin(evidence) ? .windows1251 : nil
        case "KOI8-R", "KOI8-U": nonLatin(evidence) ? .koi8 : nil
        case "ISO-8859-7", "WINDOWS-1253": nonLatin(evidence) ? .windows1253 : nil
        case "ISO-8859-8", "WINDOWS-1255": nonLatin(evidence) ? .windows1255 : nil
        case "WINDOWS-1256": nonLatin(evidence) ? .windows1256 : nil
        case "WINDOWS-1250":
            lettersInsideWords(evidence, among: centralAndSouthEastEuropean) >= 2 ? .windows1250 : nil
        case "ISO-8859-2": lettersInsideWords(evidence, among: centralEuropean) >= 2 ? .windows1250 : nil
        case "ISO-8859-16": lettersInsideWords(evidence, among: romanian) >= 2 ? .windows1250 : nil
        case "WINDOWS-1254", "ISO-8859-9": lettersInsideWords(evidence, among: turkish) >= 2 ? .windows1254 : nil
        case nil, "WINDOWS-1252", "ISO-8859-1", "ISO-8859-15": cyrillicByCase(evidence)
        default: nil
        }
    }

    /// Where uchardet has no answer (a file of a line or two), or a Western one (a few words among much ASCII, as
    /// around the first byte that breaks UTF-8 far into a file): Cyrillic when three runs or more of three bytes
    /// above 0x7F or more are there, and four in five of them read as Cyrillic words of one case after their first
    /// letter (`Київ`, `Україна`, `УКРАЇНА`) in Windows-1251, or else in KOI8; the byte pairs of Chinese or Korean
    /// read as letters of both cases at random.
    private static func cyrillicByCase(_ bytes: [UInt8]) -> TextEncoding? {
        let runs = runsAboveASCII(bytes).filter { $0.count >= 3 }.map { Array(bytes[$0]) }
        guard runs.count >= 3 else { return nil }
        for encoding in [TextEncoding.windows1251, .koi8] {
            guard let decoder = IconvDecoder(encoding) else { continue }
            let words = runs.count { run in
                let (decodes, text) = decoder.decodesWhole(run)
                let word = String(decoding: text, as: UTF8.self)
                let rest = word.dropFirst()
                return decodes
                    && word.unicodeScalars.allSatisfy { (0x0400...0x04FF).contains($0.value) }
                    && (rest.allSatisfy(\.isLowercase) || rest.allSatisfy(\.isUppercase))
            }
            if words * 5 >= runs.count * 4 { return encoding }
        }
        return nil
    }

    /// Bytes that are letters in Windows-1250 and symbols, or nothing, in Windows-1252 (`Ť`, `Ź`, `ť`, `Ł`, `Ą`, `Ż`,
    /// `ł`, `ą`, `Ľ`, `ľ`, `ż`), or letters that Western languages hardly write inside a word (`ě`, `ő`, `ř`, `ů`,
    /// `ű`, read as `ì`, `õ`, `ø`, `ù`, `û`).
    private static let centralEuropean: Set<UInt8> = [
        0x8D, 0x8F, 0x9D, 0xA3, 0xA5, 0xAF, 0xB3, 0xB9, 0xBC, 0xBE, 0xBF, 0xEC, 0xF5, 0xF8, 0xF9, 0xFB,
    ]

    /// Romanian letters of Windows-1250 (and ISO-8859-16) that Windows-1252 reads as ordinal signs, thorns and
    /// Portuguese letters (`Ş`, `ş`, `Ţ`, `ţ`, `Ă`, `ă`, read as `ª`, `º`, `Þ`, `þ`, `Ã`, `ã`): taken for Romanian
    /// only when uchardet names a Romanian or Central European code page.
    private static let romanian: Set<UInt8> = [0xAA, 0xBA, 0xDE, 0xFE, 0xC3, 0xE3]

    /// The letters of ``centralEuropean`` and ``romanian``, and those of Serbian and Croatian in Latin letters
    /// (`Ć`, `Č`, `Đ`, `ć`, `č`, `đ`, read as `Æ`, `È`, `Ð`, `æ`, `è`, `ð`): when uchardet names Windows-1250 itself,
    /// which it has not named for a Western file, where it names ISO-8859-2 for some.
    private static let centralAndSouthEastEuropean = centralEuropean.union(romanian).union([
        0xC6, 0xC8, 0xD0, 0xE6, 0xE8, 0xF0,
    ])

    /// Bytes that are Turkish letters in Windows-1254 (`Ğ`, `İ`, `Ş`, `ğ`, `ı`, `ş`) and Icelandic ones in
    /// Windows-1252.
    private static let turkish: Set<UInt8> = [0xD0, 0xDD, 0xDE, 0xF0, 0xFD, 0xFE]

    /// uchardet's name for the encoding of `bytes` (`WINDOWS-1251`), if it names one.
    private static func guess(_ bytes: [UInt8]) -> String? {
        guard let detector = uchardet_new() else { return nil }
        defer { uchardet_delete(detector) }
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { uchardet_handle_data(detector, $0.baseAddress, $0.count) }
        }
        guard status == 0 else { return nil }
        uchardet_data_end(detector)
        guard let name = uchardet_get_charset(detector), name.pointee != 0 else { return nil }
        return String(cString: name)
    }

    /// Whether four bytes above 0x7F or more are there, and half of them or more come in runs of three or more.
    private static func nonLatin(_ bytes: [UInt8]) -> Bool {
        let runs = runsAboveASCII(bytes)
        let high = runs.reduce(0) { $0 + $1.count }
        let inRuns = runs.lazy.filter { $0.count >= 3 }.reduce(0) { $0 + $1.count }
        return high >= 4 && inRuns * 2 >= high
    }

    /// The runs of bytes above 0x7F, each as long as it goes.
    private static func runsAboveASCII(_ bytes: [UInt8]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for index in bytes.indices {
            if bytes[index] >= 0x80 {
                start = start ?? index
            } else if let first = start {
                runs.append(first..<index)
                start = nil
            }
        }
        if let first = start { runs.append(first..<bytes.count) }
        return runs
    }

    /// Letters below 0xC0 that Windows-1250 and Windows-1252 share or both have (`Š`, `š`, `Ž`, `ž`; `Ś`/`Œ`…).
    private static let sharedLetters: Set<UInt8> = [0x8A, 0x8C, 0x8E, 0x9A, 0x9C, 0x9E, 0x9F]

    /// How many of `letters` stand between two letters (ASCII, above 0xBF but `×` and `÷`, those Windows-1250 and
    /// Windows-1252 share below that, or others of `letters`).
    private static func lettersInsideWords(_ bytes: [UInt8], among letters: Set<UInt8>) -> Int {
        let isLetter = { (byte: UInt8) in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || (byte >= 0xC0 && byte != 0xD7 && byte != 0xF7) || sharedLetters.contains(byte)
                || letters.contains(byte)
        }
        return bytes.indices.dropFirst().dropLast().count { index in
            letters.contains(bytes[index]) && isLetter(bytes[index - 1]) && isLetter(bytes[index + 1])
        }
    }
}
