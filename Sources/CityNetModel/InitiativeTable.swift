/// Initiatives stored column by column, in about 50 bytes each.
///
/// Optional values use sentinels instead of `Optional` padding, and the rare variable-length parts (several
/// countries, explicit SDG targets) are interned lists referred to by a 4-byte index. ``subscript(_:)`` gives
/// an ``Initiative`` back.
public struct InitiativeTable: Sendable, RandomAccessCollection {
    private static let none16 = UInt16.max
    private static let none32 = UInt32.max
    private static let noBeneficiaries = Int64.min

    /// Each initiative's id.
    public private(set) var ids = ContiguousArray<Symbol>()
    /// Each initiative's title.
    public private(set) var titles = ContiguousArray<Symbol>()
    private var cityIndices = ContiguousArray<UInt32>()
    private var firstCountries = ContiguousArray<UInt16>()
    private var otherCountries = ContiguousArray<UInt32>()
    private var yearValues = ContiguousArray<Int16>()
    private var organisationIndices = ContiguousArray<UInt32>()
    /// Each initiative's SDG goals as bits (bit `n` for goal `n`).
    public private(set) var sdgBits = ContiguousArray<UInt32>()
    private var targetLists = ContiguousArray<UInt32>()
    /// Each initiative's themes as bits (see ``ThemeSet``).
    public private(set) var themeBits = ContiguousArray<UInt64>()
    private var beneficiaryValues = ContiguousArray<Int64>()
    private var budgetValues = ContiguousArray<Double>()
    private var countryLists = InternedLists<UInt16>()
    private var targetSets: [SDGTargetSet] = [SDGTargetSet()]
    private var targetSetIndex: [SDGTargetSet: UInt32] = [SDGTargetSet(): 0]

    /// An empty table.
    public init() {}

    /// A table of the given initiatives.
    public init(_ initiatives: some Sequence<Initiative>) {
        for initiative in initiatives { append(initiative) }
    }

    /// The first position.
    public var startIndex: Int { 0 }
    /// One past the last position.
    public var endIndex: Int { ids.count }

    /// Adds an initiative.
    public mutating func append(_ initiative: Initiative) {
        ids.append(initiative.id)
        titles.append(initiative.title)
        cityIndices.append(initiative.city?.index ?? Self.none32)
        firstCountries.append(initiative.countries.first?.index ?? Self.none16)
        otherCountries.append(
            initiative.countries.count > 1 ? countryLists.intern(initiative.countries.dropFirst().map(\.index)) : 0
        )
        yearValues.append(initiative.year.map { Int16(clamping: $0) } ?? 0)
        organisationIndices.append(initiative.organisation?.index ?? Self.none32)
        sdgBits.append(initiative.sdgs.bits)
        targetLists.append(initiative.targets.isEmpty ? 0 : internTargets(initiative.targets))
        themeBits.append(initiative.themes.bits)
        beneficiaryValues.append(initiative.beneficiaries.map(Int64.init) ?? Self.noBeneficiaries)
        budgetValues.append(initiative.budget ?? .nan)
    }

    /// The initiative at a position.
    public subscript(index: Int) -> Initiative {
        Initiative(
            id: ids[index], city: city(at: index), countries: countries(at: index), year: year(at: index),
            title: titles[index], organisation: organisation(at: index), sdgs: SDGGoalSet(bits: sdgBits[index]),
            targets: targetSets[Int(targetLists[index])], themes: ThemeSet(bits: themeBits[index]),
            beneficiaries: beneficiaries(at: index), budget: budget(at: index)
        )
    }

    /// The city of the initiative at a position.
    public func city(at index: Int) -> CityID? {
        cityIndices[index] == Self.none32 ? nil : CityID(index: Int(cityIndices[index]))
    }

    /// The countries of the initiative at a position.
    public func countries(at index: Int) -> [CountryID] {
        guard firstCountries[index] != Self.none16 else { return [] }
        let first = CountryID(Int(firstCountries[index]))
        guard otherCountries[index] != 0 else { return [first] }
        return [first] + countryLists[otherCountries[index]].map { CountryID(Int($0)) }
    }

    /// Calls `body` with each country of the initiative at a position, without allocating.
    public func forEachCountry(at index: Int, _ body: (CountryID) -> Void) {
        guard firstCountries[index] != Self.none16 else { return }
        body(CountryID(Int(firstCountries[index])))
        guard otherCountries[index] != 0 else { return }
        for country in countryLists[otherCountries[index]] { body(CountryID(Int(country))) }
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
    public func targets(at index: Int) -> SDGTargetSet {
        targetSets[Int(targetLists[index])]
    }

    private mutating func internTargets(_ targets: SDGTargetSet) -> UInt32 {
        if let index = targetSetIndex[targets] { return index }
        let index = UInt32(targetSets.count)
        targetSets.append(targets)
        targetSetIndex[targets] = index
        return index
    }

    /// The beneficiaries of the initiative at a position.
    public func beneficiaries(at index: Int) -> Int? {
        beneficiaryValues[index] == Self.noBeneficiaries ? nil : Int(beneficiaryValues[index])
    }

    /// The budget of the initiative at a position.
    public func budget(at index: Int) -> Double? {
        budgetValues[index].isNaN ? nil : budgetValues[index]
    }
}

/// Short lists stored once each and referred to by an index (0 is the empty list).
struct InternedLists<Element: Hashable & Sendable>: Sendable {
    private var lists: [[Element]] = [[]]
    private var lookup: [[Element]: UInt32] = [[]: 0]

    mutating func intern(_ list: [Element]) -> UInt32 {
        if let index = lookup[list] { return index }
        let index = UInt32(lists.count)
        lists.append(list)
        lookup[list] = index
        return index
    }

    subscript(index: UInt32) -> [Element] { lists[Int(index)] }
}
