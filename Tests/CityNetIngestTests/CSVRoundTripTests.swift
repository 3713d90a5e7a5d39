import CityNetEmit
import CityNetIngest
import CityNetTestSupport
import Testing

/// Random tables written by citynet's CSV writer and read back by its reader come back identical.
struct CSVRoundTripTests {
    static let alphabet: [String] = [
        "a", "b", "Z", "0", "7", " ", ",", ";", "\"", "'", "\r", "\n", "\r\n", "\t", "é", "ø", "€", "漢", "🙂", "=", "-",
        "|", "\\", "#", " \"",
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

    @Test(arguments: 1...200)
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

    /// A row without values is written so that it reads back as one: not as a blank line in a one-column table,
    /// nor as the empty row above notes below a table.
    @Test func rowsWithoutValuesSurvive() throws {
        let narrow = try readCSV(CSVTableWriter.write(header: ["name"], rows: [["a"], [""], ["b"]]))
        #expect(narrow.rows == [["a"], [""], ["b"]])
        let wide = try readCSV(CSVTableWriter.write(header: ["a", "b"], rows: [["1", "2"], ["", ""], ["x", ""]]))
        #expect(wide.rows == [["1", "2"], ["", ""], ["x", ""]])
    }
}
