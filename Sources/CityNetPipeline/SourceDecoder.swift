import CityNetIngest
import CityNetModel
import CityNetNormalize

/// Decodes one entry of `sources`.
struct SourceDecoder {
    let name: String
    let value: YAMLValue

    func decode() throws(PipelineError) -> SourceSpec {
        let mapping = try value.mapping("source '\(name)'")
        try mapping.allow(["format", "path", "entity", "csv", "record", "fields", "quality"])
        let formatName = try mapping.required("format").choice("format", among: ["csv", "xml"])
        let path = try mapping.required("path").string("path")
        let entityName = try mapping.required("entity").choice("entity", among: EntityKind.allCases.map(\.rawValue))
        let entity = EntityKind(rawValue: entityName) ?? .membership
        let fieldsValue = try mapping.required("fields")
        let rules = try fieldRules(fieldsValue, entity: entity)

        let format: SourceFormat
        switch formatName {
        case "csv":
            if let record = mapping["record"] { throw record.fail("'record' applies to XML sources only") }
            let options = try csvOptions(mapping["csv"])
            let columns = rules.paths.map { path -> CSVColumnReference in
                if !options.header, let position = Int(path.text) {
                    return CSVColumnReference(.position(position), mappedAt: path.location)
                }
                return CSVColumnReference(.name(path.text), mappedAt: path.location)
            }
            if !options.header, let bad = columns.first(where: { if case .name = $0.key { true } else { false } }) {
                throw PipelineError.invalidPipeline(
                    bad.mappedAt ?? fieldsValue.location,
                    "a CSV source without a header maps columns by 1-based position (e.g. 3)")
            }
            if let position = columns.compactMap({ if case .position(let index) = $0.key { index } else { nil } })
                .first(where: { $0 < 1 })
            {
                throw PipelineError.invalidPipeline(
                    fieldsValue.location, "column positions start at 1, not \(position)")
            }
            format = .csv(options, columns: columns)
        default:
            if let csv = mapping["csv"] { throw csv.fail("'csv' options apply to CSV sources only") }
            let recordValue = try mapping.required("record")
            let recordText = try recordValue.string("record")
            let record: XMLRecordPath
            do {
                record = try XMLRecordPath(parsing: recordText)
            } catch {
                throw PipelineError.invalidPipeline(
                    recordValue.location.advanced(byColumns: (recordValue.textOffset ?? 0) + error.offset),
                    "invalid record path '\(recordText)': \(error.message)"
                )
            }
            var fields: [XMLFieldPath] = []
            for path in rules.paths {
                do {
                    fields.append(try XMLFieldPath(parsing: path.text))
                } catch {
                    throw PipelineError.invalidPipeline(
                        path.location.advanced(byColumns: path.textOffset + error.offset),
                        "invalid field path '\(path.text)': \(error.message)"
                    )
                }
            }
            format = .xml(record: record, fields: fields)
        }

        var maxRejectRate: Double?
        if let quality = mapping["quality"] {
            let qualityMapping = try quality.mapping("quality")
            try qualityMapping.allow(["max_reject_rate"])
            if let rate = qualityMapping["max_reject_rate"] {
                let number = try rate.number("max_reject_rate")
                guard (0...1).contains(number) else {
                    throw rate.fail("max_reject_rate must be between 0 and 1, not \(number)")
                }
                maxRejectRate = number
            }
        }
        return SourceSpec(
            name: name, path: path, format: format,
            mapping: SourceMapping(entity: entity, paths: rules.paths.map(\.text), fields: rules.fields),
            maxRejectRate: maxRejectRate, definedAt: value.location
        )
    }

    private func csvOptions(_ value: YAMLValue?) throws(PipelineError) -> CSVOptions {
        var options = CSVOptions()
        guard let value else { return options }
        let mapping = try value.mapping("csv")
        try mapping.allow(["delimiter", "quote", "header", "encoding"])
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
            guard text.utf8.count == 1, let byte = text.utf8.first else {
                throw quote.fail("quote must be one character, not '\(text)'")
            }
            options.quote = byte
        }
        if let header = mapping["header"] { options.header = try header.boolean("header") }
        if let encoding = mapping["encoding"] {
            _ = try encoding.choice("encoding", among: ["auto", "utf-8"])
        }
        return options
    }

    /// A path the mapping reads, with where the pipeline file writes it.
    struct MappedPath {
        var text: String
        var location: SourceLocation
        var textOffset: Int
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
            paths.append(MappedPath(text: text, location: path.location, textOffset: path.textOffset ?? 0))
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
