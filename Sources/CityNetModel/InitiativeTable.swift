/// Initiatives stored column by column, in about 40 bytes each.
///
/// Optional values use sentinels instead of `Optional` padding; ids and titles that a run does not keep (all the
/// same empty symbol) take no memory; sets of themes and of the countries after the first are stored once each and
/// referred to by a 4-byte index, explicit SDG targets in 2 bytes where there are at most two; and a column that
/// every row leaves
/// empty (no budgets, say) takes no memory at all. ``subscript(_:)`` gives an ``Initiative`` back.
public struct InitiativeTable: Sendable, RandomAccessCollection {
    static let none16 = UInt16.max
    static let none32 = UInt32.max

    private var idSymbols = UniformColumn<Symbol>()
    private var titleSymbols = UniformColumn<Symbol>()
    private var rowCount = 0
    /// Each initiative's city index, ``none32`` for none.
    private(set) var cityIndices = ContiguousArray<UInt32>()
    /// Each initiative's first country index, ``none16`` for none.
    private(set) var firstCountries = ContiguousArray<UInt16>()
    private var otherCountries = InternedSetColumn<[UInt16]>(empty: [])
    private var yearValues = ContiguousArray<Int16>()
    private var organisationIndices = SparseColumn<UInt32>(absent: none32)
    /// Each initiative's SDG goals as bits (bit `n` for goal `n`).
    public private(set) var sdgBits = ContiguousArray<UInt32>()
    private var targetSets = TargetSetColumn()
    private var themeSets = InternedSetColumn<ThemeSet>(empty: ThemeSet())
    private var beneficiaryCounts = CountColumn()
    private var budgetValues = SparseColumn<Double>(absent: .nan)

    /// An empty table.
    public init() {}

    /// A table of the given initiatives.
    public init(_ initiatives: some Sequence<Initiative>) {
        for initiative in initiatives { append(initiative) }
    }

    /// The first position.
    public var startIndex: Int { 0 }
    /// One past the last position.
    public var endIndex: Int { rowCount }

    /// Keeps room for `count` initiatives in all, so that the columns are not copied as they grow (as a source of
    /// a million rows would copy them some twenty times).
    public mutating func reserveCapacity(_ count: Int) {
        idSymbols.reserveCapacity(count)
        titleSymbols.reserveCapacity(count)
        cityIndices.reserveCapacity(count)
        firstCountries.reserveCapacity(count)
        otherCountries.reserveCapacity(count)
        yearValues.reserveCapacity(count)
        organisationIndices.reserveCapacity(count)
        sdgBits.reserveCapacity(count)
        targetSets.reserveCapacity(count)
        themeSets.reserveCapacity(count)
        beneficiaryCounts.reserveCapacity(count)
        budgetValues.reserveCapacity(count)
    }

    /// Adds an initiative.
    public mutating func append(_ initiative: borrowing Initiative) {
        rowCount += 1
        idSymbols.append(initiative.id)
        titleSymbols.append(initiative.title)
        cityIndices.append(initiative.city?.index ?? Self.none32)
        firstCountries.append(initiative.countries.first?.index ?? Self.none16)
        if initiative.countries.count > 1 {
            otherCountries.append(initiative.countries.dropFirst().map(\.index))
        } else {
            otherCountries.appendEmpty()
        }
        yearValues.append(initiative.year.map { Int16(clamping: $0) } ?? 0)
        organisationIndices.append(
            initiative.organisation?.index ?? Self.none32, isAbsent: initiative.organisation == nil)
        sdgBits.append(initiative.sdgs.bits)
        targetSets.append(initiative.targets)
        themeSets.append(initiative.themes)
        beneficiaryCounts.append(initiative.beneficiaries)
        budgetValues.append(initiative.budget ?? .nan, isAbsent: initiative.budget == nil)
    }

    /// The initiative at a position.
    public subscript(index: Int) -> Initiative {
        Initiative(
            id: id(at: index), city: city(at: index), countries: countries(at: index), year: year(at: index),
            title: title(at: index), organisation: organisation(at: index), sdgs: SDGGoalSet(bits: sdgBits[index]),
            targets: targetSets[index], themes: themeSets[index], beneficiaries: beneficiaries(at: index),
            budget: budget(at: index)
        )
    }

    /// The id of the initiative at a position.
    public func id(at index: Int) -> Symbol { idSymbols[index] }

    /// The title of the initiative at a position.
    public func title(at index: Int) -> Symbol { titleSymbols[index] }

    /// The city of the initiative at a position.
    public func city(at index: Int) -> CityID? {
        cityIndices[index] == Self.none32 ? nil : CityID(index: Int(cityIndices[index]))
    }

    /// Whether no initiative has more than one country, so that ``firstCountries`` holds them all.
    var hasOneCountryEach: Bool { otherCountries.holdsOnlyTheEmptySet }

    /// The countries of the initiative at a position.
    public func countries(at index: Int) -> [CountryID] {
        guard firstCountries[index] != Self.none16 else { return [] }
        let first = CountryID(Int(firstCountries[index]))
        return [first] + otherCountries[index].map { CountryID(Int($0)) }
    }

    /// Calls `body` with each country of the initiative at a position, without allocating.
    public func forEachCountry(at index: Int, _ body: (CountryID) -> Void) {
        guard firstCountries[index] != Self.none16 else { return }
        body(CountryID(Int(firstCountries[index])))
        for country in otherCountries[index] { body(CountryID(Int(country))) }
    }

    /// The year of the initiative at a position.
    public func year(at index: Int) -> Int? {
        yearValues[index] == 0 ? nil : Int(yearValues[index])
    }

    /// The organisation of the initiative at a position.
    public func organisation(at index: Int) -> Symbol? {
        organisationIndices[index] == Self.none32 ? nil : Symbol(index: organisationIndices[index])
    }

    /// The explicit SDG targets of the initiative at a position.
    public func targets(at index: Int) -> SDGTargetSet { targetSets[index] }

    /// The themes of the initiative at a position.
    public func themes(at index: Int) -> ThemeSet { themeSets[index] }

    /// The beneficiaries of the initiative at a position.
    public func beneficiaries(at index: Int) -> Int? { beneficiaryCounts[index] }

    /// The budget of the initiative at a position.
    public func budget(at index: Int) -> Double? {
        budgetValues[index].isNaN ? nil : budgetValues[index]
    }
}
