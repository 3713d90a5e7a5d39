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

    /// A short city name (found by its bytes in a word) in two countries is two cities, however the records
    /// alternate.
    @Test func aShortCityNameInTwoCountriesIsTwoCities() throws {
        var dataset = try dataset()
        var normalizer = SourceNormalizer(
            source: "members", mapping: mapping(.membership, [.city, .country]), defaultNetwork: "GNLC")
        for (line, country) in ["IE", "US", "IE", "US", "US", "IE"].enumerated() {
            normalizer.normalize(rawRecord(line: line + 2, [["Cork"], [country]]), into: &dataset)
        }
        normalizer.finish(into: &dataset)
        guard case .memberships(let records) = dataset.sources["members"] else {
            Issue.record("no memberships")
            return
        }
        let cities = records.map(\.city)
        #expect(cities[0] != cities[1])
        #expect(cities == [cities[0], cities[1], cities[0], cities[1], cities[1], cities[0]])
        #expect(
            records.map { dataset.countries[dataset.cities[$0.city].country].alpha2 } == [
                "IE", "US", "IE", "US", "US", "IE",
            ])
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
                    value: "Columbia", rule: "reference", reason: "unknown country 'Columbia' (did you mean Colombia?)",
                    suggestion: "Colombia"
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
        #expect(initiative.sdgs.map(\.number) == [4, 11])
        #expect(initiative.targets.map(\.description) == ["4.1", "11.a"])
        #expect(initiative.themes.themes == [ThemeID(index: 0)])
        #expect(initiative.themes.hasUnmapped)
        #expect(initiative.beneficiaries == 1200)
        #expect(normalizer.statistics.unmappedThemes == ["robotics": 1])
        #expect(dataset.countries[initiative.countries[0]].alpha2 == "EG")
    }

    @Test func aRepeatedThemeListGivesTheSameThemesAndCountsItsUnmappedThemesEachTime() throws {
        var dataset = try dataset()
        let themes = FieldRule(origin: .paths([1]), split: ";")
        var normalizer = SourceNormalizer(
            source: "initiatives",
            mapping: SourceMapping(
                entity: .initiative, paths: ["id", "themes"],
                fields: [.id: FieldRule(origin: .paths([0])), .themes: themes]),
            defaultNetwork: "")
        let lists = ["equity; adult education", "equity;robotics", "equity; adult education", "equity;robotics", ""]
        for (index, list) in lists.enumerated() {
            normalizer.normalize(rawRecord(line: index + 2, [["A\(index)"], [list]]), into: &dataset)
        }
        normalizer.finish(into: &dataset)
        guard case .initiatives(let records) = dataset.sources["initiatives"] else {
            Issue.record("no initiatives")
            return
        }
        #expect(
            records.map(\.themes.themes) == [
                [ThemeID(index: 0), ThemeID(index: 1)], [ThemeID(index: 0)], [ThemeID(index: 0), ThemeID(index: 1)],
                [ThemeID(index: 0)], [],
            ])
        #expect(records.map(\.themes.hasUnmapped) == [false, true, false, true, false])
        #expect(normalizer.statistics.unmappedThemes == ["robotics": 2])
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

    func duplicates(_ policy: QualityRules.DuplicatePolicy, keepsIdentifiers: Bool) throws -> (
        SourceNormalizer, Dataset
    ) {
        var dataset = try dataset()
        var quality = QualityRules(entity: .initiative)
        quality.onDuplicate = policy
        var rules = mapping(.initiative, [.id, .title])
        rules.quality = quality
        var normalizer = SourceNormalizer(
            source: "initiatives", mapping: rules, defaultNetwork: "", keepsIdentifiers: keepsIdentifiers)
        normalizer.normalize(rawRecord(line: 3, [["A1"], ["first"]]), into: &dataset)
        normalizer.normalize(rawRecord(line: 5, [["B2"], ["other"]]), into: &dataset)
        normalizer.normalize(rawRecord(line: 9, [["A1"], ["second"]]), into: &dataset)
        normalizer.normalize(rawRecord(line: 12, [["A1"], ["third"]]), into: &dataset)
        normalizer.finish(into: &dataset)
        #expect(normalizer.statistics.read == normalizer.statistics.accepted + normalizer.statistics.rejected)
        #expect(normalizer.statistics.rejected == normalizer.rejects.count)
        return (normalizer, dataset)
    }

    func titles(_ dataset: Dataset) -> [String] {
        guard case .initiatives(let records) = dataset.sources["initiatives"] else { return [] }
        return records.map { dataset.symbols[$0.title] }
    }

    @Test(arguments: [true, false]) func duplicateIdsUnderRejectLoseEveryCopy(keepsIdentifiers: Bool) throws {
        let (normalizer, dataset) = try duplicates(.reject, keepsIdentifiers: keepsIdentifiers)
        #expect(titles(dataset) == ["other"])
        #expect(normalizer.rejects.map(\.location.line) == [3, 9, 12])
        #expect(
            normalizer.rejects.map(\.reason) == [
                "duplicate id 'A1': also on line 9; every record with it is rejected (on_duplicate: reject)",
                "duplicate id 'A1': also on line 3; every record with it is rejected (on_duplicate: reject)",
                "duplicate id 'A1': earlier records with it were rejected (on_duplicate: reject)",
            ])
        #expect(Set(normalizer.rejects.map(\.rule)) == ["unique"])
    }

    @Test(arguments: [true, false]) func duplicateIdsUnderKeepFirstKeepTheFirst(keepsIdentifiers: Bool) throws {
        let (normalizer, dataset) = try duplicates(.keepFirst, keepsIdentifiers: keepsIdentifiers)
        #expect(titles(dataset) == ["first", "other"])
        #expect(normalizer.rejects.map(\.location.line) == [9, 12])
        #expect(
            normalizer.rejects.first?.reason
                == "duplicate id 'A1': the record on line 3 is kept (on_duplicate: keep_first)")
    }

    @Test(arguments: [true, false]) func duplicateIdsUnderKeepLastKeepTheLast(keepsIdentifiers: Bool) throws {
        let (normalizer, dataset) = try duplicates(.keepLast, keepsIdentifiers: keepsIdentifiers)
        #expect(titles(dataset) == ["other", "third"])
        #expect(normalizer.rejects.map(\.location.line) == [3, 9])
        #expect(
            normalizer.rejects.map(\.reason) == [
                "duplicate id 'A1': the record on line 9 replaces it (on_duplicate: keep_last)",
                "duplicate id 'A1': the record on line 12 replaces it (on_duplicate: keep_last)",
            ])
    }

    /// Normalises one record of a source with paths `a` and `b` under `fields`: the initiative, if accepted, the
    /// dataset and the rejects.
    func normalizeOne(_ values: [[String]], _ fields: [EntityField: FieldRule]) throws -> (
        initiative: Initiative?, dataset: Dataset, rejects: [Reject]
    ) {
        var dataset = try dataset()
        var normalizer = SourceNormalizer(
            source: "s", mapping: SourceMapping(entity: .initiative, paths: ["a", "b"], fields: fields),
            defaultNetwork: "")
        normalizer.normalize(RawRecord(location: SourceLocation(file: "f", line: 1), values: values), into: &dataset)
        normalizer.finish(into: &dataset)
        guard case .initiatives(let records) = dataset.sources["s"] else { return (nil, dataset, normalizer.rejects) }
        return (records.first, dataset, normalizer.rejects)
    }

    @Test func fieldRulesSplitMapAndFallBack() throws {
        let (initiative, dataset, rejects) = try normalizeOne(
            [["education; 11 ;"], ["x"]],
            [
                .sdgs: FieldRule(origin: .paths([0]), split: ";", valueMap: ["Education": "4"]),
                .id: FieldRule(origin: .first([1, 0])), .title: FieldRule(origin: .constant("Fixed")),
            ])
        let accepted = try #require(initiative, "rejected: \(rejects.map(\.reason))")
        #expect(accepted.sdgs.map(\.number) == [4, 11])
        #expect(dataset.identifiers[accepted.id] == "x")
        #expect(dataset.symbols[accepted.title] == "Fixed")
    }

    /// A separator of one byte is found by a loop in values shorter than 16 bytes and by `memchr` in longer ones:
    /// both split alike, at the start, the end and twice in a row.
    @Test(arguments: [";4;;11;", "4;11", ";;;;;;;;;;;;;;4;;;;;;;;;;11;;", "  4 ;                        11  "])
    func aOneByteSeparatorSplitsShortAndLongValuesAlike(value: String) throws {
        let (initiative, _, rejects) = try normalizeOne(
            [[value]], [.sdgs: FieldRule(origin: .paths([0]), split: ";"), .id: FieldRule(origin: .constant("A1"))])
        let accepted = try #require(initiative, "rejected: \(rejects.map(\.reason))")
        #expect(accepted.sdgs.map(\.number) == [4, 11])
    }

    /// A cell read plainly (one path, one value, a separator of one byte) gives the countries and SDGs that the
    /// general reading of a field's values gives: here forced by a second, empty path.
    @Test(arguments: [
        ("4", "JP"), (" 4.1 ;Goal 11", "JP;MX"), (";;SDG 8;", " ;Mexico; "), ("11\u{A0};  ;4", "JP;JP"),
        ("", ""), ("Goal 99", "JP"), ("4", "Atlantis"), ("4;4.7;4", ";"),
    ])
    func aCellReadPlainlyGivesWhatTheGeneralReadingGives(sdgs: String, countries: String) throws {
        let plain = try normalizeOne(
            [[sdgs], [countries]],
            [
                .sdgs: FieldRule(origin: .paths([0]), split: ";"), .country: FieldRule(origin: .paths([1]), split: ";"),
                .id: FieldRule(origin: .constant("A1")),
            ])
        let general = try normalizeOne(
            [[sdgs], [countries], []],
            [
                .sdgs: FieldRule(origin: .paths([0, 2]), split: ";"),
                .country: FieldRule(origin: .paths([1, 2]), split: ";"), .id: FieldRule(origin: .constant("A1")),
            ])
        #expect(plain.initiative?.sdgs == general.initiative?.sdgs)
        #expect(plain.initiative?.targets == general.initiative?.targets)
        #expect(plain.initiative?.countries == general.initiative?.countries)
        #expect(plain.rejects.map(\.reason) == general.rejects.map(\.reason))
        #expect(plain.rejects.map(\.location) == general.rejects.map(\.location))
        #expect((plain.initiative == nil) == (general.initiative == nil))
    }

    @Test func aLongerSeparatorSplitsAndAValueMappedToNothingIsDropped() throws {
        let (initiative, _, rejects) = try normalizeOne(
            [["4 | none |  | 11.a"], ["none | 8 | 17"]],
            [
                .sdgs: FieldRule(origin: .paths([0, 1]), split: " | ", valueMap: ["none": ""]),
                .id: FieldRule(origin: .constant("A1")),
            ])
        let accepted = try #require(initiative, "rejected: \(rejects.map(\.reason))")
        #expect(accepted.sdgs.map(\.number) == [4, 8, 11, 17])
        #expect(accepted.targets.map(\.suffix) == ["a"])
    }
}

