import Foundation

/// Folds text into keys for matching names the way people write them.
///
/// Folding decomposes (Unicode NFKD), drops combining marks, maps letters that do not decompose
/// (`ø`, `æ`, `ß`, `ł`, `đ`, `ı`, `œ`, `þ`) to their usual Latin spelling, and lowercases.
public enum TextFolding {
    /// A key of letters and digits only: `Korea, Rep.` -> `korearep`, `Côte d'Ivoire` -> `cotedivoire`.
    public static func compactKey(_ text: String) -> String {
        fold(text, keepWordBreaks: false)
    }

    /// A key with words kept apart by one space: `Medellín` -> `medellin`, `Saint-Étienne` -> `saint etienne`.
    public static func wordKey(_ text: String) -> String {
        fold(text, keepWordBreaks: true)
    }

    private static func fold(_ text: String, keepWordBreaks: Bool) -> String {
        var output = [UInt8]()
        output.reserveCapacity(text.utf8.count)
        var pendingBreak = false
        func append(_ byte: UInt8) {
            if pendingBreak, !output.isEmpty, keepWordBreaks { output.append(0x20) }
            pendingBreak = false
            output.append(byte)
        }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): append(byte + 32)
                case UInt8(ascii: "'"): break
                default: pendingBreak = true
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if let replacement = latinReplacements[scalar] {
                replacement.utf8.forEach(append)
                continue
            }
            if scalar == "'" || scalar == "\u{2019}" || scalar == "\u{02BC}" { continue }
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                for lower in scalar.properties.lowercaseMapping.utf8 { append(lower) }
            } else {
                pendingBreak = true
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let latinReplacements: [Unicode.Scalar: String] = [
        "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
        "ı": "i", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d",
    ]

    /// The edit distance between two keys (insertions, deletions, substitutions and swaps of neighbours each
    /// count one), for "did you mean" suggestions.
    public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }

    /// The candidate closest to `text` by edit distance over folded keys, if it is close enough to be a
    /// plausible misspelling (at most a third of the longer key, and at most 3 edits).
    public static func closest(to text: String, among candidates: some Sequence<String>) -> String? {
        let key = compactKey(text)
        guard !key.isEmpty else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(key, compactKey(candidate))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance > 0, best.distance <= min(3, max(1, key.count / 3)) else { return nil }
        return best.candidate
    }
}
