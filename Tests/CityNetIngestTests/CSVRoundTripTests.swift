import CityNetEmit
import CityNetIngest
import Testing

/// Random tables written by citynet's CSV writer and read back by its reader come back identical.
struct CSVRoundTripTests {
    /// A small deterministic generator (SplitMix64), so a failure can be reproduced from its seed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    static let alphabet: [String] = [
        "a", "b", "Z", "0", "7", " ", ",", ";", "\"", "'", "\r", "\n", "\r\n", "\t", "é", "ø", "€", "漢", "🙂", "=", "-",
        "|",
    ]

    func randomValue(_ generator: inout SplitMix) -> String {
        let length = Int.random(in: 0...12, using: &generator)
        return (0..<length).map { _ in Self.alphabet.randomElement(using: &generator) ?? "" }.joined()
    }

    /// What the writer does to text a spreadsheet would run as a formula.
    func neutralised(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }

    @Test(arguments: 1...40)
    func randomTablesSurviveAWriteAndARead(seed: Int) throws {
        var generator = SplitMix(state: UInt64(seed))
        let width = Int.random(in: 2...6, using: &generator)
        let header = (1...width).map { "column \($0)" }
        let rows = (0..<Int.random(in: 1...30, using: &generator)).map { _ in
            (0..<width).map { _ in randomValue(&generator) }
        }
        let bytes = CSVTableWriter.write(header: header, rows: rows)
        let reading = try readCSV(bytes)
        #expect(reading.header == header, "seed \(seed)")
        #expect(reading.rows == rows.map { $0.map(neutralised) }, "seed \(seed)")
        #expect(reading.rejects.isEmpty, "seed \(seed)")
    }
}
