public import CityNetModel
import Dispatch

/// Computes aggregates over a dataset in memory.
///
/// One pass over the records: each record that passes the filter adds to every combination of its dimension
/// values (a record with SDGs 4 and 11 counts once under each). Groups live in flat arrays indexed by a
/// mixed-radix key of dense dimension codes, and distinct counts in bit sets, so a million records aggregate in a
/// fraction of a second. Rows come out in the dimensions' natural order, `Unknown` last; derived measures,
/// totals, sorting and pivoting then shape the table.
public enum AggregateEngine {
    /// From how many records an aggregation is split between two threads (fixed, so that results do not depend
    /// on the machine).
    public static let recordsForTwoThreads = 1 << 18

    /// Computes one aggregate.
    public static func run(_ spec: AggregateSpec, on dataset: Dataset) -> Table {
        var columns = ColumnCache(dataset: dataset, source: spec.source)
        let recordCount = dataset.sources[spec.source]?.count ?? 0
        if recordCount >= recordsForTwoThreads { columns.prepare(for: spec) }
        let included = spec.filter.map { FilterEvaluator.mask($0, columns: &columns, recordCount: recordCount) }
        let groupColumns = spec.groupBy.map { columns.dimension($0.dimension) }
        let alongYear = spec.groupBy.lastIndex { $0.dimension == .year }
        let fillsYears =
            alongYear != nil
            && spec.measures.contains { measure in
                switch measure.measure {
                case .runningTotal, .change, .membersAtYearEnd: true
                default: false
                }
            }
        var layout = KeyLayout(
            columns: groupColumns,
            domains: spec.complete ? spec.groupBy.map { Domains.all(of: $0.dimension, dataset: dataset) } : nil,
            contiguous: spec.groupBy.indices.map { position in
                (fillsYears && position == alongYear) || (spec.complete && spec.groupBy[position].dimension == .year)
            },
            included: included
        )
        let base = BaseMeasures(spec: spec, columns: &columns)
        var groups = Accumulation(layout: layout, measures: base, included: included, recordCount: recordCount)

        var keptKeys: [Bool]?
        if let top = spec.top, !spec.groupBy.isEmpty,
            let topMeasure = spec.measures.firstIndex(where: { $0.name == top.measure })
        {
            let keep = TopSelection.keys(top: top, measure: topMeasure, groups: groups, layout: layout)
            if top.other {
                layout = layout.foldingLast(keep: keep)
                groups = Accumulation(layout: layout, measures: base, included: included, recordCount: recordCount)
            } else {
                keptKeys = keep
            }
        }
        var yearEnd: [Int]?
        if spec.measures.contains(where: { $0.measure == .membersAtYearEnd }), let alongYear {
            yearEnd = MembersAtYearEnd.counts(
                dataset: dataset, source: spec.source, layout: layout, year: alongYear, included: included)
        }

        let filled = fillsYears ? alongYear.map { YearGaps.keys(layout: layout, counts: groups.counts, year: $0) } : nil
        var table = TableAssembly.table(
            spec: spec, dataset: dataset, layout: layout, groups: groups, kept: keptKeys, filled: filled,
            yearEnd: yearEnd, groupColumns: groupColumns
        )
        TableAssembly.deriveMeasures(&table, spec: spec)
        if spec.totals {
            let totalLayout = KeyLayout(columns: [], domains: nil, contiguous: [])
            let total = Accumulation(layout: totalLayout, measures: base, included: included, recordCount: recordCount)
            TableAssembly.appendTotal(&table, spec: spec, total: total)
        }
        TableAssembly.sort(&table, spec: spec)
        if let pivot = spec.pivot {
            let orders = layout.axes.enumerated().map { position, axis in
                var order: [Cell: Int] = [:]
                for (index, code) in axis.codes.enumerated() {
                    order[code == KeyLayout.otherCode ? TableAssembly.other : groupColumns[position].cell(for: code)] =
                        index
                }
                return order
            }
            table = TableAssembly.pivot(table, on: pivot, spec: spec, orders: orders)
        }
        return table
    }
}

/// The base measures (computed from records) of an aggregate, with the columns they read.
struct BaseMeasures {
    enum Kind {
        case count
        case distinct(DimensionColumn)
        case numeric(NumericField, ContiguousArray<Double>, Statistic)
        case derived
        case membersAtYearEnd
    }

