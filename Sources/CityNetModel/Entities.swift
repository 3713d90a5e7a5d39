/// Whether a city is still in its network.
public enum MembershipStatus: UInt8, Sendable, Hashable, CaseIterable {
    case active
    case withdrawn

    /// The status a feed value names (`active`, `member`, `withdrawn`, `left`, …), or `nil`.
    public init?(parsing text: String) {
        switch TextFolding.compactKey(text) {
        case "", "active", "member", "current", "yes": self = .active
        case "withdrawn", "left", "inactive", "former", "suspended", "no": self = .withdrawn
        default: return nil
        }
    }

    /// The status as tables print it.
    public var name: String {
        switch self {
        case .active: "active"
        case .withdrawn: "withdrawn"
        }
    }
}

/// A city's membership of a network.
public struct Membership: Sendable, Hashable {
    /// The member city.
    public var city: CityID
    /// The city's country.
    public var country: CountryID
    /// The network (`GNLC`, `UCCN`).
    public var network: Symbol
    /// The year the city joined, when known.
    public var joined: Int?
    /// The year the city left, when it did and the feed says when.
    public var left: Int?
    /// Whether the city is still a member.
    public var status: MembershipStatus
    /// The creative field of a Creative Cities member (`Music`), when the network has fields.
    public var field: Symbol?

    /// Creates a membership.
    public init(
        city: CityID, country: CountryID, network: Symbol, joined: Int?, left: Int? = nil,
        status: MembershipStatus = .active, field: Symbol? = nil
    ) {
        self.city = city
        self.country = country
        self.network = network
        self.joined = joined
        self.left = left
        self.status = status
        self.field = field
    }
}

/// A set of SDG goals, one bit per goal.
public struct SDGGoalSet: Sendable, Hashable, Sequence {
    /// Bit `n` is set when goal `n` is in the set.
    public private(set) var bits: UInt32 = 0

    /// An empty set.
    public init() {}

    /// The set with the given bits (bit `n` for goal `n`).
    public init(bits: UInt32) { self.bits = bits & 0x3_FFFE }

    /// Adds a goal.
    public mutating func insert(_ goal: SDGGoal) { bits |= 1 << UInt32(goal.number) }

    /// Whether a goal is in the set.
    public func contains(_ goal: SDGGoal) -> Bool { bits & (1 << UInt32(goal.number)) != 0 }

    /// Whether the set is empty.
    public var isEmpty: Bool { bits == 0 }

    /// The goals in order.
    public func makeIterator() -> some IteratorProtocol<SDGGoal> {
        SDGGoal.all.lazy.filter(contains).makeIterator()
    }
}

/// A set of SDG targets, one bit per target of ``SDGTarget/all`` (169 bits in three words).
public struct SDGTargetSet: Sendable, Hashable, Sequence, BitsHashable {
    private var low: UInt64 = 0
    private var middle: UInt64 = 0
    private var high: UInt64 = 0

    /// A cheap hash of the three words (for ``InternedSetColumn``).
    var bitsHash: UInt64 {
        Self.mix(Self.mix(Self.mix(0x9E37_79B9_7F4A_7C15, low), middle), high)
    }

    /// An empty set.
    public init() {}

    /// The set of the targets at the given indices into ``SDGTarget/all``.
    public init(indices: some Sequence<Int>) {
        for index in indices { insert(index: index) }
    }

    /// Adds a target.
    public mutating func insert(_ target: SDGTarget) { insert(index: target.index) }

    /// Adds the target at an index into ``SDGTarget/all``.
    public mutating func insert(index: Int) {
        let bit = UInt64(1) << UInt64(index % 64)
        switch index / 64 {
        case 0: low |= bit
        case 1: middle |= bit
        default: high |= bit
        }
    }

    /// Whether the set is empty.
    public var isEmpty: Bool { low | middle | high == 0 }

    /// A set of at most two targets as two bytes, each a target's index + 1 (0 for none), the smaller first;
    /// `nil` for a larger set.
    var packedPair: UInt16? {
        let count = low.nonzeroBitCount + middle.nonzeroBitCount + high.nonzeroBitCount
        guard count <= 2 else { return nil }
        var packed: UInt16 = 0
        var shift: UInt16 = 0
        Self.pack(low, from: 0, into: &packed, shift: &shift)
        Self.pack(middle, from: 64, into: &packed, shift: &shift)
        Self.pack(high, from: 128, into: &packed, shift: &shift)
        return packed
    }

    /// Adds the targets of one word (those from index `first`) to a ``packedPair``.
    private static func pack(_ bits: UInt64, from first: Int, into packed: inout UInt16, shift: inout UInt16) {
        var remaining = bits
        while remaining != 0 {
            packed |= UInt16(first + remaining.trailingZeroBitCount + 1) << shift
            shift += 8
            remaining &= remaining - 1
        }
    }

    /// The set a ``packedPair`` stands for.
    init(packedPair: UInt16) {
        if packedPair & 0xFF != 0 { insert(index: Int(packedPair & 0xFF) - 1) }
        if packedPair >> 8 != 0 { insert(index: Int(packedPair >> 8) - 1) }
    }

