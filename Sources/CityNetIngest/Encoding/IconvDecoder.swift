#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Converts the encodings that have no converter of their own here to UTF-8 with the C library's `iconv`, chunk by
/// chunk: the double-byte encodings of East Asian exports (Korean, Japanese and Chinese Windows code pages), the
/// Mac Roman of old Excel for Mac, and the Windows code pages of Central Europe, Cyrillic, Greek, Turkish, Hebrew
/// and Arabic (and KOI8).
///
/// Each encoding is read as the code page that extends it (EUC-KR as CP949, Shift_JIS as CP932, GBK as GB18030,
/// KOI8-R as KOI8-U), since that is what Excel and its users' tools write. A byte sequence the encoding does not define becomes U+FFFD; a
/// character cut by the end of a chunk waits for the next.
final class IconvDecoder {
    private let converter: iconv_t

    /// A decoder from `encoding`, or `nil` when the C library cannot convert it.
    init?(_ encoding: TextEncoding) {
        guard let name = Self.iconvName(encoding) else { return nil }
        let converter = iconv_open("UTF-8", name)
        guard let converter, Int(bitPattern: converter) != -1 else { return nil }
        self.converter = converter
    }

    deinit { iconv_close(converter) }

    /// The name `iconv` knows an encoding by, for the encodings this decoder reads.
    static func iconvName(_ encoding: TextEncoding) -> String? {
        switch encoding {
        case .korean: "CP949"
        case .japanese: "CP932"
        case .japaneseEUC: "EUC-JP"
        case .simplifiedChinese: "GB18030"
        case .traditionalChinese: "BIG5"
        case .macRoman: "MACINTOSH"
        case .windows1250: "CP1250"
        case .windows1251: "CP1251"
        case .koi8: "KOI8-U"
        case .windows1253: "CP1253"
        case .windows1254: "CP1254"
        case .windows1255: "CP1255"
        case .windows1256: "CP1256"
        default: nil
        }
    }

    /// Appends the UTF-8 of `bytes` to `buffer`; returns how many bytes were used (the rest begin a character the
    /// next chunk completes, unless `atEnd`).
    func append(_ bytes: [UInt8], atEnd: Bool, to buffer: inout [UInt8]) -> Int {
        decode(bytes, atEnd: atEnd, strict: false, into: &buffer).used
    }

    /// Whether all of `bytes` decode, allowing a character cut at their end, and their text.
    func decodesWhole(_ bytes: [UInt8]) -> (decodes: Bool, text: [UInt8]) {
        var text: [UInt8] = []
        defer { iconv(converter, nil, nil, nil, nil) }
        return (decode(bytes, atEnd: false, strict: true, into: &text).valid, text)
    }

    /// Converts `bytes` into `buffer` until a character is cut by their end (unless `atEnd`) or, when `strict`, a
    /// sequence is invalid; otherwise an invalid sequence's first byte (or a cut character's at the end) becomes
    /// U+FFFD. Returns how many bytes were used and whether no invalid sequence stopped the conversion.
    private func decode(_ bytes: [UInt8], atEnd: Bool, strict: Bool, into buffer: inout [UInt8]) -> (
        used: Int, valid: Bool
    ) {
        var used = 0
        var output = [UInt8](repeating: 0, count: max(64, bytes.count * 2))
        while used < bytes.count {
            let (consumed, written, stop) = bytes.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    convert(UnsafeBufferPointer(rebasing: input[used...]), into: out)
                }
            }
            buffer.append(contentsOf: output[0..<written])
            used += consumed
            switch stop {
            case .done, .outputFull:
                continue
            case .incomplete where !atEnd:
                return (used, true)
            case .invalid where strict:
                return (used, false)
            case .incomplete, .invalid:
                buffer.append(contentsOf: [0xEF, 0xBF, 0xBD])
                used += 1
                iconv(converter, nil, nil, nil, nil)
            }
        }
        return (used, true)
    }

    private enum Stop {
        case done
        case outputFull
        case incomplete
        case invalid
    }

    private func convert(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> (
        consumed: Int, written: Int, stop: Stop
    ) {
        guard let inputBase = input.baseAddress, let outputBase = output.baseAddress else { return (0, 0, .done) }
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inputBase)
            .assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBase)
            .assumingMemoryBound(to: CChar.self)
        var outLeft = output.count
        let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
        let consumed = input.count - inLeft
        let written = output.count - outLeft
        guard result == -1 else { return (consumed, written, .done) }
        switch errno {
        case E2BIG: return (consumed, written, .outputFull)
        case EINVAL: return (consumed, written, .incomplete)
        default: return (consumed, written, .invalid)
        }
    }
}

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
