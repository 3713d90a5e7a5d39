import CityNetModel
import Testing

/// The columnar store gives back exactly the initiatives it was given, whichever optional fields a feed fills.
struct InitiativeTableTests {
    static func initiative(_ index: Int, beneficiaries: Int? = nil, budget: Double? = nil, extras: Bool = false)
        -> Initiative
    {
        var sdgs = SDGGoalSet()
        if let goal = SDGGoal(index % 17 + 1) { sdgs.insert(goal) }
        var themes = ThemeSet()
        if extras { themes.insert(ThemeID(index: index % 5)) }
        return Initiative(
            id: Symbol(index: UInt32(index)), city: index % 3 == 0 ? nil : CityID(index: index),
            countries: extras ? [CountryID(1), CountryID(index % 7 + 2)] : [CountryID(1)],
            year: index % 4 == 0 ? nil : 2000 + index % 25, title: Symbol(index: UInt32(index / 2)),
            organisation: extras ? Symbol(index: 7) : nil, sdgs: sdgs,
            targets: extras ? SDGTargetSet(indices: [index % 169]) : SDGTargetSet(), themes: themes,
            beneficiaries: beneficiaries, budget: budget)
    }

    @Test func optionalFieldsFirstSeenLateAreFilledInBefore() {
        let initiatives =
            (0..<50).map { Self.initiative($0) }
            + (50..<100).map { Self.initiative($0, beneficiaries: $0 * 10, budget: Double($0) / 4, extras: true) }
            + (100..<120).map { Self.initiative($0) }
        let table = InitiativeTable(initiatives)
        #expect(table.count == initiatives.count)
        #expect(Array(table) == initiatives)
        #expect(table.budget(at: 10) == nil && table.organisation(at: 10) == nil && table.targets(at: 10).isEmpty)
        #expect(table.beneficiaries(at: 60) == 600 && table.budget(at: 60) == 15)
    }

    @Test(arguments: [0, 10, 60, 500])
    func roomKeptAtAnyPointChangesNoRow(reservedAfter rows: Int) {
        let initiatives =
            (0..<50).map { Self.initiative($0) }
            + (50..<100).map { Self.initiative($0, beneficiaries: $0 * 10, budget: Double($0) / 4, extras: true) }
            + (100..<120).map { Self.initiative($0) }
        var table = InitiativeTable()
        for (index, initiative) in initiatives.enumerated() {
            if index == min(rows, initiatives.count - 1) { table.reserveCapacity(rows) }
            table.append(initiative)
        }
        #expect(Array(table) == initiatives)
    }

    @Test(arguments: [[], [0], [168], [0, 168], [63, 64], [127, 128], [3, 70, 150], [0, 1, 2, 3], Array(0..<169)])
    func everyTargetSetComesBackAsItWas(_ indices: [Int]) {
        let targets = SDGTargetSet(indices: indices)
        var initiatives = (0..<3).map { Self.initiative($0) }
        initiatives[1].targets = targets
        let table = InitiativeTable(initiatives)
        #expect(table.targets(at: 0).isEmpty && table.targets(at: 2).isEmpty)
        #expect(table.targets(at: 1).targetIndices == indices)
        #expect(table[1] == initiatives[1])
    }

    @Test(arguments: [0, 1, 4_294_967_293, 4_294_967_294, 4_294_967_295, 1 << 40, -5, Int.max, Int.min])
    func everyBeneficiaryCountComesBackAsItWas(_ count: Int) {
        let table = InitiativeTable([
            Self.initiative(0), Self.initiative(1, beneficiaries: count), Self.initiative(2, beneficiaries: 3),
        ])
        #expect(table.beneficiaries(at: 0) == nil)
        #expect(table.beneficiaries(at: 1) == count)
        #expect(table.beneficiaries(at: 2) == 3)
    }

    /// Many rows with values kept aside (more than two targets, counts beyond 32 bits) among rows without: each
    /// row reads its own.
    @Test func rowsWithValuesKeptAsideAmongOthersReadTheirOwn() {
        let initiatives = (0..<300).map { index in
            var initiative = Self.initiative(index, beneficiaries: index % 5 == 0 ? (1 << 40) + index : index)
            if index % 3 == 0 { initiative.targets = SDGTargetSet(indices: [index % 50, 60 + index % 50, 168]) }
            return initiative
        }
        let table = InitiativeTable(initiatives)
        #expect(table.indices.map { table.targets(at: $0) } == initiatives.map(\.targets))
        #expect(table.indices.map { table.beneficiaries(at: $0) } == initiatives.map(\.beneficiaries))
    }

    @Test func aTableWithoutOptionalValuesReadsThemAsAbsent() {
        let table = InitiativeTable((0..<10).map { Self.initiative($0) })
        for index in table.indices {
            #expect(table.beneficiaries(at: index) == nil && table.budget(at: index) == nil)
            #expect(table.themes(at: index) == ThemeSet() && table.countries(at: index) == [CountryID(1)])
        }
    }
}

/// Titles and ids that a run leaves out (all the same symbol) come back as they went in.
struct UniformColumnTests {
    @Test func sameTitlesAndIdsUntilTheyDifferComeBackAsTheyWere() {
        let same = (0..<30).map { index in
            var initiative = InitiativeTableTests.initiative(index)
            (initiative.id, initiative.title) = (Symbol(index: 0), Symbol(index: 0))
            return initiative
        }
        #expect(Array(InitiativeTable(same)) == same)
        let differing = same + [InitiativeTableTests.initiative(31)] + same
        let table = InitiativeTable(differing)
        #expect(Array(table) == differing)
        #expect(table.id(at: 30) == Symbol(index: 31) && table.title(at: 30) == Symbol(index: 15))
    }
}

/// The symbol table gives every distinct string one symbol, across growth, and finds what it holds.
struct SymbolTableTests {
    @Test func millionsOfDistinctStringsKeepTheirSymbols() {
        var table = SymbolTable()
        let strings = (0..<300_000).map { "INI-\($0)" } + ["", "é", String(repeating: "long ", count: 40)]
        let symbols = strings.map { table.intern($0) }
        #expect(symbols.map(\.index) == (0..<UInt32(strings.count)).map { $0 })
        #expect(table.count == strings.count)
        #expect(strings.map { table.intern($0) } == symbols)
        #expect(strings.map { table.symbol(for: $0) } == symbols)
        #expect(table.symbol(for: "INI-300000") == nil && table.symbol(for: "INI-") == nil)
        #expect(table[symbols[123_456]] == "INI-123456" && table[symbols[300_001]] == "é")
    }
}
