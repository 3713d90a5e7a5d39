import CityNetTestSupport
import Foundation
import Testing

/// `citynet inspect` shows how a file reads, so that a user can write its mapping.
struct InspectCommandTests {
    func inspect(_ arguments: [String]) throws -> CitynetBinary.Result {
        try CitynetBinary.run(["inspect"] + arguments, in: TestPaths.packageRoot())
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// How often `pattern` occurs in a file: an independent count to compare the survey's with.
    func occurrences(of pattern: String, in url: URL) throws -> Int {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try NSRegularExpression(pattern: pattern).numberOfMatches(
            in: text, range: NSRange(text.startIndex..., in: text))
    }

    @Test func aRealIATIFileListsItsRecipientCountriesAndSectorVocabulariesWithCounts() throws {
        guard let data = TestPaths.sharedData() else {
            print("skipped: ../shared/data is absent on this machine")
            return
        }
        let file = data.appendingPathComponent("iati/iom_activities_v203.xml")
        let table = try inspect([file.path])
        #expect(table.status == 0)
        let countries = try occurrences(of: "<recipient-country[^>]*\\scode=", in: file)
        let vocabularies = try occurrences(of: "<sector[^>]*\\svocabulary=", in: file)
        #expect(countries > 0 && vocabularies > 0)
        let lines = table.stdout.split(separator: "\n")
        let countryLine = try #require(
            lines.first { $0.hasPrefix("/iati-activities/iati-activity/recipient-country/@code ") })
        #expect(
            countryLine.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first == "\(countries)"[...])
        #expect(lines.contains { $0.hasPrefix("/iati-activities/iati-activity/sector/@vocabulary ") })

        let report = try json(try inspect([file.path, "--json"]).stdout)
        #expect(report["complete"] as? Bool == true)
        #expect(
            report["bytes_read"] as? Int == (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        )
        let paths = try #require(report["paths"] as? [[String: Any]])
        let count = { (path: String) in paths.first { $0["path"] as? String == path }?["count"] as? Int }
        #expect(count("/iati-activities/iati-activity/recipient-country/@code") == countries)
        #expect(count("/iati-activities/iati-activity/sector/@vocabulary") == vocabularies)
    }

    @Test func aLargeXMLFileIsSurveyedFromItsFirst16MBUnlessAllIsAsked() throws {
        let folder = TestPaths.temporaryFolder("inspect")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.xml")
        var text = "<items>\n"
        let item = "<item id=\"1\"><name>\(String(repeating: "n", count: 100))</name></item>\n"
        while text.utf8.count < 18_000_000 { text += String(repeating: item, count: 1000) }
        text += "</items>\n"
        try Data(text.utf8).write(to: file)

        let prefix = try json(try inspect([file.path, "--json"]).stdout)
        #expect(prefix["complete"] as? Bool == false)
        #expect(prefix["bytes_read"] as? Int == 16 << 20)
        let whole = try json(try inspect([file.path, "--json", "--all"]).stdout)
        #expect(whole["complete"] as? Bool == true)
        #expect(whole["bytes_read"] as? Int == text.utf8.count)
        let paths = try #require(whole["paths"] as? [[String: Any]])
        let items = paths.first { $0["path"] as? String == "/items/item" }?["count"] as? Int
        #expect(items == text.utf8.count / item.utf8.count)
    }

    @Test func aMessyCSVFileShowsItsDialectEncodingAndEveryBadRow() throws {
        let folder = TestPaths.temporaryFolder("inspect")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cities.csv")
        var bytes = Array("Name;Country;Year\r\n\"Cork\";Ireland;2015\r\nM".utf8)
        bytes += [0xE9] + Array("rida;Mexico;20x\r\n\"bad;Spain;2019\r\nOsaka;Japan;2019;extra\r\n".utf8)
        try Data(bytes).write(to: file)

        let report = try json(try inspect([file.path, "--json"]).stdout)
        #expect(report["encoding"] as? String == "windows-1252")
        #expect(report["delimiter"] as? String == ";")
        #expect(report["header_line"] as? Int == 1)
        #expect(report["rows"] as? Int == 4)
        let bad = try #require(report["bad_rows"] as? [[String: Any]])
        #expect(bad.map { $0["line"] as? Int } == [4, 5])

        let listed = try inspect([file.path, "--rows"])
        #expect(listed.stderr.contains("cities.csv:3:2: warning: not valid UTF-8 (byte 0xE9)"))
        let rows = try listed.stdout.split(separator: "\n").map { try json(String($0)) }
        #expect(rows.map { $0["line"] as? Int } == [2, 3, 4, 5])
        #expect((rows[1]["fields"] as? [String: String])?["Name"] == "Mérida")
        #expect(rows[3]["error"] as? String == "expected 3 fields, found 4")
    }

    @Test func aFolderOrAWebPageNamedCSVIsAnErrorNotACrash() throws {
        let folder = TestPaths.temporaryFolder("inspect-not-csv")
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = folder.appendingPathComponent("export.csv")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let listed = try inspect([directory.path])
        #expect(listed.status == 66)
        #expect(listed.stderr.contains("error: cannot read \(directory.path): it is a folder"))

        let page = folder.appendingPathComponent("download.csv")
        try Data("<!DOCTYPE html>\n<html><body>404 Not Found</body></html>\n".utf8).write(to: page)
        let read = try inspect([page.path])
        #expect(read.status == 65)
        #expect(read.stderr.contains("is not a CSV file: it looks like a web page (HTML)"))
    }
}
