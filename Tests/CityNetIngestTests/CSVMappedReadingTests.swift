import CityNetIngest
import CityNetModel
import CityNetTestSupport
import Foundation
import Synchronization
import Testing

/// A UTF-8 file larger than ``CityNetIngest/CSVReader/windowSize`` is scanned in windows mapped from the page
/// cache: records across a window's edge, records longer than a window, quotes undoubled in mapped pages, bad rows,
/// line numbers, the file's hash and its UTF-8 check all come out as from reading it.
struct CSVMappedReadingTests {
    /// Rows of every kind until the text passes `size` bytes: what was written, and the line each row starts on.
    struct Table {
        var text = "id,city,note,count\n"
        var rows: [[String]] = []
        var lines: [Int] = []
        var badLines: [Int] = []
        private var line = 2

        init(size: Int, longNoteAt longRow: Int? = nil, longNoteSize: Int = 0) {
            var row = 0
            while text.utf8.count < size {
                row += 1
                if row % 10_000 == 0 {
                    text += "B-\(row),Extra,too,many,fields\n"
                    badLines.append(line)
                    line += 1
                    continue
                }
                let city = ["Medellín", "Thành phố Hồ Chí Minh", "北京", "Cork", "Sønderborg"][row % 5]
                var note = row % 3 == 0 ? "a \"quoted\" word, and a comma" : "plain note \(row)"
                if row % 7 == 0 { note += "\nsecond line" }
                if row == longRow { note = String(repeating: "long line of a long note\n", count: longNoteSize / 25) }
                let quoted = "\"" + note.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                text += "I-\(row),\(city),\(quoted),\(row % 997)\n"
                rows.append(["I-\(row)", city, note, String(row % 997)])
                lines.append(line)
                line += 1 + note.count(where: { $0 == "\n" })
            }
        }
    }

