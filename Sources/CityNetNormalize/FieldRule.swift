public import CityNetModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How one entity field gets its values from a record's raw paths.
///
/// The forms of the pipeline file: a path, a list of paths (all their values), `{ first: [...] }` (the first
/// path with a value), `{ const: V }`, each optionally with `split`, `map` and `as: year`.
///
/// A rule is immutable once made. It is `@unchecked Sendable` only because its path indices and the bytes of its
/// constant, separator and replacements live in memory of its own, allocated once and freed with it, so that
/// reading a record's values points at them without a closure, a copy or a retain for each value.
public final class FieldRule: @unchecked Sendable {
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
    /// The origin's path indices and form, kept apart from the enum so that reading a record, several times per
    /// record and field, does not copy the enum's payload.
    fileprivate let paths: UnsafeBufferPointer<Int>
    /// The memory ``paths`` lies in (at least one element).
    private let pathStorage: UnsafeMutableBufferPointer<Int>
    fileprivate let isConstant: Bool
    fileprivate let takesFirstPathWithValues: Bool
    fileprivate let separator: UnsafeBufferPointer<UInt8>
    /// Whether the rule reads one path's values as they are: no constant, no split, no map.
    private let readsOnePathAsIs: Bool
    /// Whether the rule reads one path's values, split at a separator of one byte or not at all, without a map:
    /// its values in a record with one value there are that value's parts (``plainValue(in:)``).
    private let readsOnePathPlainly: Bool
    /// The constant's bytes, the separator's, then each replacement's.
    private let storage: UnsafeMutableBufferPointer<UInt8>
    fileprivate let constant: UnsafeBufferPointer<UInt8>
    private let replacements: [String: Range<Int>]
    /// Whether ``replacements`` has any: read for each value, where looking at the dictionary would retain it.
    fileprivate let hasReplacements: Bool

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
        var bytes: [UInt8] = []
        let pathIndices: [Int]
        switch origin {
        case .constant(let value):
            (pathIndices, isConstant, takesFirstPathWithValues) = ([], true, false)
            bytes = Array(value.utf8)
        case .paths(let indices):
            (pathIndices, isConstant, takesFirstPathWithValues) = (indices, false, false)
        case .first(let indices):
            (pathIndices, isConstant, takesFirstPathWithValues) = (indices, false, true)
        }
        let constantCount = bytes.count
        bytes.append(contentsOf: (split ?? "").utf8)
        let separatorEnd = bytes.count
        var replacements: [String: Range<Int>] = [:]
        for (key, value) in valueMap where replacements[TextFolding.compactKey(key)] == nil {
            replacements[TextFolding.compactKey(key)] = bytes.count..<bytes.count + value.utf8.count
            bytes.append(contentsOf: value.utf8)
        }
        self.replacements = replacements
        hasReplacements = !replacements.isEmpty
        readsOnePathAsIs =
            pathIndices.count == 1 && !takesFirstPathWithValues && separatorEnd == constantCount
            && replacements.isEmpty
        readsOnePathPlainly =
            pathIndices.count == 1 && !takesFirstPathWithValues && separatorEnd - constantCount <= 1
            && replacements.isEmpty
        pathStorage = .allocate(capacity: max(pathIndices.count, 1))
        _ = pathStorage.initialize(from: pathIndices)
        paths = UnsafeBufferPointer(rebasing: pathStorage[0..<pathIndices.count])
        storage = .allocate(capacity: max(bytes.count, 1))
        _ = storage.initialize(from: bytes)
        constant = UnsafeBufferPointer(rebasing: storage[0..<constantCount])
        separator = UnsafeBufferPointer(rebasing: storage[constantCount..<separatorEnd])
    }

    deinit {
        storage.deallocate()
        pathStorage.deallocate()
    }

    /// Each non-empty value of the field in a record, trimmed, split and mapped, with the column it came from.
    ///
    /// The values point into the record's buffers (or the rule's), valid while the record view is.
    func values(in view: RawRecordView) -> FieldValues { FieldValues(rule: Unmanaged.passUnretained(self), view: view) }

    /// The field's first value in a record, as ``values(in:)`` would give it first.
    ///
    /// A rule that reads one path without splitting or mapping (most rules) finds it directly: this is called
    /// several times per record.
    func firstValue(in view: RawRecordView) -> UnsafeBufferPointer<UInt8>? {
        if readsOnePathAsIs {
            for value in view.values(ofPath: paths[0]) {
                let bytes = trimmed(value.bytes)
                if !bytes.isEmpty { return bytes }
            }
            return nil
        }
        var values = values(in: view)
        return values.next()?.bytes
    }

    /// The one raw value a record has for the field, and the separator its values are split at, when the rule
    /// reads it plainly (one path, a separator of one byte or none, no map) and the record has one value there (a
    /// CSV cell): the field's values are then ``PlainParts`` of it, read without ``FieldValues``.
    func plainValue(in view: RawRecordView) -> (value: RawValue, separator: UInt8?)? {
        guard readsOnePathPlainly else { return nil }
        let values = view.values(ofPath: paths[0])
        guard values.count == 1 else { return nil }
        return (values[values.startIndex], separator.first)
    }

    /// The one raw value the field is read from in a record, before trimming, splitting and mapping: when the
    /// rule reads one path and the record has exactly one value there (a CSV cell). The field's values are a
    /// function of it, so a normaliser can remember what a repeated raw value came to.
    func rawValue(in view: RawRecordView) -> UnsafeBufferPointer<UInt8>? {
        guard paths.count == 1, !isConstant, !takesFirstPathWithValues else { return nil }
        let values = view.values(ofPath: paths[0])
        return values.count == 1 ? values[values.startIndex].bytes : nil
    }

    /// The column of the field's first value in a record (0 when unknown).
    func column(in view: RawRecordView) -> Int32 {
        var values = values(in: view)
        if let column = values.next()?.column, column != 0 { return column }
        if !isConstant, !takesFirstPathWithValues, let first = paths.first {
            return view.values(ofPath: first).first?.column ?? 0
        }
        return 0
    }

    /// A value mapped through the replacements, or `nil` when it is empty or maps to nothing.
    fileprivate func mapped(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard !bytes.isEmpty else { return nil }
        guard hasReplacements,
            let replacement = replacements[TextFolding.compactKey(String(decoding: bytes, as: UTF8.self))]
        else { return bytes }
        return replacement.isEmpty ? nil : UnsafeBufferPointer(rebasing: storage[replacement])
    }
}

