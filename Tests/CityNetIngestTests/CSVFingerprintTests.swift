import CityNetIngest
import CityNetModel
import CityNetTestSupport
import Foundation
import Testing

/// A CSV reader asked to hash its file gives the file's size and SHA-256 once it has read every record, whatever
/// way it read it, and nothing before.
struct CSVFingerprintTests {
    static let rows = (1...60_000).map { "I-\($0),Town \($0 % 40),\"KE\",2021\n" }.joined()

    /// Several read chunks of UTF-8; UTF-16 (read through a transcoder, its last row cut short); Windows-1252
    /// found after the first 64 KiB (the whole file checked first); a file without rows.
    enum File: String, CaseIterable, Sendable {
        case utf8, utf16, late1252, headerOnly

        var bytes: [UInt8] {
            let header = "id,city,country,year\n"
            switch self {
            case .utf8: return Array((header + rows).utf8)
            case .utf16:
                return [0xFE, 0xFF]
                    + (header + rows.prefix(5_000)).utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            case .late1252:
                return Array((header + rows).utf8) + Array("I-0,M".utf8) + [0xE9] + Array("rida,MX,2022\n".utf8)
            case .headerOnly: return Array(header.utf8)
            }
        }

        /// Whether the reader checks UTF-8 as it reads (a late bad byte then throws and the caller reads again).
        var checksWhileReading: Bool { self != .late1252 }
    }

    @Test(arguments: File.allCases)
    func theFingerprintIsTheFilesOnceEveryRecordIsRead(file: File) throws {
        let folder = TestPaths.temporaryFolder("fingerprint-\(file)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("input.csv")
        let bytes = file.bytes
        try Data(bytes).write(to: url)
        let reader = try CSVReader(
            path: url.path, displayPath: "input.csv", checksEncodingWhileReading: file.checksWhileReading,
            hashesContent: true)
        var (records, rejects) = (0, 0)
        try reader.forEachRecord(
            columns: [0], source: "test", onRecord: { _ in records += 1 }, onReject: { _ in rejects += 1 })
        let expected = try FileFingerprint.compute(path: url.path, displayPath: "input.csv")
        #expect(reader.fingerprint == expected)
        #expect(expected.bytes == Int64(bytes.count))
        #expect(records + rejects == reader.rowsRead)
    }

    @Test func aReaderNotAskedToHashGivesNoFingerprint() throws {
        let folder = TestPaths.temporaryFolder("fingerprint-none")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("input.csv")
        try Data("a,b\n1,2\n".utf8).write(to: url)
        let reader = try CSVReader(path: url.path, displayPath: "input.csv")
        try reader.forEachRecord(columns: [0], source: "test", onRecord: { _ in }, onReject: { _ in })
        #expect(reader.fingerprint == nil)
    }
}