    enum Statistic {
        case sum, mean, median, minimum, maximum
    }

    let kinds: [Kind]

    init(spec: AggregateSpec, columns: inout ColumnCache) {
        kinds = spec.measures.map { measure in
            switch measure.measure {
            case .count: .count
            case .distinct(let dimension): .distinct(columns.identity(dimension))
            case .sum(let field): .numeric(field, columns.numeric(field), .sum)
            case .mean(let field): .numeric(field, columns.numeric(field), .mean)
            case .median(let field): .numeric(field, columns.numeric(field), .median)
            case .minimum(let field): .numeric(field, columns.numeric(field), .minimum)
            case .maximum(let field): .numeric(field, columns.numeric(field), .maximum)
            case .membersAtYearEnd: .membersAtYearEnd
            case .share, .runningTotal, .change, .rank: .derived
            }
        }
    }
}

/// How group keys are formed: each dimension's codes in natural order, densely numbered, combined mixed-radix.
struct KeyLayout {
    /// The code of the `Other` row that top-N folds groups into.
    static let otherCode = Int32.max - 1

    struct Axis {
        /// The codes in natural order (the key digit is the position here).
        var codes: [Int32]
        /// Each value of the column (in record order): its code when ``digitOfCode`` is not empty (the column's
        /// own array, shared rather than copied), else its digit.
        var values: ContiguousArray<Int32>
        var offsets: ContiguousArray<Int32>
        /// The digit of each small non-negative code, by code; empty when ``values`` holds digits.
        var digitOfCode: ContiguousArray<Int32>
        /// The digit of ``DimensionColumn/unknown``.
        var unknownDigit: Int32

        /// The digit of the value at a position of the column.
        func digit(at position: Int) -> Int32 {
            let value = values[position]
            guard !digitOfCode.isEmpty else { return value }
            if value >= 0, Int(value) < digitOfCode.count { return digitOfCode[Int(value)] }
            return value == DimensionColumn.unknown ? unknownDigit : 0
        }
    }

    var axes: [Axis]
    /// For top-N with `Other`: which keys stay; others fold their last digit into the `Other` digit.
    var keep: [Bool]?

    /// Lays out keys; with `domains` (for `complete`), an axis holds its domain and the values of the included
    /// records.
    init(columns: [DimensionColumn], domains: [[Int32]?]?, contiguous: [Bool], included: [Bool]? = nil) {
        axes = columns.enumerated().map { position, column in
            var present = Set(column.distinctCodes)
            if domains != nil, let included {
                present = []
                for record in 0..<column.recordCount where included[record] {
                    present.formUnion(column.codes(ofRecord: record))
                }
            }
            if let domain = domains?[position] ?? nil { present.formUnion(domain) }
            if contiguous[position] {
                let years = present.subtracting([DimensionColumn.unknown])
                if let first = years.min(), let last = years.max() { present.formUnion(first...last) }
            }
            return Self.axis(codes: present.sorted(), column: column)
        }
    }

    /// An axis over sorted codes: a flat table of digits by code when the codes are small non-negative integers
    /// (ids, goals, years), which is the usual case, else the column's digits computed through a dictionary.
    private static func axis(codes: [Int32], column: DimensionColumn) -> Axis {
        let known = codes.filter { $0 != DimensionColumn.unknown }
        let unknownDigit = codes.last == DimensionColumn.unknown ? Int32(codes.count - 1) : 0
        if let smallest = known.first, smallest >= 0, let largest = known.last, largest < 1 << 24 {
            return Axis(
                codes: codes, values: column.codes, offsets: column.offsets,
                digitOfCode: DimensionColumn.positions(of: codes, absent: 0), unknownDigit: unknownDigit)
        }
        var digitOf: [Int32: Int32] = [:]
        for (index, code) in codes.enumerated() { digitOf[code] = Int32(index) }
        return Axis(
            codes: codes, values: ContiguousArray(column.codes.map { digitOf[$0] ?? 0 }), offsets: column.offsets,
            digitOfCode: [], unknownDigit: unknownDigit)
    }

