public import CityNetModel

/// What normalising one source produced, besides its records.
public struct NormalizeStatistics: Sendable, Hashable {
    /// Records handed in (including rows the reader rejected, counted with ``countReaderReject()``).
    public var read = 0
    /// Records kept.
    public var accepted = 0
    /// Records rejected.
    public var rejected = 0
    /// Theme values the vocabulary does not know, with how often each occurred.
    public var unmappedThemes: [String: Int] = [:]

    /// Creates empty statistics.
    public init() {}
}

/// Turns the raw records of one source into typed entities, rejecting what cannot be normalised.
///
/// Feed it records with ``normalize(_:into:)``; each either becomes an entity or adds a ``CityNetModel/Reject``
/// with the field, the value and the reason. ``finish(into:)`` stores the entities in the dataset.
public struct SourceNormalizer: Sendable {
    /// The source's name.
    public let source: String
    private let mapping: SourceMapping
    private let defaultNetwork: String
    private var memberships: [Membership] = []
    private var initiatives: [Initiative] = []
    private var awards: [Award] = []
    private var firstLineOfID: [Symbol: Int] = [:]

    /// The records rejected so far.
    public private(set) var rejects: [Reject] = []
    /// The counts so far.
    public private(set) var statistics = NormalizeStatistics()

    /// Creates a normaliser for a source.
    ///
    /// - Parameters:
    ///   - source: the source's name, written into rejects.
    ///   - mapping: how its records map to entity fields.
    ///   - defaultNetwork: the network of memberships whose mapping gives none.
    public init(source: String, mapping: SourceMapping, defaultNetwork: String) {
        self.source = source
        self.mapping = mapping
        self.defaultNetwork = defaultNetwork
    }

    /// Counts a row the reader could not read, and keeps its reject.
    public mutating func countReaderReject(_ reject: Reject) {
        statistics.read += 1
        statistics.rejected += 1
        rejects.append(reject)
    }

    /// Normalises one record into an entity, or rejects it.
    public mutating func normalize(_ record: RawRecord, into dataset: inout Dataset) {
        statistics.read += 1
        var context = RecordContext(record: record, mapping: mapping)
        do {
            switch mapping.entity {
            case .membership: memberships.append(try membership(&context, &dataset))
            case .initiative: initiatives.append(try initiative(&context, &dataset))
            case .award: awards.append(try award(&context, &dataset))
            }
            statistics.accepted += 1
        } catch {
            statistics.rejected += 1
            rejects.append(
                Reject(
                    source: source, location: error.location, field: error.field.rawValue, value: error.value,
                    reason: error.reason
                ))
        }
    }

    /// Stores the accepted entities in the dataset under the source's name.
    public func finish(into dataset: inout Dataset) {
        switch mapping.entity {
        case .membership: dataset.sources[source] = .memberships(memberships)
        case .initiative: dataset.sources[source] = .initiatives(initiatives)
        case .award: dataset.sources[source] = .awards(awards)
        }
    }

    // MARK: - Entities

    private mutating func membership(_ context: inout RecordContext, _ dataset: inout Dataset) throws(FieldProblem)
        -> Membership
    {
        let cityName = try context.required(.city)
        let country = try resolveCountry(try context.required(.country), field: .country, context, dataset)
        let network = context.first(.network) ?? defaultNetwork
        let joined = try context.first(.joined).map { value throws(FieldProblem) in
            try context.year(value, field: .joined)
        }
        var status = MembershipStatus.active
        if let value = context.first(.status) {
            guard let parsed = MembershipStatus(parsing: value) else {
                throw context.problem(.status, value, "unknown status '\(value)' (expected active or withdrawn)")
            }
            status = parsed
        }
        let field = context.first(.field).map { dataset.symbols.intern($0) }
        let city = dataset.cities.register(name: cityName, country: country)
        return Membership(
            city: city, country: country, network: dataset.symbols.intern(network), joined: joined, status: status,
            field: field
        )
    }

