/// A character encoding a text feed can be in. Readers convert every one of them to UTF-8.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8 = "utf-8"
    case utf16LittleEndian = "utf-16le"
    case utf16BigEndian = "utf-16be"
    case utf32LittleEndian = "utf-32le"
    case utf32BigEndian = "utf-32be"
    case windows1252 = "windows-1252"
    case latin1 = "iso-8859-1"
    /// Korean: EUC-KR, read as Windows' CP949 (Unified Hangul Code), which extends it.
    case korean = "cp949"
    /// Japanese: Shift_JIS, read as Windows' CP932, which extends it.
    case japanese = "cp932"
    case japaneseEUC = "euc-jp"
    /// Simplified Chinese: GB2312 and GBK, read as GB18030, which extends them.
    case simplifiedChinese = "gb18030"
    case traditionalChinese = "big5"
    /// Mac Roman, which Excel for Mac wrote its CSV files in up to 2011.
    case macRoman = "macintosh"
    /// Central European (Polish, Czech, Slovak, Hungarian, Croatian…): Excel's code page on those Windows.
    case windows1250 = "windows-1250"
    /// Cyrillic (Russian, Ukrainian, Bulgarian, Serbian, Kazakh…): Excel's code page on those Windows.
    case windows1251 = "windows-1251"
    /// Cyrillic of older Unix tools: KOI8-R (Russian), read as KOI8-U, which extends it with Ukrainian letters.
    case koi8 = "koi8-u"
    /// Greek, which also reads ISO-8859-7's letters.
    case windows1253 = "windows-1253"
    /// Turkish: ISO-8859-9 with Windows' symbols in 0x80-0x9F.
    case windows1254 = "windows-1254"
    /// Hebrew.
    case windows1255 = "windows-1255"
    /// Arabic.
    case windows1256 = "windows-1256"

    /// The encoding a pipeline file names (`utf-8`, `utf8`, `utf-16le`, `cp1252`, `latin1`…), if known.
    public init?(named name: String) {
        switch name.lowercased().filter({ $0.isLetter || $0.isNumber }) {
        case "utf8": self = .utf8
        case "utf16le", "utf16": self = .utf16LittleEndian
        case "utf16be": self = .utf16BigEndian
        case "utf32le", "utf32": self = .utf32LittleEndian
        case "utf32be": self = .utf32BigEndian
        case "windows1252", "cp1252", "win1252": self = .windows1252
        case "iso88591", "latin1", "l1": self = .latin1
        case "cp949", "euckr", "uhc", "ksc56011987", "windows949": self = .korean
        case "cp932", "shiftjis", "sjis", "windows31j", "mskanji": self = .japanese
        case "eucjp": self = .japaneseEUC
        case "gb18030", "gbk", "gb2312", "cp936", "euccn": self = .simplifiedChinese
        case "big5", "cp950": self = .traditionalChinese
        case "macintosh", "macroman", "mac", "xmacroman", "cp10000": self = .macRoman
        case "windows1250", "cp1250", "win1250": self = .windows1250
        case "windows1251", "cp1251", "win1251": self = .windows1251
        case "koi8u", "koi8r", "koi8": self = .koi8
        case "windows1253", "cp1253", "win1253": self = .windows1253
        case "windows1254", "cp1254", "win1254", "iso88599", "latin5": self = .windows1254
        case "windows1255", "cp1255", "win1255": self = .windows1255
        case "windows1256", "cp1256", "win1256": self = .windows1256
        default: return nil
        }
    }
}

extension TextEncoding {
    /// Whether every character is one byte: the Windows and ISO code pages, KOI8 and Mac Roman.
    public var isSingleByte: Bool {
        switch self {
        case .windows1252, .latin1, .macRoman, .windows1250, .windows1251, .koi8, .windows1253, .windows1254,
            .windows1255, .windows1256:
            true
        case .utf8, .utf16LittleEndian, .utf16BigEndian, .utf32LittleEndian, .utf32BigEndian, .korean, .japanese,
            .japaneseEUC, .simplifiedChinese, .traditionalChinese:
            false
        }
    }