/// Ids are kept only when something reads them, and checked for duplicates either way.
struct IdentifierKeepingTests {
    func identifiers(keepsIdentifiers: Bool) -> (ids: [String], table: Int, rejects: [String]) {
        var dataset = Dataset(countries: .builtin, themes: ThemeVocabulary())
        var normalizer = SourceNormalizer(
            source: "initiatives", mapping: mapping(.initiative, [.id, .country]), defaultNetwork: "",
            keepsIdentifiers: keepsIdentifiers)
        for (line, id) in [(2, "I-1"), (3, "I-2"), (4, "I-1")] {
            normalizer.normalize(rawRecord(line: line, [[id], ["Kenya"]]), into: &dataset)
        }
        normalizer.finish(into: &dataset)
        guard case .initiatives(let records) = dataset.sources["initiatives"] else { return ([], 0, []) }
        return (records.map { dataset.identifiers[$0.id] }, dataset.identifiers.count, normalizer.rejects.map(\.reason))
    }

    static let duplicateReasons = [
        "duplicate id 'I-1': also on line 4; every record with it is rejected (on_duplicate: reject)",
        "duplicate id 'I-1': also on line 2; every record with it is rejected (on_duplicate: reject)",
    ]

    @Test func aRunThatLoadsADatabaseKeepsIds() {
        let result = identifiers(keepsIdentifiers: true)
        #expect(result.ids == ["I-2"])
        #expect(result.table == 2)
        #expect(result.rejects == Self.duplicateReasons)
    }

