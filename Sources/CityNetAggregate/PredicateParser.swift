import CityNetModel

/// Why a `where` expression cannot be parsed: the message and the 0-based character offset.
public struct PredicateSyntaxError: Error, Sendable, Hashable {
    /// What is wrong and what was expected.
    public var message: String
    /// Where in the expression, in characters.
    public var offset: Int
}

/// Parses `where` expressions.
///
/// Grammar: `or` of `and` of `not`-able terms; a term is `( expr )`, `operand op literal` or
/// `operand in [literal, …]`; operands are dimensions or numeric fields; literals are numbers or quoted
/// text (`'Africa'`, `"Arab States"`) or a bare word.
public struct PredicateParser {
    private var tokens: [Token] = []
    private var position = 0

    private enum Kind: Equatable {
        case word(String)
        case number(Double)
        case string(String)
        case symbol(String)
        case end
    }

    private struct Token {
        var kind: Kind
        var offset: Int
    }

    /// Parses an expression.
    ///
    /// - Throws: ``PredicateSyntaxError`` naming what was expected where.
    public static func parse(_ text: String) throws(PredicateSyntaxError) -> Predicate {
        var parser = PredicateParser()
        parser.tokens = try tokenize(text)
        let predicate = try parser.disjunction()
        guard case .end = parser.current.kind else {
            throw PredicateSyntaxError(
                message: "expected 'and', 'or' or the end of the expression", offset: parser.current.offset)
        }
        return predicate
    }

    private var current: Token { tokens[position] }

    private mutating func disjunction() throws(PredicateSyntaxError) -> Predicate {
        var left = try conjunction()
        while current.kind == .word("or") {
            position += 1
            left = .or(left, try conjunction())
        }
        return left
    }

    private mutating func conjunction() throws(PredicateSyntaxError) -> Predicate {
        var left = try negation()
        while current.kind == .word("and") {
            position += 1
            left = .and(left, try negation())
        }
        return left
    }

    private mutating func negation() throws(PredicateSyntaxError) -> Predicate {
        if current.kind == .word("not") {
            position += 1
            return .not(try negation())
        }
        if current.kind == .symbol("(") {
            position += 1
            let inner = try disjunction()
            guard current.kind == .symbol(")") else {
                throw PredicateSyntaxError(message: "expected ')'", offset: current.offset)
            }
            position += 1
            return inner
        }
        return try comparison()
    }

    private mutating func comparison() throws(PredicateSyntaxError) -> Predicate {
        let operandToken = current
        guard case .word(let name) = operandToken.kind else {
            throw PredicateSyntaxError(message: "expected a dimension or field name", offset: operandToken.offset)
        }
        let operand: Operand
        if let dimension = Dimension(named: name) {
            operand = dimension == .year ? .field(.year) : .dimension(dimension)
        } else if let field = NumericField(named: name) {
            operand = .field(field)
        } else {
            let known = (Dimension.allCases.map(\.rawValue) + NumericField.allCases.map(\.rawValue) + ["joined"])
            let unique = known.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            throw PredicateSyntaxError(
                message: "unknown dimension or field '\(name)' (expected one of \(unique.joined(separator: ", ")))",
                offset: operandToken.offset
            )
        }
        position += 1
        if current.kind == .word("in") {
            position += 1
            guard current.kind == .symbol("[") else {
                throw PredicateSyntaxError(message: "expected '[' after 'in'", offset: current.offset)
            }
            position += 1
            var literals: [Literal] = []
            while current.kind != .symbol("]") {
                literals.append(try literal())
                if current.kind == .symbol(",") {
                    position += 1
                } else if current.kind != .symbol("]") {
                    throw PredicateSyntaxError(message: "expected ',' or ']'", offset: current.offset)
                }
            }
            position += 1
            return .membership(operand, literals)
        }
        guard case .symbol(let symbol) = current.kind, let comparator = ComparisonOperator(rawValue: symbol) else {
            throw PredicateSyntaxError(
                message: "expected a comparison (==, !=, <, <=, >, >=) or 'in' after '\(name)'", offset: current.offset
            )
        }
        position += 1
        return .comparison(operand, comparator, try literal())
    }

    private mutating func literal() throws(PredicateSyntaxError) -> Literal {
        defer { position += 1 }
        switch current.kind {
        case .number(let number): return .number(number)
        case .string(let text): return .text(text)
        case .word(let word) where !["and", "or", "not", "in"].contains(word): return .text(word)
        default: throw PredicateSyntaxError(message: "expected a number or a quoted value", offset: current.offset)
        }
    }

    private static func tokenize(_ text: String) throws(PredicateSyntaxError) -> [Token] {
        let characters = Array(text)
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespace {
                index += 1
            } else if character == "'" || character == "\"" {
                index += 1
                while index < characters.count, characters[index] != character { index += 1 }
                guard index < characters.count else {
                    throw PredicateSyntaxError(message: "unterminated quoted value", offset: start)
                }
                tokens.append(Token(kind: .string(String(characters[(start + 1)..<index])), offset: start))
                index += 1
            } else if character.isNumber
                || (character == "-" && index + 1 < characters.count && characters[index + 1].isNumber)
            {
                index += 1
                while index < characters.count, characters[index].isNumber || characters[index] == "." { index += 1 }
                let literal = String(characters[start..<index])
                guard let number = Double(literal) else {
                    throw PredicateSyntaxError(message: "'\(literal)' is not a number", offset: start)
                }
                tokens.append(Token(kind: .number(number), offset: start))
            } else if character.isLetter || character == "_" {
                while index < characters.count,
                    characters[index].isLetter || characters[index].isNumber || characters[index] == "_"
                {
                    index += 1
                }
                tokens.append(Token(kind: .word(String(characters[start..<index])), offset: start))
            } else if "=!<>".contains(character) {
                index += 1
                if index < characters.count, characters[index] == "=" { index += 1 }
                let symbol = String(characters[start..<index])
                guard ComparisonOperator(rawValue: symbol) != nil else {
                    throw PredicateSyntaxError(
                        message: "unknown operator '\(symbol)' (expected ==, !=, <, <=, >, >=)", offset: start)
                }
                tokens.append(Token(kind: .symbol(symbol), offset: start))
            } else if "()[],".contains(character) {
                index += 1
                tokens.append(Token(kind: .symbol(String(character)), offset: start))
            } else {
                throw PredicateSyntaxError(message: "unexpected character '\(character)'", offset: start)
            }
        }
        tokens.append(Token(kind: .end, offset: characters.count))
        return tokens
    }
}
