import CityNetIngest
import CityNetModel
import CityNetTestSupport
import Foundation
import Testing

/// Large XML files read by two parsers side by side give exactly what one parser gives: the same records in the
/// same order with the same lines, and the same error at the same place.
struct ParallelXMLTests {
    let recordPath = "/activities/activity"
    let fields = ["@id", "title", "budget/value", "sector[@vocabulary='7']/@code"]

    /// A feed of `count` activities of about 700 bytes each, five lines each, with `after(i)` written after the
    /// `i`-th; large enough (from 8,000 records) to be cut into segments.
    func feed(count: Int, after: (Int) -> String = { _ in "" }) -> [UInt8] {
        var text =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE activities [<!ENTITY org \"City &#38;#38; Co\">]>\n"
        text += "<activities xmlns=\"urn:test\" version=\"2.03\">\n"
        for index in 0..<count {
            text += """
                 <activity id="A-\(index)">
                  <title>Learning &org; programme \(index) \(String(repeating: "x", count: index % 1000))</title>
                  <sector vocabulary="7" code="\(index % 17 + 1)"/>
                  <budget><value>\(index * 3).50</value></budget>
                 </activity>

                """
            text += after(index)
        }
        text += "</activities>\n"
        return Array(text.utf8)
    }

    func read(_ bytes: [UInt8], inParallel: Bool) throws -> [RawRecord] {
        try readXML(bytes, record: recordPath, fields: fields, inParallel: inParallel).records
    }

    /// How many segments a parallel reading of `bytes` used.
    func segments(reading bytes: [UInt8]) throws -> Int {
        try readXML(bytes, record: recordPath, fields: fields).segments
    }

    func error(reading bytes: [UInt8], inParallel: Bool) -> String? {
        do {
            _ = try read(bytes, inParallel: inParallel)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aLargeFileReadInSegmentsGivesTheSameRecordsAndLines() throws {
        let bytes = feed(count: 20_000)
        #expect(bytes.count > 12_000_000)
        let parallel = try read(bytes, inParallel: true)
        let sequential = try read(bytes, inParallel: false)
        #expect(parallel.count == 20_000)
        #expect(parallel == sequential)
        #expect(parallel.last?.location.line == 4 + 5 * 19_999)
        #expect(parallel.last?.values[0] == ["A-19999"])
        #expect(try segments(reading: bytes) == 3, "two parsers share the file")
        #expect(try readXML(bytes, record: recordPath, fields: fields, inParallel: false).segments == 1)
    }

    @Test func recordTagsInCommentsAndCDATANeverCutAFile() throws {
        let bytes = feed(count: 20_000) { index in
            index % 2 == 0
                ? " <!-- <activity id=\"fake-\(index)\"> -->\n" : " <![CDATA[<activity id=\"fake-\(index)\">]]>\n"
        }
        let parallel = try read(bytes, inParallel: true)
        #expect(parallel.count == 20_000)
        #expect(parallel == (try read(bytes, inParallel: false)))
        #expect(!parallel.contains { $0.values[0].first?.hasPrefix("fake") ?? false })
        #expect(try segments(reading: bytes) == 1, "the cut in a comment sends the reading back to one parser")
    }

    @Test func aNestedRecordAtACutIsNotTakenForATopLevelOne() throws {
        let bytes = feed(count: 20_000) { index in
            " <related><activity id=\"nested-\(index)\"><title>inner</title></activity></related>\n"
        }
        let parallel = try read(bytes, inParallel: true)
        #expect(parallel.count == 20_000)
        #expect(parallel == (try read(bytes, inParallel: false)))
        #expect(try segments(reading: bytes) == 1, "the cut inside <related> sends the reading back to one parser")
    }

    @Test func aMalformedRecordLateInTheFileIsReportedWhereItIs() throws {
        let bytes = feed(count: 20_000) { index in index == 15_000 ? " <broken attribute=\"1\" attribute=\"2\"/>\n" : ""
        }
        let parallel = error(reading: bytes, inParallel: true)
        #expect(parallel != nil)
        #expect(parallel == error(reading: bytes, inParallel: false))
        #expect(parallel?.hasPrefix("feed.xml:\(4 + 5 * 15_001):") ?? false)
    }
}
