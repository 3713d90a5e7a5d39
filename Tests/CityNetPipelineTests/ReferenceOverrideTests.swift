import CityNetModel
import CityNetPipeline
import CityNetTestSupport
import Foundation
import Testing

/// A pipeline extends or overrides the built-in country table from a CSV and maps city variants from another.
struct ReferenceOverrideTests {
    /// Writes `files` into `root` and runs its `p.yml`.
    func run(files: [String: String], in root: URL) async throws -> RunReport {
        for (name, text) in files { try Data(text.utf8).write(to: root.appendingPathComponent(name)) }
        let spec = try PipelineLoader().load(path: root.appendingPathComponent("p.yml").path, displayPath: "p.yml")
        return try await PipelineRunner(spec: spec, options: RunOptions(root: root)).run()
    }

    let pipeline = """
        pipeline: reference
        output: out
        reference:
          countries: countries.csv
          cities: cities.csv
        sources:
          members:
            format: csv
            path: members.csv
            entity: membership
            fields: { city: City, country: Country }
        aggregates:
          by_region:
            from: members
            group_by: region
            measures: { cities: count, distinct_cities: distinct city }
        outputs:
          - aggregate: by_region
            formats: [csv]
        """

    @Test func countriesAndCityAliasesFromFiles() async throws {
        let root = TestPaths.temporaryFolder("reference")
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try await run(
            files: [
                "p.yml": pipeline,
                "countries.csv": "alpha2,name,region,aliases\nXK,Kosovo,EUR,Kosova\nEG,,AFR,Misr\n",
                "cities.csv": "alias,city,country\nSeodaemungu,Seodaemun-gu,KR\nSeodaemengu,Seodaemun-gu,\n",
                "members.csv":
                    "City,Country\nPristina,Kosova\nAswan,Misr\nSeodaemun-gu,KR\nSeodaemungu,Korea\nSEODAEMENGU,KOR\n",
            ], in: root)
        #expect(report.rejects.isEmpty)
        let table = try String(contentsOf: report.outputFolder.appendingPathComponent("by_region.csv"), encoding: .utf8)
        #expect(
            table
                == "region,cities,distinct_cities\nAfrica,1,1\nAsia and the Pacific,3,1\nEurope and North America,1,1\n"
        )
    }

    @Test func aBadReferenceRowNamesItsLine() async throws {
        let root = TestPaths.temporaryFolder("reference")
        defer { try? FileManager.default.removeItem(at: root) }
        await #expect {
            _ = try await run(
                files: [
                    "p.yml": pipeline, "countries.csv": "alpha2,name,region\nXK,Kosovo,Atlantis\n",
                    "cities.csv": "alias,city\n",
                    "members.csv": "City,Country\nCork,IE\n",
                ], in: root)
        } throws: { error in
            (error as? PipelineError)?.diagnostic.description
                == "countries.csv:2:1: error: unknown UNESCO region 'Atlantis' — expected one of Africa, Arab States, "
                + "Asia and the Pacific, Europe and North America, Latin America and the Caribbean"
        }
    }
}
