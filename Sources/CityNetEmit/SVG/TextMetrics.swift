/// Estimates how wide text renders, so labels can be wrapped, thinned or cut before they collide.
///
/// Widths are Helvetica's advance widths (the metric-compatible fonts of the system stack are within a few
/// percent), padded by 15 % so estimates err on the wide side (DejaVu Sans, the fallback on many Linux systems, is the
/// widest common sans-serif).
enum TextMetrics {
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var units = 0.0
        for scalar in text.unicodeScalars {
            if scalar.value >= 32, scalar.value < 127 {
                units += Double(asciiWidths[Int(scalar.value) - 32])
            } else if scalar.value >= 0x2E80 {
                units += 1000
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                units += 600
            }
        }
        return units / 1000 * size * (bold ? 1.08 : 1.0) * 1.15
    }

    /// Breaks text at spaces into at most `maximumLines` lines of at most `width`; when it does not fit, the
    /// last line ends in `…` and `cut` is true.
    static func wrap(_ text: String, width: Double, size: Double, maximumLines: Int) -> (lines: [String], cut: Bool) {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ").map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if current.isEmpty || self.width(candidate, size: size) <= width {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        let fits = lines.count <= maximumLines && lines.allSatisfy { self.width($0, size: size) <= width }
        guard !fits else { return (lines, false) }
        var kept = Array(lines.prefix(maximumLines))
        if lines.count > maximumLines {
            kept[kept.count - 1] = lines[(maximumLines - 1)...].joined(separator: " ")
        }
        return (kept.map { truncate($0, width: width, size: size) }, true)
    }

    /// Text shortened to fit `width`, ending in `…`.
    static func truncate(_ text: String, width: Double, size: Double) -> String {
        if self.width(text, size: size) <= width { return text }
        var characters = Array(text)
        while !characters.isEmpty {
            let candidate = String(characters).trimmingTrailingSpaces() + "…"
            if self.width(candidate, size: size) <= width { return candidate }
            characters.removeLast()
        }
        return "…"
    }

    private static let asciiWidths: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var characters = Substring(self)
        while characters.last == " " { characters.removeLast() }
        return String(characters)
    }
}
