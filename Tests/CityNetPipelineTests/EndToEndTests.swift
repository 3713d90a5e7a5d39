import CityNetIngest
import CityNetModel
import CityNetPipeline
import CityNetTestSupport
import Foundation
import Testing

/// Runs the pipelines shipped in `Pipelines/` and compares every file they write with golden files.
struct EndToEndTests {
    let root = TestPaths.packageRoot()

    func run(
        _ pipeline: String, into outputRoot: URL, parameters: [(name: String, value: String)] = [], force: Bool = false
    ) async throws -> RunReport {
        let spec = try PipelineLoader().load(
            path: root.appendingPathComponent(pipeline).path, displayPath: pipeline, overrides: parameters
        )
        var options = RunOptions(root: root, outputRoot: outputRoot)
        options.force = force
        return try await PipelineRunner(spec: spec, options: options).run()
    }

    @Test func gnlcAnnualMatchesItsGoldenFilesByteForByte() async throws {
        let output = TestPaths.temporaryFolder("e2e")
        defer { try? FileManager.default.removeItem(at: output) }
        let report = try await run("Pipelines/gnlc-annual.yml", into: output)
        let golden = root.appendingPathComponent("Tests/CityNetPipelineTests/Golden/gnlc-annual")
        let written = report.files.map(\.path).filter { $0 != "manifest.json" }.sorted()
        try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
        let goldenFiles = try FileManager.default.subpathsOfDirectory(atPath: golden.path).filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: golden.appendingPathComponent(path).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        if !Golden.isRecording { #expect(written == goldenFiles.sorted()) }
        #expect(written.contains("report.html") && written.contains("laureates_share_by_year.vl.json"))
        let manifest =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: report.outputFolder.appendingPathComponent("manifest.json"))) as? [String: Any]
        let generatedAt = try #require(manifest?["started_at"] as? String)
        for path in written {
            var bytes = try [UInt8](Data(contentsOf: report.outputFolder.appendingPathComponent(path)))
            if path.hasSuffix(".svg") { #expect(XMLChecker.problem(in: bytes, name: path) == nil, "\(path)") }
            if path == "report.html" {
                // The report says when it was generated; the golden file has a placeholder there.
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(text.contains(generatedAt))
                bytes = Array(text.replacingOccurrences(of: generatedAt, with: "GENERATED-AT").utf8)
            }
            if let difference = Golden.compare(bytes, with: golden.appendingPathComponent(path)) {
                Issue.record(Comment(rawValue: difference))
            }
        }
        #expect(
            FileManager.default.fileExists(atPath: report.outputFolder.appendingPathComponent("manifest.json").path))
        #expect(report.rejects.isEmpty, "the demo feeds hold no bad records")
        for source in report.sources {
            #expect(source.statistics.read == source.statistics.accepted + source.statistics.rejected)
        }
    }

    @Test func aSecondRunWritesTheSameBytesExceptManifestTimings() async throws {
        let output = TestPaths.temporaryFolder("e2e")
        defer { try? FileManager.default.removeItem(at: output) }
        let first = try await run("Pipelines/gnlc-annual.yml", into: output)
        let firstBytes = try first.files.map {
            try Data(contentsOf: first.outputFolder.appendingPathComponent($0.path))
        }
        let second = try await run("Pipelines/gnlc-annual.yml", into: output, force: true)
        let secondBytes = try second.files.map {
            try Data(contentsOf: second.outputFolder.appendingPathComponent($0.path))
        }
        #expect(first.files.map(\.path) == second.files.map(\.path))
        // The report too: its content is the same, so it keeps the generation time of the first run.
        for (index, file) in first.files.enumerated() where file.path != "manifest.json" {
            #expect(firstBytes[index] == secondBytes[index], "\(file.path)")
        }
        let manifests = [firstBytes, secondBytes].compactMap { $0.last }.map { data in
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
            return lines.filter { line in
                !line.contains("\"started_at\"") && !line.contains("\"finished_at\"")
                    && !line.contains("\"duration_ms\"") && !line.contains("\"run_id\"") && !line.contains("\"reason\"")
            }
        }
        #expect(manifests.count == 2 && manifests[0] == manifests[1])
    }

    @Test func theManifestAccountsForEveryRecordAndFile() async throws {
        let output = TestPaths.temporaryFolder("e2e")
        defer { try? FileManager.default.removeItem(at: output) }
        let report = try await run("Pipelines/gnlc-annual.yml", into: output, parameters: [("year", "2024")])
        #expect(report.outputFolder.lastPathComponent == "2024")
        let data = try Data(contentsOf: report.outputFolder.appendingPathComponent("manifest.json"))
        let manifest = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(manifest["pipeline"] as? String == "gnlc-annual")
        #expect((manifest["params"] as? [String: String]) == ["year": "2024"])
        let sources = try #require(manifest["sources"] as? [[String: Any]])
        #expect(sources.map { $0["name"] as? String } == ["members", "initiatives", "laureates"])
        for source in sources {
            let read = source["read"] as? Int ?? -1
            #expect(read == (source["accepted"] as? Int ?? 0) + (source["rejected"] as? Int ?? 0))
            #expect((source["sha256"] as? String)?.count == 64)
        }
        let outputs = try #require(manifest["outputs"] as? [[String: Any]])
        #expect(outputs.count == report.files.count - 1)
        for entry in outputs {
            let path = try #require(entry["path"] as? String)
            let bytes = try Data(contentsOf: report.outputFolder.appendingPathComponent(path))
            #expect(entry["bytes"] as? Int == bytes.count)
        }
    }

    @Test func anAggregateOverAViewEqualsTheSameAggregateWithItsFilter() async throws {
        let output = TestPaths.temporaryFolder("views")
        defer { try? FileManager.default.removeItem(at: output) }
        let text = """
            pipeline: views
            sources:
              members:
                format: csv
                path: Inputs/gnlc/members.csv
                entity: membership
                fields: { city: City, country: Country, joined: Year joined, status: Status }
            views:
              early:
                from: members
                where: joined <= 2016
              early_in_europe:
                from: early
                where: region == 'Europe and North America'
            aggregates:
              through_view:
                from: early_in_europe
                group_by: country
                measures: { cities: count }
              with_filter:
                from: members
                where: joined <= 2016 and region == 'Europe and North America'
                group_by: country
                measures: { cities: count }
            """
        let spec = try PipelineLoader().decode(text, file: "views.yml")
        let report = try await PipelineRunner(spec: spec, options: RunOptions(root: root, outputRoot: output)).run()
        let tables = Dictionary(uniqueKeysWithValues: report.tables.map { ($0.name, $0) })
        let viaView = try #require(tables["through_view"])
        let viaFilter = try #require(tables["with_filter"])
        #expect(viaView.rows == viaFilter.rows)
        #expect(!viaView.rows.isEmpty)
    }

    @Test func everyJSONTableValidatesAgainstItsSchema() async throws {
        let output = TestPaths.temporaryFolder("schemas")
        defer { try? FileManager.default.removeItem(at: output) }
        let report = try await run("Pipelines/gnlc-annual.yml", into: output)
        let tables = report.files.map(\.path).filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }
            .filter { !$0.hasSuffix(".vl.json") && $0 != "manifest.json" && !$0.hasPrefix(".citynet/") }
        #expect(tables.count >= 9)
        for path in tables {
            let folder = report.outputFolder
            let instance = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(path)))
            let schema = try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.appendingPathComponent(path.dropLast(5) + ".schema.json")))
            #expect(JSONSchemaValidator.problems(instance, schema: schema).isEmpty, "\(path)")
            // The schema is strict enough to fail: a count that is text, an extra column.
            var broken = try #require(instance as? [String: Any])
            var rows = try #require(broken["rows"] as? [[String: Any]])
            if var first = rows.first {
                first["unexpected"] = 1
                rows[0] = first
                broken["rows"] = rows
                #expect(!JSONSchemaValidator.problems(broken, schema: schema).isEmpty, "\(path) with an extra column")
            }
        }
    }
}
