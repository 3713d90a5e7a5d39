import CityNetModel

/// A source's mapping and the checks that read one record: finding a field's values, parsing years and numbers,
/// the quality rules, and the problems they report. Immutable and shared by reference, so that the normaliser's
/// mutating methods call into it without copying the normaliser.
final class RecordRules: Sendable {
    /// How the source's records map to entity fields, and the quality rules.
    let mapping: SourceMapping
    /// The rule of each field, by ordinal, unretained: ``mapping`` holds them for as long as this object lives, and
    /// a record reads a dozen of them, each of which a strong reference would retain and release.
    private let rules: [Unmanaged<FieldRule>?]
    private let ranges: [ClosedRange<Double>?]
    /// The `accepted` rules in field order, each with the folded keys of its values, worked out once.
    private let acceptedRules: [(field: EntityField, allowed: [String], keys: Set<String>)]
    /// Whether there are `required` or `accepted` rules to check (by default there are none).
    private let hasRequiredOrAcceptedRules: Bool

    init(mapping: SourceMapping) {
        self.mapping = mapping
        var rules = [Unmanaged<FieldRule>?](repeating: nil, count: EntityField.allCases.count)
        for (field, rule) in mapping.fields { rules[field.ordinal] = Unmanaged.passUnretained(rule) }
        self.rules = rules
        var ranges = [ClosedRange<Double>?](repeating: nil, count: EntityField.allCases.count)
        for (field, range) in mapping.quality.ranges { ranges[field.ordinal] = range }
        self.ranges = ranges
        acceptedRules = mapping.quality.accepted.sorted { $0.key.rawValue < $1.key.rawValue }.map { field, allowed in
            (field, allowed, Set(allowed.map(TextFolding.compactKey)))
        }
        hasRequiredOrAcceptedRules = !mapping.quality.required.isEmpty || !acceptedRules.isEmpty
    }

    /// The rule of a field, if the mapping gives one.
    func rule(_ field: EntityField) -> FieldRule? { rules[field.ordinal]?.takeUnretainedValue() }

    /// A field's values in a record (none when the mapping does not give the field).
    func values(_ field: EntityField, _ record: RawRecordView) -> FieldValues {
        FieldValues(rule: rules[field.ordinal], view: record)
    }

    /// The one raw value of a field in a record and its separator, when its values are ``PlainParts`` of it
    /// (``FieldRule/plainValue(in:)``).
    func plainValue(_ field: EntityField, _ record: RawRecordView) -> (value: RawValue, separator: UInt8?)? {
        rules[field.ordinal]?._withUnsafeGuaranteedRef { $0.plainValue(in: record) }
    }

    /// A field's first value in a record.
    func first(_ field: EntityField, _ record: RawRecordView) -> UnsafeBufferPointer<UInt8>? {
        rules[field.ordinal]?._withUnsafeGuaranteedRef { $0.firstValue(in: record) }
    }

    /// The one raw value a field is read from in a record (``FieldRule/rawValue(in:)``), if it has one.
    func rawValue(_ field: EntityField, _ record: RawRecordView) -> UnsafeBufferPointer<UInt8>? {
        rules[field.ordinal]?._withUnsafeGuaranteedRef { $0.rawValue(in: record) }
    }

    /// A field's first value, which must be there.
    func required(_ field: EntityField, _ record: RawRecordView) throws(FieldProblem) -> UnsafeBufferPointer<UInt8> {
        guard let value = first(field, record) else {
            throw problem(field, record, "", rule: "required", "missing \(field.rawValue)")
        }
        return value
    }

    /// The problem of a country no catalog entry matches, with the closest one as a suggestion.
    func unknownCountry(
        _ bytes: UnsafeBufferPointer<UInt8>, column: Int32, _ record: RawRecordView, _ dataset: Dataset
    ) -> FieldProblem {
        let text = String(decoding: bytes, as: UTF8.self)
        let suggestion = dataset.countries.suggestion(for: text)
        let hint = suggestion.map { " (did you mean \($0)?)" } ?? ""
        return problem(
            .country, record, text, column: column, rule: "reference", "unknown country '\(text)'\(hint)",
            suggestion: suggestion ?? "")
    }

