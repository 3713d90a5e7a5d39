internal import CLibXML2
public import CityNetModel

/// A streaming XML reader on libxml2's SAX2 push parser.
///
/// It never builds a tree: it feeds the file to libxml2 in chunks, follows which field paths match as elements
/// open and close, copies only the bytes of values a mapping asks for into a small per-record arena, and hands
/// each record over as a ``CityNetModel/RawRecordView``. Network access is off, external entities and DTDs are
/// never loaded, and libxml2 bounds entity expansion.
public final class XMLReader {

    private let file: ByteFile

    /// Opens a file for reading.
    ///
    /// - Throws: ``IngestError/fileMissing(path:)`` or ``IngestError/unreadable(path:reason:)``.
    public init(path: String, displayPath: String) throws(IngestError) {
        file = try ByteFile(path: path, displayPath: displayPath)
    }

    /// Reads every record element and hands it over with the values of each field path.
    ///
    /// - Parameters:
    ///   - recordPath: where the record elements are.
    ///   - fields: the paths to read, relative to the record element; the view's path `i` is `fields[i]`.
    ///   - onRecord: called with each record, in document order; the view is valid only during the call.
    /// - Throws: ``IngestError/malformedXML(_:message:)`` with libxml2's message and position when the file
    ///   is not well-formed (or unsafe), or what `onRecord` throws.
    public func forEachRecord(
        recordPath: XMLRecordPath, fields: [XMLFieldPath], onRecord: (RawRecordView) throws -> Void
    ) throws {
        try withoutActuallyEscaping(onRecord) { onRecord in
            let state = SAXState(recordPath: recordPath, fields: fields, file: file.displayPath, onRecord: onRecord)
            try parse(with: state)
        }
    }

    private func parse(with state: SAXState) throws {
        try SAXDriver(file: file).parse(state)
        if let error = state.callbackError { throw error }
    }

}

@available(*, unavailable)
extension XMLReader: Sendable {}

/// What the SAX callbacks share while one document is parsed.
private final class SAXState: SAXConsumer {
    private struct Capture {
        var field: Int
        var depth: Int
        var start: Int
    }

    private struct Entry {
        var field: Int32
        var start: Int32
        var count: Int32
    }

    let recordPath: XMLRecordPath
    let fields: [XMLFieldPath]
    let file: String
    let onRecord: (RawRecordView) throws -> Void
    var context: xmlParserCtxtPtr?
    var failure: IngestError?
    var callbackError: (any Error)?
    var shouldStop: Bool { callbackError != nil }

    private var depth = 0
    /// For absolute record paths: whether the open elements so far follow the path, per depth.
    private var onRecordPath: [Bool] = [true]
    private var recordDepth: Int?
    private var recordLine = 0
    /// Pairs (field, next step) that the open elements inside the record have matched, one frame per element.
    private var active: [(field: Int, step: Int)] = []
    private var frameStarts: [Int] = []
    private var captures: [Capture] = []
    /// Raw text of open captures, one after another.
    private var captureText: [UInt8] = []
    /// The record's values, whitespace-folded, one after another.
    private var arena: [UInt8] = []
    private var entries: [Entry] = []
    private var values: [RawValue] = []
    private var pathStarts: [Int32]

    init(
        recordPath: XMLRecordPath, fields: [XMLFieldPath], file: String,
        onRecord: @escaping (RawRecordView) throws -> Void
    ) {
        self.recordPath = recordPath
        self.fields = fields
        self.file = file
        self.onRecord = onRecord
        pathStarts = Array(repeating: 0, count: fields.count + 1)
    }

    func startElement(
        _ name: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        attributes: Attributes
    ) {
        depth += 1
        if recordDepth != nil {
            let parentStart = frameStarts.last ?? 0
            let frameStart = active.count
            for index in parentStart..<frameStart {
                let (field, stepIndex) = active[index]
                let steps = fields[field].steps
                guard matches(steps[stepIndex], name: name, uri: uri, attributes: attributes) else { continue }
                if stepIndex + 1 == steps.count {
                    select(field, attributes: attributes)
                } else {
                    active.append((field, stepIndex + 1))
                }
            }
            frameStarts.append(frameStart)
            return
        }
        let isRecord: Bool
        if recordPath.anywhere {
            isRecord = equal(name, recordPath.names[0]) && namespaceMatches(recordPath.namespaces.first ?? nil, uri)
        } else {
            let follows =
                (onRecordPath.last ?? false) && depth <= recordPath.names.count
                && equal(name, recordPath.names[depth - 1])
                && namespaceMatches(
                    recordPath.namespaces.indices.contains(depth - 1) ? recordPath.namespaces[depth - 1] : nil, uri)
            onRecordPath.append(follows)
            isRecord = follows && depth == recordPath.names.count
        }
        guard isRecord else { return }
        startRecord(attributes: attributes)
    }

