import CityNetIngest
import CityNetModel
import CityNetTestSupport
import Foundation
import Testing

func readXML(_ text: String, record: String, fields: [String]) throws -> [RawRecord] {
    let folder = TestPaths.temporaryFolder("xml")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("feed.xml")
    try Data(text.utf8).write(to: url)
    let reader = try XMLReader(path: url.path, displayPath: "feed.xml")
    var records: [RawRecord] = []
    try reader.forEachRecord(
        recordPath: try XMLRecordPath(parsing: record), fields: try fields.map { try XMLFieldPath(parsing: $0) }
    ) { records.append($0.record) }
    return records
}

struct XMLReaderTests {
    let feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <initiatives>
          <initiative id="A1" year="2019">
            <city country="EG">Aswan</city>
            <title>Arts &amp; culture
               for   all</title>
            <sdgs><sdg>SDG 4</sdg><sdg>11</sdg></sdgs>
            <tag vocabulary="2" code="4"/><tag vocabulary="3" code="4.1"/>
            <summary><![CDATA[<b>bold</b> & more]]></summary>
          </initiative>
          <initiative id="A2">
            <city>Chengdu</city>
          </initiative>
        </initiatives>
        """

    @Test func readsAttributesTextRepeatedElementsAndPredicates() throws {
        let records = try readXML(
            feed, record: "/initiatives/initiative",
            fields: [
                "@id", "@year", "city", "city/@country", "title", "sdgs/sdg", "tag[@vocabulary='3']/@code", "summary",
            ]
        )
        #expect(records.count == 2)
        #expect(
            records[0].values == [
                ["A1"], ["2019"], ["Aswan"], ["EG"], ["Arts & culture for all"], ["SDG 4", "11"], ["4.1"],
                ["<b>bold</b> & more"],
            ])
        #expect(records[1].values == [["A2"], [], ["Chengdu"], [], [], [], [], []])
        #expect(records.map(\.location.line) == [3, 11])
    }

    @Test func findsRecordsAnywhereWithDoubleSlash() throws {
        let records = try readXML(feed, record: "//city", fields: ["text()", "@country"])
        #expect(records.map(\.values) == [[["Aswan"], ["EG"]], [["Chengdu"], []]])
    }

    @Test func anAbsolutePathMatchesOnlyAtItsDepth() throws {
        let text = "<root><item><item>inner</item></item><item>outer</item></root>"
        let records = try readXML(text, record: "/root/item", fields: ["."])
        #expect(records.map(\.values) == [[["inner"]], [["outer"]]])
    }

    @Test func malformedXMLStopsWithLibxml2sMessageAndPosition() {
        let text = "<initiatives>\n  <initiative id=\"1\">\n    <title>Unclosed\n  </initiative>\n</initiatives>\n"
        #expect {
            _ = try readXML(text, record: "/initiatives/initiative", fields: ["@id"])
        } throws: { error in
            guard let error = error as? IngestError, case .malformedXML(let location, let message) = error else {
                return false
            }
            return location.file == "feed.xml" && location.line == 4 && location.column != nil
                && message.contains("mismatch") && error.exitStatus == .dataError
        }
    }

    @Test func aTruncatedFileIsMalformed() {
        #expect(throws: IngestError.self) {
            _ = try readXML("<initiatives><initiative id=\"1\">", record: "/initiatives/initiative", fields: ["@id"])
        }
    }

    @Test(arguments: [
        ("a/", "expected an element name, '@attribute', '*' or 'text()'", 2),
        ("@", "expected an attribute name after '@'", 1),
        ("tag[@vocabulary=2]", "expected a quoted value", 16),
        ("@id/x", "an attribute must be the last step", 3),
    ])
    func badFieldPathsSayWhatWasExpectedWhere(path: String, message: String, offset: Int) {
        #expect {
            _ = try XMLFieldPath(parsing: path)
        } throws: { error in
            guard let error = error as? XMLFieldPath.ParseError else { return false }
            return error.message == message && error.offset == offset
        }
    }
}

struct XMLCheckerTests {
    @Test func acceptsAWellFormedDocumentAndNamesTheFirstErrorOfAnother() {
        #expect(XMLChecker.problem(in: Array("<a><b/>text &amp; more</a>".utf8), name: "ok.xml") == nil)
        #expect(
            XMLChecker.problem(in: Array("<a>\n<b></a>".utf8), name: "bad.xml")
                == "2:8: Opening and ending tag mismatch: b line 2 and a")
        #expect(
            XMLChecker.problem(in: Array("<a>Tom & Jerry</a>".utf8), name: "amp.xml")
                == "1:9: xmlParseEntityRef: no name")
    }
}