    /// The encoding's name in a sentence (`Windows-1252`, `Korean (CP949)`).
    public var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16LittleEndian: "UTF-16LE"
        case .utf16BigEndian: "UTF-16BE"
        case .utf32LittleEndian: "UTF-32LE"
        case .utf32BigEndian: "UTF-32BE"
        case .windows1252: "Windows-1252"
        case .latin1: "ISO-8859-1"
        case .korean: "Korean (CP949)"
        case .japanese: "Japanese (CP932, Shift_JIS)"
        case .japaneseEUC: "Japanese (EUC-JP)"
        case .simplifiedChinese: "Chinese (GB18030)"
        case .traditionalChinese: "Chinese (Big5)"
        case .macRoman: "Mac Roman (Excel for Mac up to 2011)"
        case .windows1250: "Central European (Windows-1250)"
        case .windows1251: "Cyrillic (Windows-1251)"
        case .koi8: "Cyrillic (KOI8-U, which extends KOI8-R)"
        case .windows1253: "Greek (Windows-1253)"
        case .windows1254: "Turkish (Windows-1254)"
        case .windows1255: "Hebrew (Windows-1255)"
        case .windows1256: "Arabic (Windows-1256)"
        }
    }
}

/// How a reader decided which encoding a file is in.
public struct EncodingDecision: Sendable, Hashable {
    /// The encoding the file is read with.
    public var encoding: TextEncoding
    /// How many bytes of byte order mark start the file (skipped).
    public var byteOrderMarkLength: Int
    /// Whether the encoding was detected rather than declared.
    public var detected: Bool
    /// When a file meant to be UTF-8 was not: where the first invalid byte is, and its value.
    public var fallback: (line: Int, column: Int, byte: UInt8)?
    /// Whether the file is taken for UTF-8 from its start and checked as it is read, rather than checked whole
    /// before reading.
    public var checkedWhileReading = false
    /// Whether a file read as a single-byte code page keeps its valid UTF-8 sequences: its start is mostly UTF-8
    /// with stray bytes (written by two tools), so only the bytes that break UTF-8 are read in ``encoding``
    /// (Windows-1252, unless the stray bytes read as another). A file that is mostly Windows-1252 is read whole as
    /// Windows-1252, where a letter and a symbol can look like UTF-8 (`Çœ`).
    public var keepsUTF8Sequences = false

    public static func == (lhs: EncodingDecision, rhs: EncodingDecision) -> Bool {
        lhs.encoding == rhs.encoding && lhs.byteOrderMarkLength == rhs.byteOrderMarkLength
            && lhs.detected == rhs.detected && lhs.fallback?.line == rhs.fallback?.line
            && lhs.fallback?.column == rhs.fallback?.column && lhs.fallback?.byte == rhs.fallback?.byte
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(encoding)
        hasher.combine(byteOrderMarkLength)
        hasher.combine(fallback?.line)
    }

    /// The encoding's name as the manifest writes it (`utf-8-sig` for UTF-8 with a byte order mark,
    /// `utf-8+windows-1252` for UTF-8 whose stray bytes are read as Windows-1252).
    public var name: String {
        if keepsUTF8Sequences { return "utf-8+\(encoding.rawValue)" }
        return encoding == .utf8 && byteOrderMarkLength > 0 ? "utf-8-sig" : encoding.rawValue
    }

    /// How the bytes that are not UTF-8 are read, for the warning at the first of them.
    public var fallbackReading: String {
        keepsUTF8Sequences
            ? "read as \(encoding.displayName), like any other byte that breaks UTF-8; the rest is UTF-8"
            : "read as \(encoding.displayName)"
    }
}

