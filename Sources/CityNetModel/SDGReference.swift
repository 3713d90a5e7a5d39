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
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(SDGParseError) in try parse(bytes: bytes) }
        }
        return try result.get()
    }

    /// Parses the UTF-8 bytes of a value, in the forms of ``parse(_:)``, without making a `String` unless the
    /// value is not an SDG.
    ///
    /// - Throws: ``SDGParseError`` naming what is wrong.
    public static func parse(bytes: UnsafeBufferPointer<UInt8>) throws(SDGParseError) -> SDGReference {
        let count = bytes.count
        var index = 0
        while index < count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        if let prefix = prefixLength(bytes, at: index) {
            index += prefix
            while index < count,
                bytes[index] == 0x20 || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "#")
            {
                index += 1
            }
        }
        let digitsStart = index
        var number = 0
        while index < count, isDigit(bytes[index]) {
            number = index - digitsStart < 3 ? number * 10 + Int(bytes[index] - 0x30) : number
            index += 1
        }
        guard index > digitsStart, index - digitsStart <= 3 else {
            throw .notAnSDG(String(decoding: bytes, as: UTF8.self))
        }
        guard let goal = SDGGoal(number) else { throw .noSuchGoal(number) }

        var suffix: Range<Int>?
        if index + 1 < count, bytes[index] == UInt8(ascii: "."), isDigit(bytes[index + 1]) || isLetter(bytes[index + 1])
        {
            var end = index + 2
            if isDigit(bytes[index + 1]) { while end < count, isDigit(bytes[end]) { end += 1 } }
            suffix = index + 1..<end
            index = end
        }
        guard index == count || isTitleSeparator(bytes[index]) else {
            throw .notAnSDG(String(decoding: bytes, as: UTF8.self))
        }
        guard let suffix else { return .goal(goal) }
        let code = UnsafeBufferPointer(rebasing: bytes[suffix])
        guard let target = SDGTarget.target(goal: goal, suffix: code) else {
            throw .noSuchTarget(goal: goal, suffix: String(decoding: code, as: UTF8.self).lowercased())
        }
        return .target(target)
    }

    /// The length of the prefix `sdg`, `goal` or `target` (in any case) at `index`, if one is there.
    @inline(__always)
    private static func prefixLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard index < bytes.count, !isDigit(bytes[index]) else { return nil }
        let prefix: StaticString
        switch bytes[index] | 0x20 {
        case UInt8(ascii: "s"): prefix = "sdg"
        case UInt8(ascii: "g"): prefix = "goal"
        case UInt8(ascii: "t"): prefix = "target"
        default: return nil
        }
        let length = prefix.utf8CodeUnitCount
        guard bytes.count - index >= length else { return nil }
        for offset in 0..<length where !caseFoldedEqual(bytes[index + offset], prefix.utf8Start[offset]) {
            return nil
        }
        return length
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
