import CityNetIngest
import CityNetModel
import Foundation

/// Reads the reference files a pipeline names: a country table override and city aliases (CSV), themes (YAML).
enum ReferenceLoader {
    /// The built-in country table, overridden or extended by the pipeline's countries CSV.
    ///
    /// The CSV has a header with `alpha2` (required) and any of `alpha3`, `numeric`, `name`, `region`,
    /// `secondary_region`, `m49_region`, `m49_subregion`, `aliases` (separated by `;`). A row whose `alpha2` is
    /// known changes that country (empty cells keep the built-in value; aliases are added); a new `alpha2` adds a
    /// country, which needs a name and a region.
    static func countries(_ file: ReferenceFile?, root: RunOptions) throws -> CountryCatalog {
        var catalog = CountryCatalog.builtin
        guard let file else { return catalog }
        let rows = try csvRows(
            file, root: root,
            columns: [
                "alpha2", "alpha3", "numeric", "name", "region", "secondary_region", "m49_region", "m49_subregion",
                "aliases",
            ])
        for row in rows {
            let cells = row.cells
            guard let alpha2 = cells["alpha2"].map({ $0.uppercased() }), alpha2.count == 2 else {
                throw PipelineError.invalidReference(row.location, "a country row needs a two-letter alpha2 code")
            }
            var regionValue: Region?
            if let text = cells["region"] {
                guard let region = Region(codeOrName: text) else {
                    throw PipelineError.invalidReference(
                        row.location,
                        "unknown UNESCO region '\(text)' — expected one of \(Region.allCases.map(\.name).joined(separator: ", "))"
                    )
                }
                regionValue = region
            }
            let aliases =
                cells["aliases"].map {
                    $0.split(separator: ";").map { String($0).trimmingCharacters(in: .whitespaces) }
                } ?? []
            var country: Country
            if let id = catalog.resolve(alpha2), catalog[id].alpha2 == alpha2 {
                country = catalog[id]
            } else {
                guard let name = cells["name"], let region = regionValue else {
                    throw PipelineError.invalidReference(
                        row.location, "new country \(alpha2) needs a name and a region")
                }
                country = Country(
                    alpha2: alpha2, alpha3: "", numeric: "", name: name, m49Region: "", m49SubRegion: "", region: region
                )
            }
            country.alpha3 = cells["alpha3"] ?? country.alpha3
            country.numeric = cells["numeric"] ?? country.numeric
            country.name = cells["name"] ?? country.name
            country.region = regionValue ?? country.region
            if let secondary = cells["secondary_region"] { country.secondaryRegion = Region(codeOrName: secondary) }
            country.m49Region = cells["m49_region"] ?? country.m49Region
            country.m49SubRegion = cells["m49_subregion"] ?? country.m49SubRegion
            country.aliases += aliases
            catalog.upsert(country)
        }
        return catalog
    }

    /// City aliases from a CSV with columns `alias`, `city` and optionally `country` (limiting the alias to it).
    static func cityAliases(_ file: ReferenceFile?, countries: CountryCatalog, root: RunOptions) throws -> CityAliases {
        var aliases = CityAliases()
        guard let file else { return aliases }
        for row in try csvRows(file, root: root, columns: ["alias", "city", "country"]) {
            guard let alias = row.cells["alias"], let city = row.cells["city"] else {
                throw PipelineError.invalidReference(row.location, "a city alias row needs alias and city")
            }
            var country: CountryID?
            if let name = row.cells["country"] {
                guard let id = countries.resolve(name) else {
                    let suggestion = countries.suggestion(for: name).map { " (did you mean \($0)?)" } ?? ""
                    throw PipelineError.invalidReference(row.location, "unknown country '\(name)'\(suggestion)")
                }
                country = id
            }
            aliases.add(alias: alias, name: city, country: country)
        }
        return aliases
    }

    private struct Row {
        var location: SourceLocation
        var cells: [String: String]
    }

    /// The rows of a reference CSV, with the known columns present in its header; a bad row is an error.
    private static func csvRows(_ file: ReferenceFile, root: RunOptions, columns: [String]) throws -> [Row] {
        guard FileManager.default.fileExists(atPath: root.input(file.path).path) else {
            throw PipelineError.invalidPipeline(file.definedAt, "reference file not found: \(file.path)")
        }
        let reader = try CSVReader(path: root.input(file.path).path, displayPath: file.path)
        let present = columns.filter { reader.header.contains($0) }
        guard let first = columns.first, present.contains(first) else {
            throw PipelineError.invalidReference(
                SourceLocation(file: file.path, line: reader.dialect.headerLine),
                "the header must name the columns \(columns.prefix(2).joined(separator: " and ")) (found: \(reader.header.joined(separator: ", ")))"
            )
        }
        let positions = try reader.positions(of: present.map { CSVColumnReference(.name($0)) })
        var rows: [Row] = []
        try reader.forEachRecord(columns: positions, source: file.path) { view in
            var cells: [String: String] = [:]
            for (index, name) in present.enumerated() {
                let text = view.values(ofPath: index).first?.string.trimmingCharacters(in: .whitespaces) ?? ""
                if !text.isEmpty { cells[name] = text }
            }
            rows.append(Row(location: view.location, cells: cells))
        } onReject: { reject in
            throw PipelineError.invalidReference(reject.location, reject.reason)
        }
        return rows
    }
}