/// Decides a file's encoding: a byte order mark wins; otherwise a declared encoding; otherwise UTF-16 when
/// every other byte of the start is zero, UTF-8 when the whole file is valid UTF-8, and when it is not (with the
/// position of the first invalid byte) the Windows code page of another script or region, an East Asian
/// double-byte encoding or Mac Roman that its start shows, or Windows-1252.
enum EncodingDetector {
    /// The encoding to read a file with.
    ///
    /// - Parameters:
    ///   - declared: the encoding the pipeline file declares, if any.
    ///   - file: the file, read whole to check UTF-8 when nothing else decides.
    ///   - sample: the file's first bytes.
    ///   - checksWhileReading: take a file whose sample is valid UTF-8 for UTF-8 without reading it whole; its
    ///     reader then checks each chunk and throws ``IngestError/notUTF8Further(path:)`` at the first invalid
    ///     byte, and the caller reads again without this option.
    /// - Returns: the decision, with the first invalid byte when UTF-8 fell back to Windows-1252.
    /// - Throws: ``IngestError/unreadable(path:reason:)`` when the file cannot be read.
    static func decide(declared: TextEncoding?, file: ByteFile, sample: [UInt8], checksWhileReading: Bool = false)
        throws(IngestError) -> EncodingDecision
    {
        let hasUTF8Mark = sample.starts(with: [0xEF, 0xBB, 0xBF])
        if hasUTF8Mark, declared != nil {
            return EncodingDecision(encoding: .utf8, byteOrderMarkLength: 3, detected: false)
        }
        if sample.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return EncodingDecision(encoding: .utf32LittleEndian, byteOrderMarkLength: 4, detected: declared == nil)
        }
        if sample.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            return EncodingDecision(encoding: .utf32BigEndian, byteOrderMarkLength: 4, detected: declared == nil)
        }
        if sample.starts(with: [0xFF, 0xFE]) {
            return EncodingDecision(encoding: .utf16LittleEndian, byteOrderMarkLength: 2, detected: declared == nil)
        }
        if sample.starts(with: [0xFE, 0xFF]) {
            return EncodingDecision(encoding: .utf16BigEndian, byteOrderMarkLength: 2, detected: declared == nil)
        }
        if let declared { return EncodingDecision(encoding: declared, byteOrderMarkLength: 0, detected: false) }
        // A UTF-8 byte order mark says what the file was meant to be, not that every byte after it is UTF-8 (a
        // tool may have added Windows-1252 text after the mark): the bytes are checked as in a file without one.
        let markLength = hasUTF8Mark ? 3 : 0
        if !hasUTF8Mark, let utf16 = utf16WithoutMark(sample) {
            return EncodingDecision(encoding: utf16, byteOrderMarkLength: 0, detected: true)
        }
        if checksWhileReading,
            case .valid = sample.withUnsafeBufferPointer({ UTF8Validator.scan($0, atEnd: sample.count < 1 << 16) })
        {
            var decision = EncodingDecision(encoding: .utf8, byteOrderMarkLength: markLength, detected: true)
            decision.checkedWhileReading = true
            return decision
        }
        if let offset = try UTF8Validator.firstInvalidOffset(in: file) {
            // What the file is written in shows in its bytes above 0x7F: those of the start, or when the start
            // is ASCII, those around the first invalid byte.
            var evidence = sample
            if !sample.contains(where: { $0 >= 0x80 }) {
                evidence.removeAll()
                _ = try file.read(at: max(0, offset - (1 << 15)), appendingTo: &evidence, count: 1 << 16)
            }
            // In a file mostly in UTF-8, the bytes that break it are judged with their ASCII around them.
            let mostlyUTF8 = UTF8Validator.isMostlyUTF8(evidence)
            var decision = EncodingDecision(
                encoding: SingleByteDetector.encoding(
                    of: mostlyUTF8 ? UTF8Validator.strayBytes(in: evidence) : evidence)
                    ?? MultiByteDetector.encoding(of: evidence)
                    ?? (MacRomanDetector.isMacRoman(evidence) ? .macRoman : .windows1252),
                byteOrderMarkLength: markLength,
                detected: true, fallback: try UTF8Validator.position(of: offset, in: file))
            decision.keepsUTF8Sequences = decision.encoding.isSingleByte && decision.encoding != .macRoman && mostlyUTF8
            return decision
        }
        return EncodingDecision(encoding: .utf8, byteOrderMarkLength: markLength, detected: true)
    }

    /// UTF-16 without a byte order mark shows as text with a zero byte in every other position.
    private static func utf16WithoutMark(_ sample: [UInt8]) -> TextEncoding? {
        let count = min(sample.count, 4096) & ~1
        guard count >= 4 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for index in stride(from: 0, to: count, by: 2) {
            if sample[index] == 0 { evenZeros += 1 }
            if sample[index + 1] == 0 { oddZeros += 1 }
        }
        let pairs = count / 2
        if oddZeros * 10 >= pairs * 9, evenZeros * 10 < pairs { return .utf16LittleEndian }
        if evenZeros * 10 >= pairs * 9, oddZeros * 10 < pairs { return .utf16BigEndian }
        return nil
    }
}

