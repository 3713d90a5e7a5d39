import CityNetIngest
import CityNetModel
import CityNetPipeline
import CityNetStore
import CityNetTestSupport
import Foundation
import Testing

/// What the bad-input tests do with a copy of the project: load and run its GNLC pipeline in process.
extension ProjectCopy {
    func load() throws -> PipelineSpec {
        try PipelineLoader().load(
            path: root.appendingPathComponent("Pipelines/gnlc-annual.yml").path,
            displayPath: "Pipelines/gnlc-annual.yml")
    }

    func run() async throws -> RunReport {
        try await PipelineRunner(spec: try load(), options: RunOptions(root: root)).run()
    }

    var outputFolder: URL { root.appendingPathComponent("Outputs/gnlc/2019") }
}

struct BadInputTests {
    @Test func anUnknownCountryIsRejectedWithItsLineAndTheRunSucceeds() async throws {
        let sandbox = try ProjectCopy("sandbox")
        defer { sandbox.remove() }
        try sandbox.edit("Inputs/gnlc/members.csv") {
            $0.replacingOccurrences(of: "Ibadan,NGA,", with: "Ibadan,Nigeriaa,")
        }
        let report = try await sandbox.run()
        #expect(report.rejects.count == 1)
        let rejects = try String(
            contentsOf: sandbox.outputFolder.appendingPathComponent("rejects.csv"), encoding: .utf8)
        #expect(
            rejects == """
                source,file,line,column,field,value,rule,reason,suggestion
                members,Inputs/gnlc/members.csv,3,8,country,Nigeriaa,reference,unknown country 'Nigeriaa' (did you mean Nigeria?),Nigeria

                """)
        let members = try #require(report.sources.first { $0.name == "members" })
        #expect(
            members.statistics.read == 210 && members.statistics.accepted == 209 && members.statistics.rejected == 1)
    }

    @Test func malformedXMLFailsWithItsPositionAndLeavesEarlierOutputsUntouched() async throws {
        let sandbox = try ProjectCopy("sandbox")
        defer { sandbox.remove() }
        _ = try await sandbox.run()
        let before = try ProjectCopy.snapshot(of: sandbox.outputFolder)
        try sandbox.edit("Inputs/gnlc/initiatives.xml") { text in
            text.replacingOccurrences(
                of: "<title>Limerick Lifelong Learning Festival</title>",
                with: "<title>Limerick Lifelong Learning Festival</titel>")
        }
        await #expect {
            try await sandbox.run()
        } throws: { error in
            guard let error = error as? IngestError, case .malformedXML(let location, let message) = error else {
                return false
            }
            return location.file == "Inputs/gnlc/initiatives.xml" && location.line == 16 && location.column == 53
                && message.contains("Opening and ending tag mismatch") && error.exitStatus == .dataError
        }
        #expect(try ProjectCopy.snapshot(of: sandbox.outputFolder) == before)
    }

    @Test func aMissingInputFileNamesThePath() async throws {
        let sandbox = try ProjectCopy("sandbox")
        defer { sandbox.remove() }
        try FileManager.default.removeItem(at: sandbox.root.appendingPathComponent("Inputs/gnlc/laureates.csv"))
        await #expect {
            try await sandbox.run()
        } throws: { error in
            (error as? IngestError)?.diagnostic.description
                == "Inputs/gnlc/laureates.csv: error: input file not found: Inputs/gnlc/laureates.csv"
                && (error as? IngestError)?.exitStatus == .inputMissing
        }
    }

    @Test func aRejectRateAboveTheLimitFailsAndWritesNothing() async throws {
        let sandbox = try ProjectCopy("sandbox")
        defer { sandbox.remove() }
        _ = try await sandbox.run()
        let before = try ProjectCopy.snapshot(of: sandbox.outputFolder)
        try sandbox.edit("Inputs/gnlc/members.csv") { text in
            text.replacingOccurrences(of: ",Germany,", with: ",Germanyy,").replacingOccurrences(
                of: ",China,", with: ",Chinaa,"
            )
            .replacingOccurrences(of: ",Republic of Korea,", with: ",Koreaa,")
        }
        await #expect {
            try await sandbox.run()
        } throws: { error in
            guard let error = error as? PipelineError, case .rejectRateExceeded(let source, _, let read, _, _) = error
            else { return false }
            return source == "members" && read == 210 && error.exitStatus == .dataError
        }
        #expect(try ProjectCopy.snapshot(of: sandbox.outputFolder) == before)
        let history = try String(contentsOf: sandbox.outputFolder.appendingPathComponent("runs.jsonl"), encoding: .utf8)
        let last = try #require(history.split(separator: "\n").last)
        #expect(last.contains("\"outcome\":\"failed\"") && last.contains("\"exit_code\":65"))
    }
}

/// Runs a pipeline that reads `bytes` as `initiatives.csv` in `root` (columns id, city, country, year), loading a
/// SQLite database `citynet.sqlite` when `database` is set.
func runInitiatives(_ bytes: [UInt8], in root: URL, database: Bool = false) async throws -> RunReport {
    try Data(bytes).write(to: root.appendingPathComponent("initiatives.csv"))
    let yaml = """
        pipeline: initiatives
        output: out
        reference: { countries: builtin }
        sources:
          initiatives:
            format: csv
            path: initiatives.csv
            entity: initiative
            fields: { id: id, city: city, country: country, year: year }
        \(database ? "database: { path: citynet.sqlite }" : "")
        outputs: []

        """
    try Data(yaml.utf8).write(to: root.appendingPathComponent("initiatives.yml"))
    let spec = try PipelineLoader().load(
        path: root.appendingPathComponent("initiatives.yml").path, displayPath: "initiatives.yml")
    return try await PipelineRunner(spec: spec, options: RunOptions(root: root)).run()
}