    @Test func aRunWithoutOneChecksThemAndLeavesThemOut() {
        let result = identifiers(keepsIdentifiers: false)
        #expect(result.ids == [""])
        #expect(result.table == 1)
        #expect(result.rejects == Self.duplicateReasons)
    }
}

/// Titles are kept only when something reads them.
struct TitleKeepingTests {
    func titles(keepsTitles: Bool, unique: [EntityField]? = nil) throws -> [String] {
        var dataset = Dataset(countries: .builtin, themes: ThemeVocabulary())
        var rules = mapping(.initiative, [.id, .country, .title])
        if let unique { rules.quality.unique = unique }
        var normalizer = SourceNormalizer(
            source: "initiatives", mapping: rules, defaultNetwork: "", keepsTitles: keepsTitles)
        normalizer.normalize(rawRecord(line: 2, [["I-1"], ["Kenya"], ["Reading circles"]]), into: &dataset)
        normalizer.normalize(rawRecord(line: 3, [["I-2"], ["Kenya"], ["Night school"]]), into: &dataset)
        normalizer.finish(into: &dataset)
        guard case .initiatives(let records) = dataset.sources["initiatives"] else { return [] }
        #expect(normalizer.statistics.accepted == 2)
        return records.map { dataset.symbols[$0.title] }
    }

