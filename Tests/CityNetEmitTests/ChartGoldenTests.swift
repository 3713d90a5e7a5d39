import CityNetEmit
import CityNetModel
import CityNetTestSupport
import Foundation
import Testing

/// Every chart kind and option against golden SVG files, byte for byte; each one well-formed by libxml2.
struct ChartGoldenTests {
    static let golden = TestPaths.packageRoot().appendingPathComponent("Tests/CityNetEmitTests/Golden/charts")

    static let regionNames = Region.allCases.map(\.name)

    /// Laureates by award year and region (some pairs missing, as real data has).
    static let laureates = Table(
        name: "laureates_by_year_region",
        columns: [
            Column(name: "year", kind: .dimension(.year)), Column(name: "region", kind: .dimension(.region)),
            Column(name: "laureates", kind: .count),
        ],
        rows: [
            (2015, [1, 1, 4, 3, 3]), (2017, [2, 2, 4, 6, 2]), (2019, [1, 1, 3, 3, 2]), (2021, [0, 3, 3, 3, 1]),
            (2024, [1, 3, 2, 2, 2]),
        ].flatMap { year, counts in
            zip(regionNames, counts).map { [.integer(year), .text($0), .integer($1)] }
        })

    /// Initiatives by region and SDG.
    static let regionSDG = Table(
        name: "initiatives_by_region_sdg",
        columns: [
            Column(name: "region", kind: .dimension(.region)), Column(name: "sdg", kind: .dimension(.sdg)),
            Column(name: "initiatives", kind: .count),
        ],
        rows: regionNames.enumerated().flatMap { regionIndex, region in
            (1...17).map { goal -> [Cell] in
                let base = [21, 7, 22, 37, 13][regionIndex]
                let value = base + (goal == 4 ? 170 - regionIndex * 30 : goal == 11 ? 120 - regionIndex * 15 : goal * 2)
                return [.text(region), .integer(goal), .integer(value)]
            }
        })

    static let members = Table(
        name: "members_by_region",
        columns: [Column(name: "region", kind: .dimension(.region)), Column(name: "cities", kind: .count)],
        rows: zip(regionNames, [11, 12, 50, 85, 24]).map { [.text($0), .integer($1)] })

    static let membersOverTime = Table(
        name: "members_by_year_region",
        columns: [
            Column(name: "region", kind: .dimension(.region)), Column(name: "joined", kind: .dimension(.year)),
            Column(name: "members", kind: .count),
        ],
        rows: regionNames.enumerated().flatMap { index, region in
            (2015...2024).map { year in
                [.text(region), .integer(year), .integer((year - 2014) * (index + 2) + index * 3)] as [Cell]
            }
        })

    static let themes = Table(
        name: "initiatives_by_theme",
        columns: [Column(name: "theme", kind: .dimension(.theme)), Column(name: "initiatives", kind: .count)],
        rows: [
            [.text("Health and well-being"), .integer(14)], [.text("Green and healthy cities"), .integer(31)],
            [.text("Equity and inclusion"), .integer(22)], [.text("Decent work and entrepreneurship"), .integer(9)],
            [.text("unmapped"), .integer(3)],
        ])

    static let sdgs = Table(
        name: "initiatives_by_sdg",
        columns: [
            Column(name: "sdg", kind: .dimension(.sdg)), Column(name: "initiatives", kind: .count),
            Column(name: "share", kind: .percent),
        ],
        rows: [(4, 6156, 41.2), (11, 5454, 36.5), (3, 1890, 12.6), (5, 1020, 6.8), (17, 422, 2.9)].map {
            [.integer($0.0), .integer($0.1), .decimal($0.2)]
        })

    static let cases: [(name: String, spec: ChartSpec, table: Table)] = [
        ("bar-sdg", ChartSpec(kind: .bar, x: "sdg", value: "initiatives", title: "Initiatives by SDG"), sdgs),
        (
            "bar-share-percent",
            ChartSpec(kind: .bar, x: "sdg", value: "share", title: "Share of initiatives by SDG", width: 480), sdgs
        ),
        (
            "bar-sorted-by-value",
            ChartSpec(kind: .bar, x: "theme", value: "initiatives", title: "Initiatives by theme", order: .value),
            themes
        ),
        (
            "hbar-regions",
            ChartSpec(kind: .hbar, x: "region", value: "cities", title: "Member cities by region", subtitle: "Demo"),
            members
        ),
        (
            "line-series",
            ChartSpec(
                kind: .line, x: "joined", value: "members", series: "region", title: "Members by region over time"),
            membersOverTime
        ),
        (
            "grouped-bar",
            ChartSpec(
                kind: .groupedBar, x: "year", value: "laureates", series: "region",
                title: "Learning City Award laureates by award year and region"), laureates
        ),
        (
            "stacked-bar",
            ChartSpec(
                kind: .stackedBar, x: "year", value: "laureates", series: "region",
                title: "Laureates by award year, stacked by region"), laureates
        ),
        (
            "stacked-bar-normalized",
            ChartSpec(
                kind: .stackedBar, x: "year", value: "laureates", series: "region", normalize: true,
                title: "Regional share of laureates per award year"), laureates
        ),
        (
            "heatmap-region-sdg",
            ChartSpec(
                kind: .heatmap, x: "sdg", value: "initiatives", series: "region",
                title: "Initiatives by UNESCO region and SDG", width: 760, height: 360), regionSDG
        ),
        (
            "donut-regions",
            ChartSpec(kind: .donut, x: "region", value: "cities", title: "Member cities by region"), members
        ),
        (
            "donut-narrow",
            ChartSpec(
                kind: .donut, x: "region", value: "cities", title: "Member cities by region", width: 320, height: 520),
            members
        ),
        (
            "small-multiples",
            ChartSpec(
                kind: .smallMultiples, x: "sdg", value: "initiatives", facet: "region",
                title: "Initiatives by SDG in each region", width: 760, height: 480), regionSDG
        ),
    ]

