import CityNetAggregate
import CityNetModel
import CityNetStore
import CityNetTestSupport
import Foundation
import Testing

/// The SQL an aggregate compiles to, run on SQLite, gives the same table as the in-memory engine.
struct SQLEquivalenceTests {
    /// A random dataset with memberships and initiatives, shaped like real feeds: cities sharing names across
    /// countries, several countries per initiative, targets, mapped and unmapped themes, missing values.
    static func dataset(seed: UInt64) throws -> Dataset {
        var generator = SplitMix(state: seed)
        var themes = ThemeVocabulary()
        for name in ["Inclusion", "Literacy", "Health"] { try themes.add(theme: name, synonyms: []) }
        var dataset = Dataset(countries: .builtin, themes: themes)
        let catalog = CountryCatalog.builtin
        let countries = ["IE", "FI", "CO", "EG", "CN", "KR", "NG", "MX", "CL", "JO", "AQ"].compactMap {
            catalog.resolve($0)
        }
        let names = ["Santiago", "Cork", "Espoo", "Aswan", "Seoul", "Lagos", "Medellín", "Łódź"]
        func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &generator)] }
        let network = dataset.symbols.intern("GNLC")
        var memberships: [Membership] = []
        for _ in 0..<Int.random(in: 0...40, using: &generator) {
            let country = pick(countries)
            let city = dataset.cities.register(name: pick(names), country: country)
            dataset.markMember(city)
            let joined = Bool.random(using: &generator) ? Int.random(in: 2015...2024, using: &generator) : nil
            memberships.append(
                Membership(
                    city: city, country: country, network: network, joined: joined,
                    status: Int.random(in: 0..<5, using: &generator) == 0 ? .withdrawn : .active))
        }
        dataset.sources["members"] = .memberships(memberships)
        dataset.readsMemberships = true
        var initiatives = InitiativeTable()
        let organisations = ["A", "B", "C"].map { dataset.symbols.intern($0) }
        for index in 0..<Int.random(in: 0...120, using: &generator) {
            var sdgs = SDGGoalSet()
            var targets = SDGTargetSet()
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                let target = pick(SDGTarget.all)
                if Bool.random(using: &generator) { targets.insert(target) }
                sdgs.insert(target.goal)
            }
            var themeSet = ThemeSet()
            for _ in 0..<Int.random(in: 0...2, using: &generator) {
                if Int.random(in: 0..<4, using: &generator) == 0 {
                    themeSet.insertUnmapped()
                } else {
                    themeSet.insert(ThemeID(index: Int.random(in: 0..<3, using: &generator)))
                }
            }
            var chosen: [CountryID] = []
            for _ in 0..<Int.random(in: 0...2, using: &generator) {
                let country = pick(countries)
                if !chosen.contains(country) { chosen.append(country) }
            }
            let city = chosen.first.flatMap {
                Bool.random(using: &generator) ? dataset.cities.register(name: pick(names), country: $0) : nil
            }
            initiatives.append(
                Initiative(
                    id: dataset.identifiers.intern("I\(index)"), city: city, countries: chosen,
                    year: Int.random(in: 0..<6, using: &generator) == 0
                        ? nil : Int.random(in: 2016...2024, using: &generator),
                    title: dataset.symbols.intern("T"),
                    organisation: Bool.random(using: &generator) ? pick(organisations) : nil,
                    sdgs: sdgs, targets: targets, themes: themeSet,
                    beneficiaries: Bool.random(using: &generator) ? Int.random(in: 0...500, using: &generator) : nil,
                    budget: Bool.random(using: &generator)
                        ? Double(Int.random(in: 0...100_000, using: &generator)) / 4 : nil))
        }
        dataset.sources["initiatives"] = .initiatives(initiatives)
        return dataset
    }

    /// A random aggregate drawn from the grammar SQL supports.
    static func spec(seed: UInt64, source: String) -> AggregateSpec {
        var generator = SplitMix(state: seed &* 31 &+ 7)
        func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &generator)] }
        let isInitiative = source == "initiatives"
        let dimensions: [CityNetModel.Dimension] =
            isInitiative
            ? [.city, .country, .region, .subregion, .organisation, .year, .sdg, .sdgTarget, .theme]
            : [.city, .country, .region, .subregion, .network, .status, .year]
        let fields: [NumericField] = isInitiative ? [.beneficiaries, .budget, .year] : [.year]
        var groupBy: [GroupingSpec] = []
        for _ in 0..<Int.random(in: 0...2, using: &generator) {
            let dimension = pick(dimensions)
            if !groupBy.contains(where: { $0.dimension == dimension }) {
                groupBy.append(GroupingSpec(name: dimension.rawValue, dimension: dimension))
            }
        }
        var measures = [MeasureSpec(name: "n", measure: .count)]
        for index in 0..<Int.random(in: 0...4, using: &generator) {
            let measure: Measure
            switch Int.random(in: 0..<9, using: &generator) {
            case 0: measure = .distinct(pick(dimensions))
            case 1: measure = .sum(pick(fields))
            case 2: measure = .mean(pick(fields))
            case 3: measure = .median(pick(fields))
            case 4: measure = .minimum(pick(fields))
            case 5: measure = .maximum(pick(fields))
            case 6:
                measure = .share(
                    of: "n", within: groupBy.isEmpty || Bool.random(using: &generator) ? nil : groupBy[0].dimension)
            case 7:
                measure = pick([
                    .runningTotal(of: "n"), .change(of: "n", percent: false), .change(of: "n", percent: true),
                ])
            default: measure = .rank(of: "n")
            }
            measures.append(MeasureSpec(name: "m\(index)", measure: measure))
        }
        let filters: [String?] = [
            nil, "year >= 2019", "region == 'Europe and North America' or region == 'Unknown'", "not sdg in [4, 11]",
            "country != 'Ireland' and year < 2022", "theme == 'unmapped'", "city == 'Santiago (Chile)'",
            "beneficiaries > 100",
            "(status == 'active' or joined <= 2018) and region in ['Africa', 'Arab States']",
        ]
        var filter = pick(filters)
        if !isInitiative, let text = filter,
            text.contains("sdg") || text.contains("theme") || text.contains("beneficiaries")
        {
            filter = nil
        }
        if isInitiative, let text = filter, text.contains("status") { filter = nil }
        let pivot = groupBy.count == 2 && Int.random(in: 0..<4, using: &generator) == 0 ? groupBy[1].name : nil
        return AggregateSpec(
            name: "t\(seed)", source: source, filter: try? filter.map(PredicateParser.parse), groupBy: groupBy,
            measures: measures,
            sort: Bool.random(using: &generator)
                ? [SortKey(column: "n", descending: Bool.random(using: &generator))] : [],
            totals: pivot == nil && Bool.random(using: &generator), pivot: pivot,
            complete: groupBy.count == 1 && Int.random(in: 0..<4, using: &generator) == 0)
    }

    /// Whether two tables are equal, decimals compared to 1e-9 relative.
    static func same(_ lhs: Table, _ rhs: Table) -> Bool {
        guard lhs.columns == rhs.columns, lhs.rows.count == rhs.rows.count else { return false }
        for (left, right) in zip(lhs.rows, rhs.rows) {
            for (a, b) in zip(left, right) {
                if case .decimal(let x) = a, case .decimal(let y) = b {
                    if abs(x - y) > 1e-9 * max(1, abs(x), abs(y)) { return false }
                } else if a != b {
                    return false
                }
            }
        }
        return true
    }

    @Test(arguments: 1...30)
    func compiledSQLOnSQLiteMatchesTheInMemoryEngine(seed: Int) throws {
        let dataset = try Self.dataset(seed: UInt64(seed))
        let folder = TestPaths.temporaryFolder("sql")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("citynet.sqlite").path)
        let run = LoadPlan.Run(
            id: "r", version: "test", startedAt: "", finishedAt: "", outcome: "success", params: "{}")
        try store.replace(LoadPlan(pipeline: "p", dataset: dataset, aggregates: [], run: run))
        for source in ["initiatives", "members"] {
            for variant in 0..<4 {
                let spec = Self.spec(seed: UInt64(seed * 10 + variant), source: source)
                let memory = AggregateEngine.run(spec, on: dataset)
                let plan = try SQLAggregatePlan(spec: spec, pipeline: "p", dataset: dataset, dialect: .sqlite)
                let results = try plan.statements.map { statement in
                    do { return try store.query(statement) } catch {
                        Issue.record("\(error)\n\(statement.text)")
                        throw error
                    }
                }
                let sql = plan.table(from: results)
                #expect(
                    Self.same(memory, sql),
                    "seed \(seed), \(source) variant \(variant)\nmemory: \(memory.rows)\nsql:    \(sql.rows)")
            }
        }
    }
}
