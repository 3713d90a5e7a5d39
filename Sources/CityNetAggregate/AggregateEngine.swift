public import CityNetModel

/// Computes aggregates over a dataset in memory.
///
/// One pass over the records: each record that passes the filter adds to every combination of its
/// dimension values (a record with SDGs 4 and 11 counts once under each), then rows come out in the
/// dimensions' natural order, `Unknown` last.
public enum AggregateEngine {
    /// Computes one aggregate.
    public static func run(_ spec: AggregateSpec, on dataset: Dataset) -> Table {
        var columns = ColumnCache(dataset: dataset, source: spec.source)
        let recordCount = dataset.sources[spec.source]?.count ?? 0
        let included = spec.filter.map { FilterEvaluator.mask($0, columns: &columns, recordCount: recordCount) }

        let groupColumns = spec.groupBy.map { columns.dimension($0.dimension) }
        let yearPosition = spec.groupBy.lastIndex { $0.dimension == .year }
        let fillsYears =
            yearPosition != nil && spec.measures.contains { if case .runningTotal = $0.measure { true } else { false } }
        let dense = groupColumns.enumerated().map { position, column in
            DenseCodes(column, contiguous: fillsYears && position == yearPosition)
        }
        let distinctColumns = spec.measures.compactMap { measure -> (String, DimensionColumn)? in
            guard case .distinct(let dimension) = measure.measure else { return nil }
            return (measure.name, columns.dimension(dimension))
        }
        let sumColumns = spec.measures.compactMap { measure -> (String, ContiguousArray<Double>)? in
            guard case .sum(let field) = measure.measure else { return nil }
            return (measure.name, columns.numeric(field))
        }

        var groups: [Int: Accumulator] = [:]
        var combination = Array(repeating: 0, count: dense.count)
        for record in 0..<recordCount where included?[record] ?? true {
            forEachGroup(of: record, dense: dense, combination: &combination) { key in
                groups[key, default: Accumulator(distinctCount: distinctColumns.count, sumCount: sumColumns.count)]
                    .add(record: record, distinct: distinctColumns.map(\.1), sums: sumColumns.map(\.1))
            }
        }

        if fillsYears, let yearPosition {
            fillMissingYears(
                &groups, dense: dense, yearPosition: yearPosition,
                empty: Accumulator(distinctCount: distinctColumns.count, sumCount: sumColumns.count))
        }
        let orderedKeys = groups.keys.sorted()
        var rows: [[Cell]] = []
        rows.reserveCapacity(orderedKeys.count)
        for key in orderedKeys {
            guard let accumulator = groups[key] else { continue }
            var row: [Cell] = []
            var remainder = key
            var dimensionCells: [Cell] = Array(repeating: .null, count: dense.count)
            for position in dense.indices.reversed() {
                let radix = dense[position].codes.count
                let index = remainder % radix
                remainder /= radix
                dimensionCells[position] = groupColumns[position].cell(for: dense[position].codes[index])
            }
            row += dimensionCells
            var distinctIndex = 0
            var sumIndex = 0
            for measure in spec.measures {
                switch measure.measure {
                case .count:
                    row.append(.integer(accumulator.count))
                case .distinct:
                    row.append(.integer(accumulator.distinct[distinctIndex].count))
                    distinctIndex += 1
                case .sum(let field):
                    row.append(sumCell(accumulator.sums[sumIndex], field: field))
                    sumIndex += 1
                case .runningTotal:
                    row.append(.null)
                }
            }
            rows.append(row)
        }

        var tableColumns = spec.groupBy.map { Column(name: $0.name, kind: .dimension($0.dimension)) }
        for measure in spec.measures {
            tableColumns.append(Column(name: measure.name, kind: kind(of: measure.measure, in: spec)))
        }
        var table = Table(name: spec.name, columns: tableColumns, rows: rows)
        fillRunningTotals(&table, spec: spec)
        return table
    }

    private static func kind(of measure: Measure, in spec: AggregateSpec) -> ColumnKind {
        switch measure {
        case .count, .distinct: .count
        case .sum(let field): field == .budget ? .decimal : .integer
        case .runningTotal(let base):
            spec.measures.first { $0.name == base }.map { kind(of: $0.measure, in: spec) } ?? .integer
        }
    }

