/// Recognises a file in an East Asian double-byte encoding from a sample that is not UTF-8.
///
/// Windows-1252 text has its bytes above 0x7F one at a time between ASCII letters (`Mérida`); Korean, Japanese and
/// Chinese text has two bytes per character, and most characters' bytes are both above 0x7F, so high bytes come
/// in runs (and mostly not as valid UTF-8 sequences). When they do, the byte pairs decide: pairs whose bytes are all in
/// 0xA1-0xFE are EUC (EUC-JP when many lead with 0xA4 or 0xA5, kana; EUC-KR when nearly all lead with 0xB0-0xC8,
/// Hangul; EUC-JP again when 40 or more lead with none of 0xD0-0xF7, Japanese ideographs alone; else GB); otherwise each of CP932, CP949, GB18030 and Big5 decodes the sample, and the one that
/// decodes it whole into the largest share of its own script wins (kana or Han ideographs, Hangul, Han; at least
/// half, the first on a tie).
enum MultiByteDetector {
    static func encoding(of sample: [UInt8]) -> TextEncoding? {
        // A UTF-8 file with a few stray bytes is not one: its valid UTF-8 sequences outnumber the bytes that are not.
        guard !UTF8Validator.isMostlyUTF8(sample) else { return nil }
        let census = PairCensus(sample)
        // Few bytes (a word or two) must run together more to count.
        guard census.high >= 4, census.highBeforeHigh * (census.high >= 16 ? 5 : 2) >= census.high else {
            return nil
        }
        if census.eucPairs * 50 >= census.pairs * 49 {
            if census.kanaLeads * 5 >= census.pairs { return .japaneseEUC }
            if census.hangulLeads * 10 >= census.pairs * 9 { return .korean }
            // Ideographs alone (names of places): Japanese text keeps to JIS's first level, led by 0xB0-0xCF, where
            // Chinese text also has GB2312's common characters led by 0xD0-0xF7 (中, 在, 这, 州, 张), about one in
            // eight even in a list of places.
            return census.pairs >= 40 && census.upperGBLeads == 0 ? .japaneseEUC : .simplifiedChinese
        }
        return bestDecoding(of: sample)
    }

    /// The candidate whose decoding of the sample is the largest share of its own script, at least half.
    private static func bestDecoding(of sample: [UInt8]) -> TextEncoding? {
        // Each script with the punctuation and full-width forms all three share (`、`, `，`, `（`).
        let isShared = { (scalar: Unicode.Scalar) in
            (0x3000...0x303F).contains(scalar.value) || (0xFF01...0xFF5E).contains(scalar.value)
        }
        let isHan = { (scalar: Unicode.Scalar) in (0x4E00...0x9FFF).contains(scalar.value) || isShared(scalar) }
        let candidates: [(TextEncoding, (Unicode.Scalar) -> Bool)] = [
            (.japanese, { (0x3040...0x30FF).contains($0.value) || isHan($0) }),
            (.korean, { (0xAC00...0xD7A3).contains($0.value) || isShared($0) }),
            (.simplifiedChinese, isHan),
            (.traditionalChinese, isHan),
        ]
        var best: (encoding: TextEncoding, share: Double)?
        for (encoding, isOwnScript) in candidates {
            guard let decoder = IconvDecoder(encoding) else { continue }
            let (decodes, text) = decoder.decodesWhole(sample)
            guard decodes else { continue }
            let scalars = String(decoding: text, as: UTF8.self).unicodeScalars.filter { $0.value >= 0x80 }
            guard !scalars.isEmpty else { continue }
            let share = Double(scalars.filter(isOwnScript).count) / Double(scalars.count)
            if share >= 0.5, share > best?.share ?? 0 { best = (encoding, share) }
        }
        return best?.encoding
    }
}

/// How the bytes above 0x7F of a sample fall: how many there are and how many stand before another, and the byte
/// pairs they form (a lead of 0x81 or more and a trail of 0x40 or more): in EUC's range (both 0xA1-0xFE), led by
/// EUC-JP's kana rows (0xA4, 0xA5), by EUC-KR's Hangul rows (0xB0-0xC8), or by the rows of GB2312's common
/// characters beyond EUC-JP's first level of kanji (0xD0-0xF7).
private struct PairCensus {
    var high = 0
    var highBeforeHigh = 0
    var pairs = 0
    var eucPairs = 0
    var kanaLeads = 0
    var hangulLeads = 0
    var upperGBLeads = 0

    init(_ sample: [UInt8]) {
        var index = 0
        while index < sample.count {
            let byte = sample[index]
            guard byte >= 0x80 else {
                index += 1
                continue
            }
            high += 1
            guard index + 1 < sample.count else { break }
            let next = sample[index + 1]
            if next >= 0x80 { highBeforeHigh += 1 }
            guard byte >= 0x81, next >= 0x40 else {
                index += 1
                continue
            }
            pairs += 1
            if (0xA1...0xFE).contains(byte), (0xA1...0xFE).contains(next) { eucPairs += 1 }
            if byte == 0xA4 || byte == 0xA5 { kanaLeads += 1 }
            if (0xB0...0xC8).contains(byte) { hangulLeads += 1 }
            if (0xD0...0xF7).contains(byte) { upperGBLeads += 1 }
            if next >= 0x80 { high += 1 }
            index += 2
        }
    }
}