    private func startRecord(attributes: Attributes) {
        recordDepth = depth
        arena.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        active.removeAll(keepingCapacity: true)
        frameStarts = [0]
        recordLine = context.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0
        for (field, path) in fields.enumerated() {
            if path.steps.isEmpty {
                select(field, attributes: attributes)
            } else {
                active.append((field, 0))
            }
        }
    }

    func endElement() {
        defer { depth -= 1 }
        guard let recordDepth else {
            if !recordPath.anywhere { onRecordPath.removeLast() }
            return
        }
        while let last = captures.last, last.depth == depth {
            captures.removeLast()
            append(field: last.field, folding: captureText[last.start...])
            if captures.isEmpty { captureText.removeAll(keepingCapacity: true) }
        }
        if depth == recordDepth {
            deliver()
            self.recordDepth = nil
            if !recordPath.anywhere { onRecordPath.removeLast() }
            return
        }
        if let start = frameStarts.popLast() { active.removeSubrange(start...) }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard !captures.isEmpty else { return }
        // Nested captures share one text: each remembers where its own text starts, and text goes to all of
        // them because an outer capture's text includes its descendants'.
        captureText.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    /// Hands the finished record to the consumer, its values grouped by field in document order.
    private func deliver() {
        guard callbackError == nil else { return }
        for index in pathStarts.indices { pathStarts[index] = 0 }
        for entry in entries { pathStarts[Int(entry.field) + 1] += 1 }
        for index in 1..<pathStarts.count { pathStarts[index] += pathStarts[index - 1] }
        var next = Array(pathStarts.dropLast())
        arena.withUnsafeBufferPointer { bytes in
            let empty = RawValue(bytes: UnsafeBufferPointer(rebasing: bytes[0..<0]))
            values = Array(repeating: empty, count: entries.count)
            for entry in entries {
                let slot = Int(next[Int(entry.field)])
                next[Int(entry.field)] += 1
                values[slot] = RawValue(
                    bytes: UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.start + entry.count)]))
            }
            do {
                try values.withUnsafeBufferPointer { valueBuffer in
                    try pathStarts.withUnsafeBufferPointer { startBuffer in
                        try onRecord(
                            RawRecordView(file: file, line: recordLine, values: valueBuffer, pathStarts: startBuffer))
                    }
                }
            } catch {
                callbackError = error
                if let context { xmlStopParser(context) }
            }
        }
    }

    private func select(_ field: Int, attributes: Attributes) {
        switch fields[field].target {
        case .text:
            captures.append(Capture(field: field, depth: depth, start: captureText.count))
        case .attribute(let name):
            if let value = attributes.value(of: name) { append(field: field, folding: value) }
        }
    }

    /// Appends a value to the arena with surrounding white space trimmed and inner runs folded to one space;
    /// an empty value is no value.
    private func append<Bytes: Collection<UInt8>>(field: Int, folding bytes: Bytes) {
        let start = arena.count
        var pendingSpace = false
        for byte in bytes {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = arena.count > start
            } else {
                if pendingSpace { arena.append(0x20) }
                pendingSpace = false
                arena.append(byte)
            }
        }
        guard arena.count > start else { return }
        entries.append(Entry(field: Int32(field), start: Int32(start), count: Int32(arena.count - start)))
    }

    private func matches(
        _ step: XMLFieldPath.Step, name: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?, attributes: Attributes
    ) -> Bool {
        if let expected = step.name, !equal(name, expected) { return false }
        if !namespaceMatches(step.namespace, uri) { return false }
        for predicate in step.predicates {
            guard let value = attributes.value(of: predicate.name), value.elementsEqual(predicate.value) else {
                return false
            }
        }
        return true
    }

    private func namespaceMatches(_ expected: [UInt8]?, _ uri: UnsafePointer<xmlChar>?) -> Bool {
        guard let expected else { return true }
        guard let uri else { return expected.isEmpty }
        return equal(uri, expected)
    }

    /// Entity references need nothing: libxml2 delivers an internal entity's text through `characters`, and
    /// never loads external ones.
    func reference(_ name: UnsafePointer<xmlChar>) {}
}
