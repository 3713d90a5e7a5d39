import CityNetModel

/// The report's "Data and method" section: where the numbers came from and how they were made.
struct MethodSection {
    var report: Report

    func write(into html: inout HTMLBuilder) {
        html.open("section")
        html.element("h2", "Data and method")
        writeSources(into: &html)
        html.element("h3", "Rejected records")
        html.element("p", markup: rejectsSentence)
        writeUnmappedThemes(into: &html)
        writeRun(into: &html)
        html.close("section")
    }

    private func writeSources(into html: inout HTMLBuilder) {
        html.element("h3", "Sources")
        let numeric = ["Bytes", "Read", "Accepted", "Rejected", "Warnings"].map {
            HTMLTable.Column(title: $0, isNumeric: true)
        }
        let table = HTMLTable(
            caption: "Records read from each source",
            columns: [
                HTMLTable.Column(title: "Source", isNumeric: false),
                HTMLTable.Column(title: "Format", isNumeric: false),
            ]
                + numeric,
            rows: report.sources.map { source in
                [source.name, source.format]
                    + [source.bytes, source.read, source.accepted, source.rejected, source.warnings].map(grouped)
            }
        )
        table.write(into: &html, id: "report-sources")
        guard !report.sources.isEmpty else { return }
        html.open("dl", ["class": "files"])
        for source in report.sources {
            html.element("dt", source.name)
            html.element("dd", markup: "File " + HTMLBuilder.inline("code", source.path))
            html.element("dd", markup: "SHA-256 " + HTMLBuilder.inline("code", source.sha256))
        }
        html.close("dl")
    }

    private var rejectsSentence: String {
        let file = HTMLBuilder.inline("code", "rejects.csv")
        switch report.rejects {
        case 0: return "No record was rejected; \(file) beside this page has no rows."
        case 1: return "1 record was rejected; \(file) beside this page gives its source, location and reason."
        default:
            return
                "\(grouped(report.rejects)) records were rejected; \(file) beside this page gives each one’s source, "
                + "location and reason."
        }
    }

    private func writeUnmappedThemes(into html: inout HTMLBuilder) {
        html.element("h3", "Unmapped themes")
        guard !report.unmappedThemes.isEmpty else {
            return html.element("p", "None: every theme value is in the theme vocabulary.")
        }
        html.element("p", "Theme values that the theme vocabulary does not map, counted as “unmapped”:")
        html.open("ul", ["class": "counts"])
        let themes = report.unmappedThemes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        for (theme, count) in themes {
            html.element("li", "\(theme): \(grouped(count))")
        }
        html.close("ul")
    }

    private func writeRun(into html: inout HTMLBuilder) {
        html.element("h3", "Pipeline")
        html.open("dl")
        html.element("dt", "Pipeline file")
        html.element("dd", markup: HTMLBuilder.inline("code", report.pipelineFile))
        html.element("dt", "Parameters")
        if report.parameters.isEmpty { html.element("dd", "none") }
        for parameter in report.parameters {
            html.element("dd", markup: HTMLBuilder.inline("code", "\(parameter.name)=\(parameter.value)"))
        }
        html.element("dt", "Generated")
        let time = HTMLBuilder.inline("time", report.generatedAt, ["datetime": report.generatedAt])
        html.element("dd", markup: "\(time) by citynet \(HTMLBuilder.escape(report.version))")
        html.close("dl")
    }

    private func grouped(_ number: Int) -> String { ChartNumber.format(Double(number)) }
}
