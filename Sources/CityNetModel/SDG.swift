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
    public var targets: [SDGTarget] {
        Self.targetSuffixes[number - 1].map { SDGTarget(goal: self, suffix: $0) }
    }

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

    fileprivate init(goal: SDGGoal, suffix: String) {
        self.goal = goal
        self.suffix = suffix
    }

    /// The target with a goal and suffix, or `nil` when the goal has no such target.
    public init?(goal: SDGGoal, code suffix: String) {
        let lowered = suffix.lowercased()
        guard SDGGoal.targetSuffixes[goal.number - 1].contains(lowered) else { return nil }
        self.init(goal: goal, suffix: lowered)
    }

    /// Every target in official order.
    public static let all: [SDGTarget] = SDGGoal.all.flatMap(\.targets)

    /// The target's position in ``all`` (0-168), for compact sets.
    public var index: Int { Self.indexByCode[description] ?? 0 }

    /// `4.a`.
    public var description: String { "\(goal.number).\(suffix)" }

    private static let indexByCode: [String: Int] = Dictionary(
        uniqueKeysWithValues: all.enumerated().map { ($0.element.description, $0.offset) }
    )

    public static func < (lhs: SDGTarget, rhs: SDGTarget) -> Bool { lhs.index < rhs.index }
}
