import CityNetModel
import CityNetNormalize
import Testing

/// Builds raw records for a mapping whose paths are the field names themselves.
func rawRecord(line: Int, _ values: [[String]]) -> RawRecord {
    RawRecord(
        location: SourceLocation(file: "feed.csv", line: line, column: 1), values: values,
        columns: values.indices.map { $0 * 10 + 1 })
}

func mapping(_ entity: EntityKind, _ fields: [EntityField]) -> SourceMapping {
    var rules: [EntityField: FieldRule] = [:]
    for (index, field) in fields.enumerated() { rules[field] = FieldRule(origin: .paths([index])) }
    return SourceMapping(entity: entity, paths: fields.map(\.rawValue), fields: rules)
}

struct SourceNormalizerTests {
    func dataset() throws -> Dataset {
        var themes = ThemeVocabulary()
        try themes.add(theme: "Inclusion", synonyms: ["social inclusion", "equity"])
        try themes.add(theme: "Lifelong learning", synonyms: ["adult education"])
        return Dataset(countries: .builtin, themes: themes)
    }

    @Test func normalisesMembershipsAndMatchesCitiesByFoldedName() throws {
        var dataset = try dataset()
        var normalizer = SourceNormalizer(
            source: "members", mapping: mapping(.membership, [.city, .country, .joined]), defaultNetwork: "GNLC")
        normalizer.normalize(rawRecord(line: 2, [["Medellín"], ["Colombia"], ["2019"]]), into: &dataset)
        normalizer.normalize(rawRecord(line: 3, [["MEDELLIN"], ["COL"], ["2019-05-04"]]), into: &dataset)
        normalizer.finish(into: &dataset)
        guard case .memberships(let records) = dataset.sources["members"] else {
            Issue.record("no memberships")
            return
        }
        #expect(records.count == 2)
        #expect(records[0].city == records[1].city)
        #expect(dataset.cities[records[0].city].name == "Medellín")
        #expect(records.map(\.joined) == [2019, 2019])
        #expect(dataset.symbols[records[0].network] == "GNLC")
        #expect(
            normalizer.statistics.read == 2 && normalizer.statistics.accepted == 2
                && normalizer.statistics.rejected == 0)
    }

    @Test func rejectsAnUnknownCountryWithASuggestionAndItsColumn() throws {
        var dataset = try dataset()
        var normalizer = SourceNormalizer(
            source: "members", mapping: mapping(.membership, [.city, .country]), defaultNetwork: "GNLC")
        normalizer.normalize(rawRecord(line: 7, [["Medellín"], ["Columbia"]]), into: &dataset)
        #expect(
            normalizer.rejects == [
                Reject(
                    source: "members", location: SourceLocation(file: "feed.csv", line: 7, column: 11),
                    field: "country",
                    value: "Columbia", reason: "unknown country 'Columbia' (did you mean Colombia?)"
                )
            ])
        #expect(normalizer.statistics.read == normalizer.statistics.accepted + normalizer.statistics.rejected)
    }

    @Test func normalisesInitiativesWithSDGsTargetsAndThemes() throws {
        var dataset = try dataset()
        let fields: [EntityField] = [.id, .city, .country, .year, .title, .sdgs, .themes, .beneficiaries]
        var normalizer = SourceNormalizer(
            source: "initiatives", mapping: mapping(.initiative, fields), defaultNetwork: "")
        normalizer.normalize(
            rawRecord(
                line: 3,
                [
                    ["A1"], ["Aswan"], ["EG"], ["2019"], ["Gardening"], ["SDG 4", "Target 11.a", "4.1"],
                    ["Social Inclusion", "robotics"],
                    ["1,200"],
                ]), into: &dataset)
        normalizer.finish(into: &dataset)
        guard case .initiatives(let records) = dataset.sources["initiatives"], let initiative = records.first else {
            Issue.record("no initiative")
            return
        }
        #expect(Array(initiative.sdgs).map(\.number) == [4, 11])
        #expect(Array(initiative.targets).map(\.description) == ["4.1", "11.a"])
        #expect(initiative.themes.themes == [ThemeID(index: 0)])
        #expect(initiative.themes.hasUnmapped)
        #expect(initiative.beneficiaries == 1200)
        #expect(normalizer.statistics.unmappedThemes == ["robotics": 1])
        #expect(dataset.countries[initiative.countries[0]].alpha2 == "EG")
    }

    @Test(arguments: [
        ([["A1"], ["18"], [], ["2019"]], "sdgs", "SDG 18 does not exist (goals are 1-17)"),
        (
            [["A1"], ["4.9"], [], ["2019"]], "sdgs",
            "SDG target 4.9 does not exist (goal 4 has targets 4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.7, 4.a, 4.b, 4.c)"
        ),
        ([["A1"], ["4"], ["many"], ["2019"]], "beneficiaries", "'many' is not a whole number"),
        ([["A1"], ["4"], [], ["1890"]], "year", "year 1890 is out of range (expected 1900-2100)"),
        ([["A1"], ["4"], [], ["soon"]], "year", "'soon' is not a year (expected e.g. 2019 or 2019-05-04)"),
        ([[], ["4"], [], ["2019"]], "id", "missing id"),
    ])
    func rejectsBadInitiativeValuesWithReasons(values: [[String]], field: String, reason: String) throws {
        var dataset = try dataset()
        var normalizer = SourceNormalizer(
            source: "initiatives", mapping: mapping(.initiative, [.id, .sdgs, .beneficiaries, .year]),
            defaultNetwork: "")
        normalizer.normalize(rawRecord(line: 5, values), into: &dataset)
        #expect(normalizer.rejects.map(\.field) == [field])
        #expect(normalizer.rejects.map(\.reason) == [reason])
    }

    @Test func rejectsADuplicateIdNamingTheFirstLine() throws {
        var dataset = try dataset()
        var normalizer = SourceNormalizer(
            source: "initiatives", mapping: mapping(.initiative, [.id]), defaultNetwork: "")
        normalizer.normalize(rawRecord(line: 3, [["A1"]]), into: &dataset)
        normalizer.normalize(rawRecord(line: 9, [["A1"]]), into: &dataset)
        #expect(normalizer.rejects.map(\.reason) == ["duplicate id 'A1' (first seen on line 3)"])
        #expect(normalizer.statistics.accepted == 1)
    }

    @Test func fieldRulesSplitMapAndFallBack() throws {
        let split = FieldRule(origin: .paths([0]), split: ";", valueMap: ["Education": "4"])
        let record = RawRecord(location: SourceLocation(file: "f", line: 1), values: [["education; 11 ;"], ["x"]])
        var dataset = try dataset()
        var normalizer = SourceNormalizer(
            source: "s",
            mapping: SourceMapping(
                entity: .initiative, paths: ["a", "b"],
                fields: [
                    .sdgs: split, .id: FieldRule(origin: .first([1, 0])), .title: FieldRule(origin: .constant("Fixed")),
                ]),
            defaultNetwork: ""
        )
        normalizer.normalize(record, into: &dataset)
        normalizer.finish(into: &dataset)
        guard case .initiatives(let records) = dataset.sources["s"], let initiative = records.first else {
            Issue.record("no initiative")
            return
        }
        #expect(Array(initiative.sdgs).map(\.number) == [4, 11])
        #expect(dataset.symbols[initiative.id] == "x")
        #expect(dataset.symbols[initiative.title] == "Fixed")
    }
}
