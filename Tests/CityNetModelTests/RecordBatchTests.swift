import CityNetModel
import Testing

/// Records copied into a batch come back as they went in.
struct RecordBatchTests {
    let records = [
        RawRecord(
            location: SourceLocation(file: "feed.xml", line: 3), values: [["A-1"], ["4", "11"], []],
            columns: [0, 0, 0]),
        RawRecord(
            location: SourceLocation(file: "feed.xml", line: 9, column: 2), values: [[""], [], ["Tom & Jerry", "é"]],
            columns: [5, 0, 7]),
    ]

    @Test func recordsComeBackInOrderWithTheirValuesAndColumns() {
        var batch = RecordBatch(file: "feed.xml", pathCount: 3)
        for record in records { record.withView { batch.append($0) } }
        #expect(batch.count == 2)
        var scratch: [RawValue] = []
        var copies: [RawRecord] = []
        batch.forEach(scratch: &scratch) { copies.append($0.record) }
        #expect(copies == records)
    }

    @Test func aLineOffsetShiftsEveryLineAndAnEmptiedBatchIsReused() {
        var batch = RecordBatch(file: "feed.xml", pathCount: 3)
        for record in records { record.withView { batch.append($0) } }
        var scratch: [RawValue] = []
        var lines: [Int] = []
        batch.forEach(lineOffset: 100, scratch: &scratch) { lines.append($0.line) }
        #expect(lines == [103, 109])
        batch.removeAll()
        #expect(batch.count == 0 && batch.byteCount == 0)
        records[1].withView { batch.append($0) }
        var copies: [RawRecord] = []
        batch.forEach(scratch: &scratch) { copies.append($0.record) }
        #expect(copies == [records[1]])
    }
}