/// A CSV file that is UTF-8 in its first 64 KiB is read as UTF-8 at once and checked as it goes; a Windows-1252
/// byte further on makes the runner read it again from the start, exactly as if the whole file had been checked
/// first: one warning at the byte, which reads as Windows-1252 while the valid UTF-8 before it (`Zürich`) stays
/// as it is, nothing left from the first reading.
struct LateEncodingFallbackTests {
    @Test func aWindows1252ByteAfterTheFirst64KiBReadsTheFileAgainAsWindows1252() async throws {
        let root = TestPaths.temporaryFolder("late-encoding")
        defer { try? FileManager.default.removeItem(at: root) }
        var bytes = Array("id,city,country,year\nI-1,Z\u{FC}rich,CH,2020\n".utf8)
        for row in 2...5_000 { bytes += Array("I-\(row),Town \(row % 50),KE,2021\n".utf8) }
        bytes += Array("I-5001,M".utf8) + [0xE9] + Array("rida,MX,2022\n".utf8)
        let report = try await runInitiatives(bytes, in: root, database: true)
        let source = try #require(report.sources.first)
        #expect(source.statistics.read == 5_001 && source.statistics.accepted == 5_001)
        #expect(source.dialect?.encoding.encoding == .windows1252)
        #expect(
            source.warnings.map(\.description) == [
                "initiatives.csv:5002:9: warning: not valid UTF-8 (byte 0xE9); read as Windows-1252, like any other byte that breaks UTF-8; the rest is UTF-8"
            ])
        let file = try FileFingerprint.compute(
            path: root.appendingPathComponent("initiatives.csv").path, displayPath: "initiatives.csv")
        #expect(source.bytes == bytes.count && source.sha256 == file.sha256)
        let store = try SQLiteStore(path: report.outputFolder.appendingPathComponent("citynet.sqlite").path)
        let names = try store.query(SQLStatement("SELECT name FROM cities WHERE name NOT LIKE 'Town %' ORDER BY name"))
        #expect(names == [[.text("M\u{E9}rida")], [.text("Z\u{FC}rich")]])
    }

    /// Rows added in a Ukrainian or Bulgarian Excel's code page after 64 KiB of ASCII: a few Cyrillic words
    /// among much ASCII, which uchardet takes for Windows-1252, are known by their case.
    @Test func cyrillicRowsAfterTheFirst64KiBReadTheFileAgainAsWindows1251() async throws {
        let root = TestPaths.temporaryFolder("late-cyrillic")
        defer { try? FileManager.default.removeItem(at: root) }
        var bytes = Array("id,city,country,year\n".utf8)
        for row in 1...5_000 { bytes += Array("I-\(row),Town \(row % 50),KE,2021\n".utf8) }
        // `I-5001,Київ,UA,2020`, `I-5002,Львів,UA,2021` and `I-5003,София,BG,2021` in Windows-1251.
        bytes += Array("I-5001,".utf8) + [0xCA, 0xE8, 0xBF, 0xE2] + Array(",UA,2020\nI-5002,".utf8)
        bytes += [0xCB, 0xFC, 0xE2, 0xB3, 0xE2] + Array(",UA,2021\nI-5003,".utf8)
        bytes += [0xD1, 0xEE, 0xF4, 0xE8, 0xFF] + Array(",BG,2021\n".utf8)
        let report = try await runInitiatives(bytes, in: root, database: true)
        let source = try #require(report.sources.first)
        #expect(source.statistics.read == 5_003 && source.statistics.accepted == 5_003)
        #expect(source.dialect?.encoding.encoding == .windows1251)
        #expect(
            source.warnings.map(\.description) == [
                "initiatives.csv:5002:8: warning: not valid UTF-8 (byte 0xCA); read as Cyrillic (Windows-1251)"
            ])
        let store = try SQLiteStore(path: report.outputFolder.appendingPathComponent("citynet.sqlite").path)
        let names = try store.query(SQLStatement("SELECT name FROM cities WHERE name NOT LIKE 'Town %' ORDER BY name"))
        #expect(names == [[.text("Київ")], [.text("Львів")], [.text("София")]])
    }
}

/// A CSV source's size and SHA-256 in the manifest come from the bytes its reader read, and are the file's.
struct ReadFingerprintTests {
    static let header = "id,city,country,year\n"

    static func rows(_ count: Int) -> String {
        (1...count).map { "I-\($0),Town \($0 % 40),KE,2021\n" }.joined()
    }

    /// A file of several read chunks, a UTF-16 one (read through a transcoder) and one with no rows.
    static let files: [(String, [UInt8])] = [
        ("utf8-several-chunks", Array((header + rows(60_000)).utf8)),
        ("utf16", [0xFF, 0xFE] + (header + rows(50)).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
        ("header-only", Array(header.utf8)),
    ]

    @Test(arguments: files)
    func theManifestHasTheFilesSHA256(name: String, bytes: [UInt8]) async throws {
        let root = TestPaths.temporaryFolder("fingerprint-\(name)")
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try await runInitiatives(bytes, in: root)
        let source = try #require(report.sources.first)
        let file = try FileFingerprint.compute(
            path: root.appendingPathComponent("initiatives.csv").path, displayPath: "initiatives.csv")
        #expect(source.bytes == bytes.count)
        #expect(source.sha256 == file.sha256)
        #expect(source.statistics.rejected == 0)
    }
}
