public import CityNetModel

/// The order in which a dimension's values appear in tables, from their cells: years and SDGs by number, regions
/// in UNESCO's order, themes in vocabulary order, targets in official order, names alphabetically; `Other`, then
/// `Unknown`, last. The in-memory engine orders by codes with the same result; the SQL engine orders by this.
public struct NaturalOrder: Sendable {
    private let themePositions: [String: Int]

    /// The order for a dataset's theme vocabulary.
    public init(themes: ThemeVocabulary) {
        var positions: [String: Int] = [:]
        for (index, theme) in themes.themes.enumerated() { positions[theme] = index }
        positions["unmapped"] = themes.themes.count
        themePositions = positions
    }

    /// Whether `lhs` comes before `rhs` as values of `dimension`.
    public func precedes(_ lhs: Cell, _ rhs: Cell, in dimension: Dimension) -> Bool {
        let (left, right) = (key(lhs, dimension), key(rhs, dimension))
        if left.group != right.group { return left.group < right.group }
        if left.number != right.number { return left.number < right.number }
        if left.folded != right.folded { return left.folded < right.folded }
        return left.text < right.text
    }

    private func key(_ cell: Cell, _ dimension: Dimension) -> (group: Int, number: Double, folded: String, text: String)
    {
        switch cell {
        case .text("Unknown"), .null: return (3, 0, "", "")
        case .text("Other"): return (2, 0, "", "")
        case .text("Total"): return (4, 0, "", "")
        case .integer(let value): return (0, Double(value), "", "")
        case .decimal(let value): return (0, value, "", "")
        case .text(let text):
            switch dimension {
            case .region: return (0, Double(Region(codeOrName: text)?.rawValue ?? 99), "", text)
            case .theme: return (0, Double(themePositions[text] ?? Int.max), "", text)
            case .sdgTarget: return (0, Double(SDGTarget.all.firstIndex { $0.description == text } ?? 999), "", text)
            case .status: return (0, Double(MembershipStatus(parsing: text)?.rawValue ?? 9), "", text)
            default: return (1, 0, text.lowercased(), text)
            }
        }
    }
}