/// Finds the first byte of a file that breaks UTF-8, streaming in large chunks with an 8-byte ASCII fast path;
/// only when one is found is its line and column worked out.
enum UTF8Validator {
    /// The offset of the first byte of a file that breaks UTF-8, if one does.
    static func firstInvalidOffset(in file: ByteFile) throws(IngestError) -> Int64? {
        var buffer: [UInt8] = []
        var offset: Int64 = 0
        var carried = 0
        while true {
            buffer.removeFirst(buffer.count - carried)
            let chunkStart = offset - Int64(carried)
            let read = try file.read(at: offset, appendingTo: &buffer, count: 1 << 20)
            offset += Int64(read)
            let atEnd = read == 0
            if buffer.isEmpty { return nil }
            let result = buffer.withUnsafeBufferPointer { scan($0, atEnd: atEnd) }
            switch result {
            case .invalid(let index):
                return chunkStart + Int64(index)
            case .valid(let unfinished):
                if atEnd { return nil }
                carried = unfinished
            }
        }
    }

    /// The length of the valid UTF-8 sequence of two to four bytes at `index`, or `nil` (for ASCII too).
    @inline(__always)
    static func sequenceLength<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at index: Int) -> Int?
    where Bytes.Index == Int {
        let lead = bytes[index]
        let (length, secondRange): (Int, ClosedRange<UInt8>) =
            switch lead {
            case 0xC2...0xDF: (2, 0x80...0xBF)
            case 0xE0: (3, 0xA0...0xBF)
            case 0xED: (3, 0x80...0x9F)
            case 0xE1...0xEF: (3, 0x80...0xBF)
            case 0xF0: (4, 0x90...0xBF)
            case 0xF1...0xF3: (4, 0x80...0xBF)
            case 0xF4: (4, 0x80...0x8F)
            default: (0, 0x80...0xBF)
            }
        guard length > 0, index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return nil }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return nil }
        return length
    }

    /// Whether the bytes from `index` to the end begin a UTF-8 sequence that more bytes would complete: a lead
    /// byte, then continuation bytes only, fewer than the lead asks for.
    static func isCutSequence<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, from index: Int) -> Bool
    where Bytes.Index == Int {
        let lead = bytes[index]
        guard (0xC2...0xF4).contains(lead) else { return false }
        let expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        return index + expected > bytes.endIndex
            && bytes[(index + 1)..<bytes.endIndex].allSatisfy { $0 & 0xC0 == 0x80 }
    }

    /// Whether the bytes of valid UTF-8 sequences of two bytes or more in `sample` outnumber the bytes above 0x7F
    /// that are not part of one: a UTF-8 file with stray bytes rather than a file in another encoding.
    /// The sample with each of its valid UTF-8 sequences of two bytes or more replaced by a space: its ASCII and
    /// the bytes that break UTF-8.
    static func strayBytes(in sample: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(sample.count)
        var position = 0
        while position < sample.count {
            if sample[position] >= 0x80, let length = sequenceLength(sample, at: position) {
                result.append(0x20)
                position += length
            } else {
                result.append(sample[position])
                position += 1
            }
        }
        return result
    }

    static func isMostlyUTF8(_ sample: [UInt8]) -> Bool {
        var utf8Bytes = 0
        var strayBytes = 0
        var position = 0
        while position < sample.count {
            if sample[position] < 0x80 {
                position += 1
            } else if let length = sequenceLength(sample, at: position) {
                utf8Bytes += length
                position += length
            } else {
                strayBytes += 1
                position += 1
            }
        }
        return utf8Bytes > strayBytes
    }

    enum Scan {
        case valid(unfinished: Int)
        case invalid(at: Int)
    }

    /// Validates `bytes`; a sequence cut by the end of the buffer is left for the next chunk.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> Scan {
        guard let base = bytes.baseAddress else { return .valid(unfinished: 0) }
        let raw = UnsafeRawPointer(base)
        var index = 0
        let count = bytes.count
        while index < count {
            // ASCII 32 bytes at a time, then 8, then byte by byte.
            if index + 32 <= count,
                (raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)) & 0x8080_8080_8080_8080 == 0
            {
                index += 32
                continue
            }
            if index + 8 <= count,
                raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            if let length = sequenceLength(bytes, at: index) {
                index += length
                continue
            }
            // No whole valid sequence here: one the next chunk completes, or a byte that breaks UTF-8.
            guard !atEnd, isCutSequence(bytes, from: index) else { return .invalid(at: index) }
            return .valid(unfinished: count - index)
        }
        return .valid(unfinished: 0)
    }

    /// The line and column (counting LF, CRLF and CR line ends, and UTF-8 scalars) of a byte offset, and the byte.
    static func position(of target: Int64, in file: ByteFile) throws(IngestError) -> (
        line: Int, column: Int, byte: UInt8
    ) {
        var line = 1
        var column = 1
        var afterCarriageReturn = false
        var offset: Int64 = 0
        var buffer: [UInt8] = []
        while offset <= target {
            buffer.removeAll(keepingCapacity: true)
            let read = try file.read(at: offset, appendingTo: &buffer, count: Int(min(1 << 20, target - offset + 1)))
            if read == 0 { break }
            for (index, byte) in buffer.enumerated() {
                if offset + Int64(index) == target { return (line, column, byte) }
                if byte == 0x0A {
                    if !afterCarriageReturn {
                        line += 1
                        column = 1
                    }
                } else if byte == 0x0D {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                afterCarriageReturn = byte == 0x0D
            }
            offset += Int64(read)
        }
        return (line, column, 0)
    }
}

