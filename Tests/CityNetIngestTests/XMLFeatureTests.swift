import CityNetIngest
import CityNetModel
import CityNetTestSupport
import Foundation
import Testing

/// Writes `bytes` to a temporary `feed.xml` and reads its records with `XMLReader`, and how many segments the
/// file was read in.
func readXML(
    _ bytes: [UInt8], record: String, fields: [String], namespaces: [String: String] = [:], inParallel: Bool = true
) throws -> (records: [RawRecord], segments: Int) {
    let folder = TestPaths.temporaryFolder("xml")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("feed.xml")
    try Data(bytes).write(to: url)
    let reader = try XMLReader(path: url.path, displayPath: "feed.xml")
    var records: [RawRecord] = []
    let count = try reader.forEachRecord(
        recordPath: try XMLRecordPath(parsing: record).resolvingPrefixes(namespaces),
        fields: try fields.map { try XMLFieldPath(parsing: $0).resolvingPrefixes(namespaces) }, inParallel: inParallel
    ) { records.append($0.record) }
    return (records, count)
}

/// XML feeds of any shape: namespaces, encodings, entities, hostile files, large files.
struct XMLFeatureTests {
    func read(
        _ bytes: [UInt8], record: String, fields: [String], namespaces: [String: String] = [:]
    ) throws -> [RawRecord] {
        try readXML(bytes, record: record, fields: fields, namespaces: namespaces).records
    }

    func read(_ text: String, record: String, fields: [String], namespaces: [String: String] = [:]) throws
        -> [RawRecord]
    {
        try read(Array(text.utf8), record: record, fields: fields, namespaces: namespaces)
    }

    let namespaced = """
        <feed xmlns="urn:default" xmlns:a="urn:a" xmlns:b="urn:b">
          <item id="1"><a:name>in a</a:name><b:name>in b</b:name><name>in default</name></item>
          <item id="2"><a:name>only a</a:name></item>
        </feed>
        """

