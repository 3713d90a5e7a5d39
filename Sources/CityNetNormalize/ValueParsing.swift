import CityNetModel

/// Reads numbers and years straight from bytes.
enum ValueParsing {
    /// A year from `2019`, `2019-05-04`, `2019-05-04T10:00:00Z`, `04/05/2019`, `05/2019` or `4.5.2019`.
    static func year(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        guard count >= 4 else { return nil }
        if isDigits(bytes, 0..<4), count == 4 || !isDigit(bytes[4]) {
            if count > 4,
                !(bytes[4] == UInt8(ascii: "-") || bytes[4] == UInt8(ascii: "/") || bytes[4] == UInt8(ascii: "."))
            {
                return nil
            }
            return number(bytes, 0..<4)
        }
        if count > 4, isDigits(bytes, (count - 4)..<count) {
            let separator = bytes[count - 5]
            if separator == UInt8(ascii: "/") || separator == UInt8(ascii: "-") || separator == UInt8(ascii: ".") {
                return number(bytes, (count - 4)..<count)
            }
        }
        return nil
    }

    /// A whole number, with the locale's thousands separators (and spaces) allowed between digits.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, locale: NumberLocale) -> Int? {
        var value = 0
        var digits = 0
        var negative = false
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        while index < bytes.count {
            let byte = bytes[index]
            if isDigit(byte) {
                let (product, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                value = product + Int(byte - 0x30)
                digits += 1
                index += 1
            } else if digits > 0, let width = separatorWidth(bytes, index, locale: locale) {
                index += width
                guard index < bytes.count, isDigit(bytes[index]) else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        return negative ? -value : value
    }

    /// A decimal number in the locale's notation (thousands separators allowed, one decimal mark).
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, locale: NumberLocale) -> Double? {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var index = 0
        var sawDecimal = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == locale.decimal, !sawDecimal {
                text.append(UInt8(ascii: "."))
                sawDecimal = true
                index += 1
            } else if !sawDecimal, !text.isEmpty, let width = separatorWidth(bytes, index, locale: locale) {
                index += width
            } else {
                text.append(byte)
                index += 1
            }
        }
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// The width of a thousands separator at `index`: the locale's, a space, a no-break or narrow no-break
    /// space, or `_`.
    private static func separatorWidth(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, locale: NumberLocale) -> Int?
    {
        let byte = bytes[index]
        if byte == locale.thousands || byte == 0x20 || byte == UInt8(ascii: "_") { return 1 }
        if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 { return 2 }
        if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xAF { return 3 }
        return nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    private static func isDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.allSatisfy { isDigit(bytes[$0]) }
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        range.reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) }
    }
}

/// Results of interpreting a field's distinct values, computed once per distinct value.
///
/// Feeds repeat the same country, SDG or theme spellings millions of times; each distinct spelling is interned
/// once (from its bytes, without making a `String`) and its interpretation stored beside it.
struct ValueMemo<Value: Sendable>: Sendable {
    private var values = SymbolTable()
    private var results: [Value?] = []

    /// The interpretation of a value, computing it with `interpret` the first time the value is seen.
    mutating func value(for bytes: UnsafeBufferPointer<UInt8>, interpret: (String) -> Value) -> Value {
        let (slot, known) = lookUp(bytes)
        if let known { return known }
        let result = interpret(String(decoding: bytes, as: UTF8.self))
        store(result, at: slot)
        return result
    }

    /// The slot of a value, and its interpretation if one was stored.
    mutating func lookUp(_ bytes: UnsafeBufferPointer<UInt8>) -> (slot: Int, value: Value?) {
        let slot = Int(values.intern(bytes).index)
        return (slot, slot < results.count ? results[slot] : nil)
    }

    /// Stores the interpretation of the value in `slot` (from ``lookUp(_:)``).
    mutating func store(_ value: Value, at slot: Int) {
        if slot >= results.count { results.append(contentsOf: repeatElement(nil, count: slot + 1 - results.count)) }
        results[slot] = value
    }
}

