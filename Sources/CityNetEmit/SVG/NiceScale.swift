import CityNetModel
import Foundation

/// A linear scale with "nice" ticks: steps of 1, 2 or 5 times a power of ten.
struct NiceScale {
    let minimum: Double
    let maximum: Double
    let step: Double

    /// A scale from `minimum` covering `maximum` with about `targetTicks` ticks.
    init(minimum: Double = 0, maximum: Double, targetTicks: Int = 5, integerSteps: Bool = true) {
        let span = max(maximum - minimum, integerSteps ? 1 : 1e-9)
        let rough = span / Double(max(targetTicks, 1))
        let magnitude = pow(10, floor(log10(rough)))
        var step = magnitude * 10
        for factor in [1.0, 2.0, 5.0, 10.0] where magnitude * factor >= rough {
            step = magnitude * factor
            break
        }
        if integerSteps { step = max(step, 1) }
        self.step = step
        self.minimum = (minimum / step).rounded(.down) * step
        self.maximum = max((maximum / step).rounded(.up) * step, self.minimum + step)
    }

    var ticks: [Double] {
        var ticks: [Double] = []
        var value = minimum
        while value <= maximum + step / 1000 {
            ticks.append((value / step).rounded() * step)
            value += step
        }
        return ticks
    }

    /// The decimals the tick labels need (none for steps of 1, 2, 5, 10…).
    var tickDecimals: Int { ChartNumber.decimals(for: ticks) }

    /// The width of the widest tick label of a value axis, its values written as a column of `kind` with at most
    /// `decimals` decimals.
    func widestTickLabel(kind: ColumnKind, decimals: Int) -> Double {
        ticks.map {
            TextMetrics.width(
                ChartLabels.value($0, kind: kind, decimals: min(decimals, tickDecimals)), size: ChartCanvas.tickSize)
        }.max() ?? 0
    }

    /// The position of a value between `start` (at the minimum) and `end` (at the maximum).
    func position(of value: Double, from start: Double, to end: Double) -> Double {
        start + (value - minimum) / (maximum - minimum) * (end - start)
    }
}

/// Numbers as charts print them: thousands separators, no needless decimals.
enum ChartNumber {
    static func format(_ value: Double, decimals: Int = 0) -> String {
        let factor = (0..<decimals).reduce(1.0) { value, _ in value * 10 }
        let scaled = Int((abs(value) * factor).rounded())
        let whole = scaled / Int(factor)
        let fraction = scaled % Int(factor)
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        if decimals > 0 {
            let fractionText = String(fraction)
            grouped += "." + String(repeating: "0", count: decimals - fractionText.count) + fractionText
        }
        return (value < 0 && scaled != 0 ? "−" : "") + grouped
    }

    /// How many decimals a set of values needs (0 for whole numbers, else 1 or 2).
    static func decimals(for values: [Double]) -> Int {
        if values.allSatisfy({ $0 == $0.rounded() }) { return 0 }
        if values.allSatisfy({ ($0 * 10) == ($0 * 10).rounded() }) { return 1 }
        return 2
    }
}
