/// The records of one source, of the entity kind the source declares.
public enum EntityRecords: Sendable {
    case memberships([Membership])
    case initiatives(InitiativeTable)
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
    /// The interned strings (titles, networks, fields, organisations).
    public var symbols: SymbolTable
    /// The interned identifiers of initiatives, kept apart so that each new id is a new symbol.
    public var identifiers: SymbolTable
    /// Which cities are members of a network (registered by a membership source), by city index.
    public var memberCities: [Bool]
    /// Variants of city names and the names they stand for.
    public var cityAliases: CityAliases
    /// Whether a membership source has been read, so that references to cities can be checked against members.
    public var readsMemberships = false
    /// The records of each source, by source name.
    public var sources: [String: EntityRecords]

    /// Creates a dataset with no records.
    public init(countries: CountryCatalog, themes: ThemeVocabulary, cityAliases: CityAliases = CityAliases()) {
        self.countries = countries
        self.themes = themes
        self.cities = CityRegistry()
        self.symbols = SymbolTable()
        self.identifiers = SymbolTable()
        self.memberCities = []
        self.cityAliases = cityAliases
        self.sources = [:]
    }

    /// Whether a city is a member of a network in this dataset.
    public func isMember(_ city: CityID) -> Bool {
        memberCities.indices.contains(Int(city.index)) && memberCities[Int(city.index)]
    }

