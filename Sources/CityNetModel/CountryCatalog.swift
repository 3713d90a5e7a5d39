/// The countries a pipeline knows, with lookup by code, name or alias.
///
/// Lookup folds case, accents and punctuation, so `korea, rep.`, `KOREA REP` and `Korea Rep` all find
/// the Republic of Korea.
public struct CountryCatalog: Sendable {
    /// Every country, in table order; a ``CountryID`` indexes this array.
    public private(set) var countries: [Country]
    private var lookup: [String: CountryID]

    /// Creates a catalog from countries; later entries win when two share a name or code.
    public init(_ countries: [Country]) {
        self.countries = []
        self.lookup = [:]
        for country in countries { upsert(country) }
    }

    /// The catalog of every ISO 3166-1 entry, built into citynet.
    public static let builtin = CountryCatalog(BuiltinCountries.parse())

    /// The country with the given id.
    public subscript(id: CountryID) -> Country { countries[Int(id.index)] }

    /// The id of the country a name, alias, alpha-2, alpha-3 or numeric code names.
    public func resolve(_ text: String) -> CountryID? {
        lookup[TextFolding.compactKey(text)]
    }

    /// The country's name closest to a misspelt one (`Columbia` -> `Colombia`), if one is close.
    public func suggestion(for text: String) -> String? {
        let names = countries.lazy.flatMap { [$0.name] + $0.aliases.filter { $0.count > 3 } }
        guard let closest = TextFolding.closest(to: text, among: names), let id = resolve(closest) else {
            return nil
        }
        return self[id].name
    }

    /// Adds a country or replaces the one with the same alpha-2 code.
    public mutating func upsert(_ country: Country) {
        let id: CountryID
        if let existing = lookup[TextFolding.compactKey(country.alpha2)], self[existing].alpha2 == country.alpha2 {
            id = existing
            countries[Int(id.index)] = country
        } else {
            id = CountryID(countries.count)
            countries.append(country)
        }
        let keys = [country.name, country.alpha3, country.numeric] + country.aliases
        for key in keys where !key.isEmpty {
            lookup[TextFolding.compactKey(key)] = id
        }
        lookup[TextFolding.compactKey(country.alpha2)] = id
    }
}

extension BuiltinCountries {
    /// The rows of ``table`` as countries.
    static func parse() -> [Country] {
        table.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 9 else { return nil }
            return Country(
                alpha2: fields[0], alpha3: fields[1], numeric: fields[2], name: fields[3],
                m49Region: fields[4], m49SubRegion: fields[5],
                region: Region(codeOrName: fields[6]), secondaryRegion: Region(codeOrName: fields[7]),
                aliases: fields[8].split(separator: ";").map(String.init)
            )
        }
    }
}
