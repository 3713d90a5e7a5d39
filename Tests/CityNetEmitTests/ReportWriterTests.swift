import CityNetEmit
import CityNetModel
import CityNetTestSupport
import Foundation
import Testing

struct ReportWriterTests {
    static let tinySVG = Array(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60" role="img" \
        aria-labelledby="tiny-title tiny-desc">
          <title id="tiny-title">Members by year</title>
          <desc id="tiny-desc">One bar of 84 members.</desc>
          <rect x="10" y="10" width="100" height="40" fill="#2F6DB5"/>
        </svg>

        """.utf8)

    static let regions = Table(
        name: "members_by_region",
        columns: [
            Column(name: "region", kind: .dimension(.region)), Column(name: "cities", kind: .count),
            Column(name: "share", kind: .percent),
        ],
        rows: [
            [.text("Europe and North America"), .integer(1_234), .decimal(61.25)],
            [.text("Latin America and the Caribbean"), .integer(780), .decimal(38.75)],
            [.null, .integer(0), .null],
            [.text("Total"), .integer(2_014), .decimal(100)],
        ],
        hasTotalRow: true
    )

    static func report(
        title: String = "GNLC annual statistics", sections: [Report.Section]? = nil,
        headlines: [Report.Headline]? = nil, unmappedThemes: [String: Int] = ["Arts": 2, "Sport": 5],
        parameters: [(name: String, value: String)] = [("year", "2019")]
    ) -> Report {
        Report(
            title: title, subtitle: "Members, initiatives and laureates, 2019",
            headlines: headlines ?? [
                Report.Headline(label: "Member cities", value: 2_014),
                Report.Headline(label: "Initiatives with an SDG", value: 87.5, kind: .percent),
            ],
            sections: sections ?? [
                Report.Section(
                    title: "Members by year", figures: [Report.Figure(svg: tinySVG, caption: "One bar of 84 members.")]
                ),
                Report.Section(
                    title: "Members by region", table: regions, tableCaption: "Active members by UNESCO region."),
            ],
            sources: [
                Report.Source(
                    name: "members", path: "Inputs/gnlc/members.csv", format: "csv", bytes: 18_432,
                    sha256: String(repeating: "0123456789abcdef", count: 4), read: 2_020, accepted: 2_014,
                    rejected: 6, warnings: 1),
                Report.Source(
                    name: "initiatives", path: "Inputs/gnlc/initiatives.xml", format: "xml", bytes: 1_048_576,
                    sha256: String(repeating: "fedcba9876543210", count: 4), read: 912, accepted: 912, rejected: 0,
                    warnings: 0),
            ],
            unmappedThemes: unmappedThemes, rejects: 6, pipelineFile: "Pipelines/gnlc-annual.yml",
            parameters: parameters, generatedAt: "2024-05-01T06:00:00Z", version: "0.9.0"
        )
    }

    static func html(_ report: Report) -> String {
        String(decoding: ReportWriter.write(report), as: UTF8.self)
    }

    @Test func aSmallReportMatchesItsGolden() {
        let url = TestPaths.packageRoot().appendingPathComponent("Tests/CityNetEmitTests/Golden/report/report.html")
        if let problem = Golden.compare(ReportWriter.write(Self.report()), with: url) {
            Issue.record("\(problem)")
        }
    }

    @Test func aLongTableIsFoldedAndAShortOneIsNot() throws {
        let long = Table(
            name: "long", columns: [Column(name: "year", kind: .dimension(.year)), Column(name: "n", kind: .count)],
            rows: (1990..<2020).map { [.integer($0), .integer(1)] })
        let page = Self.html(
            Self.report(sections: [
                Report.Section(title: "Long", table: long, tableCaption: "30 rows"),
                Report.Section(title: "Short", table: Self.regions, tableCaption: "4 rows"),
            ]))
        let longStart = try #require(page.range(of: "<h2>Long</h2>"))
        let shortStart = try #require(page.range(of: "<h2>Short</h2>"))
        let longSection = page[longStart.upperBound..<shortStart.lowerBound]
        #expect(
            longSection.contains("<details>") && longSection.contains("<summary>Show the table (30 rows)</summary>"))
        #expect(!page[shortStart.upperBound...].contains("<details>"))
    }

    @Test func aPageSaysWhenItWasGenerated() {
        #expect(ReportWriter.generatedAt(of: ReportWriter.write(Self.report())) == "2024-05-01T06:00:00Z")
        #expect(ReportWriter.generatedAt(of: Array("<!doctype html><title>x</title>".utf8)) == nil)
    }

    @Test func theSameReportGivesTheSameBytes() {
        #expect(ReportWriter.write(Self.report()) == ReportWriter.write(Self.report()))
    }

    @Test func textFromDataIsEscaped() {
        let hostile = Table(
            name: "cities",
            columns: [Column(name: "city", kind: .dimension(.city)), Column(name: "note", kind: .decimal)],
            rows: [[.text("<img src=x onerror=alert(1)>"), .text("a \"quoted\" & 'single' note")]]
        )
        let text = Self.html(
            Self.report(
                title: "<script>alert(1)</script>",
                sections: [Report.Section(title: "Tom & Jerry", table: hostile, tableCaption: "It's \"quoted\"")],
                headlines: [Report.Headline(label: "</li><li>Injected", value: 1)],
                unmappedThemes: ["<b>bold</b>": 1], parameters: [("city", "\"Cork\" & <Galway>")]))
        #expect(!text.contains("<script>"))
        #expect(!text.contains("<img"))
        #expect(!text.contains("<b>"))
        #expect(!text.contains("</li><li>Injected"))
        #expect(text.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; – Members, initiatives and laureates"))
        #expect(text.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(text.contains("<h2>Tom &amp; Jerry</h2>"))
        #expect(text.contains("It&#39;s &quot;quoted&quot;"))
        #expect(text.contains("<th scope=\"row\" class=\"wrap\">&lt;img src=x onerror=alert(1)&gt;</th>"))
        #expect(text.contains("a &quot;quoted&quot; &amp; &#39;single&#39; note"))
        #expect(text.contains("<code>city=&quot;Cork&quot; &amp; &lt;Galway&gt;</code>"))
    }

    @Test func theReportReferencesNothingOutsideItself() {
        // The SVG namespace name is an identifier, not a reference, so it is the one URL allowed.
        let text = Self.html(Self.report()).replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!text.contains("http://"))
        #expect(!text.contains("https://"))
        #expect(!text.contains("src="))
        #expect(!text.contains("href="))
        #expect(!text.contains("url("))
        #expect(!text.contains("@import"))
    }

    @Test func theReportIsWellFormed() {
        let text = Self.html(Self.report())
        #expect(text.hasPrefix("<!doctype html>\n<html lang=\"en\">\n  <head>\n    <meta charset=\"utf-8\">\n"))
        #expect(text.hasSuffix("</html>\n"))
        #expect(unbalancedTag(in: text) == nil)
        #expect(!text.contains("<?xml"), "the SVG's XML declaration is stripped")
        #expect(text.contains("<figure>\n<svg xmlns="))
        #expect(text.components(separatedBy: "<section>").count == 4, "two sections and data and method")
    }

    @Test(arguments: [
        (Report.Headline(label: "n", value: 1_234_567), "1,234,567"),
        (Report.Headline(label: "n", value: 999), "999"),
        (Report.Headline(label: "n", value: -1_200, kind: .integer), "−1,200"),
        (Report.Headline(label: "n", value: 87.5, kind: .percent), "87.5%"),
        (Report.Headline(label: "n", value: 42, kind: .percent), "42%"),
        (Report.Headline(label: "n", value: 1_234.5678, kind: .decimal), "1,234.57"),
        (Report.Headline(label: "n", value: 2019, kind: .dimension(.year)), "2019"),
    ])
    func headlineFiguresAreGrouped(headline: Report.Headline, figure: String) {
        let text = Self.html(Self.report(headlines: [headline]))
        #expect(text.contains("<li><span class=\"figure\">\(figure)</span> <span class=\"label\">n</span></li>"))
    }

    @Test func tableNumbersAreGroupedAndRightAligned() {
        let text = Self.html(Self.report())
        #expect(text.contains("<th scope=\"col\" class=\"num\">Cities</th>"))
        #expect(
            text.contains(
                "<tr><th scope=\"row\" class=\"wrap\">Europe and North America</th><td class=\"num\">1,234</td>"
                    + "<td class=\"num\">61.25%</td></tr>"))
        let unknown = "<th scope=\"row\" class=\"wrap\">Unknown</th>"
        #expect(
            text.contains("<tr>\(unknown)<td class=\"num\">0</td><td class=\"num\"></td></tr>"), "a null reads Unknown")
    }

    @Test func onlyAColumnWithLongTextWraps() {
        let text = Self.html(Self.report())
        #expect(text.contains("<th scope=\"col\" class=\"wrap\">Region</th>"), "31 characters")
        #expect(text.contains("<tr><th scope=\"row\">members</th><td>csv</td>"), "short names keep to one line")
    }

    @Test func numbersThatAreNotFiniteShowAsEmpty() {
        let table = Table(
            name: "shares",
            columns: [Column(name: "city", kind: .dimension(.city)), Column(name: "share", kind: .percent)],
            rows: [[.text("Cork"), .decimal(.nan)], [.text("Galway"), .decimal(12.5)]]
        )
        let text = Self.html(
            Self.report(
                sections: [Report.Section(title: "Shares", table: table, tableCaption: "c")],
                headlines: [Report.Headline(label: "n", value: .infinity)]))
        #expect(text.contains("<span class=\"figure\"></span>"))
        #expect(text.contains("<tr><th scope=\"row\">Cork</th><td class=\"num\"></td></tr>"))
        #expect(text.contains("<tr><th scope=\"row\">Galway</th><td class=\"num\">12.5%</td></tr>"))
    }

    @Test func aTotalRowIsTheTableFooter() {
        let text = Self.html(Self.report())
        let total =
            "<tr><th scope=\"row\" class=\"wrap\">Total</th><td class=\"num\">2,014</td>"
            + "<td class=\"num\">100.00%</td></tr>"
        #expect(
            text.contains("</tbody>\n            <tfoot>\n              \(total)\n            </tfoot>"),
            "decimals as in the rest of the column")
    }

    @Test func aReportWithoutUnmappedThemesSaysNone() {
        let text = Self.html(Self.report(unmappedThemes: [:], parameters: []))
        #expect(text.contains("<p>None: every theme value is in the theme vocabulary.</p>"))
        #expect(text.contains("<dd>none</dd>"))
    }

    /// The first element closed out of order or left open, for documents whose attribute values escape `>`.
    func unbalancedTag(in text: String) -> String? {
        let void: Set<Substring> = ["meta", "br", "img", "input", "link", "hr"]
        var open: [Substring] = []
        var rest = Substring(text)
        while let start = rest.firstIndex(of: "<") {
            guard let end = rest[start...].firstIndex(of: ">") else { return "unterminated tag" }
            let tag = rest[rest.index(after: start)..<end]
            rest = rest[rest.index(after: end)...]
            if tag.hasPrefix("!") || tag.hasSuffix("/") { continue }
            let name = tag.prefix { $0 != " " && $0 != "\n" }
            if name.hasPrefix("/") {
                guard open.popLast() == name.dropFirst() else { return "</\(name.dropFirst())> closes \(open)" }
            } else if !void.contains(name) {
                open.append(name)
            }
        }
        return open.isEmpty ? nil : "\(open) left open"
    }
}
