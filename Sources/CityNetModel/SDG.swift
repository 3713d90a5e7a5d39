/// One of the 17 Sustainable Development Goals.
public struct SDGGoal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The goal number, 1 to 17.
    public let number: Int

    /// The goal with a number, or `nil` outside 1-17.
    public init?(_ number: Int) {
        guard (1...17).contains(number) else { return nil }
        self.number = number
    }

    /// Every goal in order.
    public static let all: [SDGGoal] = (1...17).compactMap(SDGGoal.init)

    /// The official short title (`Quality Education`).
    public var shortTitle: String { Self.titles[number - 1] }

    /// The official colour as `#RRGGBB`.
    public var colour: String { Self.colours[number - 1] }

    /// `SDG 4`.
    public var description: String { "SDG \(number)" }

    /// The goal's targets in official order (`4.1` … `4.7`, `4.a` … `4.c`).
    public var targets: [SDGTarget] { SDGTarget.all.filter { $0.goal == self } }

    public static func < (lhs: SDGGoal, rhs: SDGGoal) -> Bool { lhs.number < rhs.number }

    private static let titles = [
        "No Poverty", "Zero Hunger", "Good Health and Well-being", "Quality Education", "Gender Equality",
        "Clean Water and Sanitation", "Affordable and Clean Energy", "Decent Work and Economic Growth",
        "Industry, Innovation and Infrastructure", "Reduced Inequalities", "Sustainable Cities and Communities",
        "Responsible Consumption and Production", "Climate Action", "Life Below Water", "Life on Land",
        "Peace, Justice and Strong Institutions", "Partnerships for the Goals",
    ]

    private static let colours = [
        "#E5243B", "#DDA63A", "#4C9F38", "#C5192D", "#FF3A21", "#26BDE2", "#FCC30B", "#A21942", "#FD6925",
        "#DD1367", "#FD9D24", "#BF8B2E", "#3F7E44", "#0A97D9", "#56C02B", "#00689D", "#19486A",
    ]

    /// The suffixes of each goal's targets, from the UN's list of 169 targets.
    static let targetSuffixes: [[String]] = [
        ["1", "2", "3", "4", "5", "a", "b"],
        ["1", "2", "3", "4", "5", "a", "b", "c"],
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d"],
        ["1", "2", "3", "4", "5", "6", "7", "a", "b", "c"],
        ["1", "2", "3", "4", "5", "6", "a", "b", "c"],
        ["1", "2", "3", "4", "5", "6", "a", "b"],
        ["1", "2", "3", "a", "b"],
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "a", "b"],
        ["1", "2", "3", "4", "5", "a", "b", "c"],
        ["1", "2", "3", "4", "5", "6", "7", "a", "b", "c"],
        ["1", "2", "3", "4", "5", "6", "7", "a", "b", "c"],
        ["1", "2", "3", "4", "5", "6", "7", "8", "a", "b", "c"],
        ["1", "2", "3", "a", "b"],
        ["1", "2", "3", "4", "5", "6", "7", "a", "b", "c"],
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c"],
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "a", "b"],
        (1...19).map(String.init),
    ]
}

/// One of the 169 SDG targets (`4.1`, `11.a`).
public struct SDGTarget: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The goal the target belongs to.
    public let goal: SDGGoal
    /// The part after the dot: a number or a letter.
    public let suffix: String
    /// The target's position in ``all`` (0-168), for compact sets.
    public let index: Int

    private init(goal: SDGGoal, suffix: String, index: Int) {
        self.goal = goal
        self.suffix = suffix
        self.index = index
    }

    /// The target with a goal and suffix, or `nil` when the goal has no such target.
    public init?(goal: SDGGoal, code suffix: String) {
        var suffix = suffix
        guard let target = suffix.withUTF8({ Self.target(goal: goal, suffix: $0) }) else { return nil }
        self = target
    }

    /// The target of a goal with a suffix as bytes (a number without leading zeros, or a letter in either case),
    /// or `nil` when the goal has no such target: a lookup in a table, no `String` made.
    @inline(__always)
    public static func target(goal: SDGGoal, suffix: UnsafeBufferPointer<UInt8>) -> SDGTarget? {
        guard let column = column(of: suffix) else { return nil }
        let index = positions[goal.number * columns + column]
        return index >= 0 ? all[Int(index)] : nil
    }

    /// Every target in official order.
    public static let all: [SDGTarget] = {
        var targets: [SDGTarget] = []
        for goal in SDGGoal.all {
            for suffix in SDGGoal.targetSuffixes[goal.number - 1] {
                targets.append(SDGTarget(goal: goal, suffix: suffix, index: targets.count))
            }
        }
        return targets
    }()

    /// `4.a`.
    public var description: String { "\(goal.number).\(suffix)" }

    public static func < (lhs: SDGTarget, rhs: SDGTarget) -> Bool { lhs.index < rhs.index }

    /// Columns of ``positions`` per goal: numeric suffixes 0-19, then the letters a-z.
    private static let columns = 46

    /// Each target's index in ``all`` by goal number and suffix column, -1 where the goal has none.
    private static let positions: [Int16] = {
        var table = [Int16](repeating: -1, count: 18 * columns)
        for target in all {
            var suffix = target.suffix
            if let column = suffix.withUTF8(column(of:)) {
                table[target.goal.number * columns + column] = Int16(target.index)
            }
        }
        return table
    }()

    /// The column of a suffix: its number (below 20, no leading zero) or 20 plus its letter's place.
    @inline(__always)
    private static func column(of suffix: UnsafeBufferPointer<UInt8>) -> Int? {
        func digit(_ byte: UInt8) -> Int? { (0x30...0x39).contains(byte) ? Int(byte - 0x30) : nil }
        switch suffix.count {
        case 1:
            if let value = digit(suffix[0]) { return value }
            let letter = suffix[0] | 0x20
            return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(letter) ? 20 + Int(letter - UInt8(ascii: "a")) : nil
        case 2:
            guard let tens = digit(suffix[0]), tens > 0, let units = digit(suffix[1]) else { return nil }
            let value = tens * 10 + units
            return value < 20 ? value : nil
        default:
            return nil
        }
    }
}