/// The plain forms of SDG values read straight from their bytes, as the codes the normaliser keeps: a goal's
/// number, or ``targetBase`` plus a target's index in ``CityNetModel/SDGTarget/all``.
///
/// Feeds mostly write `4`, `4.1`, `11.a`, `SDG 11` or `Goal 8`: these take a few byte comparisons instead of a
/// table lookup. Anything else (a title after the code, a leading zero, an upper-case letter, a goal or target
/// that does not exist) gives `nil`, and the caller reads it with ``CityNetModel/SDGReference/parse(_:)``.
/// A normaliser keeps one reader: its table is read for every value, where a global would be checked for
/// initialisation on each read.
struct SDGCode: Sendable {
    /// Where target codes start.
    static let targetBase: Int32 = 100

    /// Columns of ``targetIndex`` per goal: numeric suffixes 0-19, then the letters a-z.
    private static let lettersColumn: Int32 = 20
    private static let columns = 46
    /// Each target's index in ``CityNetModel/SDGTarget/all`` by goal and suffix column, -1 where none.
    private let targetIndex: ContiguousArray<Int32>

    /// A reader with its table of targets.
    init() {
        var table = ContiguousArray<Int32>(repeating: -1, count: 18 * Self.columns)
        for (index, target) in SDGTarget.all.enumerated() {
            let suffix = Array(target.suffix.utf8)
            let column =
                suffix.allSatisfy { (0x30...0x39).contains($0) }
                ? Int(target.suffix) ?? 0 : Int(Self.lettersColumn) + Int(suffix[0] - UInt8(ascii: "a"))
            table[target.goal.number * Self.columns + column] = Int32(index)
        }
        targetIndex = table
    }

    /// The code of a plain form, or `nil`.
    func plain(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let count = bytes.count
        guard count > 0 else { return nil }
        let start: Int
        switch bytes[0] {
        case UInt8(ascii: "S"): start = Self.length(of: "SDG ", at: bytes)
        case UInt8(ascii: "G"): start = Self.length(of: "Goal ", at: bytes)
        case UInt8(ascii: "T"): start = Self.length(of: "Target ", at: bytes)
        default: start = 0
        }
        guard let (goal, afterGoal) = Self.number(bytes, from: start), (1...17).contains(goal) else { return nil }
        guard afterGoal < count else { return goal }
        guard bytes[afterGoal] == UInt8(ascii: "."), afterGoal + 1 < count else { return nil }
        let suffixStart = afterGoal + 1
        let column: Int
        if let (suffix, end) = Self.number(bytes, from: suffixStart), end == count, suffix < Self.lettersColumn {
            column = Int(suffix)
        } else if suffixStart + 1 == count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[suffixStart]) {
            column = Int(Self.lettersColumn) + Int(bytes[suffixStart] - UInt8(ascii: "a"))
        } else {
            return nil
        }
        let target = targetIndex[Int(goal) * Self.columns + column]
        return target >= 0 ? Self.targetBase + target : nil
    }

    /// The length of `prefix` when `bytes` start with it and go on after it, else 0.
    private static func length(of prefix: StaticString, at bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let length = prefix.utf8CodeUnitCount
        guard bytes.count > length else { return 0 }
        for offset in 0..<length where bytes[offset] != prefix.utf8Start[offset] { return 0 }
        return length
    }

    /// A number of one or two digits without a leading zero at `start`, and where it ends.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int32, Int)? {
        func digit(_ offset: Int) -> Int32? {
            guard offset < bytes.count, (0x30...0x39).contains(bytes[offset]) else { return nil }
            return Int32(bytes[offset] - 0x30)
        }
        guard let first = digit(start), first > 0 else { return nil }
        guard let second = digit(start + 1) else { return (first, start + 1) }
        guard digit(start + 2) == nil else { return nil }
        return (first * 10 + second, start + 2)
    }
}
