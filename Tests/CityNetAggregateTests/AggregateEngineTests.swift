import CityNetAggregate
import CityNetModel
import CityNetTestSupport
import Testing

/// A small dataset: memberships in three regions, initiatives with several SDGs each.
func sampleDataset() -> Dataset {
    var dataset = Dataset(countries: .builtin, themes: ThemeVocabulary())
    let countries = CountryCatalog.builtin
    func country(_ code: String) -> CountryID { countries.resolve(code) ?? CountryID(0) }
    let gnlc = dataset.symbols.intern("GNLC")
    let members: [(String, String, Int?, MembershipStatus)] = [
        ("Cork", "IE", 2015, .active), ("Espoo", "FI", 2016, .active), ("Medellín", "CO", 2016, .active),
        ("Aswan", "EG", 2019, .active), ("Chengdu", "CN", 2019, .withdrawn), ("Giza", "EG", nil, .active),
    ]
    dataset.sources["members"] = .memberships(
        members.map { name, code, year, status in
            Membership(
                city: dataset.cities.register(name: name, country: country(code)), country: country(code),
                network: gnlc,
                joined: year, status: status
            )
        })
    func goals(_ numbers: [Int]) -> SDGGoalSet {
        var set = SDGGoalSet()
        for number in numbers { if let goal = SDGGoal(number) { set.insert(goal) } }
        return set
    }
    let initiatives: [(String, String, Int, [Int], Int?)] = [
        ("Aswan", "EG", 2019, [4, 11], 100), ("Cork", "IE", 2019, [4], 50), ("Cork", "IE", 2018, [11], nil),
        ("Espoo", "FI", 2019, [4, 8], 25),
    ]
    dataset.sources["initiatives"] = .initiatives(
        InitiativeTable(
            initiatives.enumerated().map { index, entry in
                let (name, code, year, sdgs, beneficiaries) = entry
                return Initiative(
                    id: dataset.symbols.intern("I\(index)"),
                    city: dataset.cities.register(name: name, country: country(code)),
                    countries: [country(code)], year: year, title: dataset.symbols.intern(""), sdgs: goals(sdgs),
                    beneficiaries: beneficiaries
                )
            }))
    return dataset
}

struct AggregateEngineTests {
    let dataset = sampleDataset()

    func run(_ source: String, where filter: String? = nil, by dimensions: [Dimension], _ measures: [(String, Measure)])
        throws -> Table
    {
        let spec = AggregateSpec(
            name: "t", source: source, filter: try filter.map(PredicateParser.parse),
            groupBy: dimensions.map { GroupingSpec(name: $0.rawValue, dimension: $0) },
            measures: measures.map { MeasureSpec(name: $0.0, measure: $0.1) }
        )
        return AggregateEngine.run(spec, on: dataset)
    }

    @Test func countsByRegionInUNESCOOrderWithUnknownLast() throws {
        let table = try run("members", by: [.region], [("cities", .count), ("countries", .distinct(.country))])
        #expect(table.columns.map(\.name) == ["region", "cities", "countries"])
        #expect(
            table.rows == [
                [.text("Arab States"), .integer(2), .integer(1)],
                [.text("Asia and the Pacific"), .integer(1), .integer(1)],
                [.text("Europe and North America"), .integer(2), .integer(2)],
                [.text("Latin America and the Caribbean"), .integer(1), .integer(1)],
            ])
    }

    @Test func aRecordWithoutAValueGroupsUnderUnknown() throws {
        let table = try run("members", by: [.year], [("cities", .count)])
        #expect(table.rows.last == [.text("Unknown"), .integer(1)])
        #expect(table.rows.map { $0[1] }.compactMap(\.number).reduce(0, +) == 6)
    }

    @Test func multiValuedDimensionsCountARecordOnceInEachGroup() throws {
        let table = try run(
            "initiatives", by: [.sdg], [("initiatives", .count), ("beneficiaries", .sum(.beneficiaries))])
        #expect(
            table.rows == [
                [.integer(4), .integer(3), .integer(175)],
                [.integer(8), .integer(1), .integer(25)],
                [.integer(11), .integer(2), .integer(100)],
            ])
    }

    @Test func filtersWithWhere() throws {
        let table = try run(
            "initiatives", where: "year == 2019 and region in ['Arab States', 'Europe and North America']", by: [.sdg],
            [("n", .count)])
        #expect(table.rows.map { $0[1] } == [.integer(3), .integer(1), .integer(1)])
        let notFour = try run("initiatives", where: "not sdg == 4", by: [], [("n", .count)])
        #expect(notFour.rows == [[.integer(1)]])
        let unequal = try run("initiatives", where: "sdg != 4", by: [], [("n", .count)])
        #expect(unequal.rows == [[.integer(1)]])
    }

    @Test func runningTotalsFillMissingYearsAndAreMonotone() throws {
        let table = try run(
            "members", where: "joined <= 2019", by: [.year], [("new", .count), ("total", .runningTotal(of: "new"))])
        #expect(
            table.rows == [
                [.integer(2015), .integer(1), .integer(1)],
                [.integer(2016), .integer(2), .integer(3)],
                [.integer(2017), .integer(0), .integer(3)],
                [.integer(2018), .integer(0), .integer(3)],
                [.integer(2019), .integer(2), .integer(5)],
            ])
    }

    @Test func runningTotalsRunWithinEachGroup() throws {
        let table = try run(
            "members", where: "joined <= 2019", by: [.region, .year],
            [("new", .count), ("total", .runningTotal(of: "new"))])
        let europe = table.rows.filter { $0[0] == .text("Europe and North America") }
        #expect(europe.map { $0[1] } == [.integer(2015), .integer(2016)])
        #expect(europe.map { $0[3] } == [.integer(1), .integer(2)])
    }

    @Test func noGroupingGivesOneTotalRow() throws {
        let table = try run("initiatives", by: [], [("initiatives", .count), ("cities", .distinct(.city))])
        #expect(table.rows == [[.integer(4), .integer(3)]])
    }
}

