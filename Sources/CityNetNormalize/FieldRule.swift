public import CityNetModel

/// How one entity field gets its values from a record's raw paths.
///
/// The forms of the pipeline file: a path, a list of paths (all their values), `{ first: [...] }` (the first
/// path with a value), `{ const: V }`, each optionally with `split`, `map` and `as: year`.
public final class FieldRule: Sendable {
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
    public let origin: Origin
    /// A separator that splits each value into several (`;`).
    public let split: String?
    /// Whether values are dates from which only the year is kept.
    public let asYear: Bool
    /// Where the pipeline file defines the rule.
    public let definedAt: SourceLocation?
    private let constant: [UInt8]
    /// The origin's path indices and form, kept apart from the enum so that reading a record, several times per
    /// record and field, does not copy the enum's payload.
    private let pathIndices: [Int]
    private let isConstant: Bool
    private let takesFirstPathWithValues: Bool
    private let separator: [UInt8]
    private let replacements: [String: [UInt8]]

    /// Creates a rule.
    ///
    /// - Parameters:
    ///   - origin: where the values come from.
    ///   - split: a separator that splits each value into several.
    ///   - valueMap: replacements applied to each value after trimming, matched ignoring case, accents and
    ///     punctuation.
    ///   - asYear: whether values are dates from which only the year is kept.
    ///   - definedAt: where the pipeline file defines the rule.
    public init(
        origin: Origin, split: String? = nil, valueMap: [String: String] = [:], asYear: Bool = false,
        definedAt: SourceLocation? = nil
    ) {
        self.origin = origin
        self.split = split
        self.asYear = asYear
        self.definedAt = definedAt
        switch origin {
        case .constant(let value):
            (constant, pathIndices, isConstant, takesFirstPathWithValues) = (Array(value.utf8), [], true, false)
        case .paths(let indices):
            (constant, pathIndices, isConstant, takesFirstPathWithValues) = ([], indices, false, false)
        case .first(let indices):
            (constant, pathIndices, isConstant, takesFirstPathWithValues) = ([], indices, false, true)
        }
        separator = split.map { Array($0.utf8) } ?? []
        var replacements: [String: [UInt8]] = [:]
        for (key, value) in valueMap where replacements[TextFolding.compactKey(key)] == nil {
            replacements[TextFolding.compactKey(key)] = Array(value.utf8)
        }
        self.replacements = replacements
    }

    /// Calls `body` with each non-empty value of the field in a record, trimmed, split and mapped, with the
    /// column it came from; stops early when `body` returns `false`.
    func forEachValue(in view: RawRecordView, _ body: (UnsafeBufferPointer<UInt8>, Int32) -> Bool) {
        if isConstant {
            constant.withUnsafeBufferPointer { _ = emit($0, column: 0, body) }
        } else if takesFirstPathWithValues {
            guard
                let index = pathIndices.first(where: { index in
                    view.values(ofPath: index).contains { !trimmed($0.bytes).isEmpty }
                })
            else { return }
            for value in view.values(ofPath: index) where !emit(value.bytes, column: value.column, body) { return }
        } else {
            for index in pathIndices {
                for value in view.values(ofPath: index) where !emit(value.bytes, column: value.column, body) { return }
            }
        }
    }

    /// The field's first value in a record, as ``forEachValue(in:_:)`` would give it first.
    ///
    /// A rule that reads one path without splitting or mapping (most rules) finds it without a closure: this is
    /// called several times per record.
    func firstValue(in view: RawRecordView) -> UnsafeBufferPointer<UInt8>? {
        if pathIndices.count == 1, !takesFirstPathWithValues, separator.isEmpty, replacements.isEmpty {
            for value in view.values(ofPath: pathIndices[0]) {
                let bytes = trimmed(value.bytes)
                if !bytes.isEmpty { return bytes }
            }
            return nil
        }
        var found: UnsafeBufferPointer<UInt8>?
        forEachValue(in: view) { bytes, _ in
            found = bytes
            return false
        }
        return found
    }

    /// The column of the field's first value in a record (0 when unknown).
    func column(in view: RawRecordView) -> Int32 {
        var column: Int32 = 0
        forEachValue(in: view) { _, found in
            column = found
            return false
        }
        if column == 0, !isConstant, !takesFirstPathWithValues, let first = pathIndices.first {
            column = view.values(ofPath: first).first?.column ?? 0
        }
        return column
    }

    private func emit(
        _ bytes: UnsafeBufferPointer<UInt8>, column: Int32, _ body: (UnsafeBufferPointer<UInt8>, Int32) -> Bool
    ) -> Bool {
        guard !separator.isEmpty else { return emitOne(trimmed(bytes), column: column, body) }
        var start = 0
        var index = 0
        let count = bytes.count
        let first = separator[0]
        while index + separator.count <= count {
            if bytes[index] == first, separator.indices.allSatisfy({ bytes[index + $0] == separator[$0] }) {
                if !emitOne(trimmed(UnsafeBufferPointer(rebasing: bytes[start..<index])), column: column, body) {
                    return false
                }
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        return emitOne(trimmed(UnsafeBufferPointer(rebasing: bytes[start..<count])), column: column, body)
    }

    private func emitOne(
        _ bytes: UnsafeBufferPointer<UInt8>, column: Int32, _ body: (UnsafeBufferPointer<UInt8>, Int32) -> Bool
    ) -> Bool {
        guard !bytes.isEmpty else { return true }
        if !replacements.isEmpty,
            let replacement = replacements[TextFolding.compactKey(String(decoding: bytes, as: UTF8.self))]
        {
            return replacement.withUnsafeBufferPointer { replacement.isEmpty ? true : body($0, column) }
        }
        return body(bytes, column)
    }
}

/// Bytes without leading and trailing white space (ASCII white space and the no-break space).
func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0
    var end = bytes.count
    while start < end {
        let byte = bytes[start]
        if byte == 0x20 || (0x09...0x0D).contains(byte) {
            start += 1
        } else if byte == 0xC2, start + 1 < end, bytes[start + 1] == 0xA0 {
            start += 2
        } else {
            break
        }
    }
    while end > start {
        let byte = bytes[end - 1]
        if byte == 0x20 || (0x09...0x0D).contains(byte) {
            end -= 1
        } else if byte == 0xA0, end - 2 >= start, bytes[end - 2] == 0xC2 {
            end -= 2
        } else {
            break
        }
    }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
}

/// How the records of one source become entities: the entity kind, the raw paths to read, the rule of each
/// field and the quality rules.
public struct SourceMapping: Sendable {
    /// The kind of entity the source holds.
    public var entity: EntityKind
    /// The raw paths a reader must deliver (CSV headers or XML field paths), in the order records hold them.
    public var paths: [String]
    /// The rule of each mapped field.
    public var fields: [EntityField: FieldRule]
    /// How numbers are written.
    public var locale: NumberLocale
    /// The checks every record must pass.
    public var quality: QualityRules

    /// Creates a mapping.
    public init(
        entity: EntityKind, paths: [String], fields: [EntityField: FieldRule], locale: NumberLocale = .english,
        quality: QualityRules? = nil
    ) {
        self.entity = entity
        self.paths = paths
        self.fields = fields
        self.locale = locale
        self.quality = quality ?? QualityRules(entity: entity)
    }
}