    private mutating func initiative(_ context: inout RecordContext, _ dataset: inout Dataset) throws(FieldProblem)
        -> Initiative
    {
        let idText = try context.required(.id)
        let id = dataset.symbols.intern(idText)
        if let firstLine = firstLineOfID[id] {
            throw context.problem(.id, idText, "duplicate id '\(idText)' (first seen on line \(firstLine))")
        }
        var countries: [CountryID] = []
        for value in context.all(.country) {
            let country = try resolveCountry(value, field: .country, context, dataset)
            if !countries.contains(country) { countries.append(country) }
        }
        var city: CityID?
        if let cityName = context.first(.city) {
            guard let country = countries.first else {
                throw context.problem(.city, cityName, "city '\(cityName)' has no country (map a country field)")
            }
            city = dataset.cities.register(name: cityName, country: country)
        }
        let year = try context.first(.year).map { value throws(FieldProblem) in try context.year(value, field: .year) }
        var sdgs = SDGGoalSet()
        var targets = SDGTargetSet()
        for value in context.all(.sdgs) {
            do {
                switch try SDGReference.parse(value) {
                case .goal(let goal): sdgs.insert(goal)
                case .target(let target):
                    sdgs.insert(target.goal)
                    targets.insert(target)
                }
            } catch {
                throw context.problem(.sdgs, value, error.description)
            }
        }
        var themes = ThemeSet()
        for value in context.all(.themes) {
            if let theme = dataset.themes.resolve(value) {
                themes.insert(theme)
            } else {
                themes.insertUnmapped()
                statistics.unmappedThemes[value, default: 0] += 1
            }
        }
        let beneficiaries = try context.first(.beneficiaries).map { value throws(FieldProblem) in
            try context.wholeNumber(value, field: .beneficiaries)
        }
        let budget = try context.first(.budget).map { value throws(FieldProblem) in
            try context.decimal(value, field: .budget)
        }
        let title = dataset.symbols.intern(context.first(.title) ?? "")
        firstLineOfID[id] = context.record.location.line
        return Initiative(
            id: id, city: city, countries: countries, year: year, title: title, sdgs: sdgs, targets: targets,
            themes: themes, beneficiaries: beneficiaries, budget: budget
        )
    }

    private mutating func award(_ context: inout RecordContext, _ dataset: inout Dataset) throws(FieldProblem) -> Award
    {
        let cityName = try context.required(.city)
        let country = try resolveCountry(try context.required(.country), field: .country, context, dataset)
        let year = try context.year(try context.required(.year), field: .year)
        let title = context.first(.title).map { dataset.symbols.intern($0) }
        return Award(
            city: dataset.cities.register(name: cityName, country: country), country: country, year: year, title: title)
    }

    private func resolveCountry(
        _ value: String, field: EntityField, _ context: RecordContext, _ dataset: Dataset
    ) throws(FieldProblem) -> CountryID {
        if let id = dataset.countries.resolve(value) { return id }
        let suggestion = dataset.countries.suggestion(for: value).map { " (did you mean \($0)?)" } ?? ""
        throw context.problem(field, value, "unknown country '\(value)'\(suggestion)")
    }
}

/// Why one field of a record cannot be normalised.
struct FieldProblem: Error {
    var field: EntityField
    var value: String
    var reason: String
    var location: SourceLocation
}

/// One record being normalised: its field values on demand, and where each came from.
struct RecordContext {
    let record: RawRecord
    let mapping: SourceMapping

    func all(_ field: EntityField) -> [String] {
        mapping.fields[field]?.values(in: record).values ?? []
    }

    func first(_ field: EntityField) -> String? {
        all(field).first
    }

    func required(_ field: EntityField) throws(FieldProblem) -> String {
        guard let value = first(field) else {
            throw problem(field, "", "missing \(field.rawValue)")
        }
        return value
    }

    func problem(_ field: EntityField, _ value: String, _ reason: String) -> FieldProblem {
        let path = mapping.fields[field]?.values(in: record).path
        let location = path.map { record.location(ofPath: $0) } ?? record.location
        return FieldProblem(field: field, value: value, reason: reason, location: location)
    }

    /// A year from `2019`, `2019-05-04`, `2019-05-04T10:00:00Z` or `04/05/2019`, within 1900-2100.
    func year(_ value: String, field: EntityField) throws(FieldProblem) -> Int {
        let utf8 = Array(value.utf8)
        var digits: ArraySlice<UInt8>?
        if utf8.count >= 4, utf8.prefix(4).allSatisfy(isDigit), utf8.count == 4 || !isDigit(utf8[4]) {
            digits = utf8.prefix(4)
        } else if utf8.count >= 4, utf8.suffix(4).allSatisfy(isDigit), utf8.count > 4,
            utf8[utf8.count - 5] == UInt8(ascii: "/")
        {
            digits = utf8.suffix(4)
        }
        guard let digits else {
            throw problem(field, value, "'\(value)' is not a year (expected e.g. 2019 or 2019-05-04)")
        }
        let year = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard (1900...2100).contains(year) else {
            throw problem(field, value, "year \(year) is out of range (expected 1900-2100)")
        }
        return year
    }

    /// A whole number, allowing thousands separators (`1,200`, `1 200`, `1_200`).
    func wholeNumber(_ value: String, field: EntityField) throws(FieldProblem) -> Int {
        let cleaned = value.filter { $0 != "," && $0 != " " && $0 != "_" && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        guard let number = Int(cleaned), number >= 0 else {
            throw problem(field, value, "'\(value)' is not a whole number")
        }
        return number
    }

    /// A decimal number with `.` as the decimal point.
    func decimal(_ value: String, field: EntityField) throws(FieldProblem) -> Double {
        let cleaned = value.filter { $0 != "," && $0 != " " && $0 != "_" }
        guard let number = Double(cleaned), number.isFinite else {
            throw problem(field, value, "'\(value)' is not a number")
        }
        return number
    }

    private func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
}