    @Test(arguments: cases.indices)
    func chartMatchesItsGolden(index: Int) throws {
        let (name, spec, table) = Self.cases[index]
        let bytes = try ChartRenderer.render(spec, table: table)
        #expect(isWellFormedXML(bytes), "\(name)")
        #expect(bytes == (try ChartRenderer.render(spec, table: table)), "deterministic")
        if let problem = Golden.compare(bytes, with: Self.golden.appendingPathComponent("\(name).svg")) {
            Issue.record("\(problem)")
        }
    }

    @Test func vegaLiteMatchesItsGoldenAndParses() throws {
        let (_, spec, table) = Self.cases[7]
        let bytes = VegaLiteWriter.write(spec, table: table)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["mark"] != nil && object["encoding"] != nil)
        if let problem = Golden.compare(
            bytes, with: Self.golden.appendingPathComponent("stacked-bar-normalized.vl.json"))
        {
            Issue.record("\(problem)")
        }
        for (name, spec, table) in Self.cases {
            let parsed = try? JSONSerialization.jsonObject(with: Data(VegaLiteWriter.write(spec, table: table)))
            #expect(parsed != nil, "\(name).vl.json parses")
        }
    }

    @Test(arguments: [ChartSpec.Kind.groupedBar, .stackedBar, .heatmap, .donut, .smallMultiples])
    func textFromDataIsEscapedInEveryKind(kind: ChartSpec.Kind) throws {
        let table = Table(
            name: "edge",
            columns: [
                Column(name: "city", kind: .dimension(.city)), Column(name: "field", kind: .dimension(.field)),
                Column(name: "initiatives", kind: .count),
            ],
            rows: [
                [.text("Tom & Jerry"), .text("<script>alert(1)</script>"), .integer(12)],
                [.text("\"Quoted\" 'names'"), .text("Music & Media"), .integer(7)],
            ])
        let spec = ChartSpec(
            kind: kind, x: "city", value: "initiatives", series: kind == .donut ? nil : "field",
            facet: kind == .smallMultiples ? "field" : nil, title: "Edge <cases> & \"quotes\"")
        let bytes = try ChartRenderer.render(spec, table: table)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(isWellFormedXML(bytes))
        #expect(text.contains("Tom &amp; Jerry"))
        #expect(!text.contains("<script>"))
    }

    @Test func aHeatmapPicksTextColoursThatContrastWithTheirCells() throws {
        let text = String(
            decoding: try ChartRenderer.render(Self.cases[8].spec, table: Self.regionSDG), as: UTF8.self)
        // The darkest cell (Africa, SDG 4: 191) carries white text, the lightest (Arab States, SDG 1: 9) dark text.
        #expect(text.contains("fill=\"#FFFFFF\" aria-hidden=\"true\">191</text>"))
        #expect(text.contains("fill=\"#1F2328\" aria-hidden=\"true\">9</text>"))
        // The legend is a gradient over the ramp's stops, light to dark.
        #expect(text.contains("<stop offset=\"0%\" stop-color=\"#EFF3FF\"/>"))
        #expect(text.contains("<stop offset=\"100%\" stop-color=\"#08519C\"/>"))
    }

    @Test func aDonutsPercentagesAddUpTo100() throws {
        let text = String(decoding: try ChartRenderer.render(Self.cases[9].spec, table: Self.members), as: UTF8.self)
        // 85, 50, 24, 12, 11 of 182: 46.7, 27.5, 13.2, 6.6, 6.0 -> 47, 27, 13, 7, 6 by largest remainders.
        for percent in ["(47%)", "(27%)", "(13%)", "(7%)", "(6%)"] { #expect(text.contains(percent), "\(percent)") }
        #expect(text.contains(">182</text>"))
    }

    @Test func aStackedBarWithoutASeriesIsAnError() {
        #expect(throws: ChartError.self) {
            try ChartRenderer.render(
                ChartSpec(kind: .stackedBar, x: "year", value: "laureates", title: "t"), table: Self.laureates)
        }
    }
}
