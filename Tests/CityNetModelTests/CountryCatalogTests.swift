import CityNetModel
import Testing

struct CountryCatalogTests {
    let catalog = CountryCatalog.builtin

    @Test func coversEveryISO3166EntryAndKosovo() {
        #expect(catalog.countries.count == 250)
        #expect(Set(catalog.countries.map(\.alpha2)).count == 250)
        #expect(Set(catalog.countries.map(\.alpha3)).count == 250)
        #expect(catalog.resolve("XK").map { catalog[$0].name } == "Kosovo")
        #expect(catalog.countries.allSatisfy { $0.region != nil })
    }

    @Test(arguments: [
        ("Korea, Rep.", "KR"), ("South Korea", "KR"), ("Republic of Korea", "KR"), ("KOR", "KR"), ("kr", "KR"),
        ("Türkiye", "TR"), ("Turkey", "TR"), ("Côte d'Ivoire", "CI"), ("Ivory Coast", "CI"), ("Viet Nam", "VN"),
        ("Vietnam", "VN"), ("Iran (Islamic Republic of)", "IR"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"), ("UK", "GB"), ("Czechia", "CZ"),
        ("Czech Republic", "CZ"), ("Eswatini", "SZ"), ("Swaziland", "SZ"), ("Russian Federation", "RU"),
        ("Bolivia (Plurinational State of)", "BO"), ("Lao People's Democratic Republic", "LA"),
        ("Syrian Arab Republic", "SY"), ("Palestine", "PS"), ("People's Republic of China", "CN"), ("CHN", "CN"),
        ("156", "CN"), ("Brasil", "BR"),
    ])
    func resolvesNamesAliasesAndCodes(text: String, alpha2: String) throws {
        let id = try #require(catalog.resolve(text))
        #expect(catalog[id].alpha2 == alpha2)
    }

    @Test func countsEachCountryInItsElectoralGroupRegion() throws {
        let egypt = catalog[try #require(catalog.resolve("Egypt"))]
        #expect(egypt.region == .arabStates)
        #expect(egypt.secondaryRegion == .africa)
        let turkey = catalog[try #require(catalog.resolve("TR"))]
        #expect(turkey.region == .europeNorthAmerica)
        let mexico = catalog[try #require(catalog.resolve("Mexico"))]
        #expect(mexico.region == .latinAmericaCaribbean)
        #expect(mexico.m49SubRegion == "Latin America and the Caribbean")
    }

    @Test(arguments: [("Columbia", "Colombia"), ("Phillipines", "Philippines"), ("Marocco", "Morocco")])
    func suggestsTheCountryAMisspellingMeans(text: String, suggestion: String) {
        #expect(catalog.resolve(text) == nil)
        #expect(catalog.suggestion(for: text) == suggestion)
    }
}
