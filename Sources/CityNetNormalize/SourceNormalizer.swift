public import CityNetModel

/// What normalising one source produced, besides its records.
public struct NormalizeStatistics: Sendable, Hashable {
    /// Records handed in (including rows the reader rejected, counted with ``SourceNormalizer/countReaderReject(_:)``).
    public var read = 0
    /// Records kept.
    public var accepted = 0
    /// Records rejected.
    public var rejected = 0
    /// Warnings (a record kept, with something to look at: a city that is not a member, say).
    public var warnings = 0
    /// Theme values the vocabulary does not know, with how often each occurred.
    public var unmappedThemes: [String: Int] = [:]

    /// Creates empty statistics.
    public init() {}
}

/// Turns the raw records of one source into typed entities, rejecting what cannot be normalised.
///
/// Feed it records with ``normalize(_:into:)``; each either becomes an entity or adds a ``CityNetModel/Reject``
/// naming the rule, the field, the value and the reason. Values are read from bytes, and each distinct country,
/// SDG, theme and city spelling is interpreted once. ``finish(into:)`` stores the entities in the dataset.
public struct SourceNormalizer: Sendable {
    /// The source's name.
    public let source: String
    /// The mapping and the checks that read a record, shared rather than copied: helpers on the normaliser itself
    /// would copy the whole normaliser for each call from its mutating methods.
    private let recordRules: RecordRules
    private let uniqueByIdentifier: Bool
    /// Whether the source has a `unique` rule (initiatives have one on ids by default).
    private let hasUniqueRule: Bool
    private let defaultNetwork: String
    private let keepsTitles: Bool
    private let keepsIdentifiers: Bool
    /// The ids seen, for duplicate checks, when the dataset does not keep them.
    private var ownIdentifiers = IdentifierTable()
    /// The empty title and the empty id, interned once rather than per record.
    private var emptyTitle: Symbol?
    private var emptyIdentifier: Symbol?
    private var memberships: [Membership] = []
    private var initiatives = InitiativeTable()
    private var awards: [Award] = []
    private var recordLines = ContiguousArray<UInt32>()
    private var removed = Set<Int>()
    private var recordOfIdentifier = ContiguousArray<UInt32>()
    private var rejectedIdentifiers = Set<UInt32>()
    private var recordOfKey: [[UInt64]: Int] = [:]
    private var rejectedKeys = Set<[UInt64]>()
    private var countryMemo = ValueMemo<Int32>()
    private var themeMemo = ValueMemo<Int32>()
    /// The themes of each raw `themes` value (a list such as `Inclusion;Literacy`) without an unmapped theme.
    private var themeListMemo = ValueMemo<ThemeSet>()
    /// The reading of each SDG value (`4`, `SDG 4.7`, `Goal 11`), parsed once.
    private var sdgMemo = ValueMemo<SDGReference>()
    private var cityNames = SymbolTable()
    /// The city of each spelling in the first country it came with (most spellings come with one), by the
    /// spelling's symbol: the spelling's bits above 32 hold the country + 1, the low bits the city.
    private var cityOfName = ContiguousArray<UInt64>()
    /// The entry of ``cityOfName`` of each spelling of at most 8 bytes, found without interning the spelling.
    private var firstCityOfShortName = ShortValueMemo<UInt64>()
    /// The cities of spellings in other countries than their first, by spelling and country.
    private var cityMemo: [UInt64: CityID] = [:]
    private var draft = Initiative(id: Symbol(index: 0), city: nil, countries: [], year: nil, title: Symbol(index: 0))

    /// The records rejected so far.
    public private(set) var rejects: [Reject] = []
    /// The first warnings (at most 100; ``statistics`` counts all).
    public private(set) var warnings: [Diagnostic] = []
    /// The counts so far.
    public private(set) var statistics = NormalizeStatistics()

    private static let noRecord = UInt32.max

