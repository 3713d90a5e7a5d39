/// A country or territory of ISO 3166-1 with the regions statistics group it under.
public struct Country: Sendable, Hashable {
    /// ISO 3166-1 alpha-2 (`KR`).
    public var alpha2: String
    /// ISO 3166-1 alpha-3 (`KOR`).
    public var alpha3: String
    /// ISO 3166-1 numeric, three digits (`410`).
    public var numeric: String
    /// The English short name.
    public var name: String
    /// The UN M49 region (`Asia`).
    public var m49Region: String
    /// The UN M49 sub-region (`Eastern Asia`).
    public var m49SubRegion: String
    /// The UNESCO region a country counts in for statistics, `nil` when none applies.
    public var region: Region?
    /// The second UNESCO region of the states UNESCO lists in two.
    public var secondaryRegion: Region?
    /// Other names people write for it (`South Korea`, `Korea, Rep.`).
    public var aliases: [String]

    /// Creates a country.
    public init(
        alpha2: String, alpha3: String, numeric: String, name: String, m49Region: String, m49SubRegion: String,
        region: Region?, secondaryRegion: Region? = nil, aliases: [String] = []
    ) {
        self.alpha2 = alpha2
        self.alpha3 = alpha3
        self.numeric = numeric
        self.name = name
        self.m49Region = m49Region
        self.m49SubRegion = m49SubRegion
        self.region = region
        self.secondaryRegion = secondaryRegion
        self.aliases = aliases
    }
}

/// The index of a country in a ``CountryCatalog``.
public struct CountryID: Sendable, Hashable, Comparable {
    /// The position in the catalog.
    public var index: UInt16

    /// Creates an id.
    public init(_ index: Int) { self.index = UInt16(index) }

    public static func < (lhs: CountryID, rhs: CountryID) -> Bool { lhs.index < rhs.index }
}
