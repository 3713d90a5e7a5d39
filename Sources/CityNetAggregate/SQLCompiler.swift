public import CityNetModel

/// Why an aggregate cannot be computed in SQL.
public struct SQLCompileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is not supported.
    public var message: String

    public var description: String { message }
}

/// An aggregate compiled to SQL over citynet's schema, and the steps that turn the query results into the
/// same table the in-memory engine computes.
///
/// The database groups, counts, sums, averages and takes medians; shares, running totals, changes, ranks,
/// `complete`, sorting and pivots are then applied to its rows exactly as the in-memory engine applies them.
/// `top` and `members_at_year_end` are computed in memory only.
public struct SQLAggregatePlan: SQLComputation {
    /// The aggregate.
    public let spec: AggregateSpec
    /// The statements to run, in order: the groups, then (with `totals`) the total row.
    public let statements: [SQLStatement]
    private let measureKinds: [ColumnKind]
    private let order: NaturalOrder
    private let domains: [[Cell]?]

    /// Compiles an aggregate of a pipeline's source.
    ///
    /// - Parameters:
    ///   - spec: the aggregate.
    ///   - pipeline: the pipeline whose rows it reads.
    ///   - dataset: the dataset (for the source's entity kind, the theme vocabulary, and the labels that `where`
    ///     conditions on dimensions select).
    ///   - dialect: SQLite or PostgreSQL.
    /// - Throws: ``SQLCompileError`` for what SQL does not compute (`top`, `members_at_year_end`).
    public init(spec: AggregateSpec, pipeline: String, dataset: Dataset, dialect: SQLDialect) throws(SQLCompileError) {
        self.spec = spec
        order = NaturalOrder(themes: dataset.themes)
        if spec.top != nil {
            throw SQLCompileError(message: "aggregate '\(spec.name)': top is computed in memory only")
        }
        if spec.measures.contains(where: { $0.measure == .membersAtYearEnd }) {
            throw SQLCompileError(message: "aggregate '\(spec.name)': members_at_year_end is computed in memory only")
        }
        guard let records = dataset.sources[spec.source] else {
            throw SQLCompileError(message: "aggregate '\(spec.name)': source '\(spec.source)' has no records")
        }
        var builder = QueryBuilder(
            spec: spec, entity: records.kind, pipeline: pipeline, dialect: dialect, dataset: dataset)
        var statements = [try builder.groupsStatement()]
        if spec.totals {
            var totals = QueryBuilder(
                spec: spec, entity: records.kind, pipeline: pipeline, dialect: dialect, dataset: dataset)
            statements.append(try totals.groupsStatement(withoutGroups: true))
        }
        self.statements = statements
        measureKinds = spec.measures.map { TableAssembly.kind(of: $0.measure, in: spec) }
        domains = spec.groupBy.map { grouping in
            Domains.all(of: grouping.dimension, dataset: dataset).map { codes in
                let column = DimensionColumn(
                    dimension: grouping.dimension, offsets: [0], codes: [],
                    labels: Self.labels(grouping.dimension, dataset))
                return codes.map { column.cell(for: $0) }
            }
        }
    }

    private static func labels(_ dimension: Dimension, _ dataset: Dataset) -> [Int32: Cell] {
        switch dimension {
        case .region: Dictionary(uniqueKeysWithValues: Region.allCases.map { (Int32($0.rawValue), Cell.text($0.name)) })
        case .sdg: Dictionary(uniqueKeysWithValues: (1...17).map { (Int32($0), Cell.integer($0)) })
        case .sdgTarget:
            Dictionary(
                uniqueKeysWithValues: SDGTarget.all.enumerated().map {
                    (Int32($0.offset), Cell.text($0.element.description))
                })
        case .theme:
            Dictionary(
                uniqueKeysWithValues: dataset.themes.themes.enumerated().map {
                    (Int32($0.offset), Cell.text($0.element))
                })
        case .status:
            Dictionary(uniqueKeysWithValues: MembershipStatus.allCases.map { (Int32($0.rawValue), Cell.text($0.name)) })
        default: [:]
        }
    }

