public import CityNetModel

/// The relational schema of citynet's normalised model, the same in SQLite and PostgreSQL.
///
/// Every data table has a `pipeline` column: a run replaces its own pipeline's rows and leaves other pipelines'
/// rows alone. Rows of a source are numbered by `row` (its order in the feed, from 0). Aggregate tables are named
/// `<pipeline>__<aggregate>`. The schema is versioned in `citynet_schema`; ``migrations`` bring any earlier
/// version up to date.
public enum Schema {
    /// The current schema version.
    public static let version = 1

    /// The statements of each version, in order; version `n` is `migrations[n - 1]`.
    public static func migrations(_ dialect: SQLDialect) -> [[String]] {
        let real = dialect == .postgres ? "DOUBLE PRECISION" : "REAL"
        let integer = dialect == .postgres ? "BIGINT" : "INTEGER"
        return [
            [
                """
                CREATE TABLE IF NOT EXISTS runs (
                    run_id TEXT PRIMARY KEY, pipeline TEXT NOT NULL, citynet_version TEXT NOT NULL,
                    started_at TEXT NOT NULL, finished_at TEXT NOT NULL, outcome TEXT NOT NULL, params TEXT NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS runs_pipeline ON runs (pipeline, started_at)",
                "CREATE TABLE IF NOT EXISTS regions (name TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, position INTEGER NOT NULL)",
                """
                CREATE TABLE IF NOT EXISTS countries (
                    pipeline TEXT NOT NULL, alpha2 TEXT NOT NULL, alpha3 TEXT NOT NULL, numeric TEXT NOT NULL,
                    name TEXT NOT NULL, region TEXT REFERENCES regions (name), secondary_region TEXT REFERENCES regions (name),
                    m49_region TEXT NOT NULL, m49_subregion TEXT NOT NULL,
                    PRIMARY KEY (pipeline, alpha2))
                """,
                """
                CREATE TABLE IF NOT EXISTS cities (
                    pipeline TEXT NOT NULL, city_id \(integer) NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL,
                    country TEXT NOT NULL, member INTEGER NOT NULL,
                    PRIMARY KEY (pipeline, city_id), FOREIGN KEY (pipeline, country) REFERENCES countries (pipeline, alpha2))
                """,
                "CREATE INDEX IF NOT EXISTS cities_country ON cities (pipeline, country)",
                """
                CREATE TABLE IF NOT EXISTS memberships (
                    pipeline TEXT NOT NULL, source TEXT NOT NULL, row \(integer) NOT NULL, city_id \(integer) NOT NULL,
                    country TEXT NOT NULL, network TEXT NOT NULL, joined INTEGER, left_year INTEGER, status TEXT NOT NULL,
                    field TEXT,
                    PRIMARY KEY (pipeline, source, row),
                    FOREIGN KEY (pipeline, city_id) REFERENCES cities (pipeline, city_id),
                    FOREIGN KEY (pipeline, country) REFERENCES countries (pipeline, alpha2))
                """,
                "CREATE INDEX IF NOT EXISTS memberships_joined ON memberships (pipeline, source, joined)",
                "CREATE INDEX IF NOT EXISTS memberships_country ON memberships (pipeline, country)",
                """
                CREATE TABLE IF NOT EXISTS initiatives (
                    pipeline TEXT NOT NULL, source TEXT NOT NULL, row \(integer) NOT NULL, id TEXT NOT NULL,
                    city_id \(integer), year INTEGER, title TEXT NOT NULL, organisation TEXT, beneficiaries \(integer),
                    budget \(real),
                    PRIMARY KEY (pipeline, source, row), UNIQUE (pipeline, source, id),
                    FOREIGN KEY (pipeline, city_id) REFERENCES cities (pipeline, city_id))
                """,
                "CREATE INDEX IF NOT EXISTS initiatives_year ON initiatives (pipeline, source, year)",
                """
                CREATE TABLE IF NOT EXISTS initiative_countries (
                    pipeline TEXT NOT NULL, source TEXT NOT NULL, row \(integer) NOT NULL, country TEXT NOT NULL,
                    PRIMARY KEY (pipeline, source, row, country),
                    FOREIGN KEY (pipeline, source, row) REFERENCES initiatives (pipeline, source, row))
                """,
                """
                CREATE TABLE IF NOT EXISTS initiative_sdgs (
                    pipeline TEXT NOT NULL, source TEXT NOT NULL, row \(integer) NOT NULL, sdg INTEGER NOT NULL,
                    PRIMARY KEY (pipeline, source, row, sdg),
                    FOREIGN KEY (pipeline, source, row) REFERENCES initiatives (pipeline, source, row))
                """,
                "CREATE INDEX IF NOT EXISTS initiative_sdgs_sdg ON initiative_sdgs (pipeline, source, sdg)",
                """
                CREATE TABLE IF NOT EXISTS initiative_targets (
                    pipeline TEXT NOT NULL, source TEXT NOT NULL, row \(integer) NOT NULL, target TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    PRIMARY KEY (pipeline, source, row, target),
                    FOREIGN KEY (pipeline, source, row) REFERENCES initiatives (pipeline, source, row))
                """,
                """
                CREATE TABLE IF NOT EXISTS initiative_themes (
                    pipeline TEXT NOT NULL, source TEXT NOT NULL, row \(integer) NOT NULL, theme TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    PRIMARY KEY (pipeline, source, row, theme),
                    FOREIGN KEY (pipeline, source, row) REFERENCES initiatives (pipeline, source, row))
                """,
                "CREATE INDEX IF NOT EXISTS initiative_themes_theme ON initiative_themes (pipeline, source, theme)",
                """
                CREATE TABLE IF NOT EXISTS awards (
                    pipeline TEXT NOT NULL, source TEXT NOT NULL, row \(integer) NOT NULL, city_id \(integer) NOT NULL,
                    country TEXT NOT NULL, year INTEGER NOT NULL, title TEXT,
                    PRIMARY KEY (pipeline, source, row),
                    FOREIGN KEY (pipeline, city_id) REFERENCES cities (pipeline, city_id))
                """,
                "CREATE INDEX IF NOT EXISTS awards_year ON awards (pipeline, source, year)",
            ],
            // Version 2: an index under every foreign key to cities, so that deleting a pipeline's cities checks
            // its referencing rows by index instead of scanning the tables once per city.
            [
                "CREATE INDEX IF NOT EXISTS memberships_city ON memberships (pipeline, city_id)",
                "CREATE INDEX IF NOT EXISTS initiatives_city ON initiatives (pipeline, city_id)",
                "CREATE INDEX IF NOT EXISTS awards_city ON awards (pipeline, city_id)",
            ],
        ]
    }

    /// The data tables in the order rows are inserted (deleted in reverse).
    public static let dataTables = [
        "countries", "cities", "memberships", "initiatives", "initiative_countries", "initiative_sdgs",
        "initiative_targets", "initiative_themes", "awards",
    ]

    /// The name of an aggregate's table.
    public static func aggregateTable(pipeline: String, aggregate: String) -> String {
        "\(pipeline)__\(aggregate)"
    }

    /// The SQL type of a table column. Dimension columns are text (a year column also holds `Unknown`,
    /// `Other` and `Total`); each aggregate table has a `row_order` column that keeps the table's order.
    public static func type(of kind: ColumnKind, dialect: SQLDialect) -> String {
        switch kind {
        case .dimension: "TEXT"
        case .count, .integer: dialect == .postgres ? "BIGINT" : "INTEGER"
        case .decimal, .percent: dialect == .postgres ? "DOUBLE PRECISION" : "REAL"
        }
    }
}