    /// Creates a normaliser for a source.
    ///
    /// - Parameters:
    ///   - source: the source's name, written into rejects.
    ///   - mapping: how its records map to entity fields, and the quality rules.
    ///   - defaultNetwork: the network of memberships whose mapping gives none.
    ///   - keepsTitles: whether initiatives keep their titles. Only a database load reads them (aggregates
    ///     neither group nor filter by title), so a run without one can leave them out: millions of titles are
    ///     most of what a large feed would otherwise hold in memory. A `unique` rule on titles keeps them anyway.
    ///   - keepsIdentifiers: whether initiatives keep their ids in ``CityNetModel/Dataset/identifiers``. Only a
    ///     database load reads them either; without it the ids are checked for duplicates in a table of the
    ///     normaliser's own, freed with it, and every initiative's id is the empty string.
    public init(
        source: String, mapping: SourceMapping, defaultNetwork: String, keepsTitles: Bool = true,
        keepsIdentifiers: Bool = true
    ) {
        self.source = source
        recordRules = RecordRules(mapping: mapping)
        uniqueByIdentifier = mapping.quality.unique == [.id]
        hasUniqueRule = !mapping.quality.unique.isEmpty
        self.defaultNetwork = defaultNetwork
        self.keepsTitles = keepsTitles || mapping.quality.unique.contains(.title)
        self.keepsIdentifiers = keepsIdentifiers
    }

    /// Counts a row the reader could not read, and keeps its reject.
    public mutating func countReaderReject(_ reject: Reject) {
        statistics.read += 1
        statistics.rejected += 1
        rejects.append(reject)
    }

    /// Counts a warning about the source (from the reader, say).
    public mutating func addWarning(_ diagnostic: Diagnostic) {
        statistics.warnings += 1
        if warnings.count < 100 { warnings.append(diagnostic) }
    }

    /// Keeps room for `records` more records, so that a large source's tables are not copied as they grow: each
    /// doubling of a million-row column copies it whole and touches twice its memory.
    public mutating func reserveCapacity(forMoreRecords records: Int) {
        let total = recordLines.count + records
        recordLines.reserveCapacity(total)
        switch recordRules.mapping.entity {
        case .membership: memberships.reserveCapacity(total)
        case .initiative: initiatives.reserveCapacity(total)
        case .award: awards.reserveCapacity(total)
        }
        guard !recordRules.mapping.quality.unique.isEmpty else { return }
        if !keepsIdentifiers { ownIdentifiers.reserveCapacity(total) }
        if uniqueByIdentifier { recordOfIdentifier.reserveCapacity(total) }
    }

    /// Normalises one record into an entity, or rejects it.
    public mutating func normalize(_ record: RawRecordView, into dataset: inout Dataset) {
        statistics.read += 1
        do {
            switch recordRules.mapping.entity {
            case .membership: try membership(record, &dataset)
            case .initiative: try initiative(record, &dataset)
            case .award: try award(record, &dataset)
            }
            recordLines.append(UInt32(clamping: record.line))
            statistics.accepted += 1
        } catch {
            statistics.rejected += 1
            rejects.append(error.reject(source: source))
        }
    }

    /// Normalises one owned record (a convenience for tests and tools).
    public mutating func normalize(_ record: RawRecord, into dataset: inout Dataset) {
        record.withView { normalize($0, into: &dataset) }
    }

    /// Stores the accepted entities in the dataset under the source's name.
    public func finish(into dataset: inout Dataset) {
        switch recordRules.mapping.entity {
        case .membership:
            dataset.readsMemberships = true
            dataset.sources[source] = .memberships(
                memberships.enumerated().filter { !removed.contains($0.offset) }.map(\.element))
        case .initiative:
            guard !removed.isEmpty else {
                dataset.sources[source] = .initiatives(initiatives)
                return
            }
            var kept = InitiativeTable()
            for index in 0..<initiatives.count where !removed.contains(index) { kept.append(initiatives[index]) }
            dataset.sources[source] = .initiatives(kept)
        case .award:
            dataset.sources[source] = .awards(
                awards.enumerated().filter { !removed.contains($0.offset) }.map(\.element))
        }
    }

    // MARK: - Entities