    /// The table, from the rows each statement returned.
    public func table(from results: [[[Cell]]]) -> Table {
        let dimensionCount = spec.groupBy.count
        var columns = spec.groupBy.map { Column(name: $0.name, kind: .dimension($0.dimension)) }
        for (index, measure) in spec.measures.enumerated() {
            columns.append(Column(name: measure.name, kind: measureKinds[index]))
        }
        var rows = (results.first ?? []).map { row in
            normalise(row, dimensionCount: dimensionCount)
        }
        if spec.complete { rows = completed(rows) }
        if spec.measures.contains(where: {
            if case .runningTotal = $0.measure { true } else if case .change = $0.measure { true } else { false }
        }),
            let year = spec.groupBy.lastIndex(where: { $0.dimension == .year })
        {
            rows = yearGapsFilled(rows, year: year)
        }
        rows.sort { lhs, rhs in
            for (position, grouping) in spec.groupBy.enumerated() where lhs[position] != rhs[position] {
                return order.precedes(lhs[position], rhs[position], in: grouping.dimension)
            }
            return false
        }
        var table = Table(name: spec.name, columns: columns, rows: rows)
        TableAssembly.deriveMeasures(&table, spec: spec)
        if spec.totals, results.count > 1, let totalRow = results[1].first {
            let values = normalise(totalRow, dimensionCount: 0)
            TableAssembly.appendTotal(&table, spec: spec) { index in values[index].number }
        }
        TableAssembly.sort(&table, spec: spec)
        if let pivot = spec.pivot {
            var orders: [[Cell: Int]] = []
            for (position, grouping) in spec.groupBy.enumerated() {
                var values: [Cell] = []
                for row in table.rows where !values.contains(row[position]) { values.append(row[position]) }
                values.sort { order.precedes($0, $1, in: grouping.dimension) }
                orders.append(Dictionary(uniqueKeysWithValues: values.enumerated().map { ($0.element, $0.offset) }))
            }
            table = TableAssembly.pivot(table, on: pivot, spec: spec, orders: orders)
        }
        return table
    }

    /// A result row as cells of the table's kinds: dimension values (`Unknown` for NULL), then measures.
    private func normalise(_ row: [Cell], dimensionCount: Int) -> [Cell] {
        var cells: [Cell] = []
        for position in 0..<dimensionCount {
            cells.append(row[position] == .null ? .text("Unknown") : row[position])
        }
        for (index, kind) in measureKinds.enumerated() {
            let position = dimensionCount + index
            guard position < row.count else {
                cells.append(.null)
                continue
            }
            cells.append(TableAssembly.cell(row[position].number, kind: kind))
        }
        return cells
    }

    /// A row with no records for a combination of dimension values.
    private func emptyRow(_ dimensions: [Cell]) -> [Cell] {
        var row = dimensions
        for (index, measure) in spec.measures.enumerated() {
            switch measure.measure {
            case .count, .distinct: row.append(.integer(0))
            case .sum: row.append(measureKinds[index] == .decimal ? .decimal(0) : .integer(0))
            default: row.append(.null)
            }
        }
        return row
    }

    private func completed(_ rows: [[Cell]]) -> [[Cell]] {
        let dimensionCount = spec.groupBy.count
        var axes: [[Cell]] = []
        for position in 0..<dimensionCount {
            var values = domains[position] ?? []
            for row in rows where !values.contains(row[position]) { values.append(row[position]) }
            if spec.groupBy[position].dimension == .year {
                let years = values.compactMap { cell -> Int? in if case .integer(let year) = cell { year } else { nil }
                }
                if let first = years.min(), let last = years.max() {
                    for year in first...last where !values.contains(.integer(year)) { values.append(.integer(year)) }
                }
            }
            axes.append(values)
        }
        var existing = Set(rows.map { Array($0.prefix(dimensionCount)) })
        var result = rows
        var combinations: [[Cell]] = [[]]
        for axis in axes { combinations = combinations.flatMap { prefix in axis.map { prefix + [$0] } } }
        for combination in combinations where !existing.contains(combination) {
            existing.insert(combination)
            result.append(emptyRow(combination))
        }
        return result
    }

