internal import CLibXML2
public import CityNetModel

/// A streaming XML reader on libxml2's SAX2 push parser.
///
/// It never builds a tree: it feeds the file to libxml2 in chunks, follows which field paths match as elements
/// open and close, copies only the bytes of values a mapping asks for into a small per-record arena, and hands
/// each record over as a ``CityNetModel/RawRecordView``. Network access is off, external entities and DTDs are
/// never loaded, and libxml2 bounds entity expansion.
public final class XMLReader {

    private let path: String
    private let file: ByteFile

    /// Opens a file for reading; `progress`, if given, follows how far the reading has got.
    ///
    /// - Throws: ``IngestError/fileMissing(path:)`` or ``IngestError/unreadable(path:reason:)``.
    public init(path: String, displayPath: String, progress: ReadProgress? = nil) throws(IngestError) {
        self.path = path
        file = try ByteFile(path: path, displayPath: displayPath, progress: progress)
    }

    /// Reads every record element and hands it over with the values of each field path.
    ///
    /// - Parameters:
    ///   - recordPath: where the record elements are.
    ///   - fields: the paths to read, relative to the record element; the view's path `i` is `fields[i]`.
    ///   - inParallel: whether a large file whose records are the root's children may be read by two parsers
    ///     side by side (see ``SegmentPlan``); the records, their order and their lines are the same either way.
    ///   - onRecord: called with each record, in document order, on the calling thread; the view is valid only
    ///     during the call.
    /// - Returns: how many segments the whole file was read in: more than one when two parsers shared it, 1 when
    ///   one parser read it (a small file, or a cut that failed its check and sent the reading back to one).
    /// - Throws: ``IngestError/malformedXML(_:message:)`` with libxml2's message and position when the file
    ///   is not well-formed (or unsafe), or what `onRecord` throws.
    @discardableResult
    public func forEachRecord(
        recordPath: XMLRecordPath, fields: [XMLFieldPath], inParallel: Bool = true,
        onRecord: (RawRecordView) throws -> Void
    ) throws -> Int {
        if inParallel, let plan = try SegmentPlan(file: file, recordPath: recordPath, fields: fields) {
            let reading = ParallelXMLReading(
                plan: plan, path: path, file: file, recordPath: recordPath, fields: fields)
            switch try reading.run(onRecord: onRecord) {
            case .complete: return plan.starts.count
            case .fallBack(let delivered):
                try readSequentially(recordPath: recordPath, fields: fields, skipping: delivered, onRecord: onRecord)
            }
        } else {
            try readSequentially(recordPath: recordPath, fields: fields, skipping: 0, onRecord: onRecord)
        }
        return 1
    }

    /// Reads the whole file on this thread, handing over every record after the first `skipped`.
    private func readSequentially(
        recordPath: XMLRecordPath, fields: [XMLFieldPath], skipping skipped: Int,
        onRecord: (RawRecordView) throws -> Void
    ) throws {
        var skipped = skipped
        try withoutActuallyEscaping(onRecord) { onRecord in
            let state = SAXState(recordPath: recordPath, fields: fields, file: file.displayPath) { record in
                guard skipped == 0 else {
                    skipped -= 1
                    return
                }
                try onRecord(record)
            }
            try SAXDriver(file: file).parse(state)
            if let error = state.callbackError { throw error }
        }
    }

}

@available(*, unavailable)
extension XMLReader: Sendable {}

