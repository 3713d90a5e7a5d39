import CityNetModel

/// Turns group statistics into a table: rows in natural order, derived measures, totals, order and pivot.
enum TableAssembly {
    /// The label of the `Other` row of top-N.
    static let other = Cell.text("Other")
    /// The label of the total row.
    static let total = Cell.text("Total")

    static func table(
        spec: AggregateSpec, dataset: Dataset, layout: KeyLayout, groups: Accumulation, kept: [Bool]?, filled: [Bool]?,
        yearEnd: [Int]?, groupColumns: [DimensionColumn]
    ) -> Table {
        var columns = spec.groupBy.map { Column(name: $0.name, kind: .dimension($0.dimension)) }
        for measure in spec.measures {
            columns.append(Column(name: measure.name, kind: kind(of: measure.measure, in: spec)))
        }
        var rows: [[Cell]] = []
        if spec.groupBy.isEmpty, layout.keyCount == 0 { return Table(name: spec.name, columns: columns, rows: []) }
        for key in 0..<layout.keyCount {
            guard
                spec.complete || groups.counts[key] > 0 || (yearEnd?[key] ?? 0) != 0 || (filled?[key] ?? false)
                    || (spec.groupBy.isEmpty && key == 0)
            else { continue }
            if let kept, !kept[key] { continue }
            let digits = layout.digits(of: key)
            var row: [Cell] = []
            for (position, digit) in digits.enumerated() {
                let code = layout.axes[position].codes[digit]
                row.append(code == KeyLayout.otherCode ? other : groupColumns[position].cell(for: code))
            }
            for (index, measure) in spec.measures.enumerated() {
                if measure.measure == .membersAtYearEnd {
                    row.append(.integer(yearEnd?[key] ?? 0))
                    continue
                }
                row.append(cell(groups.value(index, key: key), kind: columns[spec.groupBy.count + index].kind))
            }
            rows.append(row)
        }
        return Table(name: spec.name, columns: columns, rows: rows)
    }

    /// A number as a cell of a column kind.
    static func cell(_ value: Double?, kind: ColumnKind) -> Cell {
        guard let value, value.isFinite else { return .null }
        switch kind {
        case .count, .integer: return .integer(Int(value.rounded()))
        default: return .decimal(value)
        }
    }

    static func kind(of measure: Measure, in spec: AggregateSpec) -> ColumnKind {
        switch measure {
        case .count, .distinct, .membersAtYearEnd: return .count
        case .sum(let field), .minimum(let field), .maximum(let field): return field == .budget ? .decimal : .integer
        case .mean, .median: return .decimal
        case .share: return .percent
        case .rank: return .integer
        case .change(_, true): return .percent
        case .runningTotal(let base):
            guard let measure = spec.measures.first(where: { $0.name == base }) else { return .integer }
            return kind(of: measure.measure, in: spec)
        case .change(let base, false):
            guard let measure = spec.measures.first(where: { $0.name == base }) else { return .integer }
            let kind = kind(of: measure.measure, in: spec)
            return kind == .count ? .integer : kind
        }
    }

    // MARK: - Derived measures

    /// Fills shares, running totals, changes and ranks from the base columns, in natural row order.
    static func deriveMeasures(_ table: inout Table, spec: AggregateSpec) {
        let dimensionCount = spec.groupBy.count
        let along = spec.groupBy.lastIndex { $0.dimension == .year } ?? (dimensionCount > 0 ? dimensionCount - 1 : nil)
        for (offset, measure) in spec.measures.enumerated() {
            guard let base = measure.measure.base, let baseOffset = spec.measures.firstIndex(where: { $0.name == base })
            else {
                continue
            }
            let column = dimensionCount + offset
            let baseColumn = dimensionCount + baseOffset
            let kind = table.columns[column].kind
            switch measure.measure {
            case .share(_, let within):
                let partitionIndex = within.flatMap { dimension in spec.groupBy.firstIndex { $0.dimension == dimension }
                }
                var totals: [Cell: Double] = [:]
                for row in table.rows {
                    let partition = partitionIndex.map { row[$0] } ?? .null
                    totals[partition, default: 0] += row[baseColumn].number ?? 0
                }
                for index in table.rows.indices {
                    let partition = partitionIndex.map { table.rows[index][$0] } ?? .null
                    let whole = totals[partition] ?? 0
                    let part = table.rows[index][baseColumn].number
                    table.rows[index][column] = whole > 0 ? part.map { .decimal($0 / whole * 100) } ?? .null : .null
                }
            case .runningTotal:
                var running: [[Cell]: Double] = [:]
                for index in table.rows.indices {
                    let partition = self.partition(table.rows[index], dimensions: dimensionCount, excluding: along)
                    let value = (running[partition] ?? 0) + (table.rows[index][baseColumn].number ?? 0)
                    running[partition] = value
                    table.rows[index][column] = cell(value, kind: kind)
                }
            case .change(_, let percent):
                var previous: [[Cell]: Double?] = [:]
                for index in table.rows.indices {
                    let partition = self.partition(table.rows[index], dimensions: dimensionCount, excluding: along)
                    let current = table.rows[index][baseColumn].number
                    if let earlier = previous[partition], let before = earlier, let current {
                        if percent {
                            table.rows[index][column] =
                                before != 0 ? .decimal((current - before) / abs(before) * 100) : .null
                        } else {
                            table.rows[index][column] = cell(current - before, kind: kind)
                        }
                    } else {
                        table.rows[index][column] = .null
                    }
                    previous[partition] = .some(current)
                }
            case .rank:
                var byPartition: [[Cell]: [(row: Int, value: Double)]] = [:]
                for index in table.rows.indices {
                    let partition = self.partition(
                        table.rows[index], dimensions: dimensionCount, excluding: dimensionCount - 1)
                    if let value = table.rows[index][baseColumn].number {
                        byPartition[partition, default: []].append((index, value))
                    }
                    table.rows[index][column] = .null
                }
                for (_, members) in byPartition {
                    let ordered = members.sorted { $0.value != $1.value ? $0.value > $1.value : $0.row < $1.row }
                    var rank = 0
                    for (position, member) in ordered.enumerated() {
                        if position == 0 || member.value != ordered[position - 1].value { rank = position + 1 }
                        table.rows[member.row][column] = .integer(rank)
                    }
                }
            default:
                continue
            }
        }
    }