    /// The number of possible keys (0 when an axis has no values at all).
    var keyCount: Int { axes.reduce(1) { $0 * $1.codes.count } }

    /// The same layout with an `Other` value on the last axis, into which keys outside `keep` fold.
    func foldingLast(keep: [Bool]) -> KeyLayout {
        var folded = self
        guard var last = folded.axes.popLast() else { return self }
        last.codes.append(Self.otherCode)
        folded.axes.append(last)
        // Keys are renumbered: the last radix grew by one.
        var widened = [Bool](repeating: false, count: folded.keyCount)
        let oldRadix = axes[axes.count - 1].codes.count
        for (key, kept) in keep.enumerated() where kept {
            let prefix = key / oldRadix
            let digit = key % oldRadix
            widened[prefix * (oldRadix + 1) + digit] = true
        }
        folded.keep = widened
        return folded
    }

    /// The digits of a key.
    func digits(of key: Int) -> [Int] {
        var remainder = key
        var digits = [Int](repeating: 0, count: axes.count)
        for position in axes.indices.reversed() {
            let radix = axes[position].codes.count
            digits[position] = remainder % radix
            remainder /= radix
        }
        return digits
    }

    /// Calls `body` with each record of `records` that `included` keeps (every one when it is `nil`) and each key
    /// the record belongs to; layouts of one or two axes (most aggregates) without top-N folding take a loop of
    /// their own.
    func forEachKey(
        ofRecordsIn records: Range<Int>, included: [Bool]?, scratch: inout [Int], _ body: (Int, Int) -> Void
    ) {
        guard keep == nil, axes.count == 1 || axes.count == 2 else {
            for record in records where included?[record] ?? true {
                forEachKey(ofRecord: record, scratch: &scratch) { body(record, $0) }
            }
            return
        }
        let outer = axes[0]
        guard axes.count == 2 else {
            for record in records where included?[record] ?? true {
                for position in Int(outer.offsets[record])..<Int(outer.offsets[record + 1]) {
                    body(record, Int(outer.digit(at: position)))
                }
            }
            return
        }
        let inner = axes[1]
        let radix = inner.codes.count
        for record in records where included?[record] ?? true {
            for outerPosition in Int(outer.offsets[record])..<Int(outer.offsets[record + 1]) {
                let base = Int(outer.digit(at: outerPosition)) * radix
                for innerPosition in Int(inner.offsets[record])..<Int(inner.offsets[record + 1]) {
                    body(record, base + Int(inner.digit(at: innerPosition)))
                }
            }
        }
    }

    /// Calls `body` with each key a record belongs to.
    func forEachKey(ofRecord record: Int, scratch: inout [Int], _ body: (Int) -> Void) {
        guard !axes.isEmpty else { return body(0) }
        let count = axes.count
        if scratch.count != count * 3 { scratch = [Int](repeating: 0, count: count * 3) }
        for position in 0..<count {
            let lower = Int(axes[position].offsets[record])
            let upper = Int(axes[position].offsets[record + 1])
            if lower == upper { return }
            scratch[position] = lower
            scratch[count + position] = lower
            scratch[2 * count + position] = upper
        }
        while true {
            var key = 0
            for position in 0..<count {
                key = key * axes[position].codes.count + Int(axes[position].digit(at: scratch[position]))
            }
            if let keep, !keep[key] {
                let radix = axes[count - 1].codes.count
                key = key - key % radix + (radix - 1)
            }
            body(key)
            var position = count - 1
            while position >= 0 {
                scratch[position] += 1
                if scratch[position] < scratch[2 * count + position] { break }
                scratch[position] = scratch[count + position]
                position -= 1
            }
            if position < 0 { return }
        }
    }
}

/// The running statistics of every group, as flat arrays indexed by key.
struct Accumulation {
    var counts: [Int]
    var totals: [[Double]]
    var valueCounts: [[Int]]
    var extremes: [[Double]]
    var samples: [[[Double]]]
    var distinct: [DistinctSets?]
    let kinds: [BaseMeasures.Kind]
    /// Per measure, its statistic and values when it is numeric: read once here, so that adding a record does
    /// not copy the column out of its ``BaseMeasures/Kind`` for every record.
    private let statistics: [BaseMeasures.Statistic?]
    private let numericValues: [ContiguousArray<Double>]

