/// A controlled vocabulary of themes: canonical names and the synonyms feeds use for them.
///
/// Lookup folds case, accents and punctuation. A value that is neither a theme nor a synonym is
/// *unmapped*: kept, counted, and reported so the vocabulary can be completed.
public struct ThemeVocabulary: Sendable, Hashable {
    /// The canonical themes in vocabulary order; a ``ThemeID`` indexes this array.
    public private(set) var themes: [String]
    private var lookup: [String: ThemeID]

    /// An empty vocabulary: every theme is unmapped.
    public init() {
        themes = []
        lookup = [:]
    }

    /// Why a vocabulary cannot be built.
    public enum ConflictError: Error, Sendable, Hashable {
        /// A synonym (or theme) that is listed under two themes.
        case ambiguous(term: String, first: String, second: String)
    }

    /// Adds a theme with its synonyms.
    ///
    /// - Throws: ``ConflictError/ambiguous(term:first:second:)`` when a term already belongs to another theme.
    @discardableResult
    public mutating func add(theme: String, synonyms: [String]) throws(ConflictError) -> ThemeID {
        let id = ThemeID(index: themes.count)
        for term in [theme] + synonyms {
            let key = TextFolding.compactKey(term)
            if let existing = lookup[key], existing != id {
                throw .ambiguous(term: term, first: themes[existing.index], second: theme)
            }
            lookup[key] = id
        }
        themes.append(theme)
        return id
    }

    /// The theme a value names, directly or by synonym.
    public func resolve(_ text: String) -> ThemeID? {
        lookup[TextFolding.compactKey(text)]
    }

    /// The canonical name of a theme.
    public subscript(id: ThemeID) -> String { themes[id.index] }
}

/// The index of a theme in a ``ThemeVocabulary``.
public struct ThemeID: Sendable, Hashable, Comparable {
    /// The position in the vocabulary.
    public var index: Int

    /// Creates an id.
    public init(index: Int) { self.index = index }

    public static func < (lhs: ThemeID, rhs: ThemeID) -> Bool { lhs.index < rhs.index }
}