    private mutating func membership(_ record: RawRecordView, _ dataset: inout Dataset) throws(FieldProblem) {
        let cityName = try recordRules.required(.city, record)
        let country = try resolveCountry(record, dataset)
        let city = cityID(cityName, country: country, &dataset)
        let network =
            recordRules.first(.network, record).map { dataset.symbols.intern($0) }
            ?? dataset.symbols.intern(defaultNetwork)
        let joined = try recordRules.year(.joined, record)
        let left = try recordRules.year(.left, record)
        if let joined, let left, left < joined {
            throw recordRules.problem(
                .left, record, String(left), rule: "range", "left \(left) is before joined \(joined)")
        }
        var status = MembershipStatus.active
        if let bytes = recordRules.first(.status, record) {
            let text = String(decoding: bytes, as: UTF8.self)
            guard let parsed = MembershipStatus(parsing: text) else {
                throw recordRules.problem(
                    .status, record, text, rule: "type", "unknown status '\(text)' (expected active or withdrawn)")
            }
            status = parsed
        }
        let field = recordRules.first(.field, record).map { dataset.symbols.intern($0) }
        try recordRules.checkRules(record)
        let key = recordRules.uniqueKey { part in
            switch part {
            case .city: UInt64(city.index)
            case .country: UInt64(country.index)
            case .joined, .year: UInt64(joined ?? 0)
            case .network: UInt64(network.index)
            case .status: UInt64(status.rawValue)
            case .field: UInt64(field?.index ?? .max)
            default: nil
            }
        }
        try admit(key: key, record, display: dataset.cities[city].name, count: memberships.count)
        dataset.markMember(city)
        memberships.append(
            Membership(
                city: city, country: country, network: network, joined: joined, left: left,
                status: left != nil ? .withdrawn : status, field: field))
    }

    private mutating func initiative(_ record: RawRecordView, _ dataset: inout Dataset) throws(FieldProblem) {
        guard let idBytes = recordRules.first(.id, record) else {
            throw recordRules.problem(.id, record, "", rule: "required", "missing id")
        }
        draft.countries.removeAll(keepingCapacity: true)
        // A cell (one raw value) is split without the general iteration of a field's values.
        if let (value, separator) = recordRules.plainValue(.country, record) {
            for bytes in PlainParts(value.bytes, separator: separator) {
                try addCountry(bytes, column: value.column, record, dataset)
            }
        } else {
            for (bytes, column) in recordRules.values(.country, record) {
                try addCountry(bytes, column: column, record, dataset)
            }
        }
        draft.city = nil
        if let cityName = recordRules.first(.city, record) {
            if draft.countries.isEmpty {
                let name = String(decoding: cityName, as: UTF8.self)
                guard let member = dataset.cities.find(name: dataset.cityAliases.name(for: name, in: nil) ?? name)
                else {
                    throw recordRules.problem(
                        .city, record, name, rule: "reference",
                        "city '\(name)' has no country and is not a member city of a known country (map a country field)"
                    )
                }
                draft.countries.append(dataset.cities[member].country)
            }
            let city = cityID(cityName, country: draft.countries[0], &dataset)
            if dataset.readsMemberships { try checkMembership(city, record, dataset) }
            draft.city = city
        }
        draft.year = try recordRules.year(.year, record)
        let title = keepsTitles ? recordRules.first(.title, record) : nil
        draft.title = title.map { dataset.symbols.intern($0) } ?? Self.empty(&emptyTitle, in: &dataset.symbols)
        draft.organisation = recordRules.first(.organisation, record).map { dataset.symbols.intern($0) }
        draft.sdgs = SDGGoalSet()
        draft.targets = SDGTargetSet()
        if let (value, separator) = recordRules.plainValue(.sdgs, record) {
            for bytes in PlainParts(value.bytes, separator: separator) {
                try addSDG(bytes, column: value.column, record)
            }
        } else {
            for (bytes, column) in recordRules.values(.sdgs, record) { try addSDG(bytes, column: column, record) }
        }
        draft.themes = themes(record, dataset.themes)
        draft.beneficiaries = try recordRules.wholeNumber(.beneficiaries, record)
        draft.budget = try recordRules.decimalSum(.budget, record)
        try recordRules.checkRules(record)

        // The id in the table duplicates are checked in: the dataset's when it keeps ids, else the source's own.
        var checked: Symbol?
        if hasUniqueRule {
            let (id, isNew) = identifier(idBytes, &dataset)
            if uniqueByIdentifier {
                try admitIdentifier(id, isNew: isNew, record, display: String(decoding: idBytes, as: UTF8.self))
            }
            checked = id
        }
        draft.id =
            keepsIdentifiers
            ? checked ?? dataset.identifiers.intern(idBytes) : Self.empty(&emptyIdentifier, in: &dataset.identifiers)
        if !uniqueByIdentifier, let id = checked {
            let current = draft
            let key = recordRules.uniqueKey { part in
                switch part {
                case .id: UInt64(id.index)
                case .city: UInt64(current.city?.index ?? .max)
                case .country: UInt64(current.countries.first?.index ?? .max)
                case .year: UInt64(current.year ?? 0)
                case .title: UInt64(current.title.index)
                case .organisation: UInt64(current.organisation?.index ?? .max)
                default: nil
                }
            }
            try admit(key: key, record, display: String(decoding: idBytes, as: UTF8.self), count: initiatives.count)
        }
        initiatives.append(draft)
    }

