import CityNetModel
import Testing

struct TextFoldingTests {
    @Test(arguments: [
        ("Medellín", "medellin"), ("MEDELLIN", "medellin"), ("Medellin", "medellin"), ("Sønderborg", "sonderborg"),
        ("SØnderborg", "sonderborg"), ("Saint-Étienne", "saint etienne"), ("  Petaling   Jaya ", "petaling jaya"),
        ("Łódź", "lodz"), ("N'Zérékoré", "nzerekore"),
    ])
    func cityNamesFoldToOneKey(name: String, key: String) {
        #expect(City.key(for: name) == key)
    }

    @Test func compactKeysDropPunctuationAndSpaces() {
        #expect(TextFolding.compactKey("Korea, Rep.") == "korearep")
        #expect(TextFolding.compactKey("Côte d’Ivoire") == "cotedivoire")
    }

    @Test func editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        #expect(TextFolding.editDistance("kitten", "sitting") == 3)
        #expect(TextFolding.editDistance("", "abc") == 3)
        #expect(TextFolding.editDistance("same", "same") == 0)
        #expect(TextFolding.editDistance("cvs", "csv") == 1)
    }

    @Test func closestSuggestsOnlyPlausibleMisspellings() {
        #expect(TextFolding.closest(to: "Columbia", among: ["Colombia", "Bolivia"]) == "Colombia")
        #expect(TextFolding.closest(to: "Atlantis", among: ["Colombia", "Bolivia"]) == nil)
    }
}