struct PredicateParserTests {
    @Test func parsesPrecedenceAndParentheses() throws {
        let predicate = try PredicateParser.parse("year >= 2015 and (region == 'Africa' or not sdg in [4, 11])")
        guard case .and(let left, .or(_, .not(.membership(.dimension(.sdg), let literals)))) = predicate else {
            Issue.record("unexpected shape: \(predicate)")
            return
        }
        #expect(left == .comparison(.field(.year), .greaterOrEqual, .number(2015)))
        #expect(literals == [.number(4), .number(11)])
    }

    @Test(arguments: [
        ("year = 2019", "unknown operator '=' (expected ==, !=, <, <=, >, >=)", 5),
        (
            "yeer == 2019",
            "unknown dimension or field 'yeer' (expected one of city, country, region, subregion, network, field, organisation, status, year, sdg, sdg_target, theme, beneficiaries, budget, joined)",
            0
        ),
        ("year == 2019 and", "expected a dimension or field name", 16),
        ("region == 'Africa", "unterminated quoted value", 10),
        ("(year == 1", "expected ')'", 10),
        ("sdg in [4 11]", "expected ',' or ']'", 10),
    ])
    func reportsWhatWasExpectedAndWhere(text: String, message: String, offset: Int) {
        #expect {
            _ = try PredicateParser.parse(text)
        } throws: { error in
            guard let error = error as? PredicateSyntaxError else { return false }
            return error.message == message && error.offset == offset
        }
    }
}

/// A large aggregation, which runs on two threads, gives what a plain count over the records gives.
struct LargeAggregationTests {
    @Test func everyMeasureOfAQuarterMillionRecordsMatchesAPlainComputation() throws {
        var dataset = Dataset(countries: .builtin, themes: ThemeVocabulary())
        let codes = ["KE", "EG", "IE", "FI", "CO", "CN", "BR", "IN"]
        let countries = codes.map { CountryCatalog.builtin.resolve($0) ?? CountryID(0) }
        let cities = (0..<400).map { dataset.cities.register(name: "City \($0)", country: countries[$0 % 8]) }
        var random = SplitMix(state: 7)
        var initiatives: [Initiative] = []
        struct Group: Hashable {
            var region: String
            var goal: Int
        }
        var expected: [Group: (count: Int, cities: Set<Int>, values: [Double])] = [:]
        let title = dataset.symbols.intern("")
        for index in 0..<(AggregateEngine.recordsForTwoThreads + 12_345) {
            let city = Int(random.next() % 400)
            var goals = SDGGoalSet()
            for _ in 0...(random.next() % 3) {
                if let goal = SDGGoal(Int(random.next() % 17) + 1) { goals.insert(goal) }
            }
            let beneficiaries = random.next() % 10 == 0 ? nil : Int(random.next() % 5_000)
            initiatives.append(
                Initiative(
                    id: dataset.identifiers.intern("I\(index)"), city: cities[city], countries: [countries[city % 8]],
                    year: 2020, title: title, sdgs: goals, beneficiaries: beneficiaries))
            let region = CountryCatalog.builtin[countries[city % 8]].region?.name ?? "Unknown"
            for goal in goals {
                var entry = expected[Group(region: region, goal: goal.number), default: (0, [], [])]
                entry.count += 1
                entry.cities.insert(city)
                if let beneficiaries { entry.values.append(Double(beneficiaries)) }
                expected[Group(region: region, goal: goal.number)] = entry
            }
        }
        dataset.sources["initiatives"] = .initiatives(InitiativeTable(initiatives))
        let measures: [(String, Measure)] = [
            ("n", .count), ("cities", .distinct(.city)), ("sum", .sum(.beneficiaries)),
            ("median", .median(.beneficiaries)), ("low", .minimum(.beneficiaries)), ("high", .maximum(.beneficiaries)),
        ]
        let spec = AggregateSpec(
            name: "t", source: "initiatives", filter: nil,
            groupBy: [GroupingSpec(name: "region", dimension: .region), GroupingSpec(name: "sdg", dimension: .sdg)],
            measures: measures.map { MeasureSpec(name: $0.0, measure: $0.1) })
        let table = AggregateEngine.run(spec, on: dataset)
        #expect(table.rows.count == expected.count)
        for row in table.rows {
            guard case .text(let region) = row[0], case .integer(let goal) = row[1],
                let entry = expected[Group(region: region, goal: goal)]
            else {
                Issue.record("unexpected group \(row)")
                continue
            }
            let sorted = entry.values.sorted()
            let middle = sorted.count / 2
            let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            #expect(row[2].number == Double(entry.count))
            #expect(row[3].number == Double(entry.cities.count))
            #expect(row[4].number == entry.values.reduce(0, +))
            #expect(row[5].number == median)
            #expect(row[6].number == sorted.first && row[7].number == sorted.last)
        }
    }
}
