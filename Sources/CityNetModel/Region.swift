/// One of UNESCO's five regions, in UNESCO's own order.
public enum Region: Int, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case africa
    case arabStates
    case asiaPacific
    case europeNorthAmerica
    case latinAmericaCaribbean

    /// The region's name as UNESCO writes it.
    public var name: String {
        switch self {
        case .africa: "Africa"
        case .arabStates: "Arab States"
        case .asiaPacific: "Asia and the Pacific"
        case .europeNorthAmerica: "Europe and North America"
        case .latinAmericaCaribbean: "Latin America and the Caribbean"
        }
    }

    /// The three-letter code used in reference tables (`AFR`, `ARB`, `APA`, `EUR`, `LAC`).
    public var code: String {
        switch self {
        case .africa: "AFR"
        case .arabStates: "ARB"
        case .asiaPacific: "APA"
        case .europeNorthAmerica: "EUR"
        case .latinAmericaCaribbean: "LAC"
        }
    }

    /// The region with a given code or name, compared after folding (`apa`, `Asia & Pacific`).
    public init?(codeOrName text: String) {
        let key = TextFolding.compactKey(text)
        let match = Region.allCases.first { region in
            TextFolding.compactKey(region.code) == key || TextFolding.compactKey(region.name) == key
                || region.alternativeNames.contains(key)
        }
        guard let match else { return nil }
        self = match
    }

    private var alternativeNames: Set<String> {
        switch self {
        case .africa: []
        case .arabStates: ["arabstate", "arabregion"]
        case .asiaPacific: ["asiapacific", "asiaandpacific", "asia"]
        case .europeNorthAmerica: ["europenorthamerica", "europe"]
        case .latinAmericaCaribbean: ["latinamericacaribbean", "latinamerica", "latinamericaandcaribbean"]
        }
    }

    public static func < (lhs: Region, rhs: Region) -> Bool { lhs.rawValue < rhs.rawValue }
}