    /// The target indices in order.
    public var targetIndices: [Int] {
        var indices: [Int] = []
        for (word, bits) in [low, middle, high].enumerated() {
            var remaining = bits
            while remaining != 0 {
                indices.append(word * 64 + remaining.trailingZeroBitCount)
                remaining &= remaining - 1
            }
        }
        return indices
    }

    /// The targets in order.
    public func makeIterator() -> IndexingIterator<[SDGTarget]> {
        targetIndices.map { SDGTarget.all[$0] }.makeIterator()
    }
}

/// A set of themes of a vocabulary, plus a flag for values the vocabulary does not know.
public struct ThemeSet: Sendable, Hashable {
    /// The most themes a vocabulary may hold.
    public static let capacity = 63
    private static let unmappedBit: UInt64 = 1 << 63

    /// Bit `n` is theme `n`; the top bit marks an unmapped value.
    public private(set) var bits: UInt64 = 0

    /// An empty set.
    public init() {}

    /// The set with the given bits.
    public init(bits: UInt64) { self.bits = bits }

    /// Adds a theme.
    public mutating func insert(_ theme: ThemeID) { bits |= 1 << UInt64(theme.index) }

    /// Marks that the record had a theme the vocabulary does not know.
    public mutating func insertUnmapped() { bits |= Self.unmappedBit }

    /// Whether the record had a theme the vocabulary does not know.
    public var hasUnmapped: Bool { bits & Self.unmappedBit != 0 }

    /// Whether no theme at all was given.
    public var isEmpty: Bool { bits == 0 }

    /// The known themes in vocabulary order.
    public var themes: [ThemeID] {
        (0..<Self.capacity).filter { bits & (1 << UInt64($0)) != 0 }.map(ThemeID.init(index:))
    }
}

/// An initiative: a city's programme or a funded activity, tagged with SDGs and themes.
public struct Initiative: Sendable, Hashable {
    /// The identifier from the feed.
    public var id: Symbol
    /// The city that runs it, when it is a city's.
    public var city: CityID?
    /// The countries it is in (usually one; the city's country when a city is given).
    public var countries: [CountryID]
    /// The year it is reported for.
    public var year: Int?
    /// Its title.
    public var title: Symbol
    /// The organisation that reports or runs it (an IATI reporting organisation), when given.
    public var organisation: Symbol?
    /// The SDG goals it serves (a target's goal included).
    public var sdgs: SDGGoalSet
    /// The SDG targets named explicitly.
    public var targets: SDGTargetSet
    /// Its themes.
    public var themes: ThemeSet
    /// How many people it reached.
    public var beneficiaries: Int?
    /// Its budget in the feed's currency.
    public var budget: Double?

    /// Creates an initiative.
    public init(
        id: Symbol, city: CityID?, countries: [CountryID], year: Int?, title: Symbol, organisation: Symbol? = nil,
        sdgs: SDGGoalSet = .init(), targets: SDGTargetSet = .init(), themes: ThemeSet = .init(),
        beneficiaries: Int? = nil, budget: Double? = nil
    ) {
        self.id = id
        self.city = city
        self.countries = countries
        self.year = year
        self.title = title
        self.organisation = organisation
        self.sdgs = sdgs
        self.targets = targets
        self.themes = themes
        self.beneficiaries = beneficiaries
        self.budget = budget
    }
}

/// An award given to a city (a UNESCO Learning City Award, say).
public struct Award: Sendable, Hashable {
    /// The laureate city.
    public var city: CityID
    /// The city's country.
    public var country: CountryID
    /// The year of the award.
    public var year: Int
    /// The award's or the laureate programme's title, when given.
    public var title: Symbol?

    /// Creates an award.
    public init(city: CityID, country: CountryID, year: Int, title: Symbol? = nil) {
        self.city = city
        self.country = country
        self.year = year
        self.title = title
    }
}

/// The kinds of entity a source can hold.
public enum EntityKind: String, Sendable, Hashable, CaseIterable {
    case membership
    case initiative
    case award

    /// The fields a source of this kind may map, required ones first.
    public var fields: [EntityField] {
        switch self {
        case .membership: [.city, .country, .network, .joined, .left, .status, .field]
        case .initiative: [.id, .title, .city, .country, .year, .organisation, .sdgs, .themes, .beneficiaries, .budget]
        case .award: [.city, .country, .year, .title]
        }
    }

    /// The fields a record must have.
    public var requiredFields: Set<EntityField> {
        switch self {
        case .membership: [.city, .country]
        case .initiative: [.id]
        case .award: [.city, .country, .year]
        }
    }
}

/// A field of an entity that a source maps from its feed.
public enum EntityField: String, Sendable, Hashable, CaseIterable {
    case id, city, country, network, joined, left, status, field, year, title, organisation, sdgs, themes
    case beneficiaries, budget

    /// The field's position among all fields, for tables indexed by field.
    public var ordinal: Int {
        switch self {
        case .id: 0
        case .city: 1
        case .country: 2
        case .network: 3
        case .joined: 4
        case .status: 5
        case .field: 6
        case .year: 7
        case .title: 8
        case .organisation: 9
        case .sdgs: 10
        case .themes: 11
        case .beneficiaries: 12
        case .budget: 13
        case .left: 14
        }
    }
}