    init(layout: KeyLayout, measures: BaseMeasures, included: [Bool]?, recordCount: Int) {
        let keyCount = layout.keyCount
        kinds = measures.kinds
        statistics = measures.kinds.map { kind in
            if case .numeric(_, _, let statistic) = kind { return statistic }
            return nil
        }
        numericValues = measures.kinds.map { kind in
            if case .numeric(_, let values, _) = kind { return values }
            return []
        }
        counts = [Int](repeating: 0, count: keyCount)
        totals = measures.kinds.map { kind in
            if case .numeric = kind { return [Double](repeating: 0, count: keyCount) }
            return []
        }
        valueCounts = measures.kinds.map { kind in
            if case .numeric = kind { return [Int](repeating: 0, count: keyCount) }
            return []
        }
        extremes = measures.kinds.map { kind in
            if case .numeric(_, _, let statistic) = kind, statistic == .minimum || statistic == .maximum {
                return [Double](repeating: statistic == .minimum ? .infinity : -.infinity, count: keyCount)
            }
            return []
        }
        samples = measures.kinds.map { kind in
            if case .numeric(_, _, .median) = kind { return [[Double]](repeating: [], count: keyCount) }
            return []
        }
        distinct = measures.kinds.map { kind in
            if case .distinct(let column) = kind { return DistinctSets(keyCount: keyCount, column: column) }
            return nil
        }
        guard recordCount >= AggregateEngine.recordsForTwoThreads else {
            accumulate(0..<recordCount, layout: layout, included: included)
            return
        }
        // Two halves on two threads, then added up: every statistic merges exactly (sums of the halves' sums,
        // samples in record order), and the halves are fixed, so results do not depend on the machine.
        let empty = self
        let halves = [0..<recordCount / 2, recordCount / 2..<recordCount]
        var parts = [Accumulation](repeating: empty, count: halves.count)
        DisjointSlots.forEach(in: &parts) { part, accumulation in
            accumulation.accumulate(halves[part], layout: layout, included: included)
        }
        (counts, totals, valueCounts) = (parts[0].counts, parts[0].totals, parts[0].valueCounts)
        (extremes, samples, distinct) = (parts[0].extremes, parts[0].samples, parts[0].distinct)
        merge(parts[1])
    }

    /// Records whose keys are worked out at a time, before each measure adds them up: few enough that the
    /// block's keys stay in cache.
    static let recordsPerBlock = 1 << 14

    /// Adds the records of a range (those the filter includes) to their groups, a block at a time: first each
    /// record's keys, then each measure over the whole block, in loops that touch one array each.
    private mutating func accumulate(_ records: Range<Int>, layout: KeyLayout, included: [Bool]?) {
        var scratch: [Int] = []
        var block = Block()
        var start = records.lowerBound
        while start < records.upperBound {
            let end = min(start + Self.recordsPerBlock, records.upperBound)
            block.records.removeAll(keepingCapacity: true)
            block.keys.removeAll(keepingCapacity: true)
            layout.forEachKey(ofRecordsIn: start..<end, included: included, scratch: &scratch) { record, key in
                block.records.append(record)
                block.keys.append(key)
            }
            add(block)
            start = end
        }
    }

    /// Records paired with the keys they belong to: a record with several keys (several SDGs) comes once per key.
    private struct Block {
        var records: [Int] = []
        var keys: [Int] = []
    }

    /// Adds another accumulation of the same layout and measures (the records after this one's).
    private mutating func merge(_ other: Accumulation) {
        for key in counts.indices { counts[key] += other.counts[key] }
        for index in statistics.indices {
            guard let statistic = statistics[index] else {
                if let sets = other.distinct[index] { distinct[index]?.formUnion(sets) }
                continue
            }
            for key in counts.indices {
                valueCounts[index][key] += other.valueCounts[index][key]
                switch statistic {
                case .sum, .mean: totals[index][key] += other.totals[index][key]
                case .median: samples[index][key] += other.samples[index][key]
                case .minimum: extremes[index][key] = min(extremes[index][key], other.extremes[index][key])
                case .maximum: extremes[index][key] = max(extremes[index][key], other.extremes[index][key])
                }
            }
        }
    }