/// Reads a file as UTF-8, converting from its encoding chunk by chunk.
struct UTF8Source {
    let file: ByteFile
    let encoding: TextEncoding
    private var offset: Int64
    private var pending: [UInt8] = []
    /// The converter of an encoding that `iconv` reads.
    private let converter: IconvDecoder?
    private var raw: [UInt8] = []
    private let checksUTF8: Bool
    /// Whether the file is mostly UTF-8 with stray bytes: its valid UTF-8 sequences are kept and only the bytes
    /// that break UTF-8 are read as Windows-1252, so that a file written as UTF-8 with a few stray bytes does not
    /// turn every accented letter before and after them into two (`é` into `Ã©`).
    private let keepsUTF8Sequences: Bool
    /// The scalars of the bytes 0x80-0xFF where a table reads them: in Windows-1252 and ISO-8859-1, and the bytes
    /// that break UTF-8 in a file that keeps its UTF-8 sequences.
    private let highScalars: [UInt32]
    /// How many bytes at the end of the buffer begin a sequence the next chunk completes.
    private var unfinished = 0
    /// How many UTF-16 or UTF-32 code units that are no Unicode scalar (an unpaired surrogate, say) were read as
    /// U+FFFD so far.
    private(set) var replacedUnits = 0

    init(file: ByteFile, decision: EncodingDecision) {
        self.file = file
        encoding = decision.encoding
        offset = Int64(decision.byteOrderMarkLength)
        checksUTF8 = decision.checkedWhileReading
        keepsUTF8Sequences = decision.keepsUTF8Sequences
        highScalars =
            decision.keepsUTF8Sequences || [.windows1252, .latin1].contains(decision.encoding)
            ? Self.highScalars(of: decision.encoding) : []
        converter = IconvDecoder(decision.encoding)
    }

    /// Whether the file's bytes are the text's: UTF-8, read as it is.
    var readsBytesAsIs: Bool { encoding == .utf8 }

    /// The file offset of the next byte to read.
    var fileOffset: Int64 { offset }

    /// Maps `count` bytes or more of a UTF-8 file from the page that holds file offset `start`, instead of reading
    /// them, checked as reading checks them; reading goes on after the window. `nil` when the file is not read as
    /// it is, cannot be mapped, or ends in the window or within a page of it: its end is read, not mapped.
    ///
    /// - Throws: ``IngestError/notUTF8Further(path:)`` when the source checks UTF-8 and the window breaks it.
    mutating func window(from start: Int64, count: Int) throws(IngestError) -> FileWindow? {
        let pageStart = start - start % FileWindow.pageSize
        guard readsBytesAsIs, offset <= pageStart + Int64(count),
            pageStart + Int64(count) + FileWindow.pageSize < file.size,
            let window = file.window(at: pageStart, count: count)
        else { return nil }
        let end = pageStart + Int64(count)
        if checksUTF8 {
            let checked = max(offset - Int64(unfinished), pageStart)
            let scan = UTF8Validator.scan(
                UnsafeBufferPointer(rebasing: window.bytes[Int(checked - pageStart)...]), atEnd: false)
            switch scan {
            case .valid(let cut): unfinished = cut
            case .invalid: throw .notUTF8Further(path: file.displayPath)
            }
        }
        offset = end
        return window
    }