    private static func sumCell(_ sum: Sum, field: NumericField) -> Cell {
        guard sum.values > 0 else { return field == .budget ? .decimal(0) : .integer(0) }
        return field == .budget ? .decimal(sum.total) : .integer(Int(sum.total.rounded()))
    }

    /// Calls `body` with the key of each group a record belongs to: the mixed-radix number of its dense codes.
    private static func forEachGroup(
        of record: Int, dense: [DenseCodes], combination: inout [Int], body: (Int) -> Void
    ) {
        guard !dense.isEmpty else { return body(0) }
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(dense.count)
        for column in dense {
            let range = column.range(ofRecord: record)
            if range.isEmpty { return }
            ranges.append(range)
        }
        for position in combination.indices { combination[position] = ranges[position].lowerBound }
        while true {
            var key = 0
            for position in dense.indices {
                key = key * dense[position].codes.count + dense[position].indices[combination[position]]
            }
            body(key)
            var position = dense.count - 1
            while position >= 0 {
                combination[position] += 1
                if combination[position] < ranges[position].upperBound { break }
                combination[position] = ranges[position].lowerBound
                position -= 1
            }
            if position < 0 { return }
        }
    }

    /// Adds empty groups for the years missing between each partition's first and last year, so running totals
    /// show a flat step instead of a gap.
    private static func fillMissingYears(
        _ groups: inout [Int: Accumulator], dense: [DenseCodes], yearPosition: Int, empty: Accumulator
    ) {
        var stride = 1
        for position in dense.indices.dropFirst(yearPosition + 1) { stride *= dense[position].codes.count }
        let radix = dense[yearPosition].codes.count
        var span: [Int: (first: Int, last: Int)] = [:]
        for key in groups.keys {
            let year = (key / stride) % radix
            guard dense[yearPosition].codes[year] != DimensionColumn.unknown else { continue }
            let partition = key - year * stride
            let current = span[partition] ?? (year, year)
            span[partition] = (min(current.first, year), max(current.last, year))
        }
        for (partition, range) in span {
            for year in range.first...range.last where groups[partition + year * stride] == nil {
                groups[partition + year * stride] = empty
            }
        }
    }

    /// Running totals accumulate along the last year dimension (or the row order when there is none), within
    /// each combination of the other dimensions.
    private static func fillRunningTotals(_ table: inout Table, spec: AggregateSpec) {
        let dimensionCount = spec.groupBy.count
        let alongIndex =
            spec.groupBy.lastIndex { $0.dimension == .year } ?? (dimensionCount > 0 ? dimensionCount - 1 : nil)
        for (offset, measure) in spec.measures.enumerated() {
            guard case .runningTotal(let base) = measure.measure,
                let baseOffset = spec.measures.firstIndex(where: { $0.name == base })
            else { continue }
            let column = dimensionCount + offset
            let baseColumn = dimensionCount + baseOffset
            var totals: [[Cell]: Double] = [:]
            for row in table.rows.indices {
                let partition = table.rows[row][0..<dimensionCount].enumerated()
                    .filter { $0.offset != alongIndex }.map(\.element)
                let running = (totals[partition] ?? 0) + (table.rows[row][baseColumn].number ?? 0)
                totals[partition] = running
                table.rows[row][column] =
                    table.columns[column].kind == .decimal ? .decimal(running) : .integer(Int(running))
            }
        }
    }
}

/// A dimension column's codes renumbered densely (0..<n in natural order), so group keys are small integers.
struct DenseCodes {
    /// The distinct codes in natural order.
    let codes: [Int32]
    /// Each value of the column as a dense index.
    let indices: ContiguousArray<Int>
    private let offsets: ContiguousArray<Int32>

    /// Renumbers a column; `contiguous` includes every code between the smallest and largest (for years).
    init(_ column: DimensionColumn, contiguous: Bool = false) {
        let present = Set(column.codes)
        let known = present.subtracting([DimensionColumn.unknown])
        if contiguous, let first = known.min(), let last = known.max() {
            codes = Array(first...last) + (present.contains(DimensionColumn.unknown) ? [DimensionColumn.unknown] : [])
        } else {
            codes = present.sorted()
        }
        var position: [Int32: Int] = [:]
        for (index, code) in codes.enumerated() { position[code] = index }
        indices = ContiguousArray(column.codes.map { position[$0] ?? 0 })
        offsets = column.offsets
    }