    /// Writes `data` to `input.csv` in a folder of its own named `folder`, and calls `body` with the file's URL;
    /// the folder is removed afterwards.
    static func withFile(_ data: Data, in folder: String, _ body: (URL) throws -> Void) throws {
        let folder = TestPaths.temporaryFolder(folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("input.csv")
        try data.write(to: url)
        try body(url)
    }

    /// The first row where two readings differ, described (the rows are too many to print whole).
    static func firstDifference<Row: Equatable>(_ read: [Row], _ written: [Row]) -> String? {
        if let index = read.indices.first(where: { $0 < written.count && read[$0] != written[$0] }) {
            return "row \(index + 1): read \(read[index]), written \(written[index])"
        }
        return read.count == written.count ? nil : "\(read.count) rows read, \(written.count) written"
    }

    @Test func aLargeFileReadsAsWritten() throws {
        let table = Table(size: CSVReader.windowSize * 5 / 2)
        let reading = try readCSV(Array(table.text.utf8))
        #expect(reading.header == ["id", "city", "note", "count"])
        #expect(Self.firstDifference(reading.rows, table.rows) == nil)
        #expect(Self.firstDifference(reading.lines, table.lines) == nil)
        #expect(reading.rejects.map(\.location.line) == table.badLines)
        #expect(reading.rejects.allSatisfy { $0.reason == "expected 4 fields, found 5" })
    }

    @Test func aRecordLongerThanAWindowIsReadWhole() throws {
        let table = Table(
            size: CSVReader.windowSize * 4, longNoteAt: 50_000, longNoteSize: CSVReader.windowSize * 3 / 2)
        let reading = try readCSV(Array(table.text.utf8))
        #expect(reading.rows.dropFirst(49_999).first?[2].utf8.count == table.rows[49_999][2].utf8.count)
        #expect(Self.firstDifference(reading.rows, table.rows) == nil)
        #expect(Self.firstDifference(reading.lines, table.lines) == nil)
    }

    /// Rows from mapped windows go into batches without a copy: the batches keep the windows, and read as
    /// written after the reader has moved past them and finished.
    @Test func batchesOfMappedRowsReadAsWrittenAfterTheReaderIsDone() throws {
        let table = Table(size: CSVReader.windowSize * 3)
        try Self.withFile(Data(table.text.utf8), in: "mapped-batches") { url in
            var batches: [RecordBatch] = []
            do {
                let reader = try CSVReader(path: url.path, displayPath: "input.csv", checksEncodingWhileReading: true)
                var batch = RecordBatch(file: "input.csv", pathCount: 4, recordLimit: 1024)
                try reader.forEachRecord(
                    columns: [0, 1, 2, 3], source: "test",
                    onRecord: { record in
                        batch.append(record)
                        if batch.isFull {
                            batches.append(batch)
                            batch = RecordBatch(file: "input.csv", pathCount: 4, recordLimit: 1024)
                        }
                    }, onReject: { _ in })
                batches.append(batch)
            }
            var scratch: [RawValue] = []
            var rows: [[String]] = []
            var lines: [Int] = []
            for batch in batches {
                batch.forEach(scratch: &scratch) { record in
                    rows.append(record.record.values.map { $0.first ?? "" })
                    lines.append(record.line)
                }
            }
            #expect(Self.firstDifference(rows, table.rows) == nil)
            #expect(Self.firstDifference(lines, table.lines) == nil)
        }
    }

    @Test func theFingerprintOfAMappedFileIsItsHash() throws {
        try Self.withFile(Data(Table(size: CSVReader.windowSize * 3).text.utf8), in: "mapped-fingerprint") { url in
            let reader = try CSVReader(
                path: url.path, displayPath: "input.csv", checksEncodingWhileReading: true, hashesContent: true)
            try reader.forEachRecord(columns: [0], source: "test", onRecord: { _ in }, onReject: { _ in })
            #expect(reader.fingerprint == (try FileFingerprint.compute(path: url.path, displayPath: "input.csv")))
        }
    }

    /// Windows hashed by another thread while the reader scans them (and undoubles quotes in them) give the
    /// file's hash all the same.
    @Test func windowsHashedByAnotherThreadGiveTheFilesHash() throws {
        try Self.withFile(Data(Table(size: CSVReader.windowSize * 4).text.utf8), in: "mapped-shared-hash") { url in
            let reader = try CSVReader(
                path: url.path, displayPath: "input.csv", checksEncodingWhileReading: true, hashesContent: true)
            let help = try #require(reader.helpWhileIdle)
            let done = Atomic<Bool>(false)
            let helped = Atomic<Int>(0)
            let helper = Thread {
                while !done.load(ordering: .acquiring) {
                    if help() { helped.add(1, ordering: .relaxed) }
                }
            }
            helper.start()
            try reader.forEachRecord(columns: [0, 2], source: "test", onRecord: { _ in }, onReject: { _ in })
            done.store(true, ordering: .releasing)
            #expect(reader.fingerprint == (try FileFingerprint.compute(path: url.path, displayPath: "input.csv")))
            #expect(helped.load(ordering: .relaxed) > 0, "the helper hashed at least one window")
        }
    }

    @Test func aBadByteInAMappedWindowStopsAReadingThatChecksUTF8() throws {
        let head = Array(Table(size: CSVReader.windowSize * 2).text.utf8)
        let tail = Array(Table(size: CSVReader.windowSize).text.utf8.dropFirst(19))
        try Self.withFile(
            Data(head + Array("L-1,M".utf8) + [0xE9] + Array("rida,late,1\n".utf8) + tail), in: "mapped-late-byte"
        ) { url in
            let reader = try CSVReader(path: url.path, displayPath: "input.csv", checksEncodingWhileReading: true)
            var records = 0
            #expect(throws: IngestError.notUTF8Further(path: "input.csv")) {
                try reader.forEachRecord(
                    columns: [0], source: "test", onRecord: { _ in records += 1 }, onReject: { _ in })
            }
            #expect(records > 0)
        }
    }
}
