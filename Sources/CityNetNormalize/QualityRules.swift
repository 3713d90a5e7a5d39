public import CityNetModel

/// The checks a source's records must pass beyond being readable, from `quality:` in the pipeline file.
public struct QualityRules: Sendable {
    /// What happens to records whose key repeats an earlier record's.
    public enum DuplicatePolicy: String, Sendable, Hashable, CaseIterable {
        /// Every record with the key is rejected, the first one too: the feed must say which is right.
        case reject
        /// The first record is kept; later ones are rejected.
        case keepFirst = "keep_first"
        /// The last record is kept; earlier ones are rejected.
        case keepLast = "keep_last"
    }

    /// What happens to an initiative or award whose city is not a member of any network in the dataset.
    public enum UnknownCityPolicy: String, Sendable, Hashable, CaseIterable {
        /// The record is kept and a warning counted.
        case warn
        /// The record is rejected.
        case reject
        /// The record is kept silently.
        case accept
    }

    /// Fields that must have a value (besides those the entity always requires).
    public var required: [EntityField]
    /// Fields whose values together must be unique; empty for no check.
    public var unique: [EntityField]
    /// What happens to duplicates.
    public var onDuplicate: DuplicatePolicy
    /// Allowed ranges of numeric fields (`year`, `joined`, `beneficiaries`, `budget`).
    public var ranges: [EntityField: ClosedRange<Double>]
    /// Allowed values of text fields, compared ignoring case, accents and punctuation.
    public var accepted: [EntityField: [String]]
    /// What happens to a reference to a city that is not a member.
    public var unknownCity: UnknownCityPolicy

    /// The defaults for an entity: initiatives have unique ids (duplicates rejected); nothing else is checked.
    public init(entity: EntityKind) {
        required = []
        unique = entity == .initiative ? [.id] : []
        onDuplicate = .reject
        ranges = [:]
        accepted = [:]
        unknownCity = .warn
    }
}

/// How numbers are written in a feed: the thousands separator and the decimal mark.
public struct NumberLocale: Sendable, Hashable {
    /// The locale's name in the pipeline file.
    public var name: String
    /// Bytes that group thousands (always also spaces and no-break spaces).
    public var thousands: UInt8
    /// The decimal mark.
    public var decimal: UInt8

    /// `1,234.5`.
    public static let english = NumberLocale(name: "en", thousands: UInt8(ascii: ","), decimal: UInt8(ascii: "."))
    /// `1.234,5`.
    public static let german = NumberLocale(name: "de", thousands: UInt8(ascii: "."), decimal: UInt8(ascii: ","))
    /// `1 234,5`.
    public static let french = NumberLocale(name: "fr", thousands: UInt8(ascii: " "), decimal: UInt8(ascii: ","))
    /// `1'234.5`.
    public static let swiss = NumberLocale(name: "ch", thousands: UInt8(ascii: "'"), decimal: UInt8(ascii: "."))

    /// Every locale by name.
    public static let all = [english, german, french, swiss]
}
