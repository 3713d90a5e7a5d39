/// The records of one source, of the entity kind the source declares.
public enum EntityRecords: Sendable {
    case memberships([Membership])
    case initiatives([Initiative])
    case awards([Award])

    /// How many records there are.
    public var count: Int {
        switch self {
        case .memberships(let records): records.count
        case .initiatives(let records): records.count
        case .awards(let records): records.count
        }
    }

    /// The kind of the records.
    public var kind: EntityKind {
        switch self {
        case .memberships: .membership
        case .initiatives: .initiative
        case .awards: .award
        }
    }
}

/// Every normalised record of a pipeline run, with the reference data and registries they point into.
///
/// Records hold small ids (``CityID``, ``CountryID``, ``Symbol``) and bit sets; the dataset resolves them.
public struct Dataset: Sendable {
    /// The countries records point to.
    public var countries: CountryCatalog
    /// The theme vocabulary initiatives point to.
    public var themes: ThemeVocabulary
    /// The cities records point to.
    public var cities: CityRegistry
    /// The interned strings (ids, titles, networks).
    public var symbols: SymbolTable
    /// The records of each source, by source name.
    public var sources: [String: EntityRecords]

    /// Creates a dataset with no records.
    public init(countries: CountryCatalog, themes: ThemeVocabulary) {
        self.countries = countries
        self.themes = themes
        self.cities = CityRegistry()
        self.symbols = SymbolTable()
        self.sources = [:]
    }
}

extension Dataset {
    /// The values of a dimension for every record of a source.
    public func column(_ dimension: Dimension, of source: String) -> DimensionColumn {
        let records = sources[source] ?? .awards([])
        switch dimension {
        case .year:
            return numericCodes(dimension, records) { index in year(of: records, at: index) }
        case .region:
            return fixedCodes(dimension, records, labels: Region.allCases.map { Cell.text($0.name) }) { index, emit in
                var seen = Set<Region>()
                for country in countries(of: records, at: index) {
                    if let region = self.countries[country].region, seen.insert(region).inserted {
                        emit(Int32(region.rawValue))
                    }
                }
            }
        case .sdg:
            return numericMultiCodes(dimension, records) { index, emit in
                if case .initiatives(let initiatives) = records {
                    for goal in initiatives[index].sdgs { emit(Int32(goal.number)) }
                }
            }
        case .sdgTarget:
            let labels = SDGTarget.all.map { Cell.text($0.description) }
            return fixedCodes(dimension, records, labels: labels) { index, emit in
                if case .initiatives(let initiatives) = records {
                    for target in initiatives[index].targets.targetIndices { emit(Int32(target)) }
                }
            }
        case .theme:
            let labels = themes.themes.map(Cell.text) + [.text("unmapped")]
            return fixedCodes(dimension, records, labels: labels) { index, emit in
                if case .initiatives(let initiatives) = records {
                    let set = initiatives[index].themes
                    for theme in set.themes { emit(Int32(theme.index)) }
                    if set.hasUnmapped { emit(Int32(themes.themes.count)) }
                }
            }
        case .status:
            return fixedCodes(dimension, records, labels: MembershipStatus.allCases.map { .text($0.name) }) {
                index, emit in
                if case .memberships(let memberships) = records { emit(Int32(memberships[index].status.rawValue)) }
            }
        case .city:
            return rankedCodes(
                dimension, records, label: cityLabels(records),
                values: { index, emit in
                    if let city = city(of: records, at: index) { emit(Int32(city.index)) }
                })
        case .country:
            return rankedCodes(
                dimension, records, label: { self.countries[CountryID(Int($0))].name },
                values: { index, emit in
                    for country in countries(of: records, at: index) { emit(Int32(country.index)) }
                })
        case .subregion:
            var subregions = SymbolTable()
            let codeOfCountry = countries.countries.map { Int32(subregions.intern($0.m49SubRegion).index) }
            return rankedCodes(
                dimension, records, label: { subregions[Symbol(index: UInt32($0))] },
                values: { index, emit in
                    var seen = Set<Int32>()
                    for country in countries(of: records, at: index)
                    where seen.insert(codeOfCountry[Int(country.index)]).inserted {
                        emit(codeOfCountry[Int(country.index)])
                    }
                })
        case .network, .field:
            return rankedCodes(
                dimension, records, label: { self.symbols[Symbol(index: UInt32($0))] },
                values: { index, emit in
                    guard case .memberships(let memberships) = records else { return }
                    let symbol = dimension == .network ? memberships[index].network : memberships[index].field
                    if let symbol { emit(Int32(symbol.index)) }
                })
        }
    }

