import CityNetModel

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
            for code in column.distinctCodes { decided[code] = condition(column.cell(for: code)) }
            return (0..<recordCount).map { record in
                column.codes(ofRecord: record).contains { decided[$0] ?? false }
            }
        }
    }
}