    /// Goes on reading from file offset `start`, where a record starts (the first byte a reader still needs after
    /// a window): what is read from there is checked from there.
    mutating func resume(at start: Int64) {
        unfinished = 0
        offset = start
    }

    /// Appends up to about `count` bytes of UTF-8 to `buffer`; returns 0 at the end of the file.
    mutating func read(appendingTo buffer: inout [UInt8], count: Int) throws(IngestError) -> Int {
        if encoding == .utf8 {
            let before = buffer.count
            let read = try file.read(at: offset, appendingTo: &buffer, count: count)
            offset += Int64(read)
            if checksUTF8 {
                // The bytes of a sequence cut by the last chunk are still at the end of the buffer: a reader keeps
                // what it has not consumed, and a record never ends inside a character.
                let start = max(0, before - unfinished)
                let scan = buffer.withUnsafeBufferPointer {
                    UTF8Validator.scan(UnsafeBufferPointer(rebasing: $0[start...]), atEnd: read == 0)
                }
                switch scan {
                case .valid(let cut): unfinished = cut
                case .invalid: throw .notUTF8Further(path: file.displayPath)
                }
            }
            return read
        }
        raw.removeAll(keepingCapacity: true)
        raw.append(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
        let read = try file.read(at: offset, appendingTo: &raw, count: count)
        offset += Int64(read)
        let before = buffer.count
        switch encoding {
        case .utf8:
            break
        case _ where keepsUTF8Sequences:
            let used = Self.appendUTF8OrSingleByte(raw, highScalars: highScalars, atEnd: read == 0, to: &buffer)
            pending.append(contentsOf: raw[used...])
        case .windows1252, .latin1:
            Self.appendSingleByte(raw, highScalars: highScalars, to: &buffer)
        case .utf16LittleEndian, .utf16BigEndian:
            let used = Self.appendUTF16(
                raw, bigEndian: encoding == .utf16BigEndian, atEnd: read == 0, to: &buffer, replaced: &replacedUnits)
            pending.append(contentsOf: raw[used...])
        case .korean, .japanese, .japaneseEUC, .simplifiedChinese, .traditionalChinese, .macRoman, .windows1250,
            .windows1251, .koi8, .windows1253, .windows1254, .windows1255, .windows1256:
            guard let converter else {
                throw .unreadable(path: file.displayPath, reason: "no converter from \(encoding.rawValue)")
            }
            let used = converter.append(raw, atEnd: read == 0, to: &buffer)
            pending.append(contentsOf: raw[used...])
        case .utf32LittleEndian, .utf32BigEndian:
            let used = Self.appendUTF32(
                raw, bigEndian: encoding == .utf32BigEndian, atEnd: read == 0, to: &buffer, replaced: &replacedUnits)
            pending.append(contentsOf: raw[used...])
        }
        if read == 0, buffer.count == before { return 0 }
        return max(buffer.count - before, 1)
    }

    /// Converts every byte, those of 0x80-0xFF by `highScalars`.
    private static func appendSingleByte(_ bytes: [UInt8], highScalars: [UInt32], to buffer: inout [UInt8]) {
        buffer.reserveCapacity(buffer.count + bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                buffer.append(byte)
                continue
            }
            appendScalar(highScalars[Int(byte - 0x80)], to: &buffer)
        }
    }

    /// The scalars of the bytes 0x80-0xFF in a single-byte code page (U+FFFD where it has none).
    private static func highScalars(of encoding: TextEncoding) -> [UInt32] {
        switch encoding {
        case .windows1252: return windows1252High + (0xA0...0xFF).map(UInt32.init)
        case .latin1: return (0x80...0xFF).map(UInt32.init)
        default: break
        }
        let decoder = IconvDecoder(encoding)
        return (0x80...0xFF).map { (byte: UInt8) in
            guard let (decodes, text) = decoder?.decodesWhole([byte]), decodes,
                let scalar = String(decoding: text, as: UTF8.self).unicodeScalars.first
            else { return 0xFFFD }
            return scalar.value
        }
    }

