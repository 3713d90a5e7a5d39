internal import CLibXML2
import CityNetModel

/// The element and attribute paths of an XML file, with how often each occurs and sample values, so a user can
/// write a mapping (`citynet inspect FILE.xml`).
public struct XMLSurvey: Sendable {
    /// One path's findings.
    public struct Path: Sendable, Hashable {
        /// `/root/child/@attribute` or `/root/child`.
        public var path: String
        /// How many times it occurs.
        public var count: Int
        /// The first distinct non-empty values (text or attribute values), shortened.
        public var samples: [String]
    }

    /// The file as named.
    public var file: String
    /// Every path in the order first seen.
    public var paths: [Path]
    /// How many bytes were read.
    public var bytesRead: Int64
    /// Whether the whole file was read (otherwise only its start, up to the byte limit).
    public var complete: Bool

    /// Surveys a file.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - displayPath: the name messages use.
    ///   - byteLimit: how much of the file to read; `nil` reads it all.
    /// - Returns: the paths found.
    /// - Throws: ``IngestError`` when the file is missing or not well-formed.
    public static func survey(path: String, displayPath: String, byteLimit: Int64? = 16 << 20) throws(IngestError)
        -> XMLSurvey
    {
        let file = try ByteFile(path: path, displayPath: displayPath)
        let surveyor = Surveyor()
        let end = try SAXDriver(file: file, byteLimit: byteLimit).parse(surveyor)
        return surveyor.result(file: displayPath, bytesRead: end.bytesRead, complete: !end.stoppedAtLimit)
    }
}

private final class Surveyor: SAXConsumer {
    var context: xmlParserCtxtPtr?
    var failure: IngestError?
    var shouldStop: Bool { false }

    private var stack: [Int] = []
    private var index: [String: Int] = [:]
    private var paths: [XMLSurvey.Path] = []
    private var seen: [Set<String>] = []
    private var text: [UInt8] = []

    func startElement(
        _ name: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        attributes: Attributes
    ) {
        flushText()
        let parent = stack.last.map { paths[$0].path } ?? ""
        let qualified = prefix.map { String(cString: $0) + ":" + String(cString: name) } ?? String(cString: name)
        let path = parent + "/" + qualified
        let element = record(path, value: nil)
        stack.append(element)
        attributes.visit { attribute, value in
            _ = record(path + "/@" + attribute, value: String(decoding: value, as: UTF8.self))
        }
    }

    func endElement() {
        flushText()
        stack.removeLast()
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    func reference(_ name: UnsafePointer<xmlChar>) {}

    func result(file: String, bytesRead: Int64, complete: Bool) -> XMLSurvey {
        XMLSurvey(file: file, paths: paths, bytesRead: bytesRead, complete: complete)
    }

    /// Adds the element's own text as a sample of its path.
    private func flushText() {
        defer { text.removeAll(keepingCapacity: true) }
        guard let element = stack.last, let value = XMLTextFolding.folded(text) else { return }
        addSample(value, to: element)
    }

    private func record(_ path: String, value: String?) -> Int {
        let position: Int
        if let known = index[path] {
            position = known
            paths[position].count += 1
        } else {
            position = paths.count
            index[path] = position
            paths.append(XMLSurvey.Path(path: path, count: 1, samples: []))
            seen.append([])
        }
        if let value, let folded = XMLTextFolding.folded(Array(value.utf8)) { addSample(folded, to: position) }
        return position
    }

    private func addSample(_ value: String, to position: Int) {
        guard paths[position].samples.count < 3, seen[position].count < 100 else { return }
        let short = value.count > 40 ? String(value.prefix(39)) + "…" : value
        if seen[position].insert(short).inserted { paths[position].samples.append(short) }
    }
}
