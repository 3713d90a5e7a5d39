import CityNetModel
import CityNetPipeline
import CityNetTestSupport
import Foundation
import Testing

/// A deliberately dirty copy of the GNLC feeds (misspelt countries, duplicate ids, SDG 18, a year 1890, cities
/// that are not members, a ragged row…) yields exactly the expected rejects file, and every count reconciles.
struct DirtyFeedTests {
    let root = TestPaths.packageRoot()

    @Test func theDirtyFeedsYieldExactlyTheExpectedRejects() async throws {
        let fixture = root.appendingPathComponent("Tests/CityNetPipelineTests/Fixtures/dirty")
        let output = TestPaths.temporaryFolder("dirty")
        defer { try? FileManager.default.removeItem(at: output) }
        let spec = try PipelineLoader().load(
            path: fixture.appendingPathComponent("dirty.yml").path, displayPath: "dirty.yml")
        let report = try await PipelineRunner(spec: spec, options: RunOptions(root: fixture, outputRoot: output)).run()
        let rejects = try [UInt8](Data(contentsOf: report.outputFolder.appendingPathComponent("rejects.csv")))
        if let difference = Golden.compare(
            rejects, with: root.appendingPathComponent("Tests/CityNetPipelineTests/Golden/dirty/rejects.csv"))
        {
            Issue.record(Comment(rawValue: difference))
        }
        let counts = report.sources.map {
            "\($0.name): \($0.statistics.read) = \($0.statistics.accepted) + \($0.statistics.rejected)"
        }
        #expect(counts == ["members: 9 = 3 + 6", "initiatives: 9 = 1 + 8", "laureates: 4 = 1 + 3"])
        #expect(report.rejects.count == 17)
        #expect(Set(report.rejects.map(\.rule)) == ["reference", "unique", "range", "accepted", "row", "type"])
    }
}
