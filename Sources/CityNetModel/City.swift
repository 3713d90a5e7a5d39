/// A city: its name as first seen, its country, and the folded key that identifies it.
public struct City: Sendable, Hashable {
    /// The name as first written in the data.
    public var name: String
    /// The country it is in.
    public var country: CountryID
    /// The folded name (`medellin`), which with the country identifies the city.
    public var key: String

    /// Creates a city, folding its name into its key.
    public init(name: String, country: CountryID) {
        self.name = name
        self.country = country
        self.key = City.key(for: name)
    }

    /// The folded form of a city name: `Medellín`, `MEDELLIN` and `Medellin` share `medellin`.
    public static func key(for name: String) -> String { TextFolding.wordKey(name) }
}

/// The index of a city in a ``CityRegistry``.
public struct CityID: Sendable, Hashable, Comparable {
    /// The position in the registry.
    public var index: UInt32

    /// Creates an id.
    public init(index: Int) { self.index = UInt32(index) }

    public static func < (lhs: CityID, rhs: CityID) -> Bool { lhs.index < rhs.index }
}

/// Every city a dataset mentions, identified by (folded name, country).
public struct CityRegistry: Sendable {
    /// The cities in the order they were first seen; a ``CityID`` indexes this array.
    public private(set) var cities: [City] = []
    private var lookup: [CityKey: CityID] = [:]

    private struct CityKey: Hashable {
        var key: String
        var country: CountryID
    }

    /// An empty registry.
    public init() {}

    /// The id of a city, registering it when new.
    public mutating func register(name: String, country: CountryID) -> CityID {
        let key = CityKey(key: City.key(for: name), country: country)
        if let id = lookup[key] { return id }
        let id = CityID(index: cities.count)
        cities.append(City(name: name, country: country))
        lookup[key] = id
        return id
    }

    /// The id of a registered city.
    public func find(name: String, country: CountryID) -> CityID? {
        lookup[CityKey(key: City.key(for: name), country: country)]
    }

    /// The id of the only registered city with a name, in any country; `nil` when none or several.
    public func find(name: String) -> CityID? {
        let key = City.key(for: name)
        let matches = lookup.filter { $0.key.key == key }
        return matches.count == 1 ? matches.first?.value : nil
    }

    /// The city with an id.
    public subscript(id: CityID) -> City { cities[Int(id.index)] }
}

/// Variants of city names mapped to the name a network uses (`Seodaemungu` -> `Seodaemun-gu`).
///
/// Matching folds case, accents and punctuation; an alias may be limited to one country.
public struct CityAliases: Sendable {
    private var names: [String: String] = [:]
    private var namesInCountry: [String: String] = [:]

    /// No aliases.
    public init() {}

    /// Adds an alias, for every country or for one.
    public mutating func add(alias: String, name: String, country: CountryID? = nil) {
        let key = City.key(for: alias)
        if let country {
            namesInCountry["\(country.index)|\(key)"] = name
        } else {
            names[key] = name
        }
    }

    /// How many aliases there are.
    public var count: Int { names.count + namesInCountry.count }

    /// The name an alias stands for, if it is one.
    public func name(for alias: String, in country: CountryID?) -> String? {
        let key = City.key(for: alias)
        if let country, let name = namesInCountry["\(country.index)|\(key)"] { return name }
        return names[key]
    }
}
