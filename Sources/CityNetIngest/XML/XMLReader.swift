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

    /// Opens a file for reading; `progress`, if given, follows how far the reading has got.
    ///
    /// - Throws: ``IngestError/fileMissing(path:)`` or ``IngestError/unreadable(path:reason:)``.
    public init(path: String, displayPath: String, progress: ReadProgress? = nil) throws(IngestError) {
        file = try ByteFile(path: path, displayPath: displayPath, progress: progress)
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

/// Receives the SAX events of one document and hands each record to the consumer.
///
/// The class only holds what libxml2 and the consumer need; all per-event state is in one ``RecordMatcher``
/// value, so each event costs one access to the object.
private final class SAXState: SAXConsumer {
    let file: String
    let onRecord: (RawRecordView) throws -> Void
    var context: xmlParserCtxtPtr?
    var failure: IngestError?
    var callbackError: (any Error)?
    var shouldStop: Bool { callbackError != nil }
    private var matcher: RecordMatcher

    init(
        recordPath: XMLRecordPath, fields: [XMLFieldPath], file: String,
        onRecord: @escaping (RawRecordView) throws -> Void
    ) {
        self.file = file
        self.onRecord = onRecord
        matcher = RecordMatcher(recordPath: recordPath, fields: fields)
    }

    func startElement(
        _ name: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        attributes: Attributes
    ) {
        let line = context.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0
        matcher.startElement(name, uri: uri, attributes: attributes, line: line)
    }

    func endElement() {
        guard matcher.endElement() else { return }
        guard callbackError == nil else { return }
        do {
            try matcher.withRecord(file: file) { try onRecord($0) }
        } catch {
            callbackError = error
            if let context { xmlStopParser(context) }
        }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        matcher.characters(bytes, count: count)
    }

    /// Entity references need nothing: libxml2 delivers an internal entity's text through `characters`, and
    /// never loads external ones.
    func reference(_ name: UnsafePointer<xmlChar>) {}
}

/// Follows which field paths the open elements match, and collects the values of the current record.
///
/// Element and attribute names come from libxml2's dictionary, so each distinct name has one pointer: the
/// matcher maps a pointer to a small name id once, and from then on matching a step is an integer comparison.
private struct RecordMatcher {
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

    /// A path step compiled to name ids.
    private struct CompiledStep {
        var name: Int32
        var namespace: [UInt8]?
        var predicates: [(name: Int32, value: [UInt8])]
    }

    private let recordNames: [Int32]
    private let recordNamespaces: [[UInt8]?]
    private let anywhere: Bool
    private let steps: [[CompiledStep]]
    private let targets: [XMLFieldPath.Target]
    private let attributeTargets: [Int32]
    private var names: NameTable

    private var depth = 0
    /// For absolute record paths: whether the open elements so far follow the path, per depth.
    private var onRecordPath: [Bool] = [true]
    private var recordDepth = 0
    private var recordLine = 0
    /// Pairs (field << 16 | next step) that the open elements inside the record have matched, one frame per element.
    private var active = ContiguousArray<UInt32>()
    private var frameStarts = ContiguousArray<Int>()
    private var captures: [Capture] = []
    /// Raw text of open captures, one after another.
    private var captureText: [UInt8] = []
    /// The record's values, whitespace-folded, one after another.
    private var arena: [UInt8] = []
    private var entries: [Entry] = []
    private var values: [RawValue] = []
    private var pathStarts: [Int32]

    init(recordPath: XMLRecordPath, fields: [XMLFieldPath]) {
        var names = NameTable()
        recordNames = recordPath.names.map { names.id(of: $0) }
        recordNamespaces = recordPath.namespaces.isEmpty ? recordPath.names.map { _ in nil } : recordPath.namespaces
        anywhere = recordPath.anywhere
        steps = fields.map { path in
            path.steps.map { step in
                CompiledStep(
                    name: step.name.map { names.id(of: $0) } ?? -1, namespace: step.namespace,
                    predicates: step.predicates.map { (names.id(of: $0.name), $0.value) })
            }
        }
        targets = fields.map(\.target)
        attributeTargets = fields.map { field in
            if case .attribute(let name) = field.target { return names.id(of: name) }
            return -1
        }
        self.names = names
        pathStarts = Array(repeating: 0, count: fields.count + 1)
    }

    mutating func startElement(
        _ name: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?, attributes: Attributes, line: Int
    ) {
        depth += 1
        let element = names.id(of: name)
        if recordDepth > 0 {
            let parentStart = frameStarts.last ?? 0
            let frameStart = active.count
            var index = parentStart
            while index < frameStart {
                let packed = active[index]
                index += 1
                let field = Int(packed >> 16)
                let stepIndex = Int(packed & 0xFFFF)
                let fieldSteps = steps[field]
                guard matches(fieldSteps[stepIndex], element: element, uri: uri, attributes: attributes) else {
                    continue
                }
                if stepIndex + 1 == fieldSteps.count {
                    select(field, attributes: attributes)
                } else {
                    active.append(UInt32(field << 16 | (stepIndex + 1)))
                }
            }
            frameStarts.append(frameStart)
            return
        }
        let isRecord: Bool
        if anywhere {
            isRecord = element == recordNames[0] && element >= 0 && namespaceMatches(recordNamespaces[0], uri)
        } else {
            let follows =
                (onRecordPath.last ?? false) && depth <= recordNames.count && element >= 0
                && element == recordNames[depth - 1] && namespaceMatches(recordNamespaces[depth - 1], uri)
            onRecordPath.append(follows)
            isRecord = follows && depth == recordNames.count
        }
        guard isRecord else { return }
        recordDepth = depth
        recordLine = line
        arena.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        active.removeAll(keepingCapacity: true)
        frameStarts.removeAll(keepingCapacity: true)
        frameStarts.append(0)
        for field in steps.indices {
            if steps[field].isEmpty {
                select(field, attributes: attributes)
            } else {
                active.append(UInt32(field << 16))
            }
        }
    }

    /// Closes an element; returns whether it closed a record, which ``withRecord(file:_:)`` then lends.
    mutating func endElement() -> Bool {
        defer { depth -= 1 }
        guard recordDepth > 0 else {
            if !anywhere { onRecordPath.removeLast() }
            return false
        }
        while let last = captures.last, last.depth == depth {
            captures.removeLast()
            append(field: last.field, folding: captureText[last.start...])
            if captures.isEmpty { captureText.removeAll(keepingCapacity: true) }
        }
        if depth == recordDepth {
            recordDepth = 0
            if !anywhere { onRecordPath.removeLast() }
            return true
        }
        if let start = frameStarts.popLast() { active.removeSubrange(start...) }
        return false
    }

    mutating func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard !captures.isEmpty else { return }
        // Nested captures share one text: each remembers where its own text starts, and text goes to all of
        // them because an outer capture's text includes its descendants'.
        captureText.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    /// Lends the finished record, its values grouped by field in document order.
    mutating func withRecord(file: String, _ body: (RawRecordView) throws -> Void) rethrows {
        for index in pathStarts.indices { pathStarts[index] = 0 }
        for entry in entries { pathStarts[Int(entry.field) + 1] += 1 }
        for index in 1..<pathStarts.count { pathStarts[index] += pathStarts[index - 1] }
        var next = Array(pathStarts.dropLast())
        let entries = self.entries
        let pathStarts = self.pathStarts
        let line = recordLine
        try arena.withUnsafeBufferPointer { bytes in
            let empty = RawValue(bytes: UnsafeBufferPointer(rebasing: bytes[0..<0]))
            values.removeAll(keepingCapacity: true)
            values.append(contentsOf: repeatElement(empty, count: entries.count))
            for entry in entries {
                let slot = Int(next[Int(entry.field)])
                next[Int(entry.field)] += 1
                values[slot] = RawValue(
                    bytes: UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.start + entry.count)]))
            }
            try values.withUnsafeBufferPointer { valueBuffer in
                try pathStarts.withUnsafeBufferPointer { startBuffer in
                    try body(RawRecordView(file: file, line: line, values: valueBuffer, pathStarts: startBuffer))
                }
            }
        }
    }

    private mutating func select(_ field: Int, attributes: Attributes) {
        switch targets[field] {
        case .text:
            captures.append(Capture(field: field, depth: depth, start: captureText.count))
        case .attribute:
            if let value = attribute(attributeTargets[field], in: attributes) { append(field: field, folding: value) }
        }
    }

    /// Appends a value to the arena with surrounding white space trimmed and inner runs folded to one space;
    /// an empty value is no value.
    private mutating func append<Bytes: Collection<UInt8>>(field: Int, folding bytes: Bytes) {
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

    private mutating func matches(
        _ step: CompiledStep, element: Int32, uri: UnsafePointer<xmlChar>?, attributes: Attributes
    ) -> Bool {
        if step.name >= 0, step.name != element { return false }
        if !namespaceMatches(step.namespace, uri) { return false }
        for predicate in step.predicates {
            guard let value = attribute(predicate.name, in: attributes), value.elementsEqual(predicate.value) else {
                return false
            }
        }
        return true
    }

    /// The value of the attribute whose name has the given id.
    private mutating func attribute(_ name: Int32, in attributes: Attributes) -> UnsafeBufferPointer<UInt8>? {
        guard name >= 0, let pointers = attributes.pointers else { return nil }
        for index in 0..<attributes.count {
            let base = index * 5
            guard let localName = pointers[base], names.id(of: localName) == name, let start = pointers[base + 3],
                let end = pointers[base + 4]
            else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    private func namespaceMatches(_ expected: [UInt8]?, _ uri: UnsafePointer<xmlChar>?) -> Bool {
        guard let expected else { return true }
        guard let uri else { return expected.isEmpty }
        return equal(uri, expected)
    }
}

/// Small ids for the element and attribute names paths use, looked up by libxml2's interned name pointers.
private struct NameTable {
    private var names: [[UInt8]] = []
    private var keys: [UInt] = Array(repeating: 0, count: 256)
    private var ids: [Int32] = Array(repeating: -1, count: 256)
    private var used = 0

    /// The id of a name a path uses.
    mutating func id(of name: [UInt8]) -> Int32 {
        if let index = names.firstIndex(of: name) { return Int32(index) }
        names.append(name)
        return Int32(names.count - 1)
    }

    /// The id of a name in the document, or -1 when no path uses it; computed once per distinct pointer.
    mutating func id(of pointer: UnsafePointer<xmlChar>) -> Int32 {
        let key = UInt(bitPattern: pointer)
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key >> 4) &* 0x9E37_79B9) & mask
        while keys[slot] != 0 {
            if keys[slot] == key { return ids[slot] }
            slot = (slot + 1) & mask
        }
        let id = names.firstIndex { equal(pointer, $0) }.map(Int32.init) ?? -1
        keys[slot] = key
        ids[slot] = id
        used += 1
        if used * 2 > keys.count { grow() }
        return id
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldIDs = ids
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        ids = Array(repeating: -1, count: oldKeys.count * 2)
        let mask = keys.count - 1
        for (index, key) in oldKeys.enumerated() where key != 0 {
            var slot = Int(truncatingIfNeeded: (key >> 4) &* 0x9E37_79B9) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            ids[slot] = oldIDs[index]
        }
    }
}
