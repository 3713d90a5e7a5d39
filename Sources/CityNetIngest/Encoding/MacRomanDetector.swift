/// Tells Mac Roman, the encoding of CSV files saved by Excel for Mac up to 2011, from Windows-1252 in a file that
/// is not UTF-8.
///
/// The two put accented letters in different places: Windows-1252 its lowercase ones at 0xDF-0xFF, Mac Roman at
/// 0x87-0x9F, where Windows-1252 has punctuation and capitals (`Zürich` in Mac Roman reads `ZŸrich`, `Café`
/// `CafŽ`). So each byte above 0x7F next to a lowercase ASCII letter (inside or at the end of a word) is a vote:
/// for the encoding that reads it as a lowercase letter where the other does not. 0x92 casts none: it is the
/// apostrophe Windows-1252 writes inside words (`don’t`), and Mac Roman's `í`.
enum MacRomanDetector {
    /// Whether a sample reads as Mac Roman rather than Windows-1252: at least two votes for it, and four times as
    /// many as for Windows-1252.
    static func isMacRoman(_ sample: [UInt8]) -> Bool {
        var forMacRoman = 0
        var forWindows1252 = 0
        for index in sample.indices where sample[index] >= 0x80 && sample[index] != 0x92 {
            let before = index > 0 ? sample[index - 1] : 0
            let after = index + 1 < sample.count ? sample[index + 1] : 0
            guard isLowercaseASCII(before) || isLowercaseASCII(after), before < 0x80, after < 0x80 else { continue }
            let byte = sample[index]
            switch (isMacRomanLowercase(byte), isWindows1252Lowercase(byte)) {
            case (true, false): forMacRoman += 1
            case (false, true): forWindows1252 += 1
            default: break
            }
        }
        return forMacRoman >= 2 && forMacRoman >= forWindows1252 * 4
    }

    private static func isLowercaseASCII(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    /// `á` to `ü` (0x87-0x9F). Mac Roman's other lowercase letters (`ß`, `ø`…) cast no vote: Windows-1252 has
    /// symbols there that files use between words, as delimiters even (`§`, `¿`).
    private static func isMacRomanLowercase(_ byte: UInt8) -> Bool {
        (0x87...0x9F).contains(byte)
    }

    /// `ß` to `ÿ` but `÷` (0xDF-0xFF), `ƒ`, `š`, `œ`, `ž`, `ª`, `µ` and `º`.
    private static func isWindows1252Lowercase(_ byte: UInt8) -> Bool {
        ((0xDF...0xFF).contains(byte) && byte != 0xF7) || [0x83, 0x9A, 0x9C, 0x9E, 0xAA, 0xB5, 0xBA].contains(byte)
    }
}
