import CityNetEmit
import CityNetModel

/// Gathers what an HTML report shows — headline figures, a section per aggregate with its charts and table in the
/// order of `outputs`, the sources and their counts — and writes the page.
struct ReportBuilder {
    let spec: PipelineSpec
    /// Every aggregate's table (a report needs them all).
    let tables: [String: Table]
    /// Every source's manifest entry.
    let sources: [Manifest.Source]
    /// Rows of rejects.csv.
    let rejects: Int

    /// The report as HTML bytes.
    ///
    /// - Throws: ``PipelineError`` when a chart cannot be drawn.
    func html(_ report: ReportSpec, generatedAt: String) throws(PipelineError) -> [UInt8] {
        var sections: [Report.Section] = []
        var sectionOf: [String: Int] = [:]
        func section(_ aggregate: String) -> Int {
            if let index = sectionOf[aggregate] { return index }
            sections.append(Report.Section(title: ChartLabelsDefault.heading(aggregate)))
            sectionOf[aggregate] = sections.count - 1
            return sections.count - 1
        }
        for output in spec.outputs {
            switch output.kind {
            case .table(let aggregate, _, _):
                guard let table = tables[aggregate] else { continue }
                let index = section(aggregate)
                sections[index].table = table
                sections[index].tableCaption =
                    "\(table.rows.count) row\(table.rows.count == 1 ? "" : "s"); also in "
                    + output.files.filter { !$0.hasSuffix(".schema.json") }.joined(separator: " and ")
            case .chart(let aggregate, let chart):
                guard let table = tables[aggregate] else { continue }
                do {
                    let drawn = try ChartRenderer.draw(chart, table: table)
                    sections[section(aggregate)].figures.append(
                        Report.Figure(svg: drawn.svg, caption: drawn.description))
                } catch {
                    throw PipelineError.chartFailed(output.definedAt, error.message)
                }
            case .report:
                continue
            }
        }
        var unmapped: [String: Int] = [:]
        for source in sources { unmapped.merge(source.unmappedThemes) { $0 + $1 } }
        let page = Report(
            title: report.title, subtitle: report.subtitle, headlines: try report.headlines.map(headline),
            sections: sections,
            sources: sources.map { source in
                Report.Source(
                    name: source.name, path: source.path, format: source.format, bytes: source.bytes,
                    sha256: source.sha256, read: source.read, accepted: source.accepted, rejected: source.rejected,
                    warnings: source.warnings)
            },
            unmappedThemes: unmapped, rejects: rejects, pipelineFile: spec.file, parameters: spec.parameters,
            generatedAt: generatedAt, version: PipelineRunner.version)
        return ReportWriter.write(page)
    }

    private func headline(_ headline: ReportSpec.Headline) throws(PipelineError) -> Report.Headline {
        guard let table = tables[headline.aggregate], let column = table.columnIndex(named: headline.column) else {
            throw PipelineError.invalidPipeline(
                SourceLocation(file: spec.file), "headline '\(headline.label)' names a missing table or column")
        }
        // A row that is not there counts nothing (no new members this year is 0).
        let rows = table.rows.filter { row in headline.row.map { row.first?.description == $0 } ?? true }
        let value = rows.compactMap { $0[column].number }.reduce(0, +)
        return Report.Headline(label: headline.label, value: value, kind: table.columns[column].kind)
    }
}
