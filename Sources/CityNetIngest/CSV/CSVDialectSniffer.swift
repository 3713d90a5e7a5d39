/// Detects a CSV file's delimiter from a sample of its first lines.
enum CSVDialectSniffer {
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]

    /// The candidate that splits the most sample lines into the same number of fields as the first line,
    /// counting only outside quotes; `,` when no candidate occurs.
    static func delimiter(in sample: ArraySlice<UInt8>, quote: UInt8) -> UInt8 {
        let lines = countsPerLine(sample, quote: quote, maximumLines: 50)
        guard let first = lines.first else { return UInt8(ascii: ",") }
        var best = (delimiter: UInt8(ascii: ","), consistent: 0, width: 0)
        for (position, candidate) in candidates.enumerated() {
            let width = first[position]
            guard width > 0 else { continue }
            let consistent = lines.filter { $0[position] == width }.count
            if (consistent, width) > (best.consistent, best.width) {
                best = (candidate, consistent, width)
            }
        }
        return best.delimiter
    }

    /// For each of the first lines, how often each candidate occurs outside quotes.
    private static func countsPerLine(_ sample: ArraySlice<UInt8>, quote: UInt8, maximumLines: Int) -> [[Int]] {
        var lines: [[Int]] = []
        var counts = Array(repeating: 0, count: candidates.count)
        var inQuotes = false
        var lineHasContent = false
        for byte in sample {
            if byte == quote {
                inQuotes.toggle()
                lineHasContent = true
            } else if !inQuotes, byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if lineHasContent { lines.append(counts) }
                if lines.count == maximumLines { break }
                counts = Array(repeating: 0, count: candidates.count)
                lineHasContent = false
            } else if !inQuotes, let position = candidates.firstIndex(of: byte) {
                counts[position] += 1
                lineHasContent = true
            } else {
                lineHasContent = true
            }
        }
        if lineHasContent, lines.count < maximumLines, !inQuotes { lines.append(counts) }
        return lines
    }
}
