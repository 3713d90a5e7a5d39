import CityNetIngest
import CityNetModel
import CityNetNormalize

/// Decodes one entry of `sources`.
struct SourceDecoder {
    let name: String
    let value: YAMLValue

    static let keys = ["format", "path", "entity", "csv", "record", "namespaces", "fields", "locale", "quality"]

    func decode() throws(PipelineError) -> SourceSpec {
        let mapping = try value.mapping("source '\(name)'")
        try mapping.allow(Self.keys)
        let formatName = try mapping.required("format").choice("format", among: ["csv", "xml"])
        let path = try mapping.required("path").string("path")
        let entityName = try mapping.required("entity").choice("entity", among: EntityKind.allCases.map(\.rawValue))
        let entity = EntityKind(rawValue: entityName) ?? .membership
        let fieldsValue = try mapping.required("fields")
        let rules = try fieldRules(fieldsValue, entity: entity)

        let format: SourceFormat
        switch formatName {
        case "csv":
            for key in ["record", "namespaces"] {
                if let misplaced = mapping[key] { throw misplaced.fail("'\(key)' applies to XML sources only") }
            }
            let options = try csvOptions(mapping["csv"])
            let columns = rules.paths.map { path -> CSVColumnReference in
                if path.isPlainNumber, let position = Int(path.text) {
                    return CSVColumnReference(.position(position), mappedAt: path.location)
                }
                return CSVColumnReference(.name(path.text), mappedAt: path.location)
            }
            if let bad = columns.first(where: { if case .position(let index) = $0.key { index < 1 } else { false } }) {
                throw PipelineError.invalidPipeline(bad.mappedAt ?? fieldsValue.location, "column positions start at 1")
            }
            format = .csv(options, columns: columns)
        default:
            if let csv = mapping["csv"] { throw csv.fail("'csv' options apply to CSV sources only") }
            let namespaces = try self.namespaces(mapping["namespaces"])
            let recordValue = try mapping.required("record")
            let recordText = try recordValue.string("record")
            let record: XMLRecordPath
            do {
                record = try XMLRecordPath(parsing: recordText).resolvingPrefixes(namespaces)
            } catch {
                throw PipelineError.invalidPipeline(
                    recordValue.location.advanced(byColumns: (recordValue.textOffset ?? 0) + error.offset),
                    "invalid record path '\(recordText)': \(error.message)"
                )
            }
            var fields: [XMLFieldPath] = []
            for path in rules.paths {
                do {
                    fields.append(try XMLFieldPath(parsing: path.text).resolvingPrefixes(namespaces))
                } catch {
                    throw PipelineError.invalidPipeline(
                        path.location.advanced(byColumns: path.textOffset + error.offset),
                        "invalid field path '\(path.text)': \(error.message)"
                    )
                }
            }
            format = .xml(record: record, fields: fields)
        }

        var locale = NumberLocale.english
        if let localeValue = mapping["locale"] {
            let name = try localeValue.choice("locale", among: NumberLocale.all.map(\.name))
            locale = NumberLocale.all.first { $0.name == name } ?? .english
        }
        let (quality, maxRejectRate) = try qualityRules(
            mapping["quality"], entity: entity, mapped: Set(rules.fields.keys))
        return SourceSpec(
            name: name, path: path, format: format,
            mapping: SourceMapping(
                entity: entity, paths: rules.paths.map(\.text), fields: rules.fields, locale: locale, quality: quality),
            maxRejectRate: maxRejectRate, definedAt: value.location
        )
    }

    private func namespaces(_ value: YAMLValue?) throws(PipelineError) -> [String: String] {
        guard let value else { return [:] }
        var namespaces: [String: String] = [:]
        for entry in try value.mapping("namespaces").entries {
            let uri = try entry.value.string("the namespace URI of '\(entry.key)'")
            guard !uri.isEmpty else { throw entry.value.fail("the namespace URI of '\(entry.key)' is empty") }
            namespaces[entry.key] = uri
        }
        return namespaces
    }

    /// A character option: one character, `auto` (detect it) or `none`; with whether to detect it.
    private func character(_ value: YAMLValue, _ key: String) throws(PipelineError) -> (UInt8?, Bool) {
        let text = try value.string(key)
        switch text {
        case "auto": return (nil, true)
        case "none": return (nil, false)
        default:
            guard text.utf8.count == 1, let byte = text.utf8.first else {
                throw value.fail("\(key) must be one character, auto or none, not '\(text)'")
            }
            return (byte, false)
        }
    }

