/// A property records can be grouped and filtered by.
public enum Dimension: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case city
    case country
    case region
    case subregion
    case network
    case field
    case organisation
    case status
    case year
    case sdg
    case sdgTarget = "sdg_target"
    case theme

    /// The dimension a pipeline file names; `joined` is another name for `year`.
    public init?(named name: String) {
        if name == "joined" {
            self = .year
        } else {
            self.init(rawValue: name)
        }
    }

    /// Whether a record can have several values (it then counts once in each of its groups).
    public var isMultiValued: Bool {
        switch self {
        case .country, .region, .subregion, .sdg, .sdgTarget, .theme: true
        default: false
        }
    }

    /// Whether the dimension's values are numbers in a natural order (years).
    public var isNumeric: Bool { self == .year }

    public static func < (lhs: Dimension, rhs: Dimension) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// A numeric property of records that measures sum, average and compare.
public enum NumericField: String, Sendable, Hashable, CaseIterable {
    case beneficiaries
    case budget
    case year

    /// The field a pipeline file names; `joined` is another name for `year`.
    public init?(named name: String) {
        if name == "joined" {
            self = .year
        } else {
            self.init(rawValue: name)
        }
    }
}

/// The values of one dimension for every record of a source, as small integer codes.
///
/// Record `i` has the codes `codes[offsets[i]..<offsets[i + 1]]`; a record with no value has the single
/// code ``unknown``. Codes sort in the dimension's natural order (years by number, SDGs by goal,
/// regions in UNESCO's order, names alphabetically), with ``unknown`` last.
public struct DimensionColumn: Sendable {
    /// The code of a missing value, labelled `Unknown`.
    public static let unknown = Int32.max

    /// The dimension.
    public let dimension: Dimension
    /// Where each record's codes start; one more entry than there are records.
    public let offsets: ContiguousArray<Int32>
    /// The codes of all records, one after another.
    public let codes: ContiguousArray<Int32>
    /// The value of each code as a table cell.
    public let labels: [Int32: Cell]
    /// The distinct codes of the column, sorted (``unknown`` last).
    public let distinctCodes: [Int32]

    /// Creates a column; its distinct codes are worked out from `codes` unless given.
    public init(
        dimension: Dimension, offsets: ContiguousArray<Int32>, codes: ContiguousArray<Int32>, labels: [Int32: Cell],
        distinctCodes: [Int32]? = nil
    ) {
        self.dimension = dimension
        self.offsets = offsets
        self.codes = codes
        self.labels = labels
        self.distinctCodes = distinctCodes ?? Self.distinct(codes)
    }

    /// The number of records.
    public var recordCount: Int { offsets.count - 1 }

    /// A flat table from each of `codes` (sorted, non-negative, ``unknown`` skipped) to its position among
    /// `codes`, and `absent` for every other code up to the largest.
    public static func positions(of codes: [Int32], absent: Int32) -> ContiguousArray<Int32> {
        let largest = codes.last { $0 != unknown } ?? -1
        var table = ContiguousArray<Int32>(repeating: absent, count: Int(largest) + 1)
        for (position, code) in codes.enumerated() where code != unknown { table[Int(code)] = Int32(position) }
        return table
    }

    /// The distinct values of `codes`, sorted: through a bitmap when they are small non-negative integers (ids,
    /// goals, years, with ``unknown``), which they usually are, so that a million codes need no hashing.
    public static func distinct(_ codes: ContiguousArray<Int32>) -> [Int32] {
        var smallest = Int32.max
        var largest = Int32.min
        var hasUnknown = false
        for code in codes {
            if code == unknown {
                hasUnknown = true
            } else {
                smallest = min(smallest, code)
                largest = max(largest, code)
            }
        }
        guard smallest <= largest else { return hasUnknown ? [unknown] : [] }
        guard smallest >= 0, largest < 1 << 24 else { return Set(codes).sorted() }
        var seen = [Bool](repeating: false, count: Int(largest) + 1)
        for code in codes where code != unknown { seen[Int(code)] = true }
        var result = seen.indices.filter { seen[$0] }.map(Int32.init)
        if hasUnknown { result.append(unknown) }
        return result
    }

    /// The codes of record `index`.
    public func codes(ofRecord index: Int) -> ArraySlice<Int32> {
        codes[Int(offsets[index])..<Int(offsets[index + 1])]
    }

    /// The cell of a code (`Unknown` for ``unknown``).
    public func cell(for code: Int32) -> Cell {
        if code == Self.unknown { return .text("Unknown") }
        return labels[code] ?? (dimension.isNumeric || dimension == .sdg ? .integer(Int(code)) : .null)
    }
}