    /// The values of a numeric field for every record of a source, `nan` where a record has none.
    public func numericColumn(_ field: NumericField, of source: String) -> ContiguousArray<Double> {
        let records = sources[source] ?? .awards([])
        return ContiguousArray(
            (0..<records.count).map { index -> Double in
                switch field {
                case .year:
                    return year(of: records, at: index).map(Double.init) ?? .nan
                case .beneficiaries:
                    guard case .initiatives(let initiatives) = records else { return .nan }
                    return initiatives[index].beneficiaries.map(Double.init) ?? .nan
                case .budget:
                    guard case .initiatives(let initiatives) = records else { return .nan }
                    return initiatives[index].budget ?? .nan
                }
            })
    }

    private func year(of records: EntityRecords, at index: Int) -> Int? {
        switch records {
        case .memberships(let records): records[index].joined
        case .initiatives(let records): records[index].year
        case .awards(let records): records[index].year
        }
    }

    private func city(of records: EntityRecords, at index: Int) -> CityID? {
        switch records {
        case .memberships(let records): records[index].city
        case .initiatives(let records): records[index].city
        case .awards(let records): records[index].city
        }
    }

    private func countries(of records: EntityRecords, at index: Int) -> [CountryID] {
        switch records {
        case .memberships(let records): [records[index].country]
        case .initiatives(let records): records[index].countries
        case .awards(let records): [records[index].country]
        }
    }

    /// City names, with the country added where two cities in the data share a name.
    private func cityLabels(_ records: EntityRecords) -> (Int32) -> String {
        var namesSeen: [String: Set<CountryID>] = [:]
        for index in 0..<records.count {
            guard let id = city(of: records, at: index) else { continue }
            namesSeen[cities[id].name, default: []].insert(cities[id].country)
        }
        return { code in
            let city = self.cities[CityID(index: Int(code))]
            guard namesSeen[city.name, default: []].count > 1 else { return city.name }
            return "\(city.name) (\(self.countries[city.country].name))"
        }
    }

    private typealias Emit = (Int32) -> Void

    private func collect(
        _ records: EntityRecords, _ values: (Int, Emit) -> Void
    ) -> (offsets: ContiguousArray<Int32>, codes: ContiguousArray<Int32>) {
        var offsets = ContiguousArray<Int32>()
        var codes = ContiguousArray<Int32>()
        offsets.reserveCapacity(records.count + 1)
        codes.reserveCapacity(records.count)
        offsets.append(0)
        for index in 0..<records.count {
            let before = codes.count
            values(index) { codes.append($0) }
            if codes.count == before { codes.append(DimensionColumn.unknown) }
            offsets.append(Int32(codes.count))
        }
        return (offsets, codes)
    }

    private func numericCodes(_ dimension: Dimension, _ records: EntityRecords, _ value: (Int) -> Int?)
        -> DimensionColumn
    {
        numericMultiCodes(dimension, records) { index, emit in
            if let number = value(index) { emit(Int32(number)) }
        }
    }

    private func numericMultiCodes(
        _ dimension: Dimension, _ records: EntityRecords, _ values: (Int, Emit) -> Void
    ) -> DimensionColumn {
        let (offsets, codes) = collect(records, values)
        var labels: [Int32: Cell] = [:]
        for code in codes where code != DimensionColumn.unknown { labels[code] = .integer(Int(code)) }
        return DimensionColumn(dimension: dimension, offsets: offsets, codes: codes, labels: labels)
    }

    private func fixedCodes(
        _ dimension: Dimension, _ records: EntityRecords, labels: [Cell], _ values: (Int, Emit) -> Void
    ) -> DimensionColumn {
        let (offsets, codes) = collect(records, values)
        let table = Dictionary(uniqueKeysWithValues: labels.enumerated().map { (Int32($0.offset), $0.element) })
        return DimensionColumn(dimension: dimension, offsets: offsets, codes: codes, labels: table)
    }

    /// Codes for named values, renumbered so that codes sort as the labels do.
    private func rankedCodes(
        _ dimension: Dimension, _ records: EntityRecords, label: (Int32) -> String, values: (Int, Emit) -> Void
    ) -> DimensionColumn {
        let (offsets, collected) = collect(records, values)
        var codes = collected
        let distinct = Set(codes).subtracting([DimensionColumn.unknown])
        let named = distinct.map { (raw: $0, label: label($0)) }
        let sorted = named.sorted {
            ($0.label.lowercased(), $0.label, $0.raw) < ($1.label.lowercased(), $1.label, $1.raw)
        }
        var rank: [Int32: Int32] = [:]
        var labels: [Int32: Cell] = [:]
        for (position, entry) in sorted.enumerated() {
            rank[entry.raw] = Int32(position)
            labels[Int32(position)] = .text(entry.label)
        }
        for index in codes.indices where codes[index] != DimensionColumn.unknown {
            codes[index] = rank[codes[index]] ?? DimensionColumn.unknown
        }
        return DimensionColumn(dimension: dimension, offsets: offsets, codes: codes, labels: labels)
    }
}