    private mutating func add(_ block: Block) {
        counts.withUnsafeMutableBufferPointer { counts in
            for key in block.keys { counts[key] += 1 }
        }
        for index in statistics.indices {
            guard let statistic = statistics[index] else {
                distinct[index]?.insert(records: block.records, keys: block.keys)
                continue
            }
            numericValues[index].withUnsafeBufferPointer { values in
                valueCounts[index].withUnsafeMutableBufferPointer { valueCounts in
                    for (record, key) in zip(block.records, block.keys) where !values[record].isNaN {
                        valueCounts[key] += 1
                    }
                }
                switch statistic {
                case .sum, .mean:
                    totals[index].withUnsafeMutableBufferPointer { totals in
                        for (record, key) in zip(block.records, block.keys) where !values[record].isNaN {
                            totals[key] += values[record]
                        }
                    }
                case .median:
                    for (record, key) in zip(block.records, block.keys) where !values[record].isNaN {
                        samples[index][key].append(values[record])
                    }
                case .minimum, .maximum:
                    let keepsLess = statistic == .minimum
                    extremes[index].withUnsafeMutableBufferPointer { extremes in
                        for (record, key) in zip(block.records, block.keys) where !values[record].isNaN {
                            let value = values[record]
                            extremes[key] = keepsLess ? min(extremes[key], value) : max(extremes[key], value)
                        }
                    }
                }
            }
        }
    }

    /// The value of base measure `index` for a key, as a number (`nil` when the group has no values).
    func value(_ index: Int, key: Int) -> Double? {
        switch kinds[index] {
        case .count: return Double(counts[key])
        case .distinct: return Double(distinct[index]?.count(key: key) ?? 0)
        case .numeric(_, _, let statistic):
            let count = valueCounts[index][key]
            switch statistic {
            case .sum: return totals[index][key]
            case .mean: return count > 0 ? totals[index][key] / Double(count) : nil
            case .median:
                let sorted = samples[index][key].sorted()
                guard !sorted.isEmpty else { return nil }
                let middle = sorted.count / 2
                return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            case .minimum, .maximum: return count > 0 ? extremes[index][key] : nil
            }
        case .derived, .membersAtYearEnd: return nil
        }
    }
}

/// Distinct values per group: a bit per (group, value) when that fits, else a set per group.
struct DistinctSets {
    private let column: DimensionColumn
    private let width: Int
    private var bits: [UInt64]
    private var sets: [Set<Int32>]
    /// Each present code's dense digit, by code (-1 for codes absent from the column).
    private let digitOfCode: ContiguousArray<Int32>

    init(keyCount: Int, column: DimensionColumn) {
        self.column = column
        // Codes are small non-negative integers (city, country, symbol indexes): a flat table maps each present
        // code to a dense digit in code order.
        let present = column.distinctCodes.filter { $0 >= 0 && $0 != DimensionColumn.unknown }
        let digitOfCode = DimensionColumn.positions(of: present, absent: -1)
        let width = present.count
        self.digitOfCode = digitOfCode
        self.width = width
        if keyCount * max(width, 1) <= 1 << 28 {
            bits = [UInt64](repeating: 0, count: (keyCount * max(width, 1) + 63) / 64)
            sets = []
        } else {
            bits = []
            sets = [Set<Int32>](repeating: [], count: keyCount)
        }
    }