    private func yearGapsFilled(_ rows: [[Cell]], year: Int) -> [[Cell]] {
        let dimensionCount = spec.groupBy.count
        var spans: [[Cell]: (first: Int, last: Int)] = [:]
        var existing = Set<[Cell]>()
        for row in rows {
            existing.insert(Array(row.prefix(dimensionCount)))
            guard case .integer(let value) = row[year] else { continue }
            var partition = Array(row.prefix(dimensionCount))
            partition[year] = .null
            let span = spans[partition] ?? (value, value)
            spans[partition] = (min(span.first, value), max(span.last, value))
        }
        var result = rows
        for (partition, span) in spans {
            for value in span.first...span.last {
                var key = partition
                key[year] = .integer(value)
                if !existing.contains(key) { result.append(emptyRow(key)) }
            }
        }
        return result
    }
}

/// Builds the SQL of one aggregate, collecting bound parameters.
private struct QueryBuilder {
    let spec: AggregateSpec
    let entity: EntityKind
    let pipeline: String
    let dialect: SQLDialect
    let dataset: Dataset
    private var parameters: [Cell] = []
    private var dimensionCTEs: [Dimension: String] = [:]
    private var ctes: [String] = []

    init(spec: AggregateSpec, entity: EntityKind, pipeline: String, dialect: SQLDialect, dataset: Dataset) {
        self.spec = spec
        self.entity = entity
        self.pipeline = pipeline
        self.dialect = dialect
        self.dataset = dataset
    }

    private mutating func bind(_ value: Cell) -> String {
        parameters.append(value)
        return dialect.placeholder(parameters.count)
    }

    private var table: String {
        switch entity {
        case .membership: "memberships"
        case .initiative: "initiatives"
        case .award: "awards"
        }
    }

    /// The base table's column of a numeric field.
    private func numericColumn(_ field: NumericField) -> String {
        switch field {
        case .year: entity == .membership ? "joined" : "year"
        case .beneficiaries: "beneficiaries"
        case .budget: "budget"
        }
    }

    mutating func groupsStatement(withoutGroups: Bool = false) throws(SQLCompileError) -> SQLStatement {
        let pipelineValue = Cell.text(pipeline)
        ctes.append(
            "src AS (SELECT * FROM \(table) WHERE pipeline = \(bind(pipelineValue)) AND source = \(bind(.text(spec.source))))"
        )
        var condition = "TRUE"
        if let filter = spec.filter { condition = try compile(filter) }
        ctes.append("base AS (SELECT * FROM src s WHERE \(condition))")
        let groups = withoutGroups ? [] : spec.groupBy
        var keyColumns: [String] = []
        var joins = ""
        for (position, grouping) in groups.enumerated() {
            let name = dimension(grouping.dimension)
            keyColumns.append("k\(position)")
            joins += " JOIN \(name) d\(position) ON d\(position).row = b.row"
        }
        let keySelect = keyColumns.enumerated().map { ", d\($0.offset).v AS \($0.element)" }.joined()
        ctes.append("g AS (SELECT b.row AS row\(keySelect) FROM base b\(joins))")
        let groupList = keyColumns.map { "g.\($0)" }.joined(separator: ", ")
        let groupBy = keyColumns.isEmpty ? "" : " GROUP BY \(groupList)"
        let keyPrefix = keyColumns.isEmpty ? "" : groupList + ", "

        var mainMeasures: [String] = ["COUNT(*) AS n"]
        var selects: [String] = []
        var extraJoins = ""
        for (index, measure) in spec.measures.enumerated() {
            switch measure.measure {
            case .count:
                selects.append("m.n")
            case .sum(let field):
                let type = field == .budget ? "DOUBLE PRECISION" : "BIGINT"
                mainMeasures.append("CAST(COALESCE(SUM(b.\(numericColumn(field))), 0) AS \(type)) AS v\(index)")
                selects.append("m.v\(index)")
            case .mean(let field):
                mainMeasures.append("CAST(AVG(b.\(numericColumn(field))) AS DOUBLE PRECISION) AS v\(index)")
                selects.append("m.v\(index)")
            case .minimum(let field):
                mainMeasures.append("MIN(b.\(numericColumn(field))) AS v\(index)")
                selects.append("m.v\(index)")
            case .maximum(let field):
                mainMeasures.append("MAX(b.\(numericColumn(field))) AS v\(index)")
                selects.append("m.v\(index)")
            case .distinct(let dimension):
                let name = self.dimension(dimension)
                ctes.append(
                    "x\(index) AS (SELECT \(keyPrefix)COUNT(DISTINCT dd.v) AS v FROM g JOIN \(name) dd ON dd.row = g.row\(groupBy))"
                )
                extraJoins += " LEFT JOIN x\(index) ON \(keyMatch("x\(index)", keyColumns))"
                selects.append("COALESCE(x\(index).v, 0)")
            case .median(let field):
                let column = numericColumn(field)
                let partition = keyColumns.isEmpty ? "" : "PARTITION BY \(groupList) "
                ctes.append(
                    """
                    x\(index) AS (SELECT \(keyColumns.map { "s.\($0)" }.joined(separator: ", "))\(keyColumns.isEmpty ? "" : ", ")CAST(AVG(s.v) AS DOUBLE PRECISION) AS v FROM (SELECT \(keyPrefix)b.\(column) AS v, \
                    ROW_NUMBER() OVER (\(partition)ORDER BY b.\(column)) AS position, COUNT(*) OVER (\(partition.isEmpty ? "" : "PARTITION BY \(groupList)")) AS total \
                    FROM g JOIN base b ON b.row = g.row WHERE b.\(column) IS NOT NULL) s \
                    WHERE s.position IN ((s.total + 1) / 2, (s.total + 2) / 2)\(keyColumns.isEmpty ? "" : " GROUP BY " + keyColumns.map { "s.\($0)" }.joined(separator: ", ")))
                    """)
                extraJoins += " LEFT JOIN x\(index) ON \(keyMatch("x\(index)", keyColumns))"
                selects.append("x\(index).v")
            case .share, .runningTotal, .change, .rank:
                selects.append("NULL")
            case .membersAtYearEnd:
                throw SQLCompileError(message: "members_at_year_end is computed in memory only")
            }
        }
        ctes.append(
            "m AS (SELECT \(keyPrefix)\(mainMeasures.joined(separator: ", ")) FROM g JOIN base b ON b.row = g.row\(groupBy))"
        )
        let keys = keyColumns.map { "m.\($0)" }
        let text =
            "WITH " + ctes.joined(separator: ",\n") + "\nSELECT " + (keys + selects).joined(separator: ", ")
            + " FROM m" + extraJoins
        return SQLStatement(text, parameters: parameters)
    }

