import CityNetTestSupport
import Foundation
import Testing

/// Runs the built `citynet` binary as a user would and checks its output and exit status.
struct CommandLineTests {
    func citynet(_ arguments: [String], in directory: URL = TestPaths.packageRoot()) throws -> CitynetBinary.Result {
        try CitynetBinary.run(arguments, in: directory)
    }

    @Test func runWritesEveryOutputAndSaysSo() throws {
        let output = TestPaths.temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try citynet(["run", "Pipelines/gnlc-annual.yml", "--output-dir", output.path])
        #expect(result.status == 0)
        #expect(
            result.stderr.hasPrefix(
                "citynet: gnlc-annual: 3 sources read, 336 records: 336 accepted, 0 rejected; 49 files written, 0 unchanged, to \(output.path)/gnlc/2019 in "
            ))
        let folder = output.appendingPathComponent("gnlc/2019")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.contains("manifest.json") && files.contains("rejects.csv") && files.contains("runs.jsonl"))
        #expect(files.contains("report.html") && files.contains("members_by_region_donut.svg"))
        #expect(files.count == 42, "40 files, the runs.jsonl log and the .citynet folder of cached tables")
    }

    @Test func aBadPipelineFileExits78WithItsLocation() throws {
        let folder = TestPaths.temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("pipeline: x\nsources:\n  a:\n    format: cvs\n".utf8).write(
            to: folder.appendingPathComponent("bad.yml"))
        let result = try citynet(["validate", "bad.yml"], in: folder)
        #expect(result.status == 78)
        #expect(
            result.stderr
                == "bad.yml:4:13: error: unknown format 'cvs' (did you mean 'csv'?) — expected one of csv, xml\n")
    }

    @Test func aMissingInputExits66AndMalformedXMLExits65() throws {
        let folder = TestPaths.temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = """
            pipeline: x
            sources:
              items:
                format: xml
                path: items.xml
                entity: initiative
                record: /items/item
                fields: { id: "@id" }
            """
        try Data(pipeline.utf8).write(to: folder.appendingPathComponent("p.yml"))
        let missing = try citynet(["run", "p.yml"], in: folder)
        #expect(missing.status == 66)
        #expect(missing.stderr == "items.xml: error: input file not found: items.xml\n")
        try Data("<items>\n  <item id=\"1\">\n</items>\n".utf8).write(to: folder.appendingPathComponent("items.xml"))
        let malformed = try citynet(["run", "p.yml"], in: folder)
        #expect(malformed.status == 65)
        #expect(
            malformed.stderr.hasPrefix(
                "items.xml:3:9: error: malformed XML: Opening and ending tag mismatch: item line 2 and items"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Outputs/x").path))
    }

    @Test func aMalformedParamIsAUsageError() throws {
        let result = try citynet(["plan", "Pipelines/gnlc-annual.yml", "--param", "year"])
        #expect(result.status == 64)
        #expect(result.stderr == "error: --param expects name=value, not 'year'\n")
    }

    @Test func everyCommandHasHelp() throws {
        for command in ["run", "validate", "plan"] {
            let result = try citynet([command, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE: citynet \(command) "))
            #expect(result.stdout.contains("<pipeline>"))
        }
    }
}