    /// Marks a city as a member.
    public mutating func markMember(_ city: CityID) {
        let index = Int(city.index)
        if memberCities.count <= index {
            memberCities += Array(repeating: false, count: index + 1 - memberCities.count)
        }
        memberCities[index] = true
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
            let regionOfCountry = countries.countries.map { $0.region.map { Int32($0.rawValue) } ?? -1 }
            if case .initiatives(let initiatives) = records, initiatives.hasOneCountryEach {
                return Self.singleCodes(
                    dimension, of: initiatives.firstCountries,
                    labels: Self.fixedLabels(Region.allCases.map { .text($0.name) })
                ) { country in
                    guard country != InitiativeTable.none16 else { return DimensionColumn.unknown }
                    let region = regionOfCountry[Int(country)]
                    return region >= 0 ? region : DimensionColumn.unknown
                }
            }
            return fixedCodes(dimension, records, labels: Region.allCases.map { Cell.text($0.name) }) { index, emit in
                var seen: UInt8 = 0
                forEachCountry(of: records, at: index) { country in
                    let region = regionOfCountry[Int(country.index)]
                    if region >= 0, seen & (1 << region) == 0 {
                        seen |= 1 << region
                        emit(region)
                    }
                }
            }
        case .sdg:
            if case .initiatives(let initiatives) = records { return Self.goalColumn(initiatives.sdgBits) }
            return numericMultiCodes(dimension, records) { index, emit in
                guard case .initiatives(let initiatives) = records else { return }
                var bits = initiatives.sdgBits[index]
                while bits != 0 {
                    emit(Int32(bits.trailingZeroBitCount))
                    bits &= bits - 1
                }
            }
        case .sdgTarget:
            let labels = SDGTarget.all.map { Cell.text($0.description) }
            return fixedCodes(dimension, records, labels: labels) { index, emit in
                guard case .initiatives(let initiatives) = records else { return }
                for target in initiatives.targets(at: index).targetIndices { emit(Int32(target)) }
            }
        case .theme:
            let labels = themes.themes.map(Cell.text) + [.text("unmapped")]
            let unmapped = Int32(themes.themes.count)
            return fixedCodes(dimension, records, labels: labels) { index, emit in
                guard case .initiatives(let initiatives) = records else { return }
                let set = initiatives.themes(at: index)
                var bits = set.bits & ~(1 << 63)
                while bits != 0 {
                    emit(Int32(bits.trailingZeroBitCount))
                    bits &= bits - 1
                }
                if set.hasUnmapped { emit(unmapped) }
            }
        case .status:
            return fixedCodes(dimension, records, labels: MembershipStatus.allCases.map { .text($0.name) }) {
                index, emit in
                if case .memberships(let memberships) = records { emit(Int32(memberships[index].status.rawValue)) }
            }
        case .city:
            let labels = cityLabels
            return rankedCodes(
                dimension, records, label: { labels[Int($0)] },
                values: { index, emit in
                    if let city = city(of: records, at: index) { emit(Int32(city.index)) }
                })
        case .country:
            return rankedCodes(
                dimension, records, label: { self.countries[CountryID(Int($0))].name },
                values: { index, emit in
                    forEachCountry(of: records, at: index) { emit(Int32($0.index)) }
                })
        case .subregion:
            var subregions = SymbolTable()
            let codeOfCountry = countries.countries.map { Int32(subregions.intern($0.m49SubRegion).index) }
            return rankedCodes(
                dimension, records, label: { subregions[Symbol(index: UInt32($0))] },
                values: { index, emit in
                    var seen: [Int32] = []
                    forEachCountry(of: records, at: index) { country in
                        let code = codeOfCountry[Int(country.index)]
                        if !seen.contains(code) {
                            seen.append(code)
                            emit(code)
                        }
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
        case .organisation:
            return rankedCodes(
                dimension, records, label: { self.symbols[Symbol(index: UInt32($0))] },
                values: { index, emit in
                    guard case .initiatives(let initiatives) = records else { return }
                    if let symbol = initiatives.organisation(at: index) { emit(Int32(symbol.index)) }
                })
        }
    }

    /// The values of a dimension for every record of a source as codes that only tell values apart: city and
    /// country indexes without labels or ranking, for counting distinct values. Other dimensions are as
    /// ``column(_:of:)`` gives them.
    public func identityColumn(_ dimension: Dimension, of source: String) -> DimensionColumn {
        let records = sources[source] ?? .awards([])
        switch dimension {
        case .city:
            if case .initiatives(let initiatives) = records {
                return Self.singleCodes(dimension, of: initiatives.cityIndices, labels: [:]) { city in
                    city == InitiativeTable.none32 ? DimensionColumn.unknown : Int32(city)
                }
            }
            let (offsets, codes) = collect(records) { index, emit in
                if let city = city(of: records, at: index) { emit(Int32(city.index)) }
            }
            return DimensionColumn(dimension: dimension, offsets: offsets, codes: codes, labels: [:])
        case .country:
            if case .initiatives(let initiatives) = records, initiatives.hasOneCountryEach {
                return Self.singleCodes(dimension, of: initiatives.firstCountries, labels: [:]) { country in
                    country == InitiativeTable.none16 ? DimensionColumn.unknown : Int32(country)
                }
            }
            let (offsets, codes) = collect(records) { index, emit in
                forEachCountry(of: records, at: index) { emit(Int32($0.index)) }
            }
            return DimensionColumn(dimension: dimension, offsets: offsets, codes: codes, labels: [:])
        default:
            return column(dimension, of: source)
        }
    }

    /// The values of a numeric field for every record of a source, `nan` where a record has none.
    public func numericColumn(_ field: NumericField, of source: String) -> ContiguousArray<Double> {
        let records = sources[source] ?? .awards([])
        var column = ContiguousArray<Double>()
        column.reserveCapacity(records.count)
        switch (field, records) {
        case (.beneficiaries, .initiatives(let initiatives)):
            for index in initiatives.indices {
                column.append(initiatives.beneficiaries(at: index).map(Double.init) ?? .nan)
            }
        case (.budget, .initiatives(let initiatives)):
            for index in initiatives.indices { column.append(initiatives.budget(at: index) ?? .nan) }
        case (.year, _):
            for index in 0..<records.count { column.append(year(of: records, at: index).map(Double.init) ?? .nan) }
        case (.beneficiaries, _), (.budget, _):
            column.append(contentsOf: repeatElement(.nan, count: records.count))
        }
        return column
    }

    private func year(of records: EntityRecords, at index: Int) -> Int? {
        switch records {
        case .memberships(let records): records[index].joined
        case .initiatives(let records): records.year(at: index)
        case .awards(let records): records[index].year
        }
    }

    private func city(of records: EntityRecords, at index: Int) -> CityID? {
        switch records {
        case .memberships(let records): records[index].city
        case .initiatives(let records): records.city(at: index)
        case .awards(let records): records[index].city
        }
    }

    private func forEachCountry(of records: EntityRecords, at index: Int, _ body: (CountryID) -> Void) {
        switch records {
        case .memberships(let records): body(records[index].country)
        case .initiatives(let records): records.forEachCountry(at: index, body)
        case .awards(let records): body(records[index].country)
        }
    }

    /// Each city's label, by city index: its name, with the country added where two cities of the dataset
    /// share a name (`Santiago (Chile)`, `Santiago (Mexico)`).
    public var cityLabels: [String] {
        var countriesOfName: [String: Set<CountryID>] = [:]
        for city in cities.cities { countriesOfName[city.name, default: []].insert(city.country) }
        return cities.cities.map { city in
            guard countriesOfName[city.name, default: []].count > 1 else { return city.name }
            return "\(city.name) (\(countries[city.country].name))"
        }
    }

    private typealias Emit = (Int32) -> Void

    /// A column of one code per record, each from the record's value in `values`.
    private static func singleCodes<Value>(
        _ dimension: Dimension, of values: ContiguousArray<Value>, labels: [Int32: Cell], code: (Value) -> Int32
    ) -> DimensionColumn {
        let count = values.count
        let offsets = ContiguousArray<Int32>(unsafeUninitializedCapacity: count + 1) { buffer, initialized in
            for index in 0...count { buffer[index] = Int32(index) }
            initialized = count + 1
        }
        let codes = values.withUnsafeBufferPointer { values in
            ContiguousArray<Int32>(unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count { buffer[index] = code(values[index]) }
                initialized = count
            }
        }
        return DimensionColumn(dimension: dimension, offsets: offsets, codes: codes, labels: labels)
    }

    /// The SDG goal column of initiatives from their goal bits: a code per goal (bit `n` is goal `n`), in order,
    /// or ``DimensionColumn/unknown`` for an initiative without goals.
    private static func goalColumn(_ bits: ContiguousArray<UInt32>) -> DimensionColumn {
        var total = 0
        var present: UInt32 = 0
        var hasUnknown = false
        for word in bits {
            total += max(word.nonzeroBitCount, 1)
            present |= word
            hasUnknown = hasUnknown || word == 0
        }
        var offsets = ContiguousArray<Int32>(repeating: 0, count: bits.count + 1)
        let codes = ContiguousArray<Int32>(unsafeUninitializedCapacity: total) { codes, initialized in
            var position = 0
            offsets.withUnsafeMutableBufferPointer { offsets in
                bits.withUnsafeBufferPointer { bits in
                    for index in bits.indices {
                        var remaining = bits[index]
                        if remaining == 0 {
                            codes[position] = DimensionColumn.unknown
                            position += 1
                        }
                        while remaining != 0 {
                            codes[position] = Int32(remaining.trailingZeroBitCount)
                            position += 1
                            remaining &= remaining - 1
                        }
                        offsets[index + 1] = Int32(position)
                    }
                }
            }
            initialized = position
        }
        var distinct: [Int32] = []
        var labels: [Int32: Cell] = [:]
        var remaining = present
        while remaining != 0 {
            let goal = Int32(remaining.trailingZeroBitCount)
            distinct.append(goal)
            labels[goal] = .integer(Int(goal))
            remaining &= remaining - 1
        }
        if hasUnknown { distinct.append(DimensionColumn.unknown) }
        return DimensionColumn(dimension: .sdg, offsets: offsets, codes: codes, labels: labels, distinctCodes: distinct)
    }

    /// Labels by code for codes numbered from 0.
    private static func fixedLabels(_ labels: [Cell]) -> [Int32: Cell] {
        Dictionary(uniqueKeysWithValues: labels.enumerated().map { (Int32($0.offset), $0.element) })
    }

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
        let distinct = DimensionColumn.distinct(codes)
        var labels: [Int32: Cell] = [:]
        for code in distinct where code != DimensionColumn.unknown { labels[code] = .integer(Int(code)) }
        return DimensionColumn(
            dimension: dimension, offsets: offsets, codes: codes, labels: labels, distinctCodes: distinct)
    }

    private func fixedCodes(
        _ dimension: Dimension, _ records: EntityRecords, labels: [Cell], _ values: (Int, Emit) -> Void
    ) -> DimensionColumn {
        let (offsets, codes) = collect(records, values)
        return DimensionColumn(dimension: dimension, offsets: offsets, codes: codes, labels: Self.fixedLabels(labels))
    }

    /// Codes for named values, renumbered so that codes sort as the labels do.
    private func rankedCodes(
        _ dimension: Dimension, _ records: EntityRecords, label: (Int32) -> String, values: (Int, Emit) -> Void
    ) -> DimensionColumn {
        let (offsets, collected) = collect(records, values)
        var codes = collected
        let distinct = DimensionColumn.distinct(codes).filter { $0 != DimensionColumn.unknown }
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
