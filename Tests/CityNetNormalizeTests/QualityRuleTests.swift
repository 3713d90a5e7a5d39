import CityNetModel
import CityNetNormalize
import Testing

/// One reject per rule kind, with its exact text; the counts always reconcile.
struct QualityRuleTests {
    func normalise(
        _ entity: EntityKind, _ fields: [EntityField], _ rows: [[[String]]],
        quality: (inout QualityRules) -> Void = { _ in },
        locale: NumberLocale = .english, prepare: (inout Dataset) -> Void = { _ in }
    ) -> (SourceNormalizer, Dataset) {
        var dataset = Dataset(countries: .builtin, themes: ThemeVocabulary())
        prepare(&dataset)
        var rules = mapping(entity, fields)
        quality(&rules.quality)
        rules.locale = locale
        var normalizer = SourceNormalizer(source: "feed", mapping: rules, defaultNetwork: "GNLC")
        for (index, row) in rows.enumerated() { normalizer.normalize(rawRecord(line: index + 2, row), into: &dataset) }
        normalizer.finish(into: &dataset)
        #expect(normalizer.statistics.read == normalizer.statistics.accepted + normalizer.statistics.rejected)
        #expect(normalizer.statistics.rejected == normalizer.rejects.count)
        #expect(dataset.sources["feed"]?.count == normalizer.statistics.accepted)
        return (normalizer, dataset)
    }

    func texts(_ normalizer: SourceNormalizer) -> [String] {
        normalizer.rejects.map { "\($0.location): [\($0.rule)] \($0.field)=\($0.value): \($0.reason)" }
    }

