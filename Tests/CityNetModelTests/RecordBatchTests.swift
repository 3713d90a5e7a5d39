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

    @Test func aBatchIsFullAtItsRecordLimitOrItsByteLimitUntilEmptied() {
        var byRecords = RecordBatch(file: "feed.xml", pathCount: 3, recordLimit: 2)
        records[0].withView { byRecords.append($0) }
        #expect(!byRecords.isFull)
        records[1].withView { byRecords.append($0) }
        #expect(byRecords.isFull)
        byRecords.removeAll()
        #expect(!byRecords.isFull)
        var byBytes = RecordBatch(file: "feed.xml", pathCount: 3, byteLimit: 10)
        records[0].withView { byBytes.append($0) }
        #expect(!byBytes.isFull)
        records[1].withView { byBytes.append($0) }
        #expect(byBytes.isFull)
        var unlimited = RecordBatch(file: "feed.xml", pathCount: 3)
        for record in records { record.withView { unlimited.append($0) } }
        #expect(!unlimited.isFull)
    }

    @Test func aRowCopiedByItsExtentKeepsItsValuesBetweenOtherRecords() {
        let row = Array("x,A-1,,Mérida;8,tail\n".utf8)
        var batch = RecordBatch(file: "feed.csv", pathCount: 3)
        records[0].withView { batch.append($0) }
        row.withUnsafeBufferPointer { bytes in
            let values = [
                RawValue(bytes: UnsafeBufferPointer(rebasing: bytes[2..<5]), column: 3),
                RawValue(bytes: UnsafeBufferPointer(rebasing: bytes[6..<6]), column: 7),
                RawValue(bytes: UnsafeBufferPointer(rebasing: bytes[7..<16]), column: 8),
            ]
            let starts: [Int32] = [0, 1, 2, 3]
            values.withUnsafeBufferPointer { values in
                starts.withUnsafeBufferPointer { starts in
                    withUnsafePointer(to: "feed.csv") { file in
                        batch.append(
                            RawRecordView(
                                file: file, line: 4, column: 1, values: values, pathStarts: starts,
                                extent: UnsafeBufferPointer(rebasing: bytes[2...])))
                    }
                }
            }
        }
        records[1].withView { batch.append($0) }
        var scratch: [RawValue] = []
        var copies: [RawRecord] = []
        batch.forEach(scratch: &scratch) { copies.append($0.record) }
        #expect(copies.count == 3)
        #expect(copies[0].values == records[0].values && copies[0].columns == records[0].columns)
        #expect(copies[1].values == [["A-1"], [""], ["Mérida;8"]])
        #expect(copies[1].columns == [3, 7, 8])
        #expect(copies[1].location == SourceLocation(file: "feed.csv", line: 4, column: 1))
        #expect(copies[2].values == records[1].values && copies[2].columns == records[1].columns)
    }

    /// Rows of a few values and of more than the 64 whose places are worked out on the stack come back alike,
    /// whether the reader says each path has one value or the batch counts.
    @Test(arguments: [3, 64, 65, 120], [false, true])
    func aRowOfManyValuesCopiedByItsExtentComesBackWhole(width: Int, saysOneValuePerPath: Bool) {
        let row = Array((0..<width).map { "v\($0)" }.joined(separator: ",").utf8)
        var batch = RecordBatch(file: "feed.csv", pathCount: width)
        row.withUnsafeBufferPointer { bytes in
            var values: [RawValue] = []
            var start = 0
            for _ in 0..<width {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: ",")) ?? bytes.count
                values.append(
                    RawValue(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]), column: Int32(start + 1)))
                start = end + 1
            }
            let starts = (0...width).map(Int32.init)
            values.withUnsafeBufferPointer { values in
                starts.withUnsafeBufferPointer { starts in
                    withUnsafePointer(to: "feed.csv") { file in
                        batch.append(
                            RawRecordView(
                                file: file, line: 2, column: 1, values: values, pathStarts: starts, extent: bytes,
                                oneValuePerPath: saysOneValuePerPath))
                    }
                }
            }
        }
        var scratch: [RawValue] = []
        var copies: [RawRecord] = []
        batch.forEach(scratch: &scratch) { copies.append($0.record) }
        let expected: [[String]] = (0..<width).map { ["v\($0)"] }
        let lastColumn = row.count - "v\(width - 1)".utf8.count + 1
        #expect(copies.map(\.values) == [expected])
        #expect(copies.first?.columns.last == lastColumn)
    }

    /// Bytes that stay in place while the object lives, and a count of the objects let go of.
    final class OwnedBytes: RecordBytesOwner, @unchecked Sendable {
        nonisolated(unsafe) static var released = 0
        let bytes: UnsafeMutableBufferPointer<UInt8>

        init(_ text: String) {
            bytes = .allocate(capacity: text.utf8.count)
            _ = bytes.initialize(from: text.utf8)
        }

        deinit {
            bytes.deallocate()
            Self.released += 1
        }
    }

    /// A row whose view names the owner of its bytes is not copied: the batch keeps the owner until it is emptied,
    /// and hands it over to be let go of; rows copied and rows borrowed come back alike, in order.
    @Test func aRowThatBorrowsItsBytesKeepsTheirOwnerUntilTheBatchIsEmptied() {
        OwnedBytes.released = 0
        var batch = RecordBatch(file: "feed.csv", pathCount: 2, byteLimit: 20)
        func append(_ owner: OwnedBytes, borrowing: Bool) {
            let bytes = UnsafeBufferPointer(owner.bytes)
            let comma = bytes.firstIndex(of: UInt8(ascii: ",")) ?? 0
            let values = [
                RawValue(bytes: UnsafeBufferPointer(rebasing: bytes[..<comma]), column: 1),
                RawValue(bytes: UnsafeBufferPointer(rebasing: bytes[(comma + 1)...]), column: Int32(comma + 2)),
            ]
            let starts: [Int32] = [0, 1, 2]
            values.withUnsafeBufferPointer { values in
                starts.withUnsafeBufferPointer { starts in
                    withUnsafePointer(to: "feed.csv") { file in
                        batch.append(
                            RawRecordView(
                                file: file, line: batch.count + 2, column: 1, values: values, pathStarts: starts,
                                extent: bytes, extentOwner: borrowing ? Unmanaged.passUnretained(owner) : nil,
                                oneValuePerPath: true))
                    }
                }
            }
        }
        append(OwnedBytes("A-1,Cork"), borrowing: true)
        append(OwnedBytes("A-2,Medellín"), borrowing: false)
        let shared = OwnedBytes("A-3,北京")
        append(shared, borrowing: true)
        append(shared, borrowing: true)
        #expect(OwnedBytes.released == 1, "the copied row's bytes are let go of; the borrowed ones are kept")
        #expect(batch.isFull && batch.byteCount == 8 + 13 + 10 + 10)
        var scratch: [RawValue] = []
        var copies: [RawRecord] = []
        batch.forEach(scratch: &scratch) { copies.append($0.record) }
        #expect(
            copies.map(\.values) == [
                [["A-1"], ["Cork"]], [["A-2"], ["Medellín"]], [["A-3"], ["北京"]], [["A-3"], ["北京"]],
            ])
        #expect(copies.map(\.columns) == [[1, 5], [1, 5], [1, 5], [1, 5]])
        #expect(copies.map(\.location.line) == [2, 3, 4, 5])
        var released: [RecordBytesOwner] = []
        batch.removeAll(handingOwnersTo: &released)
        #expect(released.count == 2, "each owner once")
        #expect(batch.count == 0 && batch.byteCount == 0 && !batch.isFull)
        released.removeAll()
        #expect(OwnedBytes.released == 2, "the batch's owner let go of; the test still holds the shared one")
        _ = shared
    }
}
