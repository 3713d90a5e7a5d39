import CityNetModel
import Testing

struct SDGTests {
    @Test func hasSeventeenGoalsAndTheirOfficialColours() {
        #expect(SDGGoal.all.count == 17)
        #expect(SDGGoal(4)?.shortTitle == "Quality Education")
        #expect(SDGGoal(1)?.colour == "#E5243B")
        #expect(SDGGoal(17)?.colour == "#19486A")
        #expect(SDGGoal(18) == nil)
    }

    @Test func hasAll169Targets() {
        #expect(SDGTarget.all.count == 169)
        #expect(SDGTarget.all.first?.description == "1.1")
        #expect(SDGTarget.all.last?.description == "17.19")
        #expect(SDGTarget.all.map(\.description).contains("4.a"))
    }

    @Test(arguments: [
        ("4", "goal 4"), ("04", "goal 4"), ("SDG 4", "goal 4"), ("SDG4", "goal 4"), ("sdg-4", "goal 4"),
        ("Goal 4", "goal 4"), ("SDG 4: Quality Education", "goal 4"), ("Goal 4. Quality education", "goal 4"),
        ("4.1", "target 4.1"), ("Target 11.a", "target 11.a"), ("SDG 4.7", "target 4.7"), ("11.A", "target 11.a"),
        ("17.19", "target 17.19"),
    ])
    func parsesTheFormsFeedsUse(text: String, expected: String) throws {
        let parsed = try SDGReference.parse(text)
        switch parsed {
        case .goal(let goal): #expect("goal \(goal.number)" == expected)
        case .target(let target): #expect("target \(target)" == expected)
        }
    }

    @Test(arguments: [
        ("18", "SDG 18 does not exist (goals are 1-17)"),
        ("0", "SDG 0 does not exist (goals are 1-17)"),
        ("4.9", "SDG target 4.9 does not exist (goal 4 has targets 4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.7, 4.a, 4.b, 4.c)"),
        ("education", "'education' is not an SDG (expected a goal 1-17 or a target such as 4.1, e.g. 'SDG 4')"),
        ("4x", "'4x' is not an SDG (expected a goal 1-17 or a target such as 4.1, e.g. 'SDG 4')"),
    ])
    func rejectsWhatIsNotAnSDGWithAReason(text: String, message: String) {
        #expect {
            _ = try SDGReference.parse(text)
        } throws: { error in
            (error as? SDGParseError)?.description == message
        }
    }

    @Test func everyGoalAndTargetParsesFromEveryPrefixAndFromItsBytes() throws {
        for goal in SDGGoal.all {
            for prefix in ["", "SDG ", "Goal ", "target ", "SDG-"] {
                #expect(try SDGReference.parse("\(prefix)\(goal.number)") == .goal(goal))
                for target in goal.targets {
                    var text = prefix + target.description.uppercased()
                    #expect(try SDGReference.parse(text) == .target(target))
                    let parsed = text.withUTF8 { bytes in
                        Result { () throws(SDGParseError) in try SDGReference.parse(bytes: bytes) }
                    }
                    #expect(try parsed.get() == .target(target))
                }
            }
        }
    }

    @Test func aTargetIsFoundByItsSuffixInEitherCaseAndNeverWithALeadingZero() throws {
        let goal = try #require(SDGGoal(4))
        #expect(SDGTarget(goal: goal, code: "A")?.description == "4.a")
        #expect(SDGTarget(goal: goal, code: "7")?.description == "4.7")
        #expect(SDGTarget(goal: goal, code: "7")?.index == SDGTarget.all.firstIndex { $0.description == "4.7" })
        #expect(SDGTarget(goal: goal, code: "07") == nil)
        #expect(SDGTarget(goal: goal, code: "d") == nil)
        #expect(SDGTarget(goal: try #require(SDGGoal(17)), code: "19")?.description == "17.19")
        #expect(SDGTarget(goal: try #require(SDGGoal(17)), code: "20") == nil)
        #expect(SDGTarget.all.enumerated().allSatisfy { $0.offset == $0.element.index })
    }
}