/// The values of a field in one record, in order: each path's values (or the first path with any, or the
/// constant), each trimmed, split at the separator and mapped; empty ones left out.
struct FieldValues: Sequence, IteratorProtocol {
    /// A value and the column of the raw value it came from (0 for a constant).
    typealias Element = (bytes: UnsafeBufferPointer<UInt8>, column: Int32)

    /// The rule's path indices and separator, in memory the rule owns: the caller holds the rule for longer
    /// than it iterates.
    private let paths: UnsafeBufferPointer<Int>
    private let separator: UnsafeBufferPointer<UInt8>
    /// The rule, when it maps values (most rules do not); not retained, for the same reason.
    private let mapping: Unmanaged<FieldRule>?
    private let view: RawRecordView
    /// The next path to read, as a position in ``paths``.
    private var nextPath = 0
    /// The values of the path being read that are still to come.
    private var pending: Slice<UnsafeBufferPointer<RawValue>>
    /// What is left of the raw value being split.
    private var rest: UnsafeBufferPointer<UInt8>?
    private var column: Int32 = 0

    /// The values of `rule` in `view`; none when `rule` is `nil` (a field the mapping does not give). The caller
    /// holds the rule while it iterates.
    init(rule unmanaged: Unmanaged<FieldRule>?, view: RawRecordView) {
        self.view = view
        pending = UnsafeBufferPointer<RawValue>(start: nil, count: 0)[...]
        guard let unmanaged else {
            (paths, separator, mapping) = (UnsafeBufferPointer(start: nil, count: 0), .init(start: nil, count: 0), nil)
            return
        }
        // Read through the unretained reference: a strong one would be retained and released for each field of
        // each record.
        let (paths, separator, hasReplacements, isConstant, takesFirst, constant) = unmanaged._withUnsafeGuaranteedRef {
            ($0.paths, $0.separator, $0.hasReplacements, $0.isConstant, $0.takesFirstPathWithValues, $0.constant)
        }
        self.paths = paths
        self.separator = separator
        mapping = hasReplacements ? unmanaged : nil
        if isConstant {
            rest = constant
            nextPath = paths.count
        } else if paths.count == 1, !takesFirst, case let values = view.values(ofPath: paths[0]), values.count == 1 {
            // One path with one value (a CSV cell, most fields): that value is the one to split, from the start.
            rest = values[values.startIndex].bytes
            column = values[values.startIndex].column
            nextPath = 1
        } else if takesFirst {
            nextPath = paths.count
            if let index = paths.first(where: { index in
                view.values(ofPath: index).contains { !trimmed($0.bytes).isEmpty }
            }) {
                pending = view.values(ofPath: index)
            }
        }
    }