    private func csvOptions(_ value: YAMLValue?) throws(PipelineError) -> CSVOptions {
        var options = CSVOptions()
        guard let value else { return options }
        let mapping = try value.mapping("csv")
        try mapping.allow([
            "delimiter", "quote", "header", "header_line", "skip_rows", "comment", "escape", "trim", "null_values",
            "encoding", "on_bad_row",
        ])
        if let delimiter = mapping["delimiter"] {
            let text = try delimiter.string("delimiter")
            switch text {
            case "auto": options.delimiter = nil
            case "\\t", "\t", "tab", "TAB": options.delimiter = 0x09
            case ",", ";", "|": options.delimiter = text.utf8.first
            default: throw delimiter.fail("unknown delimiter '\(text)' — expected one of auto, ',', ';', '|', tab")
            }
        }
        if let quote = mapping["quote"] {
            let text = try quote.string("quote")
            if text != "auto" {
                guard text.utf8.count == 1, let byte = text.utf8.first else {
                    throw quote.fail("quote must be one character or auto, not '\(text)'")
                }
                options.quote = byte
            }
        }
        if let header = mapping["header"] {
            options.header = try header.string("header") == "auto" ? nil : try header.boolean("header")
        }
        if let line = mapping["header_line"] { options.headerLine = try line.integer("header_line", in: 1...1_000_000) }
        if let rows = mapping["skip_rows"] { options.skipRows = try rows.integer("skip_rows", in: 0...1_000_000) }
        if let comment = mapping["comment"] {
            (options.comment, options.detectsComments) = try character(comment, "comment")
        }
        if let escape = mapping["escape"] {
            (options.escape, options.detectsEscape) = try character(escape, "escape")
        }
        if let trim = mapping["trim"] { options.trim = try trim.boolean("trim") }
        if let nulls = mapping["null_values"] { options.nullValues = try nulls.strings("null_values") }
        if let encoding = mapping["encoding"] {
            let name = try encoding.string("encoding")
            if name != "auto" {
                guard let known = TextEncoding(named: name) else {
                    throw encoding.fail(
                        "unknown encoding '\(name)' — expected one of auto, \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                options.encoding = known
            }
        }
        if let policy = mapping["on_bad_row"] {
            options.onBadRow =
                CSVOptions.BadRowPolicy(rawValue: try policy.choice("on_bad_row", among: ["reject", "fail"])) ?? .reject
        }
        return options
    }

    private func qualityRules(_ value: YAMLValue?, entity: EntityKind, mapped: Set<EntityField>) throws(PipelineError)
        -> (QualityRules, Double?)
    {
        var rules = QualityRules(entity: entity)
        guard let value else { return (rules, nil) }
        let mapping = try value.mapping("quality")
        try mapping.allow([
            "max_reject_rate", "required", "unique", "on_duplicate", "range", "accepted", "unknown_city",
        ])
        var maxRejectRate: Double?
        if let rate = mapping["max_reject_rate"] {
            let number = try rate.number("max_reject_rate")
            guard (0...1).contains(number) else {
                throw rate.fail("max_reject_rate must be between 0 and 1, not \(number)")
            }
            maxRejectRate = number
        }
        func fields(_ value: YAMLValue, _ what: String) throws(PipelineError) -> [EntityField] {
            var result: [EntityField] = []
            let elements = value.isSequence ? try value.sequence(what) : [value]
            for element in elements { result.append(try field(element, what: what, entity: entity, mapped: mapped)) }
            return result
        }
        if let required = mapping["required"] { rules.required = try fields(required, "required") }
        if let unique = mapping["unique"] { rules.unique = try fields(unique, "unique") }
        if let policy = mapping["on_duplicate"] {
            let names = QualityRules.DuplicatePolicy.allCases.map(\.rawValue)
            rules.onDuplicate =
                QualityRules.DuplicatePolicy(rawValue: try policy.choice("on_duplicate", among: names)) ?? .reject
        }
        if let ranges = mapping["range"] {
            for entry in try ranges.mapping("range").entries {
                let keyValue = YAMLValue(node: .init(entry.key), file: value.file, interpolator: value.interpolator)
                let field = try self.field(
                    keyValue, what: "range", entity: entity, mapped: mapped, at: entry.keyLocation)
                guard [.year, .joined, .beneficiaries, .budget].contains(field) else {
                    throw PipelineError.invalidPipeline(
                        entry.keyLocation,
                        "range applies to year, joined, beneficiaries and budget, not \(field.rawValue)")
                }
                let bounds = try entry.value.sequence("range of \(field.rawValue)")
                guard bounds.count == 2 else {
                    throw entry.value.fail("a range is [lowest, highest], e.g. [1990, 2100]")
                }
                let low = try bounds[0].number("the lowest \(field.rawValue)")
                let high = try bounds[1].number("the highest \(field.rawValue)")
                guard low <= high else {
                    throw entry.value.fail(
                        "the range of \(field.rawValue) is empty (\(Cell.format(low)) > \(Cell.format(high)))")
                }
                rules.ranges[field] = low...high
            }
        }
        if let accepted = mapping["accepted"] {
            for entry in try accepted.mapping("accepted").entries {
                let keyValue = YAMLValue(node: .init(entry.key), file: value.file, interpolator: value.interpolator)
                let field = try self.field(
                    keyValue, what: "accepted", entity: entity, mapped: mapped, at: entry.keyLocation)
                rules.accepted[field] = try entry.value.strings("the accepted values of \(field.rawValue)")
            }
        }
        if let policy = mapping["unknown_city"] {
            let names = QualityRules.UnknownCityPolicy.allCases.map(\.rawValue)
            rules.unknownCity =
                QualityRules.UnknownCityPolicy(rawValue: try policy.choice("unknown_city", among: names)) ?? .warn
        }
        return (rules, maxRejectRate)
    }

    private func field(
        _ value: YAMLValue, what: String, entity: EntityKind, mapped: Set<EntityField>,
        at location: SourceLocation? = nil
    ) throws(PipelineError) -> EntityField {
        let name = try value.string(what)
        let names = entity.fields.map(\.rawValue)
        guard let field = EntityField(rawValue: name), entity.fields.contains(field) else {
            let suggestion = TextFolding.closest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw PipelineError.invalidPipeline(
                location ?? value.location,
                "unknown field '\(name)' in \(what)\(suggestion) — \(entity.rawValue) fields are \(names.joined(separator: ", "))"
            )
        }
        guard mapped.contains(field) else {
            throw PipelineError.invalidPipeline(
                location ?? value.location, "\(what) names '\(name)', which the source's fields do not map")
        }
        return field
    }

    /// A path the mapping reads, with where the pipeline file writes it.
    struct MappedPath {
        var text: String
        var location: SourceLocation
        var textOffset: Int
        /// Whether the pipeline file wrote a plain number (a CSV column position).
        var isPlainNumber: Bool
    }

    private func fieldRules(
        _ value: YAMLValue, entity: EntityKind
    ) throws(PipelineError) -> (paths: [MappedPath], fields: [EntityField: FieldRule]) {
        let mapping = try value.mapping("fields")
        try mapping.allow(entity.fields.map(\.rawValue))
        var paths: [MappedPath] = []
        func index(of path: YAMLValue, what: String) throws(PipelineError) -> Int {
            let text = try path.string(what)
            guard !text.isEmpty else { throw path.fail("\(what) is empty") }
            if let existing = paths.firstIndex(where: { $0.text == text }) { return existing }
            let plainNumber = path.textOffset == 0 && !text.isEmpty && text.allSatisfy(\.isNumber)
            paths.append(
                MappedPath(
                    text: text, location: path.location, textOffset: path.textOffset ?? 0, isPlainNumber: plainNumber))
            return paths.count - 1
        }
        func indices(of value: YAMLValue, what: String) throws(PipelineError) -> [Int] {
            guard value.isSequence else { return [try index(of: value, what: what)] }
            var result: [Int] = []
            for element in try value.sequence(what) { result.append(try index(of: element, what: what)) }
            guard !result.isEmpty else { throw value.fail("\(what) lists no paths") }
            return result
        }

        var fields: [EntityField: FieldRule] = [:]
        for entry in mapping.entries {
            guard let field = EntityField(rawValue: entry.key) else { continue }
            let what = "field '\(entry.key)'"
            guard entry.value.isMapping else {
                fields[field] = FieldRule(
                    origin: .paths(try indices(of: entry.value, what: what)), definedAt: entry.value.location)
                continue
            }
            let rule = try entry.value.mapping(what)
            try rule.allow(["const", "path", "first", "split", "as", "map"])
            let origin: FieldRule.Origin
            let sources = ["const", "path", "first"].filter { rule[$0] != nil }
            guard sources.count == 1 else {
                throw entry.value.fail("\(what) needs exactly one of const, path or first")
            }
            if let constant = rule["const"] {
                origin = .constant(try constant.string("const"))
            } else if let path = rule["path"] {
                origin = .paths(try indices(of: path, what: what))
            } else {
                origin = .first(try indices(of: try rule.required("first"), what: what))
            }
            var valueMap: [String: String] = [:]
            if let map = rule["map"] {
                for pair in try map.mapping("map").entries { valueMap[pair.key] = try pair.value.string("map value") }
            }
            var asYear = false
            if let kind = rule["as"] { asYear = try kind.choice("as", among: ["year"]) == "year" }
            fields[field] = FieldRule(
                origin: origin, split: try rule["split"]?.string("split"), valueMap: valueMap, asYear: asYear,
                definedAt: entry.value.location
            )
        }
        for required in entity.fields where entity.requiredFields.contains(required) && fields[required] == nil {
            throw mapping.missing("a \(entity.rawValue) source must map the field '\(required.rawValue)'")
        }
        return (paths, fields)
    }
}

extension YAMLMapping {
    func missing(_ message: String) -> PipelineError {
        .invalidPipeline(location, message)
    }
}
