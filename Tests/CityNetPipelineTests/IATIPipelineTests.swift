import CityNetModel
import CityNetPipeline
import CityNetTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `Pipelines/iati-sdg.yml` on the sample and on real IATI files, checked against a separate counting pass: a DOM
/// built by Foundation's XMLDocument and walked here, independent of citynet's streaming reader and mapping.
struct IATIPipelineTests {
    let root = TestPaths.packageRoot()

    struct Activity {
        var regions: Set<String>
        var goals: Set<String>
        var organisation: String?
        var budget: Double
        var year: Int?
    }

    /// The activities of a file, read the simple way.
    func activities(in url: URL) throws -> [Activity] {
        let document = try XMLDocument(contentsOf: url, options: [])
        let catalog = CountryCatalog.builtin
        return try document.nodes(forXPath: "/iati-activities/iati-activity").map { node in
            func values(_ path: String) throws -> [String] {
                try node.nodes(forXPath: path).compactMap {
                    $0.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                .filter { !$0.isEmpty }
            }
            var regions = Set<String>()
            for code in try values("recipient-country/@code") {
                let region = catalog.resolve(code).flatMap { catalog[$0].region?.name } ?? "Unknown"
                regions.insert(region)
            }
            var goals = Set<String>()
            for code in try values("tag[@vocabulary='2']/@code") + values("sector[@vocabulary='7']/@code") {
                goals.insert(code)
            }
            for code in try values("tag[@vocabulary='3']/@code") + values("sector[@vocabulary='8']/@code") {
                goals.insert(String(code.prefix { $0 != "." }))
            }
            let budget = try values("budget/value").compactMap(Double.init).reduce(0, +)
            let dates = try values("activity-date[@type='2']/@iso-date") + values("activity-date[@type='1']/@iso-date")
            return Activity(
                regions: regions.isEmpty ? ["Unknown"] : regions, goals: goals.isEmpty ? ["Unknown"] : goals,
                organisation: try values("reporting-org/@ref").first, budget: budget,
                year: dates.first.flatMap { Int($0.prefix(4)) }
            )
        }
    }

    /// `region,sdg,activities,organisations,budget` rows, as the pipeline writes them.
    func expectedRows(_ activities: [Activity]) -> [String] {
        var groups: [String: (count: Int, organisations: Set<String>, budget: Double)] = [:]
        for activity in activities {
            for region in activity.regions {
                for goal in activity.goals {
                    let key = "\(region)|\(goal)"
                    var group = groups[key] ?? (0, [], 0)
                    group.count += 1
                    if let organisation = activity.organisation { group.organisations.insert(organisation) }
                    group.budget += activity.budget
                    groups[key] = group
                }
            }
        }
        let regionOrder = Region.allCases.map(\.name) + ["Unknown"]
        return groups.sorted { lhs, rhs in
            let left = lhs.key.split(separator: "|").map(String.init)
            let right = rhs.key.split(separator: "|").map(String.init)
            let leftRegion = regionOrder.firstIndex(of: left[0]) ?? 99
            let rightRegion = regionOrder.firstIndex(of: right[0]) ?? 99
            return (leftRegion, Int(left[1]) ?? 99) < (rightRegion, Int(right[1]) ?? 99)
        }.map { key, group in
            let parts = key.split(separator: "|")
            let region = parts[0].contains(" ") ? "\(parts[0])" : "\(parts[0])"
            return "\(region),\(parts[1]),\(group.count),\(group.organisations.count),\(Cell.format(group.budget))"
        }
    }

    func run(_ file: URL) async throws -> RunReport {
        let output = TestPaths.temporaryFolder("iati")
        let spec = try PipelineLoader().load(
            path: root.appendingPathComponent("Pipelines/iati-sdg.yml").path, displayPath: "Pipelines/iati-sdg.yml",
            overrides: [("file", file.path)])
        return try await PipelineRunner(spec: spec, options: RunOptions(root: root, outputRoot: output)).run()
    }

    func check(_ file: URL) async throws {
        let report = try await run(file)
        defer { try? FileManager.default.removeItem(at: report.outputFolder.deletingLastPathComponent()) }
        let activities = try activities(in: file)
        let source = try #require(report.sources.first)
        #expect(source.statistics.read == activities.count, "\(file.lastPathComponent)")
        #expect(source.statistics.rejected == 0, "\(file.lastPathComponent): \(report.rejects.map(\.reason))")
        let table = try String(
            contentsOf: report.outputFolder.appendingPathComponent("activities_by_region_sdg.csv"), encoding: .utf8)
        let rows = table.split(separator: "\n").dropFirst().map(String.init)
        #expect(rows == expectedRows(activities), "\(file.lastPathComponent)")
        let years = try String(
            contentsOf: report.outputFolder.appendingPathComponent("activities_by_year.csv"), encoding: .utf8)
        let expectedYears = Dictionary(grouping: activities.compactMap(\.year), by: { $0 }).mapValues(\.count)
            .sorted { $0.key < $1.key }.map { "\($0.key),\($0.value)" }
        let unknownYears = activities.filter { $0.year == nil }.count
        #expect(
            years.split(separator: "\n").dropFirst().map(String.init) == expectedYears
                + (unknownYears > 0 ? ["Unknown,\(unknownYears)"] : []))
    }

    @Test func theSampleMatchesAnIndependentCount() async throws {
        try await check(root.appendingPathComponent("Inputs/iati/sample-activities.xml"))
    }

    @Test(arguments: ["iati/iom_activities_v203.xml", "iati/iati_activity_standard_example_annotated_v203.xml"])
    func realIATIFilesMatchAnIndependentCount(file: String) async throws {
        guard let data = TestPaths.sharedData() else {
            print("skipped: ../shared/data is absent on this machine")
            return
        }
        try await check(data.appendingPathComponent(file))
    }

    @Test(arguments: ["globalfund_v1.xml", "undp_sample_v1.xml", "worked-example_v1.xml", "worldbank_v1.xml"])
    func legacyIATIFilesAreReadWhole(file: String) async throws {
        guard let data = TestPaths.sharedData() else {
            print("skipped: ../shared/data is absent on this machine")
            return
        }
        let url = data.appendingPathComponent("iati/legacy-v1/\(file)")
        let report = try await run(url)
        defer { try? FileManager.default.removeItem(at: report.outputFolder.deletingLastPathComponent()) }
        let activities = try XMLDocument(contentsOf: url, options: []).nodes(forXPath: "//iati-activity").count
        let source = try #require(report.sources.first)
        #expect(activities > 0)
        #expect(source.statistics.read == activities)
        #expect(source.statistics.read == source.statistics.accepted + source.statistics.rejected)
    }

    @Test func theSampleGivesTheFiguresOfItsHandWrittenOracle() async throws {
        let report = try await run(root.appendingPathComponent("Inputs/iati/sample-activities.xml"))
        defer { try? FileManager.default.removeItem(at: report.outputFolder.deletingLastPathComponent()) }
        let table = try String(
            contentsOf: report.outputFolder.appendingPathComponent("activities_by_region_sdg.csv"), encoding: .utf8)
        #expect(table.contains("Africa,4,3,3,3550000\n"))
        #expect(table.contains("Latin America and the Caribbean,Unknown,1,1,350000\n"))
        #expect(table.contains("Unknown,10,1,1,800000\n"))
    }
}