    func range(ofRecord record: Int) -> Range<Int> {
        Int(offsets[record])..<Int(offsets[record + 1])
    }
}

struct Sum {
    var total = 0.0
    var values = 0
}

/// The running statistics of one group.
struct Accumulator {
    var count = 0
    var distinct: [Set<Int32>]
    var sums: [Sum]

    init(distinctCount: Int, sumCount: Int) {
        distinct = Array(repeating: [], count: distinctCount)
        sums = Array(repeating: Sum(), count: sumCount)
    }

    mutating func add(record: Int, distinct columns: [DimensionColumn], sums sumColumns: [ContiguousArray<Double>]) {
        count += 1
        for (index, column) in columns.enumerated() {
            for code in column.codes(ofRecord: record) where code != DimensionColumn.unknown {
                distinct[index].insert(code)
            }
        }
        for (index, column) in sumColumns.enumerated() where !column[record].isNaN {
            sums[index].total += column[record]
            sums[index].values += 1
        }
    }
}

/// Dimension and numeric columns of one source, each computed once.
struct ColumnCache {
    let dataset: Dataset
    let source: String
    private var dimensions: [Dimension: DimensionColumn] = [:]
    private var numerics: [NumericField: ContiguousArray<Double>] = [:]

    init(dataset: Dataset, source: String) {
        self.dataset = dataset
        self.source = source
    }

    mutating func dimension(_ dimension: Dimension) -> DimensionColumn {
        if let column = dimensions[dimension] { return column }
        let column = dataset.column(dimension, of: source)
        dimensions[dimension] = column
        return column
    }

    mutating func numeric(_ field: NumericField) -> ContiguousArray<Double> {
        if let column = numerics[field] { return column }
        let column = dataset.numericColumn(field, of: source)
        numerics[field] = column
        return column
    }
}

/// Evaluates a predicate for every record at once.
enum FilterEvaluator {
    static func mask(_ predicate: Predicate, columns: inout ColumnCache, recordCount: Int) -> [Bool] {
        switch predicate {
        case .and(let left, let right):
            let lhs = mask(left, columns: &columns, recordCount: recordCount)
            let rhs = mask(right, columns: &columns, recordCount: recordCount)
            return zip(lhs, rhs).map { $0 && $1 }
        case .or(let left, let right):
            let lhs = mask(left, columns: &columns, recordCount: recordCount)
            let rhs = mask(right, columns: &columns, recordCount: recordCount)
            return zip(lhs, rhs).map { $0 || $1 }
        case .not(let inner):
            return mask(inner, columns: &columns, recordCount: recordCount).map { !$0 }
        case .comparison(let operand, .notEqual, let literal):
            return mask(.comparison(operand, .equal, literal), columns: &columns, recordCount: recordCount).map { !$0 }
        case .comparison(let operand, let comparator, let literal):
            return test(operand, columns: &columns, recordCount: recordCount) { cell in
                literal.compare(with: cell).map(comparator.holds) ?? false
            }
        case .membership(let operand, let literals):
            return test(operand, columns: &columns, recordCount: recordCount) { cell in
                literals.contains { $0.compare(with: cell) == 0 }
            }
        }
    }

    /// Whether any of each record's values satisfies `condition`, deciding once per distinct value.
    private static func test(
        _ operand: Operand, columns: inout ColumnCache, recordCount: Int, condition: (Cell) -> Bool
    ) -> [Bool] {
        switch operand {
        case .field(let field):
            let values = columns.numeric(field)
            return values.map { $0.isNaN ? false : condition(.decimal($0)) }
        case .dimension(let dimension):
            let column = columns.dimension(dimension)
            var decided: [Int32: Bool] = [:]
            for code in Set(column.codes) { decided[code] = condition(column.cell(for: code)) }
            return (0..<recordCount).map { record in
                column.codes(ofRecord: record).contains { decided[$0] ?? false }
            }
        }
    }
}