    @Test func namespacesAreMatchedByURI() throws {
        let records = try read(
            namespaced, record: "/feed/item", fields: ["x:name", "y:name", "d:name", "name"],
            namespaces: ["x": "urn:a", "y": "urn:b", "d": "urn:default"])
        #expect(
            records.map(\.values) == [
                [["in a"], ["in b"], ["in default"], ["in a", "in b", "in default"]],
                [["only a"], [], [], ["only a"]],
            ])
        let prefixedRecords = try read(
            namespaced, record: "/d:feed/d:item", fields: ["@id"], namespaces: ["d": "urn:default"])
        #expect(prefixedRecords.count == 2)
        let otherNamespace = try read(namespaced, record: "/x:feed/x:item", fields: ["@id"], namespaces: ["x": "urn:a"])
        #expect(otherNamespace.isEmpty)
    }

    @Test func anUndeclaredPrefixIsAnErrorAtItsColumn() {
        #expect {
            _ = try XMLFieldPath(parsing: "sdgs/iati:tag/@code").resolvingPrefixes(["x": "urn:x"])
        } throws: { error in
            guard let error = error as? XMLFieldPath.ParseError else { return false }
            return error.message == "undeclared namespace prefix 'iati' (declared: x)" && error.offset == 5
        }
    }

    @Test func utf16AndLatin1DocumentsComeOutAsUTF8() throws {
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><r><i>Medellín 漢</i></r>".utf16 {
            utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        #expect(try read(utf16, record: "/r/i", fields: ["."]).map(\.values) == [[["Medellín 漢"]]])
        let latin1 =
            Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r><i>Medell".utf8) + [0xED] + Array("n</i></r>".utf8)
        #expect(try read(latin1, record: "/r/i", fields: ["."]).map(\.values) == [[["Medellín"]]])
        let windows =
            Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?><r><i>".utf8) + [0x80, 0x92]
            + Array("</i></r>".utf8)
        #expect(try read(windows, record: "/r/i", fields: ["."]).map(\.values) == [[["€’"]]])
    }

    @Test func entitiesCDATAAndMixedContent() throws {
        let text = """
            <!DOCTYPE r [<!ENTITY org "UNESCO Institute">]>
            <r><i>Caf&#233; &amp; &lt;more&gt; &#x1F642; <![CDATA[<raw> & ]]> &org; <b>bold</b>  tail
            </i><i>&org; again</i></r>
            """
        let values = try read(text, record: "/r/i", fields: ["."]).map(\.values)
        #expect(values == [[["Café & <more> 🙂 <raw> & UNESCO Institute bold tail"]], [["UNESCO Institute again"]]])
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY remote SYSTEM "http://127.0.0.1:9/x">]>
            <r><i>before &secret; &remote; after</i></r>
            """
        let records = try read(text, record: "/r/i", fields: ["."])
        #expect(records.map(\.values) == [[["before after"]]])
        #expect(!records.description.contains("root:"))
    }

    @Test func billionLaughsFailsQuicklyWithAClearError() {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        text += "<!ENTITY lol1 \"" + String(repeating: "&lol;", count: 10) + "\">\n"
        for level in 2...9 {
            text += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        text += "]>\n<lolz><i>&lol9;</i></lolz>\n"
        let started = Date()
        #expect {
            _ = try read(text, record: "/lolz/i", fields: ["."])
        } throws: { error in
            guard let error = error as? IngestError, case .malformedXML(let location, let message) = error else {
                return false
            }
            return location.file == "feed.xml" && message == "Detected an entity reference loop"
                && error.exitStatus == .dataError
        }
        #expect(
            Date().timeIntervalSince(started) < 30, "bounded in time (a loose check; the benchmark has the figures)")
    }

    @Test(arguments: [
        ("<r><i>ok</i><i>cut", "feed.xml:1:19", "Premature end of data in tag i line 1"),
        ("<r><i>bad \u{1} char</i></r>", "feed.xml:1:11", "PCDATA invalid Char value 1"),
    ])
    func malformedDocumentsStopWithTheirPosition(text: String, location: String, message: String) {
        #expect {
            _ = try read(text, record: "/r/i", fields: ["."])
        } throws: { error in
            guard let error = error as? IngestError, case .malformedXML(let found, let text) = error else {
                return false
            }
            return found.description.hasPrefix(location) && text.contains(message)
        }
    }

    @Test func invalidUTF8InAUTF8DocumentIsMalformed() {
        let bytes =
            Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r><i>M".utf8) + [0xE9, 0x78] + Array("</i></r>".utf8)
        #expect {
            _ = try read(bytes, record: "/r/i", fields: ["."])
        } throws: { error in
            guard let error = error as? IngestError, case .malformedXML(let location, let message) = error else {
                return false
            }
            return location.line == 2 && message.contains("UTF-8")
        }
    }

    @Test func missingOptionalAndRepeatedFields() throws {
        let text = "<r><i><t>a</t><t>b</t><t>  </t></i><i/></r>"
        #expect(
            try read(text, record: "/r/i", fields: ["t", "missing/@x"]).map(\.values) == [
                [["a", "b"], []], [[], []],
            ])
    }

    @Test func nestedRecordsAreIgnoredUnlessMapped() throws {
        let text = "<r><i id=\"1\"><i id=\"inner\"><t>x</t></i><t>outer</t></i></r>"
        let records = try read(text, record: "//i", fields: ["@id", "t", "i/@id"])
        #expect(records.map(\.values) == [[["1"], ["outer"], ["inner"]]])
    }

    @Test func aLargeFileStreamsInBoundedMemory() throws {
        let folder = TestPaths.temporaryFolder("large")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("large.xml")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data("<activities>\n".utf8))
        let activity =
            "<activity><id>X</id><title><narrative>" + String(repeating: "learning city ", count: 30)
            + "</narrative></title><tag vocabulary=\"2\" code=\"4\"/><budget><value>1000.50</value></budget></activity>\n"
        var block = ""
        for _ in 0..<1000 { block += activity }
        let blockData = Data(block.utf8)
        var written = 0
        while written < 50_000_000 {
            try handle.write(contentsOf: blockData)
            written += blockData.count
        }
        try handle.write(contentsOf: Data("</activities>\n".utf8))
        try handle.close()

        let before = peakResidentBytes()
        let reader = try XMLReader(path: url.path, displayPath: "large.xml")
        var count = 0
        var budget = 0.0
        try reader.forEachRecord(
            recordPath: try XMLRecordPath(parsing: "/activities/activity"),
            fields: [
                try XMLFieldPath(parsing: "budget/value"), try XMLFieldPath(parsing: "tag[@vocabulary='2']/@code"),
            ]
        ) { view in
            count += 1
            budget += Double(view.values(ofPath: 0).first?.string ?? "") ?? 0
        }
        #expect(count == written / activity.utf8.count)
        #expect(budget == Double(count) * 1000.5)
        #expect(peakResidentBytes() - before < 40_000_000, "memory does not grow with the file (loose bound)")
    }

    private func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
