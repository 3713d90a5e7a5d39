public import CityNetModel

/// How one entity field gets its values from a record's raw paths.
///
/// The forms of the pipeline file: a path, a list of paths (all their values), `{ first: [...] }` (the first
/// path with a value), `{ const: V }`, each optionally with `split`, `map` and `as: year`.
public struct FieldRule: Sendable {
    /// Where the values come from.
    public enum Origin: Sendable, Hashable {
        /// All values of these paths (indices into ``SourceMapping/paths``).
        case paths([Int])
        /// The values of the first of these paths that has any.
        case first([Int])
        /// A fixed value.
        case constant(String)
    }

    /// Where the values come from.
    public var origin: Origin
    /// A separator that splits each value into several (`;`).
    public var split: String?
    /// Replacements applied to each value after trimming, compared case- and accent-insensitively.
    public var valueMap: [String: String]
    /// Whether values are dates from which only the year is kept.
    public var asYear: Bool
    /// Where the pipeline file defines the rule.
    public var definedAt: SourceLocation?

    /// Creates a rule.
    public init(
        origin: Origin, split: String? = nil, valueMap: [String: String] = [:], asYear: Bool = false,
        definedAt: SourceLocation? = nil
    ) {
        self.origin = origin
        self.split = split
        self.valueMap = Dictionary(valueMap.map { (TextFolding.compactKey($0.key), $0.value) }) { first, _ in first }
        self.asYear = asYear
        self.definedAt = definedAt
    }

    /// The values of the field in a record, trimmed, split and mapped; empty values are dropped.
    ///
    /// Also returns the index of the path the first value came from, for locating problems.
    func values(in record: RawRecord) -> (values: [String], path: Int?) {
        var raw: [String] = []
        var path: Int?
        switch origin {
        case .constant(let value):
            raw = [value]
        case .paths(let indices):
            for index in indices where !record.values[index].isEmpty {
                if path == nil { path = index }
                raw += record.values[index]
            }
        case .first(let indices):
            if let index = indices.first(where: { !record.values[$0].isEmpty }) {
                path = index
                raw = record.values[index]
            }
        }
        var output: [String] = []
        for value in raw {
            let parts = split.map { separator in value.components(separatedBy: separator) } ?? [value]
            for part in parts {
                var trimmed = part.trimmedWhitespace()
                if !valueMap.isEmpty, let mapped = valueMap[TextFolding.compactKey(trimmed)] { trimmed = mapped }
                if !trimmed.isEmpty { output.append(trimmed) }
            }
        }
        return (output, path)
    }
}

/// How the records of one source become entities: the entity kind, the raw paths to read and the rule of
/// each field.
public struct SourceMapping: Sendable {
    /// The kind of entity the source holds.
    public var entity: EntityKind
    /// The raw paths a reader must deliver (CSV headers or XML field paths), in the order records hold them.
    public var paths: [String]
    /// The rule of each mapped field.
    public var fields: [EntityField: FieldRule]

    /// Creates a mapping.
    public init(entity: EntityKind, paths: [String], fields: [EntityField: FieldRule]) {
        self.entity = entity
        self.paths = paths
        self.fields = fields
    }
}

extension String {
    func trimmedWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
        return String(scalars[first...last])
    }

    func components(separatedBy separator: String) -> [String] {
        split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }
}