    private func keyMatch(_ table: String, _ keys: [String]) -> String {
        guard !keys.isEmpty else { return "TRUE" }
        return keys.map { dialect.nullSafeEqual("\(table).\($0)", "m.\($0)") }.joined(separator: " AND ")
    }

    /// The name of the CTE of a dimension's values (`row`, `v`; `v` NULL when a record has none), adding it
    /// when first needed.
    private mutating func dimension(_ dimension: Dimension) -> String {
        if let name = dimensionCTEs[dimension] { return name }
        let name = "dim_\(dimension.rawValue)"
        let body: String
        switch (dimension, entity) {
        case (.year, .membership): body = "SELECT s.row, s.joined AS v FROM src s"
        case (.year, _): body = "SELECT s.row, s.year AS v FROM src s"
        case (.city, _):
            body =
                "SELECT s.row, c.label AS v FROM src s LEFT JOIN cities c ON c.pipeline = s.pipeline AND c.city_id = s.city_id"
        case (.network, _): body = "SELECT s.row, s.network AS v FROM src s"
        case (.field, _): body = "SELECT s.row, s.field AS v FROM src s"
        case (.status, _): body = "SELECT s.row, s.status AS v FROM src s"
        case (.organisation, _): body = "SELECT s.row, s.organisation AS v FROM src s"
        case (.country, .initiative), (.region, .initiative), (.subregion, .initiative):
            let column = dimension == .country ? "co.name" : dimension == .region ? "co.region" : "co.m49_subregion"
            body = """
                SELECT DISTINCT s.row, \(column) AS v FROM src s \
                JOIN initiative_countries x ON x.pipeline = s.pipeline AND x.source = s.source AND x.row = s.row \
                JOIN countries co ON co.pipeline = x.pipeline AND co.alpha2 = x.country WHERE \(column) IS NOT NULL \
                UNION ALL SELECT s.row, NULL FROM src s WHERE NOT EXISTS (SELECT 1 FROM initiative_countries x \
                JOIN countries co ON co.pipeline = x.pipeline AND co.alpha2 = x.country \
                WHERE x.pipeline = s.pipeline AND x.source = s.source AND x.row = s.row AND \(column) IS NOT NULL)
                """
        case (.country, _), (.region, _), (.subregion, _):
            let column = dimension == .country ? "co.name" : dimension == .region ? "co.region" : "co.m49_subregion"
            body =
                "SELECT s.row, \(column) AS v FROM src s LEFT JOIN countries co ON co.pipeline = s.pipeline AND co.alpha2 = s.country"
        case (.sdg, _), (.sdgTarget, _), (.theme, _):
            let (table, column) =
                dimension == .sdg
                ? ("initiative_sdgs", "sdg")
                : dimension == .theme ? ("initiative_themes", "theme") : ("initiative_targets", "target")
            body = """
                SELECT s.row, x.\(column) AS v FROM src s JOIN \(table) x ON x.pipeline = s.pipeline AND x.source = s.source AND x.row = s.row \
                UNION ALL SELECT s.row, NULL FROM src s WHERE NOT EXISTS (SELECT 1 FROM \(table) x WHERE x.pipeline = s.pipeline AND x.source = s.source AND x.row = s.row)
                """
        }
        ctes.append("\(name) AS (\(body))")
        dimensionCTEs[dimension] = name
        return name
    }