    @Test func aRunThatLoadsADatabaseKeepsTitles() throws {
        #expect(try titles(keepsTitles: true) == ["Reading circles", "Night school"])
    }

    @Test func aRunWithoutOneLeavesThemOut() throws {
        #expect(try titles(keepsTitles: false) == ["", ""])
    }

    @Test func aUniqueRuleOnTitlesKeepsThemAnyway() throws {
        #expect(try titles(keepsTitles: false, unique: [.id, .title]) == ["Reading circles", "Night school"])
    }

    /// Short values are read once and remembered by their bytes packed in a word: lengths 1 to 9 (past the word),
    /// values that differ only in length, and a value that is no SDG each read as they do the first time.
    @Test func repeatedSDGValuesOfEveryLengthReadAsTheFirstTime() {
        var dataset = Dataset(countries: .builtin, themes: ThemeVocabulary())
        var normalizer = SourceNormalizer(
            source: "initiatives", mapping: mapping(.initiative, [.id, .sdgs]), defaultNetwork: "")
        let lists = [["4"], ["4", "SDG 4"], ["Goal 11", "SDG 4.a"], ["SDG 13.1"], ["SDG 17.17"], ["Goal 99"], ["44"]]
        for round in 0..<3 {
            for (index, list) in lists.enumerated() {
                normalizer.normalize(
                    rawRecord(line: round * 10 + index, [["A\(round)-\(index)"], list]), into: &dataset)
            }
        }
        normalizer.finish(into: &dataset)
        guard case .initiatives(let records) = dataset.sources["initiatives"] else {
            Issue.record("no initiatives")
            return
        }
        let read = records.map { record in record.sdgs.map { $0.number } + record.targets.map { $0.goal.number * 100 } }
        #expect(read == Array(repeating: [[4], [4], [4, 11, 400], [13, 1300], [17, 1700]], count: 3).flatMap { $0 })
        #expect(normalizer.rejects.map { $0.value } == Array(repeating: ["Goal 99", "44"], count: 3).flatMap { $0 })
    }

