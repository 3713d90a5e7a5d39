import CityNetModel
import Testing

@testable import CityNetNormalize

/// The plain SDG forms read from bytes give what the full parser gives, and anything else is left to it.
struct SDGCodeTests {
    private let codes = SDGCode()

    private func plain(_ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { codes.plain($0) }
    }

    private func parsed(_ text: String) -> Int32? {
        switch Result(catching: { () throws(SDGParseError) in try SDGReference.parse(text) }) {
        case .success(.goal(let goal)): Int32(goal.number)
        case .success(.target(let target)): SDGCode.targetBase + Int32(target.index)
        case .failure: nil
        }
    }

    @Test func everyGoalAndTargetInEveryPlainFormReadsAsTheParserReadsIt() {
        var forms: [String] = []
        for goal in SDGGoal.all {
            for prefix in ["", "SDG ", "Goal ", "Target "] {
                forms.append("\(prefix)\(goal.number)")
                forms += goal.targets.map { prefix + $0.description }
            }
        }
        #expect(forms.count == 4 * (17 + 169))
        for form in forms {
            #expect(plain(form) != nil, "\(form)")
            #expect(plain(form) == parsed(form), "\(form)")
        }
    }

    @Test(arguments: [
        "", "0", "18", "04", "4.01", "4.9", "4.e", "4.A", "SDG 4: Quality Education", "SDG4", "sdg 4", "SDG  4",
        "4.", "4.1.2", "123", "Goal", "SDG ", "4 ", "x4", "4a", "S", "Goa 4", "Target",
    ])
    func otherFormsAreLeftToTheParser(text: String) {
        #expect(plain(text) == nil)
    }
}