    /// A field's year, checked against its range (1900-2100 unless the quality rules give one).
    func year(_ field: EntityField, _ record: RawRecordView) throws(FieldProblem) -> Int? {
        guard let bytes = first(field, record) else { return nil }
        guard let year = ValueParsing.year(bytes) else {
            let text = String(decoding: bytes, as: UTF8.self)
            throw problem(
                field, record, text, rule: "type", "'\(text)' is not a year (expected e.g. 2019 or 2019-05-04)")
        }
        let range = ranges[field.ordinal] ?? 1900...2100
        guard range.contains(Double(year)) else {
            throw problem(
                field, record, String(year), rule: "range",
                "\(field.rawValue) \(year) is out of range (expected \(Self.describe(range)))")
        }
        return year
    }

    /// A field's whole, non-negative number, checked against its range.
    func wholeNumber(_ field: EntityField, _ record: RawRecordView) throws(FieldProblem) -> Int? {
        guard let bytes = first(field, record) else { return nil }
        guard let value = ValueParsing.integer(bytes, locale: mapping.locale), value >= 0 else {
            let text = String(decoding: bytes, as: UTF8.self)
            throw problem(field, record, text, rule: "type", "'\(text)' is not a whole number")
        }
        if let range = ranges[field.ordinal], !range.contains(Double(value)) {
            throw problem(
                field, record, String(value), rule: "range",
                "\(field.rawValue) \(value) is out of range (expected \(Self.describe(range)))")
        }
        return value
    }

    /// The sum of a field's values (an IATI activity has one budget per period).
    func decimalSum(_ field: EntityField, _ record: RawRecordView) throws(FieldProblem) -> Double? {
        guard rules[field.ordinal] != nil else { return nil }
        var total: Double?
        for (bytes, column) in values(field, record) {
            guard let value = ValueParsing.decimal(bytes, locale: mapping.locale) else {
                let text = String(decoding: bytes, as: UTF8.self)
                throw problem(field, record, text, column: column, rule: "type", "'\(text)' is not a number")
            }
            total = (total ?? 0) + value
        }
        if let total, let range = ranges[field.ordinal], !range.contains(total) {
            throw problem(
                field, record, Cell.format(total), rule: "range",
                "\(field.rawValue) \(Cell.format(total)) is out of range (expected \(Self.describe(range)))")
        }
        return total
    }

    /// A range as problems write it (`0-100`).
    static func describe(_ range: ClosedRange<Double>) -> String {
        "\(Cell.format(range.lowerBound))-\(Cell.format(range.upperBound))"
    }

    /// Checks the `required` and `accepted` quality rules.
    func checkRules(_ record: RawRecordView) throws(FieldProblem) {
        guard hasRequiredOrAcceptedRules else { return }
        for field in mapping.quality.required where first(field, record) == nil {
            throw problem(
                field, record, "", rule: "required", "missing \(field.rawValue) (required by quality.required)")
        }
        for (field, allowed, keys) in acceptedRules {
            for (bytes, column) in values(field, record) {
                let text = String(decoding: bytes, as: UTF8.self)
                guard keys.contains(TextFolding.compactKey(text)) else {
                    throw problem(
                        field, record, text, column: column, rule: "accepted",
                        "\(field.rawValue) '\(text)' is not accepted (expected one of \(allowed.joined(separator: ", ")))",
                        suggestion: TextFolding.closest(to: text, among: allowed) ?? ""
                    )
                }
            }
        }
    }

    /// The values of the `unique` fields (from `value`), or `nil` when the source has no `unique` rule.
    func uniqueKey(_ value: (EntityField) -> UInt64?) -> [UInt64]? {
        guard !mapping.quality.unique.isEmpty else { return nil }
        return mapping.quality.unique.map { value($0) ?? .max }
    }

    /// The problem of a record whose unique key repeats.
    func duplicate(_ record: RawRecordView, display: String, fields: String, detail: String) -> FieldProblem {
        let field = mapping.quality.unique.first ?? .id
        return problem(field, record, display, rule: "unique", detail)
    }

    /// A problem with a field of a record, located at the field's column when known.
    func problem(
        _ field: EntityField, _ record: RawRecordView, _ value: String, column: Int32? = nil, rule: String,
        _ reason: String,
        suggestion: String = ""
    ) -> FieldProblem {
        let found = column ?? self.rule(field)?.column(in: record) ?? 0
        let location = SourceLocation(
            file: record.file, line: record.line,
            column: found > 0 ? Int(found) : (record.column > 0 ? record.column : nil))
        return FieldProblem(
            field: field, value: value, rule: rule, reason: reason, location: location, suggestion: suggestion)
    }
}