/// Receives the SAX events of one document and hands each record to the consumer.
///
/// The class only holds what libxml2 and the consumer need; all per-event state is in one ``RecordMatcher``
/// value, so each event costs one access to the object.
final class SAXState: SAXConsumer {
    let file: String
    let onRecord: (RawRecordView) throws -> Void
    /// Added to libxml2's line numbers: a segment's parser counts from the start of what it was given.
    var lineOffset = 0
    /// The records handed over so far.
    private(set) var records = 0
    var context: xmlParserCtxtPtr?
    var failure: IngestError?
    var callbackError: (any Error)?
    var shouldStop: Bool { callbackError != nil }
    /// Only libxml2's callbacks touch the matcher, one at a time on the parsing thread, so the dynamic
    /// exclusivity check each event would pay is left out.
    @exclusivity(unchecked) private var matcher: RecordMatcher

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
        matcher.startElement(name, uri: uri, attributes: attributes, context: context)
    }

    func endElement() {
        guard matcher.endElement() else { return }
        guard callbackError == nil else { return }
        do {
            records += 1
            try matcher.withRecord(file: file, lineOffset: lineOffset) { try onRecord($0) }
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

    /// A path step compiled to name ids; `namespace` and the predicates' values index ``literals``, -1 for none.
    private struct CompiledStep {
        var name: Int32
        var namespace: Int32
        var predicates: Range<Int32>
    }

    private struct CompiledPredicate {
        var name: Int32
        var value: Int32
    }

    private let recordNames: [Int32]
    private let recordNamespaces: [[UInt8]?]
    private let anywhere: Bool
    /// Every field's steps, one field after another: field `f`'s are `steps[stepStarts[f]..<stepStarts[f + 1]]`.
    private let steps: ContiguousArray<CompiledStep>
    private let stepStarts: ContiguousArray<Int32>
    private let predicates: ContiguousArray<CompiledPredicate>
    private let literals: [[UInt8]]
    /// Per name id, whether some step names it; with no `*` step, an element whose name no step names matches
    /// nothing, without looking at the steps.
    private let namesAStep: [Bool]
    private let hasWildcardStep: Bool
    private let targets: [XMLFieldPath.Target]
    private let attributeTargets: [Int32]
    private var names: NameTable

    private var depth = 0
    /// For absolute record paths: whether the open elements so far follow the path, per depth.
    private var onRecordPath: [Bool] = [true]
    private var recordDepth = 0
    /// The depth of the outermost open element inside the record that matched no step, or 0: no path can match
    /// below it, so its descendants are only counted (most of a record, in IATI files: transactions and the like).
    private var inertDepth = 0
    private var recordLine = 0
    /// The steps that the open elements inside the record expect next, one frame per element: each packs the
    /// step's name id (high 32 bits, so that most elements are turned away by one comparison), the field and the
    /// step's index in the field (see ``expecting(field:step:)``).
    private var active = ContiguousArray<UInt64>()
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
        var steps = ContiguousArray<CompiledStep>()
        var stepStarts: ContiguousArray<Int32> = [0]
        var predicates = ContiguousArray<CompiledPredicate>()
        var literals: [[UInt8]] = []
        func literal(_ bytes: [UInt8]) -> Int32 {
            literals.append(bytes)
            return Int32(literals.count - 1)
        }
        for path in fields {
            for step in path.steps {
                let first = Int32(predicates.count)
                for predicate in step.predicates {
                    predicates.append(
                        CompiledPredicate(name: names.id(of: predicate.name), value: literal(predicate.value)))
                }
                steps.append(
                    CompiledStep(
                        name: step.name.map { names.id(of: $0) } ?? -1, namespace: step.namespace.map(literal) ?? -1,
                        predicates: first..<Int32(predicates.count)))
            }
            stepStarts.append(Int32(steps.count))
        }
        self.steps = steps
        self.stepStarts = stepStarts
        self.predicates = predicates
        self.literals = literals
        targets = fields.map(\.target)
        attributeTargets = fields.map { field in
            if case .attribute(let name) = field.target { return names.id(of: name) }
            return -1
        }
        var namesAStep = [Bool](repeating: false, count: names.count)
        for step in steps where step.name >= 0 { namesAStep[Int(step.name)] = true }
        self.namesAStep = namesAStep
        hasWildcardStep = steps.contains { $0.name < 0 }
        self.names = names
        pathStarts = Array(repeating: 0, count: fields.count + 1)
    }

    /// Opens an element; `context` gives the line when the element starts a record.
    mutating func startElement(
        _ name: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?, attributes: Attributes, context: xmlParserCtxtPtr?
    ) {
        depth += 1
        if inertDepth > 0 { return }
        let element = names.id(of: name)
        if recordDepth > 0 {
            guard hasWildcardStep || (element >= 0 && namesAStep[Int(element)]) else {
                inertDepth = depth
                return
            }
            let parentStart = frameStarts.last ?? 0
            let frameStart = active.count
            var index = parentStart
            while index < frameStart {
                let packed = active[index]
                index += 1
                let name = Int32(truncatingIfNeeded: packed >> 32)
                if name >= 0, name != element { continue }
                let field = Int(packed >> 16 & 0xFFFF)
                let stepIndex = Int(packed & 0xFFFF)
                let position = Int(stepStarts[field]) + stepIndex
                guard matches(steps[position], element: element, uri: uri, attributes: attributes) else {
                    continue
                }
                if position + 1 == Int(stepStarts[field + 1]) {
                    select(field, attributes: attributes)
                } else {
                    active.append(expecting(field: field, step: stepIndex + 1))
                }
            }
            if active.count == frameStart {
                inertDepth = depth
            } else {
                frameStarts.append(frameStart)
            }
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
        recordLine = context.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0
        arena.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        active.removeAll(keepingCapacity: true)
        frameStarts.removeAll(keepingCapacity: true)
        frameStarts.append(0)
        for field in 0..<stepStarts.count - 1 {
            if stepStarts[field] == stepStarts[field + 1] {
                select(field, attributes: attributes)
            } else {
                active.append(expecting(field: field, step: 0))
            }
        }
    }

    /// An ``active`` entry: the field's step at `step` is expected next.
    private func expecting(field: Int, step: Int) -> UInt64 {
        let name = steps[Int(stepStarts[field]) + step].name
        return UInt64(UInt32(bitPattern: name)) << 32 | UInt64(field) << 16 | UInt64(step)
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
            captureText.withUnsafeBufferPointer { text in
                Self.append(
                    field: last.field, folding: UnsafeBufferPointer(rebasing: text[last.start...]), to: &arena,
                    entries: &entries)
            }
            if captures.isEmpty { captureText.removeAll(keepingCapacity: true) }
        }
        if inertDepth > 0 {
            if depth == inertDepth { inertDepth = 0 }
            return false
        }
        if depth == recordDepth {
            recordDepth = 0
            if !anywhere { onRecordPath.removeLast() }
            return true
        }
        if let start = frameStarts.popLast() { active.removeLast(active.count - start) }
        return false
    }

    mutating func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard !captures.isEmpty else { return }
        // Nested captures share one text: each remembers where its own text starts, and text goes to all of
        // them because an outer capture's text includes its descendants'.
        captureText.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    /// Lends the finished record, its values grouped by field in document order.
    mutating func withRecord(file: String, lineOffset: Int, _ body: (RawRecordView) throws -> Void) rethrows {
        for index in pathStarts.indices { pathStarts[index] = 0 }
        for entry in entries { pathStarts[Int(entry.field) + 1] += 1 }
        for index in 1..<pathStarts.count { pathStarts[index] += pathStarts[index - 1] }
        var next = Array(pathStarts.dropLast())
        let entries = self.entries
        let pathStarts = self.pathStarts
        let line = recordLine + lineOffset
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
                    try withUnsafePointer(to: file) { file in
                        try body(RawRecordView(file: file, line: line, values: valueBuffer, pathStarts: startBuffer))
                    }
                }
            }
        }
    }

    private mutating func select(_ field: Int, attributes: Attributes) {
        switch targets[field] {
        case .text:
            captures.append(Capture(field: field, depth: depth, start: captureText.count))
        case .attribute:
            if let value = attribute(attributeTargets[field], in: attributes) {
                Self.append(field: field, folding: value, to: &arena, entries: &entries)
            }
        }
    }

    /// Appends a value to the arena with surrounding white space trimmed and inner runs folded to one space;
    /// an empty value is no value. Runs of other bytes are copied whole.
    private static func append(
        field: Int, folding bytes: UnsafeBufferPointer<UInt8>, to arena: inout [UInt8], entries: inout [Entry]
    ) {
        let start = arena.count
        var index = 0
        let count = bytes.count
        while index < count {
            while index < count, Self.isSpace(bytes[index]) { index += 1 }
            guard index < count else { break }
            let word = index
            while index < count, !Self.isSpace(bytes[index]) { index += 1 }
            if arena.count > start { arena.append(0x20) }
            arena.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[word..<index]))
        }
        guard arena.count > start else { return }
        entries.append(Entry(field: Int32(field), start: Int32(start), count: Int32(arena.count - start)))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private mutating func matches(
        _ step: CompiledStep, element: Int32, uri: UnsafePointer<xmlChar>?, attributes: Attributes
    ) -> Bool {
        if step.name >= 0, step.name != element { return false }
        if step.namespace >= 0, !namespaceMatches(literals[Int(step.namespace)], uri) { return false }
        for index in step.predicates {
            let predicate = predicates[Int(index)]
            guard let value = attribute(predicate.name, in: attributes),
                value.elementsEqual(literals[Int(predicate.value)])
            else {
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

    /// How many names paths use.
    var count: Int { names.count }

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