    /// Adds each record's values to the set of the key paired with it.
    mutating func insert(records: [Int], keys: [Int]) {
        let (column, digitOfCode, width) = (column, digitOfCode, width)
        guard !bits.isEmpty else {
            for (record, key) in zip(records, keys) {
                Self.forEachDigit(of: record, in: column, digitOfCode) { sets[key].insert($0) }
            }
            return
        }
        bits.withUnsafeMutableBufferPointer { bits in
            for (record, key) in zip(records, keys) {
                Self.forEachDigit(of: record, in: column, digitOfCode) { digit in
                    let bit = key * width + Int(digit)
                    bits[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
        }
    }

    /// Calls `body` with the digit of each of a record's codes that the column has.
    private static func forEachDigit(
        of record: Int, in column: DimensionColumn, _ digitOfCode: ContiguousArray<Int32>, _ body: (Int32) -> Void
    ) {
        for position in Int(column.offsets[record])..<Int(column.offsets[record + 1]) {
            let code = column.codes[position]
            guard code >= 0, Int(code) < digitOfCode.count else { continue }
            body(digitOfCode[Int(code)])
        }
    }

    /// Adds the values another set of the same column and keys holds.
    mutating func formUnion(_ other: DistinctSets) {
        for word in bits.indices { bits[word] |= other.bits[word] }
        for key in sets.indices { sets[key].formUnion(other.sets[key]) }
    }

    func count(key: Int) -> Int {
        guard !bits.isEmpty else { return sets[key].count }
        var total = 0
        var bit = key * width
        let end = bit + width
        while bit < end {
            let word = bit >> 6
            let offset = bit & 63
            let take = min(64 - offset, end - bit)
            let mask: UInt64 = take == 64 ? .max : ((1 << UInt64(take)) - 1) << UInt64(offset)
            total += (bits[word] & mask).nonzeroBitCount
            bit += take
        }
        return total
    }
}

/// The elements of an array, each changed by a thread of its own.
struct DisjointSlots<Element>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Element>

    /// Calls `body` with each element's position and the element, on as many threads at once as there are
    /// elements (or cores); each call changes only its own element.
    static func forEach(in elements: inout [Element], _ body: @Sendable (Int, inout Element) -> Void) {
        elements.withUnsafeMutableBufferPointer { buffer in
            let slots = DisjointSlots(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: buffer.count) { index in body(index, &slots.buffer[index]) }
        }
    }
}

/// Dimension and numeric columns of one source, each computed once.
struct ColumnCache {
    let dataset: Dataset
    let source: String
    private var dimensions: [Dimension: DimensionColumn] = [:]
    private var identities: [Dimension: DimensionColumn] = [:]
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

    /// A column whose codes only tell values apart (no labels, no order): what `distinct` counts.
    mutating func identity(_ dimension: Dimension) -> DimensionColumn {
        if let column = dimensions[dimension] { return column }
        if let column = identities[dimension] { return column }
        let column = dataset.identityColumn(dimension, of: source)
        identities[dimension] = column
        return column
    }

    /// Computes the columns an aggregate reads (its dimensions, distinct and numeric measures) side by side, each
    /// on a thread, so that a large aggregation does not build them one after another.
    mutating func prepare(for spec: AggregateSpec) {
        enum Request: Sendable, Hashable {
            case dimension(Dimension)
            case identity(Dimension)
            case numeric(NumericField)
        }
        enum Column: Sendable {
            case none
            case dimension(DimensionColumn)
            case numbers(ContiguousArray<Double>)
        }
        var requests = spec.groupBy.map { Request.dimension($0.dimension) }
        for measure in spec.measures {
            switch measure.measure {
            case .distinct(let dimension): requests.append(.identity(dimension))
            case .sum(let field), .mean(let field), .median(let field), .minimum(let field), .maximum(let field):
                requests.append(.numeric(field))
            default: break
            }
        }
        var distinct: [Request] = []
        for request in requests where !distinct.contains(request) { distinct.append(request) }
        let unique = distinct
        var built = [Column](repeating: .none, count: unique.count)
        let (dataset, source) = (self.dataset, self.source)
        DisjointSlots.forEach(in: &built) { index, column in
            switch unique[index] {
            case .dimension(let dimension): column = .dimension(dataset.column(dimension, of: source))
            case .identity(let dimension): column = .dimension(dataset.identityColumn(dimension, of: source))
            case .numeric(let field): column = .numbers(dataset.numericColumn(field, of: source))
            }
        }
        for (request, column) in zip(unique, built) {
            switch (request, column) {
            case (.dimension(let dimension), .dimension(let values)): dimensions[dimension] = values
            case (.identity(let dimension), .dimension(let values)): identities[dimension] = values
            case (.numeric(let field), .numbers(let values)): numerics[field] = values
            default: break
            }
        }
    }

    mutating func numeric(_ field: NumericField) -> ContiguousArray<Double> {
        if let column = numerics[field] { return column }
        let column = dataset.numericColumn(field, of: source)
        numerics[field] = column
        return column
    }
}