    /// Copies valid UTF-8 sequences and converts every other byte by `highScalars` (the scalars of 0x80-0xFF);
    /// returns how many bytes were used (a sequence cut by the end of the chunk waits for the next one).
    private static func appendUTF8OrSingleByte(
        _ bytes: [UInt8], highScalars: [UInt32], atEnd: Bool, to buffer: inout [UInt8]
    ) -> Int {
        buffer.reserveCapacity(buffer.count + bytes.count + bytes.count / 8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                buffer.append(byte)
                index += 1
                continue
            }
            switch UTF8Validator.sequenceLength(bytes, at: index) {
            case .some(let length):
                buffer.append(contentsOf: bytes[index..<index + length])
                index += length
            case .none where !atEnd && UTF8Validator.isCutSequence(bytes, from: index):
                return index
            case .none:
                appendScalar(highScalars[Int(byte - 0x80)], to: &buffer)
                index += 1
            }
        }
        return index
    }

    /// Converts whole code units of four bytes; returns how many bytes were used (an incomplete unit waits for the
    /// next chunk). A unit that is not a Unicode scalar, or bytes left over at the end, become U+FFFD.
    private static func appendUTF32(
        _ bytes: [UInt8], bigEndian: Bool, atEnd: Bool, to buffer: inout [UInt8], replaced: inout Int
    ) -> Int {
        var index = 0
        while index + 3 < bytes.count {
            let units = (0..<4).map { UInt32(bytes[index + $0]) }
            let value =
                bigEndian
                ? units[0] << 24 | units[1] << 16 | units[2] << 8 | units[3]
                : units[3] << 24 | units[2] << 16 | units[1] << 8 | units[0]
            if Unicode.Scalar(value) == nil {
                appendReplacement(to: &buffer, counting: &replaced)
            } else {
                appendScalar(value, to: &buffer)
            }
            index += 4
        }
        return finish(bytes, at: index, atEnd: atEnd, to: &buffer, replaced: &replaced)
    }

    /// Converts whole code units; returns how many bytes were used (a trailing odd byte or an unpaired high
    /// surrogate waits for the next chunk). Unpaired surrogates, and an odd byte at the end, become U+FFFD.
    private static func appendUTF16(
        _ bytes: [UInt8], bigEndian: Bool, atEnd: Bool, to buffer: inout [UInt8], replaced: inout Int
    ) -> Int {
        var index = 0
        func unit(at position: Int) -> UInt32 {
            bigEndian
                ? UInt32(bytes[position]) << 8 | UInt32(bytes[position + 1])
                : UInt32(bytes[position + 1]) << 8 | UInt32(bytes[position])
        }
        while index + 1 < bytes.count {
            let first = unit(at: index)
            if (0xD800...0xDBFF).contains(first) {
                guard index + 3 < bytes.count else {
                    if atEnd {
                        appendReplacement(to: &buffer, counting: &replaced)
                        index += 2
                        continue
                    }
                    return index
                }
                let second = unit(at: index + 2)
                if (0xDC00...0xDFFF).contains(second) {
                    appendScalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), to: &buffer)
                    index += 4
                } else {
                    appendReplacement(to: &buffer, counting: &replaced)
                    index += 2
                }
            } else if (0xDC00...0xDFFF).contains(first) {
                appendReplacement(to: &buffer, counting: &replaced)
                index += 2
            } else {
                appendScalar(first, to: &buffer)
                index += 2
            }
        }
        return finish(bytes, at: index, atEnd: atEnd, to: &buffer, replaced: &replaced)
    }

    /// Where a conversion of whole code units stops: bytes left over at the end of the file become U+FFFD (all
    /// used); before the end they wait for the next chunk.
    private static func finish(
        _ bytes: [UInt8], at index: Int, atEnd: Bool, to buffer: inout [UInt8], replaced: inout Int
    ) -> Int {
        guard atEnd, index < bytes.count else { return index }
        appendReplacement(to: &buffer, counting: &replaced)
        return bytes.count
    }

    /// Appends U+FFFD for a code unit that is no Unicode scalar, and counts it.
    private static func appendReplacement(to buffer: inout [UInt8], counting replaced: inout Int) {
        replaced += 1
        appendScalar(0xFFFD, to: &buffer)
    }

    private static func appendScalar(_ scalar: UInt32, to buffer: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            buffer.append(UInt8(scalar))
        case 0x80..<0x800:
            buffer.append(UInt8(0xC0 | scalar >> 6))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            buffer.append(UInt8(0xE0 | scalar >> 12))
            buffer.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        default:
            buffer.append(UInt8(0xF0 | scalar >> 18))
            buffer.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            buffer.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Windows-1252's characters for 0x80-0x9F (the five unassigned bytes map to the C1 controls, as
    /// browsers' decoders do).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
        0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
