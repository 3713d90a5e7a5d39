import CityNetModel

/// Writes a report as one self-contained HTML5 page: inline CSS, the SVG charts inlined, no script and no reference to
/// anything outside the file.
///
/// Every piece of text from the data is escaped, and the bytes depend on the report alone (its `generatedAt` is the
/// only time on the page), so the same report always gives the same file.
public enum ReportWriter {
    /// The HTML page of a report.
    ///
    /// - Parameter report: What the page shows.
    /// - Returns: The page, UTF-8 encoded.
    public static func write(_ report: Report) -> [UInt8] {
        var html = HTMLBuilder()
        html.line("<!doctype html>")
        html.open("html", ["lang": "en"])
        writeHead(of: report, into: &html)
        html.open("body")
        writeHeader(of: report, into: &html)
        html.open("main")
        for (index, section) in report.sections.enumerated() {
            write(section, id: "report-table-\(index + 1)", into: &html)
        }
        MethodSection(report: report).write(into: &html)
        html.close("main")
        html.close("body")
        html.close("html")
        return Array(html.text.utf8)
    }

    /// The `<meta>` name under which a page records when it was generated.
    private static let generatedAtMeta = "dcterms.created"

    /// When a page that ``write(_:)`` made was generated, read back from its `<meta name="dcterms.created">`.
    ///
    /// - Parameter page: A report page.
    /// - Returns: Its ``Report/generatedAt``, or `nil` when the page has no such tag.
    public static func generatedAt(of page: [UInt8]) -> String? {
        let text = String(decoding: page.prefix(4_096), as: UTF8.self)
        let opening = "<meta name=\"\(generatedAtMeta)\" content=\""
        guard let start = text.firstRange(of: opening)?.upperBound,
            let end = text[start...].firstIndex(of: "\"")
        else { return nil }
        return String(text[start..<end])
    }

    private static func writeHead(of report: Report, into html: inout HTMLBuilder) {
        html.open("head")
        html.void("meta", ["charset": "utf-8"])
        html.void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
        html.void("meta", ["name": "generator", "content": "citynet \(report.version)"])
        html.void("meta", ["name": generatedAtMeta, "content": report.generatedAt])
        html.element("title", [report.title, report.subtitle].compactMap { $0 }.joined(separator: " – "))
        html.open("style")
        for line in ReportStyle.css.split(separator: "\n") { html.line(String(line)) }
        html.close("style")
        html.close("head")
    }

    private static func writeHeader(of report: Report, into html: inout HTMLBuilder) {
        html.open("header")
        html.element("h1", report.title)
        if let subtitle = report.subtitle { html.element("p", subtitle, ["class": "subtitle"]) }
        if !report.headlines.isEmpty {
            html.open("ul", ["class": "headlines", "aria-label": "Headline figures"])
            for headline in report.headlines {
                let figure = HTMLBuilder.inline("span", figure(of: headline), ["class": "figure"])
                let label = HTMLBuilder.inline("span", headline.label, ["class": "label"])
                html.element("li", markup: "\(figure) \(label)")
            }
            html.close("ul")
        }
        html.close("header")
    }

    /// A section: its charts as figures, then its table; a long table is folded under a summary that opens it.
    private static func write(_ section: Report.Section, id: String, into html: inout HTMLBuilder) {
        html.open("section")
        html.element("h2", section.title)
        for figure in section.figures {
            html.open("figure")
            html.verbatim(inlined(figure.svg))
            html.element("figcaption", figure.caption)
            html.close("figure")
        }
        if let table = section.table {
            let folded = table.rows.count > foldedRows
            if folded {
                html.open("details")
                html.element("summary", "Show the table (\(section.tableCaption))")
            }
            HTMLTable(table, caption: section.tableCaption).write(into: &html, id: id)
            if folded { html.close("details") }
        }
        html.close("section")
    }

    /// Rows past which a table starts folded, so a long cross-tab does not bury the charts after it.
    static let foldedRows = 20

    /// A headline's value as the strip shows it (`12,345`, `12.5%`).
    private static func figure(of headline: Report.Headline) -> String {
        HTMLTable.format(
            .decimal(headline.value), kind: headline.kind, decimals: ChartNumber.decimals(for: [headline.value]))
    }

    /// An SVG document without its XML declaration, ready to sit inside HTML.
    private static func inlined(_ svg: [UInt8]) -> String {
        let text = String(decoding: svg, as: UTF8.self)
        guard text.hasPrefix("<?xml"), let declaration = text.firstRange(of: "?>") else { return text }
        return String(text[declaration.upperBound...].drop { $0.isNewline })
    }
}
