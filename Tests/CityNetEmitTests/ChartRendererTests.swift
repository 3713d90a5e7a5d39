import CityNetEmit
import CityNetIngest
import CityNetModel
import Testing

/// Whether bytes are a well-formed XML document, by libxml2.
func isWellFormedXML(_ bytes: [UInt8]) -> Bool {
    XMLChecker.problem(in: bytes, name: "chart.svg") == nil
}

struct ChartRendererTests {
    let regions = Table(
        name: "members_by_region",
        columns: [Column(name: "region", kind: .dimension(.region)), Column(name: "cities", kind: .count)],
        rows: Region.allCases.enumerated().map { [.text($0.element.name), .integer(($0.offset + 1) * 1_250)] }
    )

    let edgeLabels = Table(
        name: "edge",
        columns: [Column(name: "city", kind: .dimension(.city)), Column(name: "initiatives", kind: .count)],
        rows: [
            [.text("Tom & Jerry"), .integer(12)],
            [.text("<script>alert(1)</script>"), .integer(7)],
            [.text("A city with a remarkably long and winding official name that cannot fit"), .integer(3)],
            [.text("\"Quoted\" 'names'"), .integer(1)],
        ]
    )

    @Test(arguments: [ChartSpec.Kind.bar, .hbar, .line])
    func everyOneDimensionalKindIsWellFormedAndDeterministic(kind: ChartSpec.Kind) throws {
        let table =
            kind == .line
            ? Table(
                name: "years",
                columns: [Column(name: "year", kind: .dimension(.year)), Column(name: "members", kind: .count)],
                rows: (2015...2024).map { [.integer($0), .integer(($0 - 2010) * 37)] })
            : regions
        let spec = ChartSpec(
            kind: kind, x: kind == .line ? "year" : "region", value: kind == .line ? "members" : "cities",
            title: "A title")
        let first = try ChartRenderer.render(spec, table: table)
        #expect(isWellFormedXML(first))
        #expect(first == (try ChartRenderer.render(spec, table: table)))
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains("role=\"img\""))
        #expect(text.contains("aria-labelledby=\"chart-title chart-desc\""))
        #expect(text.contains("<title id=\"chart-title\">A title</title>"))
        #expect(!text.contains("http://") || text.components(separatedBy: "http://").count == 2)
    }

    @Test(arguments: [ChartSpec.Kind.bar, .hbar])
    func textFromDataIsEscaped(kind: ChartSpec.Kind) throws {
        let spec = ChartSpec(kind: kind, x: "city", value: "initiatives", title: "Edge <cases> & \"quotes\"")
        let bytes = try ChartRenderer.render(spec, table: edgeLabels)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(isWellFormedXML(bytes))
        #expect(text.contains("Tom &amp; Jerry"))
        #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!text.contains("<script>"))
        #expect(text.contains("Edge &lt;cases&gt; &amp; &quot;quotes&quot;"))
    }

    @Test func aLongLabelIsCutWithItsFullNameAsATooltip() throws {
        let spec = ChartSpec(kind: .hbar, x: "city", value: "initiatives", title: "t", width: 420, height: 300)
        let text = String(decoding: try ChartRenderer.render(spec, table: edgeLabels), as: UTF8.self)
        #expect(text.contains("…"))
        #expect(text.contains("<title>A city with a remarkably long and winding official name that cannot fit</title>"))
    }

    @Test func sdgBarsUseTheOfficialColoursAndNameTheGoals() throws {
        let table = Table(
            name: "sdg",
            columns: [Column(name: "sdg", kind: .dimension(.sdg)), Column(name: "initiatives", kind: .count)],
            rows: [[.integer(4), .integer(6156)], [.integer(11), .integer(5454)]]
        )
        let text = String(
            decoding: try ChartRenderer.render(
                ChartSpec(kind: .bar, x: "sdg", value: "initiatives", title: "t"), table: table), as: UTF8.self)
        #expect(text.contains("fill=\"#C5192D\""))
        #expect(text.contains("fill=\"#FD9D24\""))
        #expect(text.contains("<title>SDG 4: Quality Education: 6,156 initiatives</title>"))
        #expect(text.contains(">2,000<") && text.contains(">8,000<"))
    }

    @Test func regionsKeepTheirColoursWhateverTheOrder() throws {
        let spec = ChartSpec(kind: .hbar, x: "region", value: "cities", title: "t", order: .value)
        let text = String(decoding: try ChartRenderer.render(spec, table: regions), as: UTF8.self)
        #expect(text.contains("fill=\"#E69F00\"><title>Africa: 1,250 cities</title>"))
        #expect(text.contains("fill=\"#CC79A7\"><title>Latin America and the Caribbean: 6,250 cities</title>"))
    }

    @Test func theDescriptionSummarisesTheData() throws {
        let text = String(
            decoding: try ChartRenderer.render(
                ChartSpec(kind: .bar, x: "region", value: "cities", title: "t"), table: regions), as: UTF8.self)
        #expect(
            text.contains(
                "<desc id=\"chart-desc\">Bar chart of cities by region, 5 bars: highest Latin America and the Caribbean (6,250), lowest Africa (1,250), total 18,750.</desc>"
            ))
    }

    @Test func aMissingColumnIsAnError() {
        #expect(throws: ChartError.self) {
            _ = try ChartRenderer.render(ChartSpec(kind: .bar, x: "nope", value: "cities", title: "t"), table: regions)
        }
    }
}
