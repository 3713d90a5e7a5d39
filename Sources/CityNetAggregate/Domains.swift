import CityNetModel

/// The full set of values a dimension can take, for `complete: true` (every region × every SDG).
enum Domains {
    /// The codes of every value of a dimension with a fixed domain; `nil` for dimensions whose values are only
    /// those the data has (cities, countries, years…).
    static func all(of dimension: Dimension, dataset: Dataset) -> [Int32]? {
        switch dimension {
        case .region: Region.allCases.map { Int32($0.rawValue) }
        case .sdg: (1...17).map(Int32.init)
        case .sdgTarget: SDGTarget.all.indices.map(Int32.init)
        case .theme: dataset.themes.themes.indices.map(Int32.init)
        case .status: MembershipStatus.allCases.map { Int32($0.rawValue) }
        default: nil
        }
    }
}

/// Chooses the groups top-N keeps: within each combination of the other dimensions, the `count` keys with the
/// largest values of the measure (ties broken by natural order).
enum TopSelection {
    static func keys(top: TopSpec, measure: Int, groups: Accumulation, layout: KeyLayout) -> [Bool] {
        let radix = max(layout.axes.last?.codes.count ?? 1, 1)
        var keep = [Bool](repeating: false, count: layout.keyCount)
        var partitions: [Int: [(key: Int, value: Double)]] = [:]
        for key in 0..<layout.keyCount where groups.counts[key] > 0 {
            partitions[key / radix, default: []].append((key, groups.value(measure, key: key) ?? -.infinity))
        }
        for (_, members) in partitions {
            let chosen = members.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(
                top.count)
            for member in chosen { keep[member.key] = true }
        }
        return keep
    }
}

/// `members_at_year_end`: for each row's year, the memberships that had joined by then and not left.
enum MembersAtYearEnd {
    /// The count for every key of the layout (whose axis `year` is the year).
    static func counts(dataset: Dataset, source: String, layout: KeyLayout, year: Int, included: [Bool]?) -> [Int] {
        guard case .memberships(let memberships) = dataset.sources[source] else {
            return [Int](repeating: 0, count: layout.keyCount)
        }
        let years = layout.axes[year].codes
        var digitOfYear: [Int: Int] = [:]
        for (digit, code) in years.enumerated() where code != DimensionColumn.unknown { digitOfYear[Int(code)] = digit }
        let knownYears = years.filter { $0 != DimensionColumn.unknown }
        guard let firstYear = knownYears.first.map(Int.init), let lastYear = knownYears.last.map(Int.init) else {
            return [Int](repeating: 0, count: layout.keyCount)
        }
        var deltas = [Int](repeating: 0, count: layout.keyCount)
        var scratch: [Int] = []
        for (record, membership) in memberships.enumerated() where included?[record] ?? true {
            guard let joined = membership.joined else { continue }
            // A withdrawn membership without the year it left cannot be placed in time.
            if membership.status == .withdrawn, membership.left == nil { continue }
            layout.forEachKey(ofRecord: record, scratch: &scratch) { groupKey in
                var digits = layout.digits(of: groupKey)
                let start = max(joined, firstYear)
                guard start <= lastYear, let startDigit = digitOfYear[start] else { return }
                digits[year] = startDigit
                deltas[Self.key(from: digits, layout)] += 1
                if let left = membership.left, left <= lastYear, let leftDigit = digitOfYear[max(left, firstYear)] {
                    digits[year] = leftDigit
                    deltas[Self.key(from: digits, layout)] -= 1
                }
            }
        }
        // Running sums along the year axis, within each combination of the other axes.
        var counts = [Int](repeating: 0, count: layout.keyCount)
        for key in 0..<layout.keyCount {
            var digits = layout.digits(of: key)
            let yearDigit = digits[year]
            if years[yearDigit] == DimensionColumn.unknown { continue }
            var previous = 0
            if yearDigit > 0 {
                digits[year] = yearDigit - 1
                previous = counts[Self.key(from: digits, layout)]
            }
            counts[key] = previous + deltas[key]
        }
        return counts
    }

    private static func key(from digits: [Int], _ layout: KeyLayout) -> Int {
        var key = 0
        for (position, digit) in digits.enumerated() { key = key * layout.axes[position].codes.count + digit }
        return key
    }
}

/// The years missing between a group's first and last year, so that running totals step instead of jumping.
enum YearGaps {
    /// Keys with no records whose year lies between the first and last year of their combination of the other
    /// dimensions.
    static func keys(layout: KeyLayout, counts: [Int], year: Int) -> [Bool] {
        var span: [[Int]: (first: Int, last: Int)] = [:]
        for key in 0..<layout.keyCount where counts[key] > 0 {
            var digits = layout.digits(of: key)
            let digit = digits[year]
            if layout.axes[year].codes[digit] == DimensionColumn.unknown { continue }
            digits[year] = 0
            let current = span[digits] ?? (digit, digit)
            span[digits] = (min(current.first, digit), max(current.last, digit))
        }
        var filled = [Bool](repeating: false, count: layout.keyCount)
        for key in 0..<layout.keyCount {
            var digits = layout.digits(of: key)
            let digit = digits[year]
            digits[year] = 0
            if let range = span[digits], range.first <= digit, digit <= range.last { filled[key] = true }
        }
        return filled
    }
}
