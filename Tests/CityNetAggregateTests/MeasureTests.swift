import CityNetAggregate
import CityNetModel
import CityNetTestSupport
import Testing

/// A hand-computed fixture per measure and per option, on the sample dataset of ``AggregateEngineTests``:
/// initiatives (Aswan EG 2019, SDGs 4 and 11, 100 beneficiaries), (Cork IE 2019, SDG 4, 50), (Cork IE 2018,
/// SDG 11, none), (Espoo FI 2019, SDGs 4 and 8, 25).
struct MeasureTests {
    let dataset = sampleDataset()

    func run(
        _ source: String, where filter: String? = nil, by dimensions: [Dimension], _ measures: [(String, Measure)],
        top: TopSpec? = nil, sort: [SortKey] = [], totals: Bool = false, pivot: String? = nil, complete: Bool = false
    ) throws -> Table {
        let spec = AggregateSpec(
            name: "t", source: source, filter: try filter.map(PredicateParser.parse),
            groupBy: dimensions.map { GroupingSpec(name: $0.rawValue, dimension: $0) },
            measures: measures.map { MeasureSpec(name: $0.0, measure: $0.1) }, top: top, sort: sort, totals: totals,
            pivot: pivot, complete: complete
        )
        return AggregateEngine.run(spec, on: dataset)
    }

    func texts(_ table: Table) -> [String] {
        [table.columns.map(\.name).joined(separator: ",")]
            + table.rows.map { $0.map(\.description).joined(separator: ",") }
    }