    /// The cells of a row's dimensions except one (the axis a running measure moves along).
    private static func partition(_ row: [Cell], dimensions: Int, excluding skipped: Int?) -> [Cell] {
        (0..<dimensions).filter { $0 != skipped }.map { row[$0] }
    }

    // MARK: - Totals, order, pivot

    /// Appends a `Total` row that counts each record once, whatever its number of dimension values.
    static func appendTotal(_ table: inout Table, spec: AggregateSpec, total: Accumulation) {
        appendTotal(&table, spec: spec) { total.value($0, key: 0) }
    }

    /// Appends a `Total` row whose base measures are `value(measureIndex)`.
    static func appendTotal(_ table: inout Table, spec: AggregateSpec, value: (Int) -> Double?) {
        guard !spec.groupBy.isEmpty else { return }
        var row = [Cell](repeating: Self.total, count: spec.groupBy.count)
        for (index, measure) in spec.measures.enumerated() {
            let kind = table.columns[spec.groupBy.count + index].kind
            switch measure.measure {
            case .share(_, nil): row.append(.decimal(100))
            case .share, .runningTotal, .change, .rank, .membersAtYearEnd: row.append(.null)
            default: row.append(cell(value(index), kind: kind))
            }
        }
        table.rows.append(row)
        table.hasTotalRow = true
    }

    /// Orders rows by the spec's sort keys, ties kept in natural order; `Total` stays last and `Other` after the
    /// groups it folds.
    static func sort(_ table: inout Table, spec: AggregateSpec) {
        guard !spec.sort.isEmpty else { return }
        let keys = spec.sort.compactMap { key in
            table.columnIndex(named: key.column).map { (index: $0, descending: key.descending) }
        }
        let dimensionCount = spec.groupBy.count
        func isSpecial(_ row: [Cell]) -> Int {
            if dimensionCount > 0, row[0] == total, row.prefix(dimensionCount).allSatisfy({ $0 == total }) { return 2 }
            if dimensionCount > 0, row[dimensionCount - 1] == other { return 1 }
            return 0
        }
        table.rows = table.rows.enumerated().sorted { lhs, rhs in
            let (left, right) = (isSpecial(lhs.element), isSpecial(rhs.element))
            if left != right { return left < right }
            for key in keys {
                let (a, b) = (lhs.element[key.index], rhs.element[key.index])
                if a == b { continue }
                if a == .null || b == .null { return b == .null }
                return key.descending ? b < a : a < b
            }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Turns the values of one dimension into columns: one per value (per measure when there are several),
    /// missing cells 0 for counts and sums, empty otherwise.
    ///
    /// `orders` gives each dimension's values their natural position, so columns and rows come in natural order.
    static func pivot(_ table: Table, on name: String, spec: AggregateSpec, orders: [[Cell: Int]]) -> Table {
        guard let pivotIndex = table.columnIndex(named: name) else { return table }
        let dimensionCount = spec.groupBy.count
        let keepDimensions = (0..<dimensionCount).filter { $0 != pivotIndex }
        let measureIndices = Array(dimensionCount..<table.columns.count)
        var values: [Cell] = []
        for row in table.rows where !values.contains(row[pivotIndex]) && row[pivotIndex] != total {
            values.append(row[pivotIndex])
        }
        values.sort { (orders[pivotIndex][$0] ?? Int.max) < (orders[pivotIndex][$1] ?? Int.max) }
        var rowKeys: [[Cell]] = []
        var cells: [[Cell]: [Cell: [Cell]]] = [:]
        for row in table.rows {
            let key = keepDimensions.map { row[$0] }
            if cells[key] == nil {
                rowKeys.append(key)
                cells[key] = [:]
            }
            cells[key]?[row[pivotIndex]] = measureIndices.map { row[$0] }
        }
        if spec.sort.isEmpty {
            rowKeys.sort { lhs, rhs in
                for (position, dimension) in keepDimensions.enumerated() where lhs[position] != rhs[position] {
                    return (orders[dimension][lhs[position]] ?? Int.max) < (orders[dimension][rhs[position]] ?? Int.max)
                }
                return false
            }
        }
        var columns = keepDimensions.map { table.columns[$0] }
        for value in values {
            for index in measureIndices {
                let label = value.description
                let name = measureIndices.count == 1 ? label : "\(label) \(table.columns[index].name)"
                columns.append(Column(name: name, kind: table.columns[index].kind))
            }
        }
        let rows = rowKeys.map { key -> [Cell] in
            var row = key
            for value in values {
                for (position, index) in measureIndices.enumerated() {
                    if let cell = cells[key]?[value]?[position] {
                        row.append(cell)
                    } else {
                        let additive: Bool
                        switch spec.measures[index - dimensionCount].measure {
                        case .count, .distinct, .sum, .membersAtYearEnd: additive = true
                        default: additive = false
                        }
                        row.append(
                            additive ? (table.columns[index].kind == .decimal ? .decimal(0) : .integer(0)) : .null)
                    }
                }
            }
            return row
        }
        return Table(name: table.name, columns: columns, rows: rows)
    }
}
