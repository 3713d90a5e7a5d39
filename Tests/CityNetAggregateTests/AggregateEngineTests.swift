import CityNetAggregate
import CityNetModel
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