    @Test func meanMedianMinimumMaximum() throws {
        let table = try run(
            "initiatives", by: [.sdg],
            [
                ("mean", .mean(.beneficiaries)), ("median", .median(.beneficiaries)), ("min", .minimum(.beneficiaries)),
                ("max", .maximum(.beneficiaries)),
            ])
        #expect(
            texts(table) == ["sdg,mean,median,min,max", "4,58.3333,50,25,100", "8,25,25,25,25", "11,100,100,100,100"])
        #expect(table.columns.map(\.kind) == [.dimension(.sdg), .decimal, .decimal, .integer, .integer])
    }

    @Test func medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() throws {
        let table = try run(
            "initiatives", where: "sdg == 4 and beneficiaries < 100", by: [], [("median", .median(.beneficiaries))])
        #expect(texts(table) == ["median", "37.5"])
    }

    @Test func sharesOfTheColumnAndWithinAGroup() throws {
        let table = try run("initiatives", by: [.sdg], [("n", .count), ("share", .share(of: "n", within: nil))])
        #expect(texts(table) == ["sdg,n,share", "4,3,50", "8,1,16.6667", "11,2,33.3333"])
        let within = try run(
            "initiatives", by: [.region, .sdg], [("n", .count), ("share", .share(of: "n", within: .region))])
        #expect(
            texts(within) == [
                "region,sdg,n,share", "Arab States,4,1,50", "Arab States,11,1,50", "Europe and North America,4,2,50",
                "Europe and North America,8,1,25", "Europe and North America,11,1,25",
            ])
    }

    @Test func changesAgainstThePreviousYear() throws {
        let table = try run(
            "members", where: "joined <= 2019", by: [.year],
            [
                ("new", .count), ("change", .change(of: "new", percent: false)),
                ("percent", .change(of: "new", percent: true)),
            ])
        #expect(
            texts(table) == [
                "year,new,change,percent", "2015,1,,", "2016,2,1,100", "2017,0,-2,-100", "2018,0,0,", "2019,2,2,",
            ])
        #expect(table.columns.map(\.kind) == [.dimension(.year), .count, .integer, .percent])
    }

    @Test func ranksShareTiedPlaces() throws {
        let table = try run("members", by: [.region], [("n", .count), ("rank", .rank(of: "n"))])
        #expect(
            texts(table) == [
                "region,n,rank", "Arab States,2,1", "Asia and the Pacific,1,3", "Europe and North America,2,1",
                "Latin America and the Caribbean,1,3",
            ])
    }

    @Test func topFoldsTheRestIntoAnExactOtherRow() throws {
        let table = try run(
            "initiatives", by: [.sdg], [("n", .count), ("people", .sum(.beneficiaries))],
            top: TopSpec(count: 1, measure: "n", other: true))
        // Other holds Aswan (SDG 11), Cork 2018 (SDG 11) and Espoo (SDG 8), each counted once.
        #expect(texts(table) == ["sdg,n,people", "4,3,175", "Other,3,125"])
        let dropped = try run(
            "initiatives", by: [.sdg], [("n", .count)], top: TopSpec(count: 2, measure: "n", other: false))
        #expect(texts(dropped) == ["sdg,n", "4,3", "11,2"])
    }

    @Test func sortByAMeasureWithAStableTieBreak() throws {
        let table = try run(
            "members", by: [.region], [("n", .count)], sort: [SortKey(column: "n", descending: true)], totals: true)
        #expect(
            texts(table) == [
                "region,n", "Arab States,2", "Europe and North America,2", "Asia and the Pacific,1",
                "Latin America and the Caribbean,1", "Total,6",
            ])
    }

    @Test func totalsCountEachRecordOnce() throws {
        let table = try run(
            "initiatives", by: [.sdg],
            [("n", .count), ("people", .sum(.beneficiaries)), ("share", .share(of: "n", within: nil))],
            totals: true)
        #expect(texts(table).last == "Total,4,175,100")
    }

    @Test func pivotTurnsADimensionIntoColumns() throws {
        let table = try run("initiatives", by: [.region, .sdg], [("n", .count)], pivot: "sdg")
        #expect(texts(table) == ["region,4,8,11", "Arab States,1,0,1", "Europe and North America,2,1,1"])
        let two = try run(
            "initiatives", by: [.region, .sdg], [("n", .count), ("mean", .mean(.beneficiaries))], pivot: "region")
        #expect(
            texts(two).first
                == "sdg,Arab States n,Arab States mean,Europe and North America n,Europe and North America mean")
        #expect(texts(two).dropFirst().first == "4,1,100,2,37.5")
        #expect(texts(two).last == "11,1,100,1,")
    }

    @Test func completeFillsEveryCombination() throws {
        let table = try run("initiatives", where: "year == 2019", by: [.region], [("n", .count)], complete: true)
        #expect(
            texts(table) == [
                "region,n", "Africa,0", "Arab States,1", "Asia and the Pacific,0", "Europe and North America,2",
                "Latin America and the Caribbean,0",
            ])
        let grid = try run("initiatives", by: [.region, .sdg], [("n", .count)], complete: true)
        #expect(grid.rows.count == 5 * 17)
    }

    @Test func membersAtYearEndFollowJoinsAndDepartures() throws {
        var dataset = Dataset(countries: .builtin, themes: ThemeVocabulary())
        let ireland = CountryCatalog.builtin.resolve("IE") ?? CountryID(0)
        let network = dataset.symbols.intern("GNLC")
        let rows: [(String, Int, Int?, MembershipStatus)] = [
            ("Cork", 2015, nil, .active), ("Dublin", 2016, 2018, .withdrawn), ("Galway", 2018, nil, .active),
            ("Limerick", 2016, nil, .withdrawn),
        ]
        dataset.sources["members"] = .memberships(
            rows.map { name, joined, left, status in
                Membership(
                    city: dataset.cities.register(name: name, country: ireland), country: ireland, network: network,
                    joined: joined, left: left, status: status)
            })
        let spec = AggregateSpec(
            name: "t", source: "members", groupBy: [GroupingSpec(name: "year", dimension: .year)],
            measures: [
                MeasureSpec(name: "new", measure: .count),
                MeasureSpec(name: "cumulative", measure: .runningTotal(of: "new")),
                MeasureSpec(name: "members", measure: .membersAtYearEnd),
            ])
        let table = AggregateEngine.run(spec, on: dataset)
        // Limerick left at an unknown time, so it is in no year-end count; Dublin left in 2018.
        #expect(
            texts(table) == ["year,new,cumulative,members", "2015,1,1,1", "2016,2,3,2", "2017,0,3,2", "2018,1,4,2"])
    }
}