    @Test func requiredFields() {
        let (normalizer, _) = normalise(
            .membership, [.city, .country, .joined], [[["Cork"], ["IE"], []], [["Espoo"], ["FI"], ["2016"]]],
            quality: { $0.required = [.joined] })
        #expect(
            texts(normalizer) == ["feed.csv:2:1: [required] joined=: missing joined (required by quality.required)"])
    }

    @Test func uniqueFieldCombinations() {
        let (normalizer, _) = normalise(
            .membership, [.city, .country], [[["Cork"], ["IE"]], [["CORK"], ["Ireland"]], [["Cork"], ["US"]]],
            quality: {
                $0.unique = [.city]
                $0.onDuplicate = .keepFirst
            })
        #expect(
            texts(normalizer) == [
                "feed.csv:3:1: [unique] city=Cork: duplicate city of 'Cork': the record on line 2 is kept (on_duplicate: keep_first)"
            ])
    }

    @Test func ranges() {
        let (normalizer, _) = normalise(
            .initiative, [.id, .year, .beneficiaries],
            [[["A"], ["1995"], ["10"]], [["B"], ["2019"], ["2000000"]], [["C"], ["1890"], []]],
            quality: {
                $0.ranges = [.year: 2000...2100, .beneficiaries: 0...1_000_000]
            })
        #expect(
            texts(normalizer) == [
                "feed.csv:2:11: [range] year=1995: year 1995 is out of range (expected 2000-2100)",
                "feed.csv:3:21: [range] beneficiaries=2000000: beneficiaries 2000000 is out of range (expected 0-1000000)",
                "feed.csv:4:11: [range] year=1890: year 1890 is out of range (expected 2000-2100)",
            ])
    }

    @Test func acceptedValues() {
        let (normalizer, _) = normalise(
            .membership, [.city, .country, .status],
            [[["Cork"], ["IE"], ["active"]], [["Espoo"], ["FI"], ["Withdrawn"]]],
            quality: { $0.accepted = [.status: ["active", "suspended"]] })
        #expect(
            texts(normalizer) == [
                "feed.csv:3:21: [accepted] status=Withdrawn: status 'Withdrawn' is not accepted (expected one of active, suspended)"
            ])
    }

    @Test func typeConversions() {
        let (normalizer, _) = normalise(
            .initiative, [.id, .year, .beneficiaries, .budget],
            [
                [["A"], ["soon"], [], []], [["B"], ["2019"], ["lots"], []], [["C"], ["2019"], ["7"], ["1.2.3"]],
                [["D"], ["05/2019"], ["7 000"], ["12,5"]],
            ],
            locale: .french)
        #expect(
            texts(normalizer) == [
                "feed.csv:2:11: [type] year=soon: 'soon' is not a year (expected e.g. 2019 or 2019-05-04)",
                "feed.csv:3:21: [type] beneficiaries=lots: 'lots' is not a whole number",
                "feed.csv:4:31: [type] budget=1.2.3: '1.2.3' is not a number",
            ])
    }

    @Test(arguments: [
        (NumberLocale.english, "7,000", 7000), (.english, "7 000", 7000), (.german, "7.000", 7000),
        (.french, "7 000", 7000),
        (.swiss, "7'000", 7000), (.english, "1,234,567", 1_234_567),
    ])
    func thousandsSeparatorsFollowTheLocale(locale: NumberLocale, text: String, value: Int) {
        let (normalizer, dataset) = normalise(.initiative, [.id, .beneficiaries], [[["A"], [text]]], locale: locale)
        #expect(normalizer.rejects.isEmpty)
        guard case .initiatives(let records) = dataset.sources["feed"] else { return }
        #expect(records.first?.beneficiaries == value)
    }

    @Test func unknownReferences() {
        let (normalizer, _) = normalise(
            .initiative, [.id, .country, .sdgs],
            [[["A"], ["Phillipines"], ["4"]], [["B"], ["PH"], ["SDG 18"]], [["C"], ["PH"], ["4.9"]]])
        #expect(
            texts(normalizer) == [
                "feed.csv:2:11: [reference] country=Phillipines: unknown country 'Phillipines' (did you mean Philippines?)",
                "feed.csv:3:21: [reference] sdgs=SDG 18: SDG 18 does not exist (goals are 1-17)",
                "feed.csv:4:21: [reference] sdgs=4.9: SDG target 4.9 does not exist (goal 4 has targets 4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.7, 4.a, 4.b, 4.c)",
            ])
        #expect(normalizer.rejects.first?.suggestion == "Philippines")
    }

    @Test func citiesThatAreNotMembersWarnOrAreRejected() {
        func prepare(_ dataset: inout Dataset) {
            guard let ireland = dataset.countries.resolve("IE") else { return }
            dataset.readsMemberships = true
            dataset.markMember(dataset.cities.register(name: "Cork", country: ireland))
        }
        let rows: [[[String]]] = [[["A"], ["Cork"], ["IE"]], [["B"], ["Atlantis"], ["IE"]]]
        let (warned, _) = normalise(.initiative, [.id, .city, .country], rows, prepare: prepare)
        #expect(warned.rejects.isEmpty)
        #expect(warned.statistics.warnings == 1)
        #expect(
            warned.warnings.map(\.description) == [
                "feed.csv:3:11: warning: city 'Atlantis' (Ireland) is not a member of any network in this pipeline"
            ])
        let (rejected, _) = normalise(
            .initiative, [.id, .city, .country], rows, quality: { $0.unknownCity = .reject }, prepare: prepare)
        #expect(
            texts(rejected) == [
                "feed.csv:3:11: [reference] city=Atlantis: city 'Atlantis' (Ireland) is not a member of any network in this pipeline"
            ])
    }

    @Test func cityAliasesMapVariantsToTheMemberName() {
        let (normalizer, dataset) = normalise(
            .membership, [.city, .country],
            [[["Seodaemun-gu"], ["KR"]], [["Seodaemungu"], ["Republic of Korea"]], [["SEODAEMUN GU"], ["KOR"]]],
            prepare: { dataset in
                dataset.cityAliases.add(alias: "Seodaemungu", name: "Seodaemun-gu")
            })
        #expect(normalizer.rejects.isEmpty)
        guard case .memberships(let records) = dataset.sources["feed"] else { return }
        #expect(Set(records.map(\.city)).count == 1)
        #expect(dataset.cities[records[0].city].name == "Seodaemun-gu")
    }

    @Test func anInitiativeWithoutACountryTakesItsMemberCitysCountry() {
        let (normalizer, dataset) = normalise(
            .initiative, [.id, .city], [[["A"], ["Medellin"]]],
            prepare: { dataset in
                guard let colombia = dataset.countries.resolve("CO") else { return }
                dataset.markMember(dataset.cities.register(name: "Medellín", country: colombia))
            })
        #expect(normalizer.rejects.isEmpty)
        guard case .initiatives(let records) = dataset.sources["feed"] else { return }
        #expect(records.first.map { dataset.countries[$0.countries[0]].alpha2 } == "CO")
    }
}