    mutating func next() -> Element? {
        while true {
            if let value = rest {
                let part = trimmed(split(value))
                if let mapping {
                    if let bytes = mapping._withUnsafeGuaranteedRef({ $0.mapped(part) }) { return (bytes, column) }
                } else if !part.isEmpty {
                    return (part, column)
                }
                continue
            }
            if let value = pending.popFirst() {
                rest = value.bytes
                column = value.column
                continue
            }
            guard nextPath < paths.count else { return nil }
            pending = view.values(ofPath: paths[nextPath])
            nextPath += 1
        }
    }

    /// The part of `value` before the separator; what follows it is left in ``rest``.
    private mutating func split(_ value: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        rest = nil
        guard let first = separator.first, let separatorBase = separator.baseAddress, let base = value.baseAddress,
            value.count >= separator.count
        else { return value }
        if separator.count == 1 {
            let (part, after) = splitAtByte(value, first)
            rest = after
            return part
        }
        let last = value.count - separator.count
        var index = 0
        while index <= last, let found = memchr(base + index, Int32(first), last + 1 - index) {
            index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + index, separatorBase, separator.count) == 0 {
                rest = UnsafeBufferPointer(rebasing: value[(index + separator.count)...])
                return UnsafeBufferPointer(rebasing: value[..<index])
            }
            index += 1
        }
        return value
    }
}

/// The values of a field in a record that ``FieldRule/plainValue(in:)`` gives: the parts of one raw value between
/// separators (all of it without one), trimmed, empty ones left out, as ``FieldValues`` gives them.
struct PlainParts: Sequence, IteratorProtocol {
    private var rest: UnsafeBufferPointer<UInt8>?
    private let separator: UInt8?

    init(_ value: UnsafeBufferPointer<UInt8>, separator: UInt8?) {
        rest = value
        self.separator = separator
    }

    mutating func next() -> UnsafeBufferPointer<UInt8>? {
        while let value = rest {
            var part = value
            rest = nil
            if let separator { (part, rest) = splitAtByte(value, separator) }
            let trimmedPart = trimmed(part)
            if !trimmedPart.isEmpty { return trimmedPart }
        }
        return nil
    }
}

/// The part of `value` before the first `separator`, and what follows that separator (`nil` when there is none).
/// The separator is found by a loop in a short value (an SDG, a country code), by `memchr` in a longer one.
@inline(__always)
func splitAtByte(_ value: UnsafeBufferPointer<UInt8>, _ separator: UInt8) -> (
    part: UnsafeBufferPointer<UInt8>, rest: UnsafeBufferPointer<UInt8>?
) {
    guard let base = value.baseAddress else { return (value, nil) }
    var index = 0
    if value.count < 16 {
        while index < value.count, base[index] != separator { index += 1 }
    } else {
        index =
            memchr(base, Int32(separator), value.count).map {
                base.distance(to: $0.assumingMemoryBound(to: UInt8.self))
            } ?? value.count
    }
    guard index < value.count else { return (value, nil) }
    return (UnsafeBufferPointer(rebasing: value[..<index]), UnsafeBufferPointer(rebasing: value[(index + 1)...]))
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
