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