/// Properties that hold for any dataset and spec.
struct AggregateProperties {
    static func randomDataset(seed: UInt64) -> (Dataset, Int) {
        var generator = SplitMix(state: seed)
        var dataset = Dataset(countries: .builtin, themes: ThemeVocabulary())
        let codes = ["IE", "FI", "CO", "EG", "CN", "KR", "NG", "MX", "JO", "DE"]
        let countries = codes.compactMap { CountryCatalog.builtin.resolve($0) }
        let count = Int.random(in: 0...300, using: &generator)
        var table = InitiativeTable()
        for index in 0..<count {
            var sdgs = SDGGoalSet()
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                if let goal = SDGGoal(Int.random(in: 1...17, using: &generator)) { sdgs.insert(goal) }
            }
            let country = countries.randomElement(using: &generator) ?? CountryID(0)
            let hasCountry = Int.random(in: 0..<10, using: &generator) > 0
            let city = dataset.cities.register(
                name: "City \(Int.random(in: 0..<25, using: &generator))", country: country)
            table.append(
                Initiative(
                    id: dataset.identifiers.intern("I\(index)"), city: hasCountry ? city : nil,
                    countries: hasCountry ? [country] : [],
                    year: Bool.random(using: &generator) ? Int.random(in: 2015...2024, using: &generator) : nil,
                    title: dataset.symbols.intern(""), sdgs: sdgs,
                    beneficiaries: Bool.random(using: &generator) ? Int.random(in: 0...1000, using: &generator) : nil))
        }
        dataset.sources["initiatives"] = .initiatives(table)
        return (dataset, count)
    }

    func spec(_ dimensions: [Dimension], _ measures: [(String, Measure)], totals: Bool = false) -> AggregateSpec {
        AggregateSpec(
            name: "t", source: "initiatives",
            groupBy: dimensions.map { GroupingSpec(name: $0.rawValue, dimension: $0) },
            measures: measures.map { MeasureSpec(name: $0.0, measure: $0.1) }, totals: totals)
    }

    @Test(arguments: 1...25)
    func groupCountsAddUpAsDocumented(seed: Int) {
        let (dataset, count) = Self.randomDataset(seed: UInt64(seed))
        let single = AggregateEngine.run(spec([.region], [("n", .count)], totals: true), on: dataset)
        let groupSum = single.rows.dropLast().compactMap { $0[1].number }.reduce(0, +)
        #expect(Int(groupSum) == count, "a single-valued dimension's groups add up to the records")
        #expect(single.rows.last?[1] == .integer(count))

        let multi = AggregateEngine.run(
            spec([.sdg], [("n", .count), ("share", .share(of: "n", within: nil))], totals: true), on: dataset)
        guard case .initiatives(let records) = dataset.sources["initiatives"] else { return }
        let expected = records.reduce(0) { $0 + max($1.sdgs.map(\.number).count, 1) }
        #expect(Int(multi.rows.dropLast().compactMap { $0[1].number }.reduce(0, +)) == expected, "once per value")
        #expect(multi.rows.last?[1] == .integer(count), "once in the total")
        if count > 0 {
            let shares = multi.rows.dropLast().compactMap { $0[2].number }.reduce(0, +)
            #expect(abs(shares - 100) < 1e-9, "shares add up to 100")
        }
    }

    @Test(arguments: 1...25)
    func runningTotalsAreMonotone(seed: Int) {
        let (dataset, _) = Self.randomDataset(seed: UInt64(seed))
        let table = AggregateEngine.run(
            spec([.region, .year], [("n", .count), ("total", .runningTotal(of: "n"))]), on: dataset)
        var last: [Cell: Double] = [:]
        for row in table.rows where row[1] != .text("Unknown") {
            let value = row[3].number ?? 0
            #expect(value >= (last[row[0]] ?? 0))
            last[row[0]] = value
        }
    }
}
