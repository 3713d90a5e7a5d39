public import CityNetModel

/// What a run writes to a database: the rows of every table of the schema for one pipeline, its aggregate
/// tables, and the run's record.
public struct LoadPlan: Sendable {
    /// One table's rows, with the column names they fill.
    public struct TableRows: Sendable {
        /// The table.
        public var table: String
        /// The columns, in the order of each row's cells.
        public var columns: [String]
        /// The rows.
        public var rows: [[Cell]]
    }

    /// A run's record for the `runs` table.
    public struct Run: Sendable {
        /// A unique id.
        public var id: String
        /// The citynet version.
        public var version: String
        /// ISO 8601 start and end.
        public var startedAt: String
        public var finishedAt: String
        /// `success`.
        public var outcome: String
        /// The params as a JSON object.
        public var params: String

        /// Creates a run record.
        public init(id: String, version: String, startedAt: String, finishedAt: String, outcome: String, params: String)
        {
            self.id = id
            self.version = version
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.outcome = outcome
            self.params = params
        }
    }

    /// The pipeline whose rows are replaced.
    public var pipeline: String
    /// The rows of the schema's data tables, in insertion order.
    public var data: [TableRows]
    /// The aggregate tables (each replaced whole).
    public var aggregates: [Table]
    /// The run.
    public var run: Run

    /// How many rows the plan writes: data rows and aggregate rows, not counting the run record.
    public var rowCount: Int {
        data.reduce(0) { $0 + $1.rows.count } + aggregates.reduce(0) { $0 + $1.rows.count }
    }

    /// The rows that represent a dataset and its aggregates.
    ///
    /// - Parameters:
    ///   - pipeline: the pipeline's name.
    ///   - dataset: the normalised records.
    ///   - sources: the sources to write, in order (all of the dataset's, by default).
    ///   - aggregates: the tables the run computed.
    ///   - run: the run's record.
    public init(pipeline: String, dataset: Dataset, sources: [String]? = nil, aggregates: [Table], run: Run) {
        self.pipeline = pipeline
        self.aggregates = aggregates
        self.run = run
        let name = Cell.text(pipeline)
        var countries = TableRows(
            table: "countries",
            columns: [
                "pipeline", "alpha2", "alpha3", "numeric", "name", "region", "secondary_region", "m49_region",
                "m49_subregion",
            ],
            rows: [])
        for country in dataset.countries.countries {
            countries.rows.append([
                name, .text(country.alpha2), .text(country.alpha3), .text(country.numeric), .text(country.name),
                country.region.map { .text($0.name) } ?? .null, country.secondaryRegion.map { .text($0.name) } ?? .null,
                .text(country.m49Region), .text(country.m49SubRegion),
            ])
        }
        var cities = TableRows(
            table: "cities", columns: ["pipeline", "city_id", "name", "label", "country", "member"], rows: [])
        let labels = dataset.cityLabels
        for (index, city) in dataset.cities.cities.enumerated() {
            cities.rows.append([
                name, .integer(index), .text(city.name), .text(labels[index]),
                .text(dataset.countries[city.country].alpha2),
                .integer(dataset.isMember(CityID(index: index)) ? 1 : 0),
            ])
        }
        var memberships = TableRows(
            table: "memberships",
            columns: [
                "pipeline", "source", "row", "city_id", "country", "network", "joined", "left_year", "status", "field",
            ],
            rows: [])
        var initiatives = TableRows(
            table: "initiatives",
            columns: [
                "pipeline", "source", "row", "id", "city_id", "year", "title", "organisation", "beneficiaries",
                "budget",
            ],
            rows: [])
        var initiativeCountries = TableRows(
            table: "initiative_countries", columns: ["pipeline", "source", "row", "country"], rows: [])
        var sdgs = TableRows(table: "initiative_sdgs", columns: ["pipeline", "source", "row", "sdg"], rows: [])
        var targets = TableRows(
            table: "initiative_targets", columns: ["pipeline", "source", "row", "target", "position"], rows: [])
        var themes = TableRows(
            table: "initiative_themes", columns: ["pipeline", "source", "row", "theme", "position"], rows: [])
        var awards = TableRows(
            table: "awards", columns: ["pipeline", "source", "row", "city_id", "country", "year", "title"], rows: [])
        func number(_ value: Int?) -> Cell { value.map(Cell.integer) ?? .null }
        for source in sources ?? dataset.sources.keys.sorted() {
            let sourceName = Cell.text(source)
            switch dataset.sources[source] {
            case .memberships(let records):
                for (row, record) in records.enumerated() {
                    memberships.rows.append([
                        name, sourceName, .integer(row), .integer(Int(record.city.index)),
                        .text(dataset.countries[record.country].alpha2), .text(dataset.symbols[record.network]),
                        number(record.joined), number(record.left), .text(record.status.name),
                        record.field.map { .text(dataset.symbols[$0]) } ?? .null,
                    ])
                }
            case .initiatives(let records):
                for row in records.indices {
                    let key: [Cell] = [name, sourceName, .integer(row)]
                    initiatives.rows.append(
                        key + [
                            .text(dataset.identifiers[records.id(at: row)]),
                            records.city(at: row).map { .integer(Int($0.index)) } ?? .null,
                            number(records.year(at: row)), .text(dataset.symbols[records.title(at: row)]),
                            records.organisation(at: row).map { .text(dataset.symbols[$0]) } ?? .null,
                            number(records.beneficiaries(at: row)), records.budget(at: row).map(Cell.decimal) ?? .null,
                        ])
                    records.forEachCountry(at: row) { country in
                        initiativeCountries.rows.append(key + [.text(dataset.countries[country].alpha2)])
                    }
                    for goal in SDGGoalSet(bits: records.sdgBits[row]) {
                        sdgs.rows.append(key + [.integer(goal.number)])
                    }
                    for index in records.targets(at: row).targetIndices {
                        targets.rows.append(key + [.text(SDGTarget.all[index].description), .integer(index)])
                    }
                    let themeSet = records.themes(at: row)
                    for theme in themeSet.themes {
                        themes.rows.append(key + [.text(dataset.themes[theme]), .integer(theme.index)])
                    }
                    if themeSet.hasUnmapped {
                        themes.rows.append(key + [.text("unmapped"), .integer(ThemeSet.capacity)])
                    }
                }
            case .awards(let records):
                for (row, record) in records.enumerated() {
                    awards.rows.append([
                        name, sourceName, .integer(row), .integer(Int(record.city.index)),
                        .text(dataset.countries[record.country].alpha2), .integer(record.year),
                        record.title.map { .text(dataset.symbols[$0]) } ?? .null,
                    ])
                }
            case nil:
                continue
            }
        }
        data = [countries, cities, memberships, initiatives, initiativeCountries, sdgs, targets, themes, awards]
    }

    /// The regions table, the same for every pipeline.
    static let regions: [[Cell]] = Region.allCases.map { [.text($0.name), .text($0.code), .integer($0.rawValue)] }
}