    /// Adds a country value to the draft initiative's countries, once.
    @inline(__always)
    private mutating func addCountry(
        _ bytes: UnsafeBufferPointer<UInt8>, column: Int32, _ record: RawRecordView, _ dataset: Dataset
    ) throws(FieldProblem) {
        let index = countryIndex(bytes, dataset)
        guard index >= 0 else { throw recordRules.unknownCountry(bytes, column: column, record, dataset) }
        let country = CountryID(Int(index))
        if !draft.countries.contains(country) { draft.countries.append(country) }
    }

    /// Adds an SDG value (`4`, `SDG 4.7`, `Goal 11`) to the draft initiative's goals and targets.
    @inline(__always)
    private mutating func addSDG(_ bytes: UnsafeBufferPointer<UInt8>, column: Int32, _ record: RawRecordView)
        throws(FieldProblem)
    {
        let reference: SDGReference
        do {
            let (place, known) = sdgMemo.lookUp(bytes)
            if let known {
                reference = known
            } else {
                reference = try SDGReference.parse(bytes: bytes)
                sdgMemo.store(reference, at: place)
            }
        } catch {
            let text = String(decoding: bytes, as: UTF8.self)
            throw recordRules.problem(.sdgs, record, text, column: column, rule: "reference", error.description)
        }
        switch reference {
        case .goal(let goal):
            draft.sdgs.insert(goal)
        case .target(let target):
            draft.sdgs.insert(target.goal)
            draft.targets.insert(target)
        }
    }

    private mutating func award(_ record: RawRecordView, _ dataset: inout Dataset) throws(FieldProblem) {
        let cityName = try recordRules.required(.city, record)
        let country = try resolveCountry(record, dataset)
        let city = cityID(cityName, country: country, &dataset)
        if dataset.readsMemberships { try checkMembership(city, record, dataset) }
        guard let year = try recordRules.year(.year, record) else {
            throw recordRules.problem(.year, record, "", rule: "required", "missing year")
        }
        let title = recordRules.first(.title, record).map { dataset.symbols.intern($0) }
        try recordRules.checkRules(record)
        let key = recordRules.uniqueKey { part in
            switch part {
            case .city: UInt64(city.index)
            case .country: UInt64(country.index)
            case .year: UInt64(year)
            case .title: UInt64(title?.index ?? .max)
            default: nil
            }
        }
        try admit(key: key, record, display: dataset.cities[city].name, count: awards.count)
        awards.append(Award(city: city, country: country, year: year, title: title))
    }

    // MARK: - Values