    /// Theme lists of 9 to 56 bytes are remembered in a table of 1,024 slots that replaces one value with another:
    /// more lists than slots, each read twice, and lists of the same length and the same first and last eight
    /// bytes that differ between them, all read as they are written.
    @Test func longThemeListsReadTheSameWhenSeenAgainOrReplaced() throws {
        var themes = ThemeVocabulary()
        try themes.add(theme: "Inclusion", synonyms: ["social inclusion", "equity"])
        try themes.add(theme: "Lifelong learning", synonyms: ["adult education"])
        var dataset = Dataset(countries: .builtin, themes: themes)
        var normalizer = SourceNormalizer(
            source: "initiatives",
            mapping: SourceMapping(
                entity: .initiative, paths: ["id", "themes"],
                fields: [.id: FieldRule(origin: .paths([0])), .themes: FieldRule(origin: .paths([1]), split: ";")]),
            defaultNetwork: "")
        let spellings = [("equity", 0), ("social inclusion", 0), ("adult education", 1), ("Lifelong learning", 1)]
        var lists: [(String, Set<Int>)] = []
        for first in spellings {
            for second in spellings {
                for spaces in 0..<80 {
                    lists.append(
                        (first.0 + ";" + String(repeating: " ", count: spaces) + second.0, [first.1, second.1]))
                }
            }
        }
        // The same length, the same first and last eight bytes, other themes.
        let alike = [("equity;   adult education  ;equity", Set([0, 1])), ("equity;   social inclusion ;equity", [0])]
        let all = lists + lists + alike + alike + alike
        for (index, list) in all.enumerated() {
            normalizer.normalize(rawRecord(line: index + 2, [["A\(index)"], [list.0]]), into: &dataset)
        }
        normalizer.finish(into: &dataset)
        guard case .initiatives(let records) = dataset.sources["initiatives"] else {
            Issue.record("no initiatives")
            return
        }
        #expect(records.count == all.count)
        #expect(records.map { Set($0.themes.themes.map { $0.index }) } == all.map { $0.1 })
    }

    /// More distinct short spellings than the table of short values keeps: the others are remembered by symbol,
    /// and every spelling still reads as it should.
    @Test func moreDistinctShortThemesThanTheShortTableKeeps() throws {
        var themes = ThemeVocabulary()
        try themes.add(theme: "Inclusion", synonyms: ["equity"])
        var dataset = Dataset(countries: .builtin, themes: themes)
        var normalizer = SourceNormalizer(
            source: "initiatives", mapping: mapping(.initiative, [.id, .themes]), defaultNetwork: "")
        let unmapped = (0..<1_500).map { "T\($0)" }
        for (index, theme) in (unmapped + ["equity", "T1", "equity"]).enumerated() {
            normalizer.normalize(rawRecord(line: index + 2, [["A\(index)"], [theme]]), into: &dataset)
        }
        normalizer.finish(into: &dataset)
        guard case .initiatives(let records) = dataset.sources["initiatives"] else {
            Issue.record("no initiatives")
            return
        }
        #expect(records.suffix(3).map { $0.themes.themes } == [[ThemeID(index: 0)], [], [ThemeID(index: 0)]])
        #expect(normalizer.statistics.unmappedThemes.count == 1_500)
        #expect(normalizer.statistics.unmappedThemes["T1"] == 2)
    }
}
