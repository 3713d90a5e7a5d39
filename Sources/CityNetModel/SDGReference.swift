/// A goal or a target, as a value in a feed names it.
public enum SDGReference: Sendable, Hashable {
    case goal(SDGGoal)
    case target(SDGTarget)

    /// The goal, also of a target.
    public var goal: SDGGoal {
        switch self {
        case .goal(let goal): goal
        case .target(let target): target.goal
        }
    }
}

/// Why a value is not an SDG reference.
public enum SDGParseError: Error, Sendable, Hashable, CustomStringConvertible {
    case notAnSDG(String)
    case noSuchGoal(Int)
    case noSuchTarget(goal: SDGGoal, suffix: String)

    public var description: String {
        switch self {
        case .notAnSDG(let text):
            "'\(text)' is not an SDG (expected a goal 1-17 or a target such as 4.1, e.g. 'SDG 4')"
        case .noSuchGoal(let number):
            "SDG \(number) does not exist (goals are 1-17)"
        case .noSuchTarget(let goal, let suffix):
            "SDG target \(goal.number).\(suffix) does not exist (goal \(goal.number) has targets "
                + "\(goal.targets.map(\.description).joined(separator: ", ")))"
        }
    }
}

extension SDGReference {
    /// Parses the forms feeds use: `4`, `04`, `SDG 4`, `SDG4`, `SDG-4`, `Goal 4`, `SDG 4: Quality Education`,
    /// `4.1`, `Target 11.a`, `SDG 4.7`.
    ///
    /// - Throws: ``SDGParseError`` naming what is wrong.
    public static func parse(_ text: String) throws(SDGParseError) -> SDGReference {
        var bytes = Substring(text).utf8.drop { $0 == 0x20 || $0 == 0x09 }
        for prefix in ["sdg", "goal", "target"] where bytes.starts(with: prefix.utf8, by: { caseFoldedEqual($0, $1) }) {
            bytes = bytes.dropFirst(prefix.utf8.count)
            bytes = bytes.drop { $0 == 0x20 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "#") }
            break
        }
        let digits = bytes.prefix { isDigit($0) }
        guard !digits.isEmpty, digits.count <= 3 else { throw .notAnSDG(text) }
        let number = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        bytes = bytes.dropFirst(digits.count)
        guard let goal = SDGGoal(number) else { throw .noSuchGoal(number) }

        var suffix: Substring.UTF8View.SubSequence?
        if bytes.first == UInt8(ascii: "."), let next = bytes.dropFirst().first, isDigit(next) || isLetter(next) {
            let rest = bytes.dropFirst()
            let part = isDigit(next) ? rest.prefix(while: isDigit) : rest.prefix(1)
            suffix = part
            bytes = rest.dropFirst(part.count)
        }
        guard bytes.isEmpty || isTitleSeparator(bytes.first ?? 0) else { throw .notAnSDG(text) }
        guard let suffix else { return .goal(goal) }
        let code = String(decoding: suffix, as: UTF8.self)
        guard let target = SDGTarget(goal: goal, code: code) else {
            throw .noSuchTarget(goal: goal, suffix: code.lowercased())
        }
        return .target(target)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    private static func isLetter(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte | 0x20) }
    private static func isTitleSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ")") || byte >= 0x80
    }
    private static func caseFoldedEqual(_ lhs: UInt8, _ rhs: UInt8) -> Bool { lhs | 0x20 == rhs | 0x20 }
}