    private static var noBytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: nil, count: 0) }

    /// The symbol of the empty string in a table, interned the first time.
    private static func empty(_ symbol: inout Symbol?, in table: inout SymbolTable) -> Symbol {
        if let symbol { return symbol }
        let interned = table.intern(noBytes)
        symbol = interned
        return interned
    }

    /// An id's symbol for duplicate checks, and whether it is new: in the dataset when ids are kept, else in the
    /// normaliser's own table.
    private mutating func identifier(_ bytes: UnsafeBufferPointer<UInt8>, _ dataset: inout Dataset) -> (
        symbol: Symbol, isNew: Bool
    ) {
        if keepsIdentifiers {
            let before = dataset.identifiers.count
            let id = dataset.identifiers.intern(bytes)
            return (id, Int(id.index) >= before)
        }
        let (number, isNew) = ownIdentifiers.insert(bytes)
        return (Symbol(index: number), isNew)
    }

    /// A record's themes. A raw list seen before comes from memory, unless it holds an unmapped theme (whose
    /// occurrences the statistics count).
    private mutating func themes(_ record: RawRecordView, _ vocabulary: ThemeVocabulary) -> ThemeSet {
        let raw = recordRules.rawValue(.themes, record)
        // An empty cell (many records have no themes) has none, without a lookup.
        if raw?.isEmpty == true { return ThemeSet() }
        let memo = raw.map { themeListMemo.lookUp($0) }
        if let known = memo?.value { return known }
        var themes = ThemeSet()
        for (bytes, _) in recordRules.values(.themes, record) {
            let (place, known) = themeMemo.lookUp(bytes)
            let theme =
                known ?? vocabulary.resolve(String(decoding: bytes, as: UTF8.self)).map { Int32($0.index) } ?? -1
            if known == nil { themeMemo.store(theme, at: place) }
            if theme >= 0 {
                themes.insert(ThemeID(index: Int(theme)))
            } else {
                themes.insertUnmapped()
                statistics.unmappedThemes[String(decoding: bytes, as: UTF8.self), default: 0] += 1
            }
        }
        if let place = memo?.place, !themes.hasUnmapped { themeListMemo.store(themes, at: place) }
        return themes
    }

    /// The index of a country spelling in the catalog, or -1 for an unknown one, interpreted once per spelling.
    private mutating func countryIndex(_ bytes: UnsafeBufferPointer<UInt8>, _ dataset: Dataset) -> Int32 {
        let (place, known) = countryMemo.lookUp(bytes)
        if let known { return known }
        let index = dataset.countries.resolve(String(decoding: bytes, as: UTF8.self)).map { Int32($0.index) } ?? -1
        countryMemo.store(index, at: place)
        return index
    }

    private mutating func resolveCountry(_ record: RawRecordView, _ dataset: Dataset) throws(FieldProblem) -> CountryID
    {
        var values = recordRules.values(.country, record)
        guard let (bytes, column) = values.next() else {
            throw recordRules.problem(.country, record, "", rule: "required", "missing country")
        }
        let index = countryIndex(bytes, dataset)
        guard index >= 0 else { throw recordRules.unknownCountry(bytes, column: column, record, dataset) }
        return CountryID(Int(index))
    }

    /// The city of a name in a country: aliases applied, matched by folded name, registered when new.
    private mutating func cityID(_ bytes: UnsafeBufferPointer<UInt8>, country: CountryID, _ dataset: inout Dataset)
        -> CityID
    {
        let countryTag = UInt64(country.index) + 1
        let shortKey = ShortValueMemo<UInt64>.key(bytes)
        if let shortKey, let first = firstCityOfShortName[shortKey], first >> 32 == countryTag {
            return CityID(index: Int(UInt32(truncatingIfNeeded: first)))
        }
        let name = Int(cityNames.intern(bytes).index)
        if name == cityOfName.count { cityOfName.append(0) }
        let first = cityOfName[name]
        if first >> 32 == countryTag {
            if let shortKey { firstCityOfShortName.store(first, for: shortKey) }
            return CityID(index: Int(UInt32(truncatingIfNeeded: first)))
        }
        let key = UInt64(name) << 16 | UInt64(country.index)
        if let city = cityMemo[key] { return city }
        let text = String(decoding: bytes, as: UTF8.self)
        let canonical = dataset.cityAliases.name(for: text, in: country) ?? text
        let city = dataset.cities.register(name: canonical, country: country)
        if first == 0 {
            cityOfName[name] = countryTag << 32 | UInt64(city.index)
            if let shortKey { firstCityOfShortName.store(cityOfName[name], for: shortKey) }
        } else {
            cityMemo[key] = city
        }
        return city
    }

    /// Warns about or rejects a city that no membership source of the dataset lists. Called only when the dataset
    /// has memberships, so that other runs do not copy the dataset to pass it here for every record.
    private mutating func checkMembership(_ city: CityID, _ record: RawRecordView, _ dataset: Dataset)
        throws(FieldProblem)
    {
        guard dataset.readsMemberships, !dataset.isMember(city), recordRules.mapping.quality.unknownCity != .accept
        else { return }
        let name = dataset.cities[city].name
        let country = dataset.countries[dataset.cities[city].country].name
        let reason = "city '\(name)' (\(country)) is not a member of any network in this pipeline"
        let column = recordRules.rule(.city)?.column(in: record) ?? 0
        if recordRules.mapping.quality.unknownCity == .reject {
            throw recordRules.problem(.city, record, name, column: column, rule: "reference", reason)
        }
        addWarning(
            Diagnostic(
                .warning, reason,
                at: SourceLocation(file: record.file, line: record.line, column: column > 0 ? Int(column) : nil)))
    }

    // MARK: - Rules

    /// Applies the duplicate policy to a record's unique key; throws when the record itself is rejected.
    private mutating func admit(key: [UInt64]?, _ record: RawRecordView, display: String, count: Int)
        throws(FieldProblem)
    {
        guard let key else { return }
        let fields = recordRules.mapping.quality.unique.map(\.rawValue).joined(separator: ", ")
        guard let previous = recordOfKey[key] else {
            if rejectedKeys.contains(key) {
                throw recordRules.duplicate(
                    record, display: display, fields: fields,
                    detail:
                        "duplicate \(fields) of '\(display)': earlier records with it were rejected (on_duplicate: reject)"
                )
            }
            recordOfKey[key] = count
            return
        }
        do {
            try resolveDuplicate(previous: previous, record, display: display, fields: fields)
            recordOfKey[key] = count
        } catch {
            if recordRules.mapping.quality.onDuplicate == .reject {
                recordOfKey[key] = nil
                rejectedKeys.insert(key)
            }
            throw error
        }
    }

    private mutating func admitIdentifier(
        _ id: Symbol, isNew: Bool, _ record: RawRecordView, display: @autoclosure () -> String
    ) throws(FieldProblem) {
        let index = Int(id.index)
        if isNew, index == recordOfIdentifier.count {
            // A new id (most are) is the next one: its record is this one.
            recordOfIdentifier.append(UInt32(initiatives.count))
            return
        }
        while index >= recordOfIdentifier.count { recordOfIdentifier.append(Self.noRecord) }
        let previous = recordOfIdentifier[index]
        guard !isNew, previous != Self.noRecord else {
            if !isNew, rejectedIdentifiers.contains(id.index) {
                throw recordRules.duplicate(
                    record, display: display(), fields: "id",
                    detail: "duplicate id '\(display())': earlier records with it were rejected (on_duplicate: reject)")
            }
            recordOfIdentifier[index] = UInt32(initiatives.count)
            return
        }
        do {
            try resolveDuplicate(previous: Int(previous), record, display: display(), fields: "id")
            recordOfIdentifier[index] = UInt32(initiatives.count)
        } catch {
            if recordRules.mapping.quality.onDuplicate == .reject {
                recordOfIdentifier[index] = Self.noRecord
                rejectedIdentifiers.insert(id.index)
            }
            throw error
        }
    }

    /// Applies the duplicate policy between an earlier record and this one: returns when this one is kept
    /// (the earlier one retracted), throws when this one is rejected.
    private mutating func resolveDuplicate(previous: Int, _ record: RawRecordView, display: String, fields: String)
        throws(FieldProblem)
    {
        let previousLine = Int(recordLines[previous])
        let what = fields == "id" ? "id '\(display)'" : "\(fields) of '\(display)'"
        switch recordRules.mapping.quality.onDuplicate {
        case .keepFirst:
            throw recordRules.duplicate(
                record, display: display, fields: fields,
                detail: "duplicate \(what): the record on line \(previousLine) is kept (on_duplicate: keep_first)")
        case .keepLast:
            retract(
                previous, in: record.file, line: previousLine, value: display,
                reason: "duplicate \(what): the record on line \(record.line) replaces it (on_duplicate: keep_last)")
        case .reject:
            retract(
                previous, in: record.file, line: previousLine, value: display,
                reason:
                    "duplicate \(what): also on line \(record.line); every record with it is rejected (on_duplicate: reject)"
            )
            throw recordRules.duplicate(
                record, display: display, fields: fields,
                detail:
                    "duplicate \(what): also on line \(previousLine); every record with it is rejected (on_duplicate: reject)"
            )
        }
    }

    /// Rejects a record that was accepted earlier.
    private mutating func retract(_ index: Int, in file: String, line: Int, value: String, reason: String) {
        guard removed.insert(index).inserted else { return }
        statistics.accepted -= 1
        statistics.rejected += 1
        let field = recordRules.mapping.quality.unique.first?.rawValue ?? "id"
        rejects.append(
            Reject(
                source: source, location: SourceLocation(file: file, line: line), field: field, value: value,
                rule: "unique", reason: reason))
    }

}

/// Why one field of a record cannot be normalised.
struct FieldProblem: Error {
    var field: EntityField
    var value: String
    var rule: String
    var reason: String
    var location: SourceLocation
    var suggestion = ""

    func reject(source: String) -> Reject {
        Reject(
            source: source, location: location, field: field.rawValue, value: value, rule: rule, reason: reason,
            suggestion: suggestion)
    }
}
