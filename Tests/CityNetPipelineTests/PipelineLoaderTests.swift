import CityNetModel
import CityNetPipeline
import Testing

struct PipelineLoaderTests {
    let loader = PipelineLoader(environment: ["CITYNET_YEAR": "2021"])

    let valid = """
        pipeline: demo
        params:
          year: 2019
        output: demo/${year}
        sources:
          members:
            format: csv
            path: members.csv
            entity: membership
            fields:
              city: City
              country: Country
              joined: Year joined
        aggregates:
          by_region:
            from: members
            where: joined <= ${year}
            group_by: region
            measures:
              cities: count
        outputs:
          - aggregate: by_region
        """

    func message(_ text: String, overrides: [(name: String, value: String)] = []) -> String? {
        do {
            _ = try loader.decode(text, file: "p.yml", overrides: overrides)
            return nil
        } catch {
            #expect(error.exitStatus == (overrides.isEmpty ? .configuration : .usage))
            return error.diagnostic.description
        }
    }

    @Test func decodesAValidFileAndAppliesParams() throws {
        let spec = try loader.decode(valid, file: "p.yml")
        #expect(spec.name == "demo")
        #expect(spec.output == "demo/2019")
        #expect(spec.sources.map(\.name) == ["members"])
        #expect(spec.aggregates.map(\.spec.name) == ["by_region"])
        #expect(spec.outputs.flatMap(\.files) == ["by_region.csv", "by_region.json", "by_region.schema.json"])
        let overridden = try loader.decode(valid, file: "p.yml", overrides: [("year", "2024")])
        #expect(overridden.output == "demo/2024")
    }

    @Test func readsTheEnvironment() throws {
        let spec = try loader.decode(
            valid.replacingOccurrences(of: "year: 2019", with: "year: ${env.CITYNET_YEAR}"), file: "p.yml")
        #expect(spec.output == "demo/2021")
        #expect(
            message(valid.replacingOccurrences(of: "year: 2019", with: "year: ${env.NOT_SET}"))
                == "p.yml:3:9: error: environment variable 'NOT_SET' is not set")
    }

    @Test func aYAMLSyntaxErrorHasItsPosition() {
        #expect(
            message(valid.replacingOccurrences(of: "year: 2019", with: "year: [2019"))
                == "p.yml:4:7: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 3)"
        )
    }

    @Test func anUnknownKeySuggestsTheClosest() {
        #expect(
            message(
                valid.replacingOccurrences(of: "    entity: membership", with: "    entity: membership\n    feilds: {}")
            )
                == "p.yml:10:5: error: unknown key 'feilds' in source 'members' (did you mean 'fields'?) — expected one of format, path, entity, csv, record, namespaces, fields, locale, quality"
        )
    }

    @Test func anUnknownMeasureListsTheKnownOnes() {
        #expect(
            message(valid.replacingOccurrences(of: "cities: count", with: "cities: cnt"))
                == "p.yml:20:15: error: unknown measure 'cnt' — expected one of count, distinct, sum, mean, median, min, max, share, "
                + "running_total, change, change_percent, rank, members_at_year_end")
    }

    @Test func aDuplicateKeyIsReportedAtItsLocation() {
        #expect(
            message(valid.replacingOccurrences(of: "output: demo/${year}", with: "output: a\noutput: b"))
                == "p.yml:4:1: error: duplicate key 'output' in a mapping (each key may appear once; this is its first use)"
        )
    }

    @Test func viewsThatReadEachOtherInACircleAreReportedWithTheirLocation() {
        let views = """
            views:
              recent:
                from: active
                where: joined >= 2015
              active:
                from: recent
                where: status == active
            aggregates:
            """
        #expect(
            message(valid.replacingOccurrences(of: "aggregates:", with: views))
                == "p.yml:16:11: error: views form a cycle: recent -> active -> recent (each reads the next)")
        let dangling = views.replacingOccurrences(of: "from: recent", with: "from: recnt")
        #expect(
            message(valid.replacingOccurrences(of: "aggregates:", with: dangling))
                == "p.yml:19:11: error: view 'active' reads from unknown source or view 'recnt' (did you mean 'recent'?) — known: members, recent, active"
        )
    }

    @Test func anAggregateReadsAViewLikeASource() throws {
        let views = """
            views:
              recent:
                from: members
                where: joined >= 2015
            aggregates:
            """
        let spec = try loader.decode(
            valid.replacingOccurrences(of: "aggregates:", with: views).replacingOccurrences(
                of: "from: members\n    where: joined <=", with: "from: recent\n    where: joined <="),
            file: "p.yml")
        #expect(spec.views.map(\.name) == ["recent"])
        #expect(spec.aggregates.first?.spec.source == "recent")
    }

    @Test func anAggregateOfAMissingSourceIsAnError() {
        #expect(
            message(valid.replacingOccurrences(of: "from: members", with: "from: member"))
                == "p.yml:16:11: error: aggregate 'by_region' reads from unknown source 'member' (did you mean 'members'?) — sources and views are members"
        )
    }

    @Test func anUnknownParamInTheFileIsAnErrorAtItsPlace() {
        #expect(
            message(valid.replacingOccurrences(of: "output: demo/${year}", with: "output: demo/${yeer}"))
                == "p.yml:4:14: error: unknown parameter 'yeer' (declared: year)")
    }

    @Test func anUnknownParamOnTheCommandLineIsAUsageError() {
        #expect(
            message(valid, overrides: [("yeer", "2020")])
                == "error: unknown parameter 'yeer' in --param (declared: year)")
    }

    @Test func aBadWhereExpressionPointsIntoTheExpression() {
        #expect(
            message(valid.replacingOccurrences(of: "where: joined <= ${year}", with: "where: joined =< 2019"))
                == "p.yml:17:19: error: invalid where expression: unknown operator '=' (expected ==, !=, <, <=, >, >=)")
    }

    @Test func anUnknownDimensionListsTheDimensionsOfTheEntity() {
        #expect(
            message(valid.replacingOccurrences(of: "group_by: region", with: "group_by: sdg"))
                == "p.yml:18:15: error: unknown dimension 'sdg' for membership records — expected one of city, country, region, subregion, network, field, status, year, joined"
        )
    }

    @Test func aChartOfAMissingColumnIsAnError() {
        let chart = valid + "\n  - chart: bar\n    aggregate: by_region\n    x: regions\n    value: cities\n"
        #expect(
            message(chart)
                == "p.yml:25:8: error: x 'regions' is not a column of aggregate 'by_region' (did you mean 'region'?) — columns are region, cities"
        )
    }

    @Test func outputPathsStayInsideTheOutputFolder() {
        #expect(
            message(
                valid.replacingOccurrences(
                    of: "  - aggregate: by_region", with: "  - aggregate: by_region\n    path: ../../etc/x"))
                == "p.yml:23:11: error: path '../../etc/x' must be a relative path inside the output folder (no '/' at the start, no '..')"
        )
    }

    @Test func aMissingRequiredFieldIsNamed() {
        #expect(
            message(valid.replacingOccurrences(of: "      country: Country\n", with: ""))
                == "p.yml:11:7: error: a membership source must map the field 'country'")
    }
}