    // MARK: - Conditions

    private mutating func compile(_ predicate: Predicate) throws(SQLCompileError) -> String {
        switch predicate {
        case .and(let left, let right): return "(\(try compile(left)) AND \(try compile(right)))"
        case .or(let left, let right): return "(\(try compile(left)) OR \(try compile(right)))"
        case .not(let inner): return "(NOT \(try compile(inner)))"
        case .comparison(let operand, .notEqual, let literal):
            return "(NOT \(try compile(.comparison(operand, .equal, literal))))"
        case .comparison(.field(let field), let comparator, let literal):
            guard case .number(let number) = literal else {
                guard case .text(let text) = literal, let value = Double(text) else { return "FALSE" }
                return
                    "((s.\(numericColumn(field)) \(comparator.rawValue == "==" ? "=" : comparator.rawValue) \(bind(.decimal(value)))) IS TRUE)"
            }
            return
                "((s.\(numericColumn(field)) \(comparator.rawValue == "==" ? "=" : comparator.rawValue) \(bind(.decimal(number)))) IS TRUE)"
        case .membership(.field(let field), let literals):
            let numbers = literals.compactMap { literal -> Double? in
                switch literal {
                case .number(let number): number
                case .text(let text): Double(text)
                }
            }
            guard !numbers.isEmpty else { return "FALSE" }
            let list = numbers.map { bind(.decimal($0)) }.joined(separator: ", ")
            return "((s.\(numericColumn(field)) IN (\(list))) IS TRUE)"
        case .comparison(.dimension(let dimension), let comparator, let literal):
            return selection(dimension) { literal.compare(with: $0).map(comparator.holds) ?? false }
        case .membership(.dimension(let dimension), let literals):
            return selection(dimension) { cell in literals.contains { $0.compare(with: cell) == 0 } }
        }
    }

    /// A condition that holds when any of a record's values of a dimension satisfies `condition`, decided on
    /// the dimension's labels as the in-memory engine decides it.
    private mutating func selection(_ dimension: Dimension, _ condition: (Cell) -> Bool) -> String {
        let column = dataset.column(dimension, of: spec.source)
        var values: [Cell] = []
        var unknown = false
        for code in column.distinctCodes where condition(column.cell(for: code)) {
            if code == DimensionColumn.unknown { unknown = true } else { values.append(column.cell(for: code)) }
        }
        let name = self.dimension(dimension)
        var tests: [String] = []
        if !values.isEmpty {
            tests.append("f.v IN (\(values.map { bind($0) }.joined(separator: ", ")))")
        }
        if unknown { tests.append("f.v IS NULL") }
        guard !tests.isEmpty else { return "FALSE" }
        return "EXISTS (SELECT 1 FROM \(name) f WHERE f.row = s.row AND (\(tests.joined(separator: " OR "))))"
    }
}
