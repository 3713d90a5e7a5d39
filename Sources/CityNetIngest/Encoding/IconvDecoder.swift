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
/// KOI8-R as KOI8-U), since that is what Excel and its users' tools write. A byte sequence the encoding does not
/// define becomes U+FFFD; a character cut by the end of a chunk waits for the next.
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
